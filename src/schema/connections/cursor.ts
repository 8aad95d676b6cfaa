/**
 * Opaque connection cursors. A cursor is the position *after* its edge: the upstream page token to read
 * from plus how many items of that page to skip. The last edge of an exhausted upstream page points at
 * the page's NextCursor with skip 0, so paging on with `endCursor` costs exactly one upstream call.
 * Offset-paged lists use an empty token and the absolute offset as `skip`.
 *
 * A cursor is bound to its list (owner id and list name) by a short hash, so a cursor of one list is
 * refused by any other (alice's followers cursor on bob's followers, or on alice's following).
 */
import { hash } from 'node:crypto';
import { badUserInput } from '../errors.js';

const VERSION = 2;

/** The lists that have cursors. */
export type ListName = 'followers' | 'following' | 'mutuals' | 'subscribers' | 'subscribed';

/** One list: whose (a user or an official account id) and which. */
export interface CursorScope {
  list: ListName;
  owner: string;
}

export interface CursorPosition {
  token: string;
  skip: number;
}

export const START: CursorPosition = { token: '', skip: 0 };

/** First 8 characters of the base64url SHA-256 of (list, owner). */
export function scopeTag(scope: CursorScope): string {
  return hash('sha256', `${scope.list}\u0000${scope.owner}`, 'base64url').slice(0, 8);
}

export function encodeCursor(scope: CursorScope, position: CursorPosition): string {
  return cursorEncoder(scope)(position.token, position.skip);
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
 * Encodes cursors of one list, hashing the list's tag once (on first use) for all of them. The cursors
 * of one page share everything but the skip: that shared start is encoded once per token (base64 of a
 * whole number of 3-byte groups), and only the few characters after it per cursor.
 */
export function cursorEncoder(scope: CursorScope): (token: string, skip: number) => string {
  let tag: string | undefined;
  const starts = new Map<string, { encoded: string; rest: string } | null>();
  return (token, skip) => {
    tag ??= scopeTag(scope);
    let start = starts.get(token);
    if (start === undefined) {
      const text = `${JSON.stringify([VERSION, tag, token]).slice(0, -1)},`;
      const cut = text.length - (text.length % 3);
      start = ASCII.test(text)
        ? { encoded: Buffer.from(text.slice(0, cut)).toString('base64url'), rest: text.slice(cut) }
        : null;
      starts.set(token, start);
    }
    if (!start) return Buffer.from(JSON.stringify([VERSION, tag, token, skip])).toString('base64url');
    return start.encoded + asciiBase64url(`${start.rest}${skip}]`);
  };
}

export function decodeCursor(scope: CursorScope, cursor: string, argument = 'after'): CursorPosition {
  let parsed: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('not base64url');
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badUserInput(`\`${argument}\` is not a valid cursor.`, argument);
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 4 ||
    parsed[0] !== VERSION ||
    parsed[1] !== scopeTag(scope) ||
    typeof parsed[2] !== 'string' ||
    !Number.isSafeInteger(parsed[3]) ||
    parsed[3] < 0
  ) {
    throw badUserInput(`\`${argument}\` is not a valid cursor for this list.`, argument);
  }
  return { token: parsed[2], skip: parsed[3] };
}
