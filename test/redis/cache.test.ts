/**
 * CACHE=redis (src/redis/cache.ts) against a real redis-server: the same read / write /
 * invalidate semantics as the memory cache, two replicas on one Redis seeing each other's writes and
 * invalidations, and a Redis that has gone away turning reads into misses and writes into no-ops,
 * without failing a request, reported through onError.
 *
 * Generations are opaque (src/sharedReads/cache.ts): these tests assert only how they relate, never
 * their values.
 */
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalEventBus } from '../../src/events/bus.js';
import { RedisCache } from '../../src/redis/cache.js';
import { RedisLink } from '../../src/redis/link.js';
import { createDataPlane } from '../../src/server/dataPlane.js';
import { FailoverCache } from '../../src/sharedReads/failoverCache.js';
import { DEFAULT_SHARED_READS, SharedReads } from '../../src/sharedReads/index.js';
import { expectUsable, MINUTE, readOne, readThrough, ref, writeOne } from '../support/cacheOps.js';
import { FakeChatApi } from '../support/fakeChatApi.js';
import { type RunningRedis, startRedis } from '../support/redis.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The command connection, as the server makes it (src/redis/link.ts), once it is ready. */
async function connect(redis: RunningRedis, links: RedisLink[]): Promise<Redis> {
  const link = new RedisLink(redis.url);
  links.push(link);
  await link.connected;
  expect(link.up).toBe(true);
  return link.commands;
}

let prefixes = 0;
/** A prefix of its own for each test, so tests share the server but no keys. */
const freshPrefix = () => `cfg-test-${process.pid}-${++prefixes}:`;

