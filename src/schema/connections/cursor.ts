/**
 * Opaque connection cursors. A cursor is the position *after* its edge: the upstream page token to read
 * from plus how many items of that page to skip. The last edge of an exhausted upstream page points at
 * the page's NextCursor with skip 0, so paging on with `endCursor` costs exactly one upstream call.
 * Offset-paged lists use an empty token and the absolute offset as `skip`.
 *
 * A cursor is bound to its list (owner id and list name) by a short hash, so a cursor of one list is
 * refused by any other (alice's followers cursor on bob's followers, or on alice's following).
 */
import { createHash } from 'node:crypto';
import { badUserInput } from '../errors.js';

const VERSION = 2;

/** The lists that have cursors. */
export type ListName =
  | 'followers'
  | 'following'
  | 'mutuals'
  | 'subscribers'
  | 'subscribed'
  | 'knownFollowers';

/** One list: whose (a user or an official account id) and which. */
export interface CursorScope {
  list: ListName;
  owner: string;
  /** Sets a list apart further: a filter, or whose view it is (knownFollowers: the viewer). */
  variant?: string;
}

export interface CursorPosition {
  token: string;
  skip: number;
}

export const START: CursorPosition = { token: '', skip: 0 };

/** First 8 characters of the base64url SHA-256 of (list, owner[, variant]). */
export function scopeTag(scope: CursorScope): string {
  const variant = scope.variant === undefined ? '' : `\u0000${scope.variant}`;
  return createHash('sha256')
    .update(`${scope.list}\u0000${scope.owner}${variant}`)
    .digest('base64url')
    .slice(0, 8);
}

export function encodeCursor(scope: CursorScope, position: CursorPosition): string {
  return cursorEncoder(scope)(position.token, position.skip);
}

/** Encodes cursors of one list, hashing the list's tag once (on first use) for all of them. */
export function cursorEncoder(scope: CursorScope): (token: string, skip: number) => string {
  let tag: string | undefined;
  return (token, skip) => {
    tag ??= scopeTag(scope);
    return Buffer.from(JSON.stringify([VERSION, tag, token, skip])).toString('base64url');
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
