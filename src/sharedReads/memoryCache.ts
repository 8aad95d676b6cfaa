/** The in-process cache (CACHE=memory): bounded by entries, per-entry TTL, generations per scope. */
import { LRUCache } from 'lru-cache';
import type { CachedValue, CacheRef, CacheWrite, SharedCache, Stored } from './cache.js';

export interface MemoryCacheOptions {
  maxEntries: number;
  /** The longest TTL any value gets; generations outlive values by twice this. */
  maxTtlMs: number;
}

export class MemoryCache implements SharedCache {
  readonly store = 'memory';
  private readonly values: LRUCache<string, Stored>;
  private readonly gens: LRUCache<string, number>;

  constructor(options: MemoryCacheOptions) {
    this.values = new LRUCache({ max: options.maxEntries, ttlAutopurge: false });
    // A generation is forgotten only after every value written under it has expired (see cache.ts).
    this.gens = new LRUCache({ max: options.maxEntries * 4, ttl: options.maxTtlMs * 2 });
  }

  async read<T>(refs: readonly CacheRef[]): Promise<CachedValue<T>[]> {
    return refs.map(({ key, scope }) => {
      const gen = this.gens.get(scope) ?? 0;
      const stored = this.values.get(key);
      return { value: stored !== undefined && stored.g === gen ? (stored.v as T) : undefined, gen };
    });
  }

  async write(entries: readonly CacheWrite[]): Promise<void> {
    for (const { key, gen, value, ttlMs } of entries)
      this.values.set(key, { g: gen, v: value }, { ttl: ttlMs });
  }

  async invalidate(scopes: readonly string[]): Promise<void> {
    for (const scope of new Set(scopes)) this.gens.set(scope, (this.gens.get(scope) ?? 0) + 1);
  }

  async close(): Promise<void> {
    this.values.clear();
    this.gens.clear();
  }
}
