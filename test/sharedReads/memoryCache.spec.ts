/**
 * The in-process cache (src/sharedReads/memoryCache.ts) and CACHE=off (generations.ts): scope
 * generations (a value counts only while its scope is at the generation its read started under, and is
 * stored only if its scope is still there), per-entry TTLs and the LRU bound.
 *
 * Generations are opaque (cache.ts): these tests assert only how they relate (the same for every key of a
 * scope, unchanged by reads, a new and later one after each invalidation; the batcher and the page reads
 * compare them with `>=`), never their values.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SharedCache } from '../../src/sharedReads/cache.js';
import { GenerationsOnly } from '../../src/sharedReads/generations.js';
import { MemoryCache } from '../../src/sharedReads/memoryCache.js';
import { expectUsable, MINUTE, readOne, readThrough, ref, writeOne } from '../support/cacheOps.js';

afterEach(() => {
  vi.restoreAllMocks();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Drives lru-cache's clock (performance.now) by hand. lru-cache reuses a clock reading for up to
 * 1 ms of real time, so each step also lets real time pass.
 */
function manualClock() {
  let now = performance.now();
  vi.spyOn(performance, 'now').mockImplementation(() => now);
  return async (ms: number) => {
    now += ms;
    await sleep(5);
  };
}

describe('MemoryCache: generations', () => {
  it('a scope gets a generation on its first read and keeps it; a value written under it is served', async () => {
    const cache = new MemoryCache({ maxEntries: 100, maxTtlMs: MINUTE });
    const first = await readOne(cache, ref('k'));
    expect(first.value).toBeUndefined();
    expectUsable(first.gen);
    // Reads do not move a scope on.
    expect(await readOne(cache, ref('k'))).toEqual({ value: undefined, gen: first.gen });
    await readThrough(cache, ref('k'), { n: 1 });
    expect(await readOne(cache, ref('k'))).toEqual({ value: { n: 1 }, gen: first.gen });
  });

  it('invalidating a scope drops every value in it, and only those; its keys share its new generation', async () => {
    const cache = new MemoryCache({ maxEntries: 100, maxTtlMs: MINUTE });
    const refs = [ref('a', 'shared'), ref('b', 'shared'), ref('c', 'other')];
    const before = await cache.read(refs);
    expect(before[0]?.gen).toBe(before[1]?.gen);
    await readThrough(cache, refs[0]!, 'A');
    await readThrough(cache, refs[1]!, 'B');
    await readThrough(cache, refs[2]!, 'C');
    expect((await cache.read(refs)).map((v) => v.value)).toEqual(['A', 'B', 'C']);

    await cache.invalidate(['shared']);
    const after = await cache.read(refs);
    expect(after.map((v) => v.value)).toEqual([undefined, undefined, 'C']);
    expect(after[0]?.gen).toBe(after[1]?.gen);
    expect(after[0]!.gen).toBeGreaterThan(before[0]!.gen);
    expect(after[2]?.gen).toBe(before[2]?.gen);

    // A read started after the invalidation stores under the new generation, and that one is served.
    await readThrough(cache, refs[0]!, 'A2');
    expect(await readOne(cache, refs[0]!)).toEqual({ value: 'A2', gen: after[0]?.gen });
  });

  it('a value read before an invalidation and written after it is dropped (a read in flight during a write)', async () => {
    const cache = new MemoryCache({ maxEntries: 100, maxTtlMs: MINUTE });
    const r = ref('counts:alice', 'counts:alice');
    // A read starts: a miss.
    const { gen } = await readOne(cache, r);
    // A write lands while the read is upstream.
    await cache.invalidate([r.scope]);
    // The read's (stale) answer arrives, under the generation its read started with.
    await writeOne(cache, r, gen, 'stale');
    const now = await readOne(cache, r);
    expect(now.value).toBeUndefined();
    expect(now.gen).not.toBe(gen);
    // A read started after the write stores under the new generation, and that one is served.
    await readThrough(cache, r, 'fresh');
    expect(await readOne(cache, r)).toEqual({ value: 'fresh', gen: now.gen });
  });

  it('a late answer of a read started before an invalidation does not overwrite a newer value', async () => {
    const cache = new MemoryCache({ maxEntries: 100, maxTtlMs: MINUTE });
    const r = ref('counts:alice', 'counts:alice');
    // A slow read starts.
    const { gen: old } = await readOne(cache, r);
    await cache.invalidate([r.scope]);
    // A read started after the change answers first and is cached.
    await readThrough(cache, r, 'fresh');
    // The slow read's answer arrives last.
    await writeOne(cache, r, old, 'stale');
    expect((await readOne(cache, r)).value).toBe('fresh');
  });

  it('each invalidation moves a scope on once to a later generation, however often it is named', async () => {
    const cache = new MemoryCache({ maxEntries: 100, maxTtlMs: MINUTE });
    const r = ref('k', 's');
    const g0 = (await readOne(cache, r)).gen;
    await cache.invalidate(['s', 's', 's']);
    const g1 = (await readOne(cache, r)).gen;
    expectUsable(g1);
    expect(g1).toBeGreaterThan(g0);
    // Once: a value written under the generation the invalidation gave is current.
    await writeOne(cache, r, g1, 'v');
    expect(await readOne(cache, r)).toEqual({ value: 'v', gen: g1 });
    await cache.invalidate(['s']);
    const g2 = (await readOne(cache, r)).gen;
    expect(g2).toBeGreaterThan(g1);
    await cache.invalidate([]);
    expect((await readOne(cache, r)).gen).toBe(g2);
  });

  it('a write whose scope has no generation (never read, or forgotten) is dropped', async () => {
    const cache = new MemoryCache({ maxEntries: 100, maxTtlMs: MINUTE });
    const { gen } = await readOne(cache, ref('x', 'seen'));
    await writeOne(cache, ref('k', 'never-read'), gen, 'v');
    expect((await readOne(cache, ref('k', 'never-read'))).value).toBeUndefined();
  });

  it('close() forgets values', async () => {
    const cache = new MemoryCache({ maxEntries: 100, maxTtlMs: MINUTE });
    await readThrough(cache, ref('k'), 'v');
    expect((await readOne(cache, ref('k'))).value).toBe('v');
    await cache.close();
    expect((await readOne(cache, ref('k'))).value).toBeUndefined();
  });
});

