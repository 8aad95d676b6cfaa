/** The shared reads of a server: the cache its settings ask for, and the reads over it. */
import type { SharedCache } from './cache.js';
import { GenerationsOnly } from './generations.js';
import { MemoryCache } from './memoryCache.js';
import type { SharedReadsSettings } from './settings.js';

export type { SharedCache } from './cache.js';
export type { SharedReadsSettings } from './settings.js';
export { type CacheTtls, type ReadKind, SharedReads, type SharedReadsObserver } from './sharedReads.js';

export const DEFAULT_SHARED_READS: SharedReadsSettings = {
  cache: 'memory',
  maxEntries: 100_000,
  maxBytes: 256 * 1024 * 1024,
  ttl: { counts: 30_000, relations: 30_000, profiles: 120_000, officialAccounts: 60_000, pages: 15_000 },
  batching: true,
  windowMs: 1,
};

/** The longest TTL of any kind (at least a second: generations outlive it). */
export function longestTtlMs(settings: SharedReadsSettings): number {
  return Math.max(1000, ...Object.values(settings.ttl));
}

/** The cache for CACHE=off or memory (CACHE=redis is built with its connection: server/dataPlane.ts). */
export function createSharedCache(settings: SharedReadsSettings): SharedCache {
  if (settings.cache === 'redis') throw new Error('CACHE=redis needs the Redis link (createDataPlane)');
  if (settings.cache === 'off') return new GenerationsOnly();
  const maxTtlMs = longestTtlMs(settings);
  return new MemoryCache({ maxEntries: settings.maxEntries, maxBytes: settings.maxBytes, maxTtlMs });
}
