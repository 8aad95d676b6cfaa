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
import { createHmac, hash, timingSafeEqual } from 'node:crypto';
import { badUserInput } from '../errors.js';

const VERSION = 3;
/** base64url characters of the tag kept in a cursor (128 bits and a little more). */
const TAG_CHARS = 22;
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

/**
 * The secret the cursors of one list and token are signed with: the HMAC of both under the cursor key.
 * A page's cursors share it, so each costs one plain hash rather than an HMAC.
 */
function tokenSecret(scope: CursorScope, listText: string, token: string): string {
  return createHmac('sha256', scope.key).update(`${listText}\u0000${token}`).digest('hex');
}

/**
 * The tag of one position: SHA-256 of the token's secret and the skip, truncated to 128 bits (so its
 * state is unknown and it cannot be extended), base64url.
 */
function tagOf(secret: string, skip: number): string {
  return hash('sha256', `${secret}\u0000${skip}`, 'base64url').slice(0, TAG_CHARS);
}

function encode(token: string, skip: number, tag: string): string {
  return Buffer.from(JSON.stringify([VERSION, token, skip, tag])).toString('base64url');
}

export function encodeCursor(scope: CursorScope, position: CursorPosition): string {
  return cursorEncoder(scope)(position.token, position.skip);
}

/** Encodes cursors of one list (a page's edges), working out each token's secret once for all of them. */
export function cursorEncoder(scope: CursorScope): (token: string, skip: number) => string {
  let listText: string | undefined;
  const secrets = new Map<string, string>();
  return (token, skip) => {
    listText ??= scopeText(scope);
    let secret = secrets.get(token);
    if (secret === undefined) {
      secret = tokenSecret(scope, listText, token);
      secrets.set(token, secret);
    }
    return encode(token, skip, tagOf(secret, skip));
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
  const expected = Buffer.from(tagOf(tokenSecret(scope, scopeText(scope), position.token), position.skip));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw refused();
  return position;
}