describe('MemoryCache: TTL', () => {
  it('a value expires after its own TTL; a longer-lived neighbour stays', async () => {
    const advance = manualClock();
    const cache = new MemoryCache({ maxEntries: 100, maxTtlMs: MINUTE });
    await readThrough(cache, ref('short'), 'S', 1_000);
    await readThrough(cache, ref('long'), 'L', MINUTE);
    await advance(999);
    expect((await readOne(cache, ref('short'))).value).toBe('S');
    await advance(2);
    expect((await readOne(cache, ref('short'))).value).toBeUndefined();
    expect((await readOne(cache, ref('long'))).value).toBe('L');
    await advance(MINUTE);
    expect((await readOne(cache, ref('long'))).value).toBeUndefined();
  });

  it('with real time: a value with a short TTL is gone once it has passed', async () => {
    const cache = new MemoryCache({ maxEntries: 100, maxTtlMs: MINUTE });
    await readThrough(cache, ref('short'), 'S', 30);
    await readThrough(cache, ref('long'), 'L', MINUTE);
    await sleep(150);
    expect((await readOne(cache, ref('short'))).value).toBeUndefined();
    expect((await readOne(cache, ref('long'))).value).toBe('L');
  });

  // The first design forgot a generation 2 x maxTtlMs after the invalidation that set it and counted the
  // next one up from 0 again: a value written just before that outlived it was revived by the next
  // invalidation.
  it('a value that outlives its forgotten generation is a miss, and the next invalidation does not revive it', async () => {
    const advance = manualClock();
    const cache = new MemoryCache({ maxEntries: 100, maxTtlMs: 1_000 });
    const r = ref('k', 's');
    await readOne(cache, r); // the first read makes a generation, remembered for 2 s
    await advance(1_900);
    await readThrough(cache, r, 'before the change', 1_000); // alive for 1 s more
    expect((await readOne(cache, r)).value).toBe('before the change');
    await advance(200); // the generation is forgotten; the value is still alive
    expect((await readOne(cache, r)).value).toBeUndefined();
    await cache.invalidate(['s']); // the change: must keep the value stale
    expect((await readOne(cache, r)).value).toBeUndefined();
    // The cache works again for reads started now.
    await readThrough(cache, r, 'after the change', 1_000);
    expect((await readOne(cache, r)).value).toBe('after the change');
  });
});

