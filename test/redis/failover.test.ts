/**
 * CACHE=redis while Redis comes and goes (src/sharedReads/failoverCache.ts over src/redis/cache.ts,
 * against a real redis-server): a replica that loses Redis caches in memory instead and keeps serving;
 * what it invalidated meanwhile is invalidated in Redis before it reads from Redis again; the memory
 * of one outage is not reused in the next.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisCache } from '../../src/redis/cache.js';
import { RedisLink } from '../../src/redis/link.js';
import { FailoverCache } from '../../src/sharedReads/failoverCache.js';
import { MemoryCache } from '../../src/sharedReads/memoryCache.js';
import { MINUTE, readOne, readThrough, ref } from '../support/cacheOps.js';
import { type RunningRedis, startRedis } from '../support/redis.js';

let server: RunningRedis;
let prefixes = 0;
const links: RedisLink[] = [];

beforeAll(async () => {
  server = await startRedis();
});
afterAll(async () => {
  await Promise.all(links.map((link) => link.close()));
  await server?.stop();
});

async function failover(): Promise<{ link: RedisLink; cache: FailoverCache; redisOnly: RedisCache }> {
  const link = new RedisLink(server.url);
  links.push(link);
  await link.connected;
  const prefix = `failover-${prefixes++}:`;
  const onError = (_operation: string, error: unknown) => link.failed(error as Error);
  const redisOnly = new RedisCache(link.commands, { prefix, maxTtlMs: MINUTE, onError: () => {} });
  const cache = new FailoverCache(
    new RedisCache(link.commands, { prefix, maxTtlMs: MINUTE, onError }),
    () => new MemoryCache({ maxEntries: 1000, maxBytes: 1 << 20, maxTtlMs: MINUTE }),
    link,
  );
  return { link, cache, redisOnly };
}

describe('FailoverCache', () => {
  it('serves from a memory cache while Redis is cut off, and makes the invalidations it missed before using Redis again', async () => {
    const { link, cache, redisOnly } = await failover();
    await readThrough(cache, ref('a'), 'a in redis');
    await readThrough(cache, ref('b'), 'b in redis');
    expect(await readOne(redisOnly, ref('a'))).toMatchObject({ value: 'a in redis' });

    // Cut off (as after a command timed out): memory from now on, which starts empty.
    link.failed(new Error('test: cut off'));
    expect(cache.usingRedis).toBe(false);
    expect((await readOne(cache, ref('a'))).value).toBeUndefined();
    await readThrough(cache, ref('a'), 'a in memory');
    expect((await readOne(cache, ref('a'))).value).toBe('a in memory');
    // A write made now changes `b`: Redis cannot be told yet, and still holds the old value.
    await cache.invalidate(['scope-of-b']);
    expect((await readOne(redisOnly, ref('b'))).value).toBe('b in redis');

    // Redis answers the link's probe again: the missed invalidation is made, then reads use Redis.
    await expect.poll(() => cache.usingRedis, { timeout: 5000 }).toBe(true);
    expect((await readOne(redisOnly, ref('b'))).value).toBeUndefined();
    expect((await readOne(cache, ref('b'))).value).toBeUndefined();
    expect((await readOne(cache, ref('a'))).value).toBe('a in redis');
  });

  it('keeps serving through a Redis crash, and starts each outage with an empty memory cache', async () => {
    const { link, cache } = await failover();
    await server.kill();
    await expect.poll(() => link.up, { timeout: 5000 }).toBe(false);
    expect(cache.usingRedis).toBe(false);
    await readThrough(cache, ref('c'), 'c during the first outage');
    expect((await readOne(cache, ref('c'))).value).toBe('c during the first outage');

    await server.resume(); // a new, empty Redis
    await expect.poll(() => cache.usingRedis, { timeout: 5000 }).toBe(true);
    expect((await readOne(cache, ref('c'))).value).toBeUndefined();

    await server.kill();
    await expect.poll(() => cache.usingRedis, { timeout: 5000 }).toBe(false);
    // Nothing from the first outage: it may have gone stale while Redis was in use.
    expect((await readOne(cache, ref('c'))).value).toBeUndefined();
    await server.resume();
    await expect.poll(() => cache.usingRedis, { timeout: 5000 }).toBe(true);
  });
});