/** Rejects when `promise` has not settled within `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

describe('RedisCache on a running Redis', () => {
  let server: RunningRedis;
  const links: RedisLink[] = [];
  let redis: Redis;
  let other: Redis;
  const errors: string[] = [];
  const cacheOn = (connection: Redis, prefix: string, maxTtlMs = MINUTE) =>
    new RedisCache(connection, { prefix, maxTtlMs, onError: (operation) => errors.push(operation) });

  beforeAll(async () => {
    server = await startRedis();
    [redis, other] = await Promise.all([connect(server, links), connect(server, links)]);
  });
  afterAll(async () => {
    await Promise.all(links.map((link) => link.close()));
    await server?.stop();
    expect(errors).toEqual([]);
  });

  it('a scope gets a generation on its first read and keeps it; a value written under it is served (JSON round trip)', async () => {
    const cache = cacheOn(redis, freshPrefix());
    const first = await readOne(cache, ref('k'));
    expect(first.value).toBeUndefined();
    expectUsable(first.gen);
    expect(await readOne(cache, ref('k'))).toEqual({ value: undefined, gen: first.gen });
    const value = { FollowerCount: 3, list: ['a', 'b'], nested: { ok: true } };
    await readThrough(cache, ref('k'), value);
    expect(await readOne(cache, ref('k'))).toEqual({ value, gen: first.gen });
    expect(await cache.read([])).toEqual([]);
  });

  it('keys live under the prefix; generations expire after twice the longest TTL', async () => {
    const prefix = freshPrefix();
    const cache = cacheOn(redis, prefix, 5_000);
    const genTtl = async () => redis.pttl(`${prefix}g:s`);
    await readThrough(cache, ref('k', 's'), 'v', 5_000);
    // The generation a read created expires too.
    expect(await genTtl()).toBeGreaterThan(5_000);
    expect(await genTtl()).toBeLessThanOrEqual(10_000);
    const valueTtl = await redis.pttl(`${prefix}v:k`);
    expect(valueTtl).toBeGreaterThan(0);
    expect(valueTtl).toBeLessThanOrEqual(5_000);
    expect(await redis.keys(`${prefix}*`)).toEqual(expect.arrayContaining([`${prefix}g:s`, `${prefix}v:k`]));
    // An invalidation forgets the generation (the value left behind is a miss from now on); the next
    // read makes a new one, which expires too; invalidating a scope never read leaves nothing behind.
    await cache.invalidate(['s', 'never-read']);
    expect(await genTtl()).toBe(-2);
    expect(await redis.exists(`${prefix}g:never-read`)).toBe(0);
    expect((await readOne(cache, ref('k', 's'))).value).toBeUndefined();
    expect(await genTtl()).toBeGreaterThan(5_000);
    expect(await genTtl()).toBeLessThanOrEqual(10_000);
    // Nothing on this server (every test here uses freshPrefix) lies outside a prefix.
    const outside = (await redis.keys('*')).filter((key) => !key.startsWith(`cfg-test-${process.pid}-`));
    expect(outside).toEqual([]);
  });

  it('a value whose generation is unknown (NaN: read while Redis was down), or whose scope has none, is not written', async () => {
    const prefix = freshPrefix();
    const cache = cacheOn(redis, prefix);
    const { gen } = await readOne(cache, ref('known', 's'));
    await cache.write([
      { key: 'unknown', scope: 's', gen: Number.NaN, value: 'x', ttlMs: MINUTE },
      { key: 'unscoped', scope: 'never-read', gen, value: 'z', ttlMs: MINUTE },
      { key: 'known', scope: 's', gen, value: 'y', ttlMs: MINUTE },
    ]);
    expect(await redis.exists(`${prefix}v:unknown`)).toBe(0);
    expect(await redis.exists(`${prefix}v:unscoped`)).toBe(0);
    expect(await redis.exists(`${prefix}v:known`)).toBe(1);
    expect((await readOne(cache, ref('known', 's'))).value).toBe('y');
  });

  it('invalidating a scope drops every value in it, and only those; its keys share its new generation', async () => {
    const cache = cacheOn(redis, freshPrefix());
    const refs = [ref('a', 'shared'), ref('b', 'shared'), ref('c', 'other')];
    const before = await cache.read(refs);
    expect(before[0]?.gen).toBe(before[1]?.gen);
    await readThrough(cache, refs[0]!, 'A');
    await readThrough(cache, refs[1]!, 'B');
    await readThrough(cache, refs[2]!, 'C');
    expect((await cache.read(refs)).map((v) => v.value)).toEqual(['A', 'B', 'C']);

    await cache.invalidate(['shared', 'shared']);
    const after = await cache.read(refs);
    expect(after.map((v) => v.value)).toEqual([undefined, undefined, 'C']);
    expect(after[0]?.gen).toBe(after[1]?.gen);
    expect(after[0]!.gen).toBeGreaterThan(before[0]!.gen);
    expect(after[2]?.gen).toBe(before[2]?.gen);

    await readThrough(cache, refs[0]!, 'A2');
    expect(await readOne(cache, refs[0]!)).toEqual({ value: 'A2', gen: after[0]?.gen });
  });

  it('a value read before an invalidation and written after it is dropped', async () => {
    const prefix = freshPrefix();
    const cache = cacheOn(redis, prefix);
    const r = ref('counts:alice', 'counts:alice');
    const { gen } = await readOne(cache, r);
    await cache.invalidate([r.scope]);
    await writeOne(cache, r, gen, 'stale');
    const now = await readOne(cache, r);
    expect(now.value).toBeUndefined();
    expect(now.gen).toBeGreaterThan(gen);
    // Not stored at all (not merely ignored on read).
    expect(await redis.exists(`${prefix}v:${r.key}`)).toBe(0);
  });

  it('a late answer of a read started before an invalidation does not overwrite a newer value', async () => {
    const cache = cacheOn(redis, freshPrefix());
    const r = ref('counts:alice', 'counts:alice');
    const { gen: old } = await readOne(cache, r);
    await cache.invalidate([r.scope]);
    await readThrough(cache, r, 'fresh');
    await writeOne(cache, r, old, 'stale');
    expect((await readOne(cache, r)).value).toBe('fresh');
  });

  // The first design read a missing generation key as 0 and counted invalidations up from there: once
  // the key expired (or was evicted), a value written before a change could be current again.
  it('a forgotten generation (its key expired or evicted, the counter too) never revives a value', async () => {
    const prefix = freshPrefix();
    const cache = cacheOn(redis, prefix);
    const r = ref('k', 's');
    await readThrough(cache, r, 'before the change');
    const { value, gen: before } = await readOne(cache, r);
    expect(value).toBe('before the change');
    await cache.invalidate(['s']);
    const changed = (await readOne(cache, r)).gen;
    expect(changed).toBeGreaterThan(before);

    // Redis forgets the generation while the value is still stored.
    expect(await redis.del(`${prefix}g:s`)).toBe(1);
    let now = await readOne(cache, r);
    expect(now.value).toBeUndefined();
    expect(now.gen).toBeGreaterThan(changed);
    await cache.invalidate(['s']);
    expect((await readOne(cache, r)).value).toBeUndefined();

    // And again, with the counter lost too: new generations still start from Redis's clock.
    const keys = await redis.keys(`${prefix}*`);
    await redis.del(...keys.filter((key) => key !== `${prefix}v:k`));
    expect(await redis.exists(`${prefix}v:k`)).toBe(1);
    now = await readOne(cache, r);
    expect(now.value).toBeUndefined();
    expect([before, changed]).not.toContain(now.gen);
    await cache.invalidate(['s']);
    expect((await readOne(cache, r)).value).toBeUndefined();

    // Reads started now are cached again.
    await readThrough(cache, r, 'after the change');
    expect((await readOne(cache, r)).value).toBe('after the change');
  });

  it('a value expires after its own TTL; a longer-lived neighbour stays', async () => {
    const cache = cacheOn(redis, freshPrefix());
    await readThrough(cache, ref('short'), 'S', 50);
    await readThrough(cache, ref('long'), 'L', MINUTE);
    await sleep(300);
    expect((await readOne(cache, ref('short'))).value).toBeUndefined();
    expect((await readOne(cache, ref('long'))).value).toBe('L');
  });

  it('two replicas on one Redis: each serves the other’s writes and honours the other’s invalidations', async () => {
    const prefix = freshPrefix();
    const a = cacheOn(redis, prefix);
    const b = cacheOn(other, prefix);
    const r = ref('k', 's');
    // Both replicas meet a new scope at once: they agree on its generation.
    const [[first], [second]] = await Promise.all([a.read([r]), b.read([r])]);
    expectUsable(first!.gen);
    expect(second?.gen).toBe(first?.gen);

    await readThrough(a, r, 'from a');
    expect(await readOne(b, r)).toEqual({ value: 'from a', gen: first?.gen });

    // Replica b learns of a change: replica a stops serving the old value at once.
    await b.invalidate(['s']);
    const changed = await readOne(a, r);
    expect(changed.value).toBeUndefined();
    expect(changed.gen).toBeGreaterThan(first!.gen);
    expect((await readOne(b, r)).gen).toBe(changed.gen);
    // A read replica a started before the change cannot make its answer current again.
    await writeOne(a, r, first!.gen, 'stale from a');
    expect((await readOne(b, r)).value).toBeUndefined();
    await readThrough(b, r, 'from b');
    expect((await readOne(a, r)).value).toBe('from b');
    // Nor overwrite the newer value.
    await writeOne(a, r, first!.gen, 'stale from a');
    expect((await readOne(b, r)).value).toBe('from b');
  });

  it('two replicas’ SharedReads: a write through one replica’s view is seen by the other’s next read', async () => {
    const prefix = freshPrefix();
    // Both replicas front the same upstream; each has its own process-local bus.
    const fake = new FakeChatApi();
    fake.graph.addUsers('alice', 'bob', 'carol').follow('alice', 'bob');
    const replica = (connection: Redis) =>
      new SharedReads(fake, {
        cache: cacheOn(connection, prefix),
        ttl: DEFAULT_SHARED_READS.ttl,
        batching: true,
        windowMs: 1,
        bus: new LocalEventBus(),
      });
    const one = replica(redis).view();
    const two = replica(other).view();
    const followers = async (view: typeof one) => (await view.followGetInfo(['bob']))[0]?.FollowerCount;

    expect(await followers(one)).toBe(1);
    expect(await followers(two)).toBe(1);
    expect(fake.count('follow/follow_get_info')).toBe(1);

    await one.followAdd('carol', ['bob']);
    expect(await followers(two)).toBe(2);
    expect(await followers(one)).toBe(2);
    expect(fake.count('follow/follow_get_info')).toBe(2);
  });

  it('a data plane with CACHE=redis caches in Redis (with a memory cache to fall back on), and needs a connection', async () => {
    const link = new RedisLink(server.url);
    await link.connected;
    try {
      const plane = createDataPlane({ settings: { ...DEFAULT_SHARED_READS, cache: 'redis' }, redis: link });
      expect(plane.cache).toBeInstanceOf(FailoverCache);
      expect(plane.cache.store).toBe('redis');
      expect((plane.cache as FailoverCache).usingRedis).toBe(true);
    } finally {
      await link.close();
    }
    expect(() => createDataPlane({ settings: { ...DEFAULT_SHARED_READS, cache: 'redis' } })).toThrow(
      /redis/i,
    );
  });
});

describe('RedisCache when Redis has gone away', () => {
  let server: RunningRedis;
  const links: RedisLink[] = [];
  let redis: Redis;
  const errors: { operation: string; error: unknown }[] = [];
  let cache: RedisCache;
  /** The generation of scope `s` read while Redis was up (a read in flight across the outage). */
  let genBefore: number;

  beforeAll(async () => {
    server = await startRedis();
    redis = await connect(server, links);
    cache = new RedisCache(redis, {
      prefix: freshPrefix(),
      maxTtlMs: MINUTE,
      onError: (operation, error) => errors.push({ operation, error }),
    });
    // Cached while Redis was up.
    await readThrough(cache, ref('k', 's'), 'cached');
    const before = await readOne(cache, ref('k', 's'));
    expect(before.value).toBe('cached');
    genBefore = before.gen;
    await server.stop();
    // Wait until the client has noticed (bounded).
    const deadline = Date.now() + 10_000;
    while (redis.status === 'ready' && Date.now() < deadline) await sleep(20);
    expect(redis.status).not.toBe('ready');
  });
  afterAll(async () => {
    await Promise.all(links.map((link) => link.close()));
    await server?.stop();
  });

  it('reads are misses, not failures, and are reported through onError', async () => {
    errors.length = 0;
    const values = await within(cache.read([ref('k', 's'), ref('j', 't')]), 5_000, 'read');
    expect(values.map((v) => v.value)).toEqual([undefined, undefined]);
    // Unknown generations: their answers must not be stored.
    expect(values.map((v) => v.gen)).toEqual([Number.NaN, Number.NaN]);
    expect(errors.map((e) => e.operation)).toEqual(['read']);
    expect(errors[0]?.error).toBeInstanceOf(Error);
  });

  // The first design sent writes and invalidations as pipelines, whose exec() resolves with per-command
  // errors instead of rejecting: lost writes and lost invalidations were never reported.
  it('writes and invalidations resolve without throwing; lost ones are reported through onError; a write under NaN is skipped', async () => {
    errors.length = 0;
    await within(writeOne(cache, ref('k', 's'), genBefore, 'new'), 5_000, 'write');
    await within(cache.invalidate(['s']), 5_000, 'invalidate');
    // Never sent, so nothing to report.
    await within(writeOne(cache, ref('k', 's'), Number.NaN, 'x'), 5_000, 'write');
    expect(errors.map((e) => e.operation)).toEqual(['write', 'invalidate']);
    for (const { error } of errors) expect(error).toBeInstanceOf(Error);
  });

  it('SharedReads over it still answers every read from upstream', async () => {
    const fake = new FakeChatApi();
    fake.graph.addUsers('alice', 'bob').follow('alice', 'bob');
    const shared = new SharedReads(fake, {
      cache,
      ttl: DEFAULT_SHARED_READS.ttl,
      batching: true,
      windowMs: 1,
      bus: new LocalEventBus(),
    });
    const view = shared.view();
    for (let i = 0; i < 2; i++) {
      const [bob] = await within(view.followGetInfo(['bob']), 5_000, 'followGetInfo');
      expect(bob?.FollowerCount).toBe(1);
    }
    expect(fake.count('follow/follow_get_info')).toBe(2);
    const outcomes = await within(view.followAdd('bob', ['alice']), 5_000, 'followAdd');
    expect(outcomes[0]?.resultCode).toBe(0);
  });

  // The first batcher replaced a queued load by another load of the same key unless the queued one's
  // generation was at least as new, and `x >= NaN` is false: while Redis was down, the first of two
  // concurrent reads of one key never got an answer.
  it('concurrent reads of the same key all get an answer', async () => {
    const fake = new FakeChatApi();
    fake.graph.addUsers('alice', 'bob').follow('alice', 'bob');
    const shared = new SharedReads(fake, {
      cache,
      ttl: DEFAULT_SHARED_READS.ttl,
      batching: true,
      windowMs: 1,
      bus: new LocalEventBus(),
    });
    const answers = await within(
      Promise.all([shared.view().followGetInfo(['bob']), shared.view().followGetInfo(['bob'])]),
      3_000,
      'two concurrent reads of one key',
    );
    expect(answers.map((a) => a[0]?.FollowerCount)).toEqual([1, 1]);
    // One upstream call, shared.
    expect(fake.count('follow/follow_get_info')).toBe(1);
  });
});
