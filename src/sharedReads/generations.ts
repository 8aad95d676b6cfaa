/**
 * CACHE=off: nothing is stored, but scopes still have generations, so that a read joining one already
 * in flight (cross-request batching) never returns what a write has since changed.
 */
import { LRUCache } from 'lru-cache';
import { type CachedValue, type CacheRef, newGeneration, type SharedCache } from './cache.js';

export class GenerationsOnly implements SharedCache {
  readonly store = 'memory';
  readonly storesNothing = true;
  private readonly gens = new LRUCache<string, number>({ max: 100_000, ttl: 600_000 });

  async read<T>(refs: readonly CacheRef[]): Promise<CachedValue<T>[]> {
    return refs.map(({ scope }) => {
      let gen = this.gens.get(scope);
      if (gen === undefined) {
        gen = newGeneration();
        this.gens.set(scope, gen);
      }
      return { value: undefined, gen };
    });
  }

  async write(): Promise<void> {}

  async invalidate(scopes: readonly string[]): Promise<void> {
    for (const scope of scopes) this.gens.delete(scope);
  }

  async close(): Promise<void> {
    this.gens.clear();
  }
}
