/**
 * CACHE=off: nothing is stored, but scopes still have generations, so that a read joining one already
 * in flight (cross-request batching) never returns what a write has since changed.
 */
import { LRUCache } from 'lru-cache';
import type { CachedValue, CacheRef, SharedCache } from './cache.js';

export class GenerationsOnly implements SharedCache {
  readonly store = 'memory';
  private readonly gens = new LRUCache<string, number>({ max: 100_000, ttl: 600_000 });

  async read<T>(refs: readonly CacheRef[]): Promise<CachedValue<T>[]> {
    return refs.map(({ scope }) => ({ value: undefined, gen: this.gens.get(scope) ?? 0 }));
  }

  async write(): Promise<void> {}

  async invalidate(scopes: readonly string[]): Promise<void> {
    for (const scope of new Set(scopes)) this.gens.set(scope, (this.gens.get(scope) ?? 0) + 1);
  }

  async close(): Promise<void> {
    this.gens.clear();
  }
}
