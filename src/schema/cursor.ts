/**
 * Opaque connection cursors. A cursor is the position *after* its edge: the upstream page token to read
 * from plus how many items of that page to skip. The last edge of an exhausted upstream page points at
 * the page's NextCursor with skip 0, so paging on with `endCursor` costs exactly one upstream call.
 * Offset-paged lists use an empty token and the absolute offset as `skip`.
 */
import { badUserInput } from './errors.js';

const VERSION = 1;

/** Which list a cursor belongs to; a cursor from one kind of list is refused by another. */
export type CursorKind = 'follow' | 'subscriber' | 'subscribed';

export interface CursorPosition {
  token: string;
  skip: number;
}

export const START: CursorPosition = { token: '', skip: 0 };

export function encodeCursor(kind: CursorKind, position: CursorPosition): string {
  return Buffer.from(JSON.stringify([VERSION, kind, position.token, position.skip])).toString('base64url');
}

export function decodeCursor(kind: CursorKind, cursor: string, argument = 'after'): CursorPosition {
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
    parsed[1] !== kind ||
    typeof parsed[2] !== 'string' ||
    !Number.isSafeInteger(parsed[3]) ||
    parsed[3] < 0
  ) {
    throw badUserInput(`\`${argument}\` is not a valid cursor for this list.`, argument);
  }
  return { token: parsed[2], skip: parsed[3] };
}
