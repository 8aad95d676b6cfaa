/**
 * The fast encoders of values clients read on every edge: a page's cursors (one secret per token) and
 * DateTime (ISO-8601 from Unix seconds) give exactly what the plain encodings give.
 */
import { describe, expect, it } from 'vitest';
import { cursorEncoder, decodeCursor, encodeCursor } from '../../src/schema/connections/cursor.js';
import { isoStringOfSeconds } from '../../src/schema/scalars.js';

describe('cursors', () => {
  const scope = { list: 'followers', owner: 'alice', key: new Uint8Array(32).fill(7) } as const;

  it.each([
    ['an empty token', ''],
    ['upstream page tokens of every length mod 3', 'CkAKEjE3MDAwMDAwMDBfdXNlcjEyMxIE'],
    ['one more character', 'CkAKEjE3MDAwMDAwMDBfdXNlcjEyMxIEx'],
    ['two more characters', 'CkAKEjE3MDAwMDAwMDBfdXNlcjEyMxIExy'],
    ['quotes and backslashes', 'a"b\\c'],
    ['non-ASCII', 'päge-тoken-页'],
  ])(
    '%s: a page encoder gives the cursors one at a time would (the plain encoding), and they decode',
    (_label, token) => {
      const encode = cursorEncoder(scope);
      for (const skip of [0, 1, 2, 9, 10, 99, 100, 127, 128, 999, 123_456, 2 ** 40 + 3]) {
        const cursor = encode(token, skip);
        expect(cursor).toBe(encodeCursor(scope, { token, skip }));
        expect(decodeCursor(scope, cursor)).toEqual({ token, skip });
      }
    },
  );

  it('the tag of one position does not sign another of the same token', () => {
    const [version, token, , tag] = JSON.parse(
      Buffer.from(encodeCursor(scope, { token: 't', skip: 1 }), 'base64url').toString(),
    ) as [number, string, number, string];
    const moved = Buffer.from(JSON.stringify([version, token, 2, tag])).toString('base64url');
    expect(() => decodeCursor(scope, moved)).toThrow(/for this list/);
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
