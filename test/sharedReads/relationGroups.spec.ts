/**
 * Grouping relation pairs into follow_check calls (src/sharedReads/relationGroups.ts): greedily by the
 * id most pairs share, so one viewer's page is one call from the viewer and many viewers' relations to
 * one popular user are one call from that user; never more than the per-call limit.
 */
import { describe, expect, it } from 'vitest';
import { groupPairs, type RelationCall } from '../../src/sharedReads/relationGroups.js';

type Pair = readonly [string, string];

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** Every pair is asked exactly once (in either direction), and no call asks anything else. */
function expectCoversExactly(calls: RelationCall[], pairs: readonly Pair[], maxPerCall: number) {
  const wanted = pairs.map(([a, b]) => key(a, b)).sort();
  const asked = calls.flatMap((call) => call.to.map((to) => key(call.from, to))).sort();
  expect(asked).toEqual(wanted);
  for (const call of calls) {
    expect(call.to.length).toBeGreaterThan(0);
    expect(call.to.length).toBeLessThanOrEqual(maxPerCall);
  }
}

describe('groupPairs', () => {
  it('one viewer and a page of users: one call from the viewer', () => {
    const pairs = ids('u', 20).map((u) => ['viewer', u] as const);
    const calls = groupPairs(pairs, 100);
    expect(calls).toEqual([{ from: 'viewer', to: ids('u', 20) }]);
  });

  it('the viewer is found whichever side of the pair it is on', () => {
    const pairs: Pair[] = ids('u', 10).map((u, i) => (i % 2 === 0 ? [u, 'viewer'] : ['viewer', u]));
    const calls = groupPairs(pairs, 100);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.from).toBe('viewer');
    expectCoversExactly(calls, pairs, 100);
  });

  it('many viewers and one popular user: one call from the popular user', () => {
    const viewers = ids('v', 60);
    const pairs = viewers.map((v) => [v, 'popular'] as const);
    const calls = groupPairs(pairs, 100);
    expect(calls).toEqual([{ from: 'popular', to: viewers }]);
  });

  it('more than the limit: chunks of at most 100, in order', () => {
    const users = ids('u', 250);
    const pairs = users.map((u) => ['viewer', u] as const);
    const calls = groupPairs(pairs, 100);
    expect(calls.map((c) => c.from)).toEqual(['viewer', 'viewer', 'viewer']);
    expect(calls.map((c) => c.to.length)).toEqual([100, 100, 50]);
    expect(calls.flatMap((c) => c.to)).toEqual(users);
  });

  it('a feed mix: the popular user first, then each viewer with what is left', () => {
    // Three viewers each look at a page of 5 users, all three also see `star`.
    const pairs: Pair[] = [];
    for (const viewer of ['v1', 'v2', 'v3']) {
      for (const u of ids(`${viewer}-u`, 5)) pairs.push([viewer, u]);
      pairs.push([viewer, 'star']);
    }
    const calls = groupPairs(pairs, 100);
    // Each viewer shares 6 pairs; star shares 3: the viewers win, star's pairs go with them.
    expect(calls).toHaveLength(3);
    expect(calls.map((c) => c.from).sort()).toEqual(['v1', 'v2', 'v3']);
    expectCoversExactly(calls, pairs, 100);

    // With many viewers of one star, the star takes its pairs in one call.
    const crowd: Pair[] = ids('fan', 40).map((f) => [f, 'star']);
    crowd.push(['fan1', 'x'], ['fan2', 'y']);
    const crowdCalls = groupPairs(crowd, 100);
    expect(crowdCalls[0]).toEqual({ from: 'star', to: ids('fan', 40) });
    expect(crowdCalls).toHaveLength(3);
    expectCoversExactly(crowdCalls, crowd, 100);
  });

  it('unrelated pairs: one call each; nothing for no pairs', () => {
    const pairs: Pair[] = [
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
    ];
    const calls = groupPairs(pairs, 100);
    expect(calls).toHaveLength(3);
    expectCoversExactly(calls, pairs, 100);
    expect(groupPairs([], 100)).toEqual([]);
  });

  it('a random graph: every pair exactly once, within the limit, far fewer calls than pairs', () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const users = ids('u', 30);
    const seen = new Set<string>();
    const pairs: Pair[] = [];
    while (pairs.length < 300) {
      const a = users[Math.floor(rnd() * users.length)] as string;
      const b = users[Math.floor(rnd() * users.length)] as string;
      if (a === b || seen.has(key(a, b))) continue;
      seen.add(key(a, b));
      pairs.push([a, b]);
    }
    const calls = groupPairs(pairs, 7);
    expectCoversExactly(calls, pairs, 7);
    expect(calls.length).toBeLessThan(pairs.length / 3);
  });
});
