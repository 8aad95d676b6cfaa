/**
 * Opaque connection cursors. A cursor is the position *after* its edge: the upstream page token to read
 * from plus how many items of that page to skip. The last edge of an exhausted upstream page points at
 * the page's NextCursor with skip 0, so paging on with `endCursor` costs exactly one upstream call.
 * Offset-paged lists use an empty token and the absolute offset as `skip`.
 *
 * A cursor is signed with the server's cursor key (CURSOR_SIGNING_KEY, by default derived from the
 * Tencent secret key) over the list, its owner, its variant, the token and the skip. So a cursor of one
 * list is refused by any other (alice's followers cursor on bob's followers, or on alice's following),
 * and a token a client made up never reaches upstream: only tokens this server handed out do.
 */
import { createCipheriv, createHmac, timingSafeEqual } from 'node:crypto';
import { badUserInput } from '../errors.js';

const VERSION = 3;
/** Longer `after` values are refused before decoding (upstream tokens are short). */
export const MAX_CURSOR_LENGTH = 2048;

/** The lists that have cursors. */
export type ListName =
  | 'followers'
  | 'following'
  | 'mutuals'
  | 'subscribers'
  | 'subscribed'
  | 'knownFollowers';

/** One list: whose (a user or an official account id) and which, and the key that signs its cursors. */
export interface CursorScope {
  list: ListName;
  owner: string;
  /** Sets a list apart further: a filter, or whose view it is (knownFollowers: the viewer). */
  variant?: string;
  /** The server's cursor signing key (SchemaSettings.cursorKey). */
  key: Uint8Array;
}

export interface CursorPosition {
  token: string;
  skip: number;
}

export const START: CursorPosition = { token: '', skip: 0 };

/** The list's part of what is signed: the same for every cursor of a page. */
function scopeText(scope: CursorScope): string {
  const variant = scope.variant === undefined ? '' : `\u0000${scope.variant}`;
  return `${VERSION}\u0000${scope.list}\u0000${scope.owner}${variant}`;
}

/** Positions whose tags one cipher call makes: a page's edges usually fall in one such block. */
const TAGS_PER_BLOCK = 128;
const BLOCK_BYTES = 16;

/**
 * The tags of one list's cursors with one token. The token's key is the HMAC of the list and the token
 * under the cursor key (truncated to 128 bits); a position's tag is the AES-128 encryption of the
 * position under that key, so unforgeable without it. A page's tags come from one cipher call.
 */
class TokenTags {
  private readonly key: Buffer;
  private readonly blocks = new Map<number, Buffer>();

  constructor(scope: CursorScope, listText: string, token: string) {
    this.key = createHmac('sha256', scope.key)
      .update(`${listText}\u0000${token}`)
      .digest()
      .subarray(0, BLOCK_BYTES);
  }

  tag(skip: number): string {
    const block = Math.floor(skip / TAGS_PER_BLOCK);
    let tags = this.blocks.get(block);
    if (!tags) {
      tags = encryptPositions(this.key, block * TAGS_PER_BLOCK, TAGS_PER_BLOCK);
      this.blocks.set(block, tags);
    }
    const at = (skip % TAGS_PER_BLOCK) * BLOCK_BYTES;
    return tags.toString('base64url', at, at + BLOCK_BYTES);
  }

  /** One position's tag alone (decoding one cursor). */
  only(skip: number): string {
    return encryptPositions(this.key, skip, 1).toString('base64url');
  }
}

