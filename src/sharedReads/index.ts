/** The shared reads of a server: the cache its settings ask for, and the reads over it. */
import type { Redis } from 'ioredis';
import type { SharedCache } from './cache.js';
import { GenerationsOnly } from './generations.js';
import { MemoryCache } from './memoryCache.js';
import { RedisCache } from './redisCache.js';
import type { SharedReadsSettings } from './settings.js';

export type { SharedCache } from './cache.js';
export type { SharedReadsSettings } from './settings.js';
export { type CacheTtls, type ReadKind, SharedReads, type SharedReadsObserver } from './sharedReads.js';

export const DEFAULT_SHARED_READS: SharedReadsSettings = {
  cache: 'memory',
  maxEntries: 100_000,
  ttl: { counts: 30_000, relations: 30_000, profiles: 120_000, officialAccounts: 60_000, pages: 15_000 },
  batching: true,
  windowMs: 1,
};

export function createSharedCache(
  settings: SharedReadsSettings,
  redis: Redis | undefined,
  onRedisError: (operation: string, error: unknown) => void,
): SharedCache {
  const maxTtlMs = Math.max(...Object.values(settings.ttl));
  switch (settings.cache) {
    case 'off':
      return new GenerationsOnly();
    case 'memory':
      return new MemoryCache({ maxEntries: settings.maxEntries, maxTtlMs });
    case 'redis':
      if (!redis) throw new Error('CACHE=redis needs a Redis connection');
      return new RedisCache(redis, { prefix: 'cfg:', maxTtlMs, onError: onRedisError });
  }
}
