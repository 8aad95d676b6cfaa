import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, SortedList } from '../../src/emulator/sortedList.js';

describe('SortedList', () => {
  it('matches a reference model under random adds, removes and cursor pages', () => {
    let state = 42;
    const rnd = () => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state / 2 ** 31;
    };
    const list = new SortedList();
    const model = new Map<string, { time: number; seq: number }>();
    for (let seq = 1; seq <= 3000; seq++) {
      const id = `u${Math.floor(rnd() * 800)}`;
      if (rnd() < 0.3) {
        expect(Boolean(list.remove(id))).toBe(model.delete(id));
      } else {
        const time = 1000 + Math.floor(rnd() * 50); // many equal times: seq breaks ties
        expect(list.add(id, time, seq)).toBe(!model.has(id));
        if (!model.has(id)) model.set(id, { time, seq });
      }
    }
    const expected = [...model.entries()]
      .sort(([, a], [, b]) => b.time - a.time || b.seq - a.seq)
      .map(([id]) => id);
    expect(list.size).toBe(model.size);
    const got: string[] = [];
    let cursor = '';
    do {
      const key = decodeCursor(cursor);
      expect(key).not.toBeNull();
      const page = list.pageDesc(key ?? undefined, 37);
      got.push(...page.items.map((e) => e.id));
      const last = page.items[page.items.length - 1];
      cursor = page.more && last ? encodeCursor(last) : '';
    } while (cursor !== '');
    expect(got).toEqual(expected);
  });

  it('rejects cursors that do not decode', () => {
    expect(decodeCursor('')).toBeUndefined();
    for (const bad of [
      '!!',
      'abc',
      Buffer.from('{"v":2,"t":1,"s":1}').toString('base64url'),
      'x'.repeat(300),
    ]) {
      expect(decodeCursor(bad)).toBeNull();
    }
  });
});