/** AES-128-ECB of `count` blocks, each holding one position (a safe integer) in its last 8 bytes. */
function encryptPositions(key: Buffer, first: number, count: number): Buffer {
  const blocks = Buffer.alloc(count * BLOCK_BYTES);
  for (let i = 0; i < count; i++) {
    const position = first + i;
    blocks.writeUInt32BE(Math.floor(position / 2 ** 32), i * BLOCK_BYTES + 8);
    blocks.writeUInt32BE(position % 2 ** 32, i * BLOCK_BYTES + 12);
  }
  const cipher = createCipheriv('aes-128-ecb', key, null).setAutoPadding(false);
  return Buffer.concat([cipher.update(blocks), cipher.final()]);
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url (unpadded) of an ASCII string: for the few characters that end a cursor. */
function asciiBase64url(text: string): string {
  let out = '';
  let i = 0;
  for (; i + 2 < text.length; i += 3) {
    const v = (text.charCodeAt(i) << 16) | (text.charCodeAt(i + 1) << 8) | text.charCodeAt(i + 2);
    out += `${BASE64URL[v >> 18]}${BASE64URL[(v >> 12) & 63]}${BASE64URL[(v >> 6) & 63]}${BASE64URL[v & 63]}`;
  }
  const left = text.length - i;
  if (left > 0) {
    const v = (text.charCodeAt(i) << 16) | (left === 2 ? text.charCodeAt(i + 1) << 8 : 0);
    out += `${BASE64URL[v >> 18]}${BASE64URL[(v >> 12) & 63]}${left === 2 ? BASE64URL[(v >> 6) & 63] : ''}`;
  }
  return out;
}

const ASCII = /^\p{ASCII}*$/u;

/**
 * The cursors of one token, base64url of `[VERSION, token, skip, tag]`. They share their start: it is
 * encoded once (a whole number of 3-byte groups), and only the characters after it per cursor.
 */
class TokenCursors {
  readonly tags: TokenTags;
  private readonly encodedStart: string | undefined;
  private readonly rest: string;

  constructor(
    scope: CursorScope,
    listText: string,
    private readonly token: string,
  ) {
    this.tags = new TokenTags(scope, listText, token);
    const start = `[${VERSION},${JSON.stringify(token)},`;
    const cut = start.length - (start.length % 3);
    this.encodedStart = ASCII.test(start)
      ? Buffer.from(start.slice(0, cut)).toString('base64url')
      : undefined;
    this.rest = start.slice(cut);
  }

  at(skip: number): string {
    const tag = this.tags.tag(skip);
    if (this.encodedStart === undefined) return encode(this.token, skip, tag);
    return this.encodedStart + asciiBase64url(`${this.rest}${skip},"${tag}"]`);
  }
}

function encode(token: string, skip: number, tag: string): string {
  return Buffer.from(JSON.stringify([VERSION, token, skip, tag])).toString('base64url');
}

export function encodeCursor(scope: CursorScope, position: CursorPosition): string {
  const { token, skip } = position;
  return encode(token, skip, new TokenTags(scope, scopeText(scope), token).only(skip));
}

/** Encodes cursors of one list (a page's edges), keying each token once for all of them. */
export function cursorEncoder(scope: CursorScope): (token: string, skip: number) => string {
  let listText: string | undefined;
  const tokens = new Map<string, TokenCursors>();
  return (token, skip) => {
    listText ??= scopeText(scope);
    let cursors = tokens.get(token);
    if (cursors === undefined) {
      cursors = new TokenCursors(scope, listText, token);
      tokens.set(token, cursors);
    }
    return cursors.at(skip);
  };
}

export function decodeCursor(scope: CursorScope, cursor: string, argument = 'after'): CursorPosition {
  let parsed: unknown;
  try {
    if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor))
      throw new Error('not a cursor');
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badUserInput(`\`${argument}\` is not a valid cursor.`, argument);
  }
  const refused = () => badUserInput(`\`${argument}\` is not a valid cursor for this list.`, argument);
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 4 ||
    parsed[0] !== VERSION ||
    typeof parsed[1] !== 'string' ||
    !Number.isSafeInteger(parsed[2]) ||
    parsed[2] < 0 ||
    typeof parsed[3] !== 'string'
  ) {
    throw refused();
  }
  const position = { token: parsed[1], skip: parsed[2] as number };
  const given = Buffer.from(parsed[3]);
  const expected = Buffer.from(new TokenTags(scope, scopeText(scope), position.token).only(position.skip));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw refused();
  return position;
}