describe('MemoryCache: LRU bound', () => {
  it('holds at most maxEntries values, dropping the least recently used', async () => {
    const cache = new MemoryCache({ maxEntries: 3, maxTtlMs: MINUTE });
    // One scope: only the values' own bound is at work.
    const keyed = (k: string) => ref(k, 'one scope');
    for (const k of ['a', 'b', 'c']) await readThrough(cache, keyed(k), k.toUpperCase());
    // Reading `a` makes `b` the least recently used.
    expect((await readOne(cache, keyed('a'))).value).toBe('A');
    await readThrough(cache, keyed('d'), 'D');
    const values = await cache.read(['a', 'b', 'c', 'd'].map(keyed));
    expect(values.map((v) => v.value)).toEqual(['A', undefined, 'C', 'D']);
  });

  // Reading a scope without a generation makes one: generations must be bounded more loosely than the
  // values, or reading an evicted key would push out the generation of a value still kept.
  it('with one scope per key, every value the LRU keeps is served', async () => {
    const cache = new MemoryCache({ maxEntries: 3, maxTtlMs: MINUTE });
    for (const k of ['a', 'b', 'c']) await readThrough(cache, ref(k), k.toUpperCase());
    expect((await readOne(cache, ref('a'))).value).toBe('A');
    await readThrough(cache, ref('d'), 'D');
    const values = await cache.read([ref('a'), ref('b'), ref('c'), ref('d')]);
    expect(values.map((v) => v.value)).toEqual(['A', undefined, 'C', 'D']);
  });

  // The first design kept generations in an LRU of their own and read a forgotten one as 0: after many
  // other scopes changed, a scope's generation was evicted and a value written under 0 (before the
  // change) was served again.
  it('evicting generations never revives a value that an invalidation made stale', async () => {
    const cache = new MemoryCache({ maxEntries: 2, maxTtlMs: MINUTE });
    const r = ref('k', 's');
    await readThrough(cache, r, 'before the change');
    expect((await readOne(cache, r)).value).toBe('before the change');
    await cache.invalidate(['s']);
    expect((await readOne(cache, r)).value).toBeUndefined();
    // Other traffic: many other scopes change.
    await cache.invalidate(Array.from({ length: 8 }, (_, i) => `other-${i}`));
    expect((await readOne(cache, r)).value).toBeUndefined();
    await cache.invalidate(['s']);
    expect((await readOne(cache, r)).value).toBeUndefined();
    // Reads started now are cached again.
    await readThrough(cache, r, 'after the change');
    expect((await readOne(cache, r)).value).toBe('after the change');
  });
});

describe('GenerationsOnly (CACHE=off)', () => {
  it('stores nothing, but keeps generations for reads in flight', async () => {
    const cache: SharedCache = new GenerationsOnly();
    const s0 = await readOne(cache, ref('k', 's'));
    expect(s0.value).toBeUndefined();
    expectUsable(s0.gen);
    const other0 = (await readOne(cache, ref('j', 'other'))).gen;
    await writeOne(cache, ref('k', 's'), s0.gen, 'v');
    expect(await readOne(cache, ref('k', 's'))).toEqual({ value: undefined, gen: s0.gen });

    await cache.invalidate(['s', 's']);
    const s1 = (await readOne(cache, ref('k', 's'))).gen;
    expect(s1).toBeGreaterThan(s0.gen);
    expect(await readOne(cache, ref('k2', 's'))).toEqual({ value: undefined, gen: s1 });
    expect(await readOne(cache, ref('j', 'other'))).toEqual({ value: undefined, gen: other0 });
    await writeOne(cache, ref('k', 's'), s1, 'v');
    expect((await readOne(cache, ref('k', 's'))).value).toBeUndefined();
  });
});
