/**
 * The fast encoders of values clients read on every edge: cursors (base64url of a JSON array) and
 * DateTime (ISO-8601 from Unix seconds) give exactly what the plain encodings give.
 */
import { describe, expect, it } from 'vitest';
import { cursorEncoder, decodeCursor, scopeTag } from '../../src/schema/connections/cursor.js';
import { isoStringOfSeconds } from '../../src/schema/scalars.js';

describe('cursors', () => {
  const scope = { list: 'followers', owner: 'alice' } as const;
  const plain = (token: string, skip: number) =>
    Buffer.from(JSON.stringify([2, scopeTag(scope), token, skip])).toString('base64url');

  it.each([
    ['an empty token', ''],
    ['upstream page tokens of every length mod 3', 'CkAKEjE3MDAwMDAwMDBfdXNlcjEyMxIE'],
    ['one more character', 'CkAKEjE3MDAwMDAwMDBfdXNlcjEyMxIEx'],
    ['two more characters', 'CkAKEjE3MDAwMDAwMDBfdXNlcjEyMxIExy'],
    ['quotes and backslashes', 'a"b\\c'],
    ['non-ASCII', 'päge-тoken-页'],
  ])('%s: the same cursors as the plain encoding, and they decode', (_label, token) => {
    const encode = cursorEncoder(scope);
    for (const skip of [0, 1, 2, 9, 10, 99, 100, 999, 1000, 123_456]) {
      const cursor = encode(token, skip);
      expect(cursor).toBe(plain(token, skip));
      expect(decodeCursor(scope, cursor)).toEqual({ token, skip });
    }
  });
});

describe('DateTime from Unix seconds', () => {
  it('matches Date#toISOString at the edges of days, months, leap years and the range', () => {
    const samples = [
      0, 59, 60, 3599, 3600, 86_399, 86_400, 951_782_399, 951_782_400, 951_868_800, 1_709_164_800,
      1_709_251_199, 4_107_542_400, 253_402_300_799,
    ];
    for (let i = 0; i < 2000; i++) samples.push(Math.floor(Math.random() * 253_402_300_800));
    for (const seconds of samples) {
      expect(isoStringOfSeconds(seconds)).toBe(new Date(seconds * 1000).toISOString());
    }
  });

  it('falls back to Date outside whole seconds from 1970 to 9999', () => {
    for (const seconds of [-1, 1.5, 253_402_300_800, -62_167_219_200]) {
      expect(isoStringOfSeconds(seconds)).toBe(new Date(seconds * 1000).toISOString());
    }
  });
});
