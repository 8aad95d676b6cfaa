/** The in-process cache (CACHE=memory): bounded by entries, per-entry TTL, generations per scope (cache.ts). */
import { LRUCache } from 'lru-cache';
import {
  type CachedValue,
  type CacheRef,
  type CacheWrite,
  newGeneration,
  type SharedCache,
  type Stored,
} from './cache.js';

export interface MemoryCacheOptions {
  maxEntries: number;
  /** Bound of the values' approximate size in bytes. */
  maxBytes?: number;
  /** The longest TTL any value gets; a generation is forgotten twice this after it was made. */
  maxTtlMs: number;
}

export class MemoryCache implements SharedCache {
  readonly store = 'memory';
  private readonly values: LRUCache<string, Stored>;
  private readonly gens: LRUCache<string, number>;

  constructor(options: MemoryCacheOptions) {
    this.values = new LRUCache({
      max: options.maxEntries,
      ...(options.maxBytes !== undefined && { maxSize: options.maxBytes, sizeCalculation: approximateSize }),
    });
    // Forgetting a generation only turns its values into misses (cache.ts), so it may be bounded freely;
    // generous, so that scopes read without a value stored do not push out the live ones.
    this.gens = new LRUCache({ max: options.maxEntries * 4, ttl: options.maxTtlMs * 2 });
  }

  private genOf(scope: string): number {
    let gen = this.gens.get(scope);
    if (gen === undefined) {
      gen = newGeneration();
      this.gens.set(scope, gen);
    }
    return gen;
  }

  async read<T>(refs: readonly CacheRef[]): Promise<CachedValue<T>[]> {
    return refs.map(({ key, scope }) => {
      const gen = this.genOf(scope);
      const stored = this.values.get(key);
      return { value: stored !== undefined && stored.g === gen ? (stored.v as T) : undefined, gen };
    });
  }

  async write(entries: readonly CacheWrite[]): Promise<void> {
    for (const { key, scope, gen, value, ttlMs } of entries) {
      if (this.gens.get(scope) === gen) this.values.set(key, { g: gen, v: value }, { ttl: ttlMs });
    }
  }

  /** Forgets the scopes' generations: their values become misses, the next read makes a later one. */
  async invalidate(scopes: readonly string[]): Promise<void> {
    for (const scope of scopes) this.gens.delete(scope);
  }

  async close(): Promise<void> {
    this.values.clear();
    this.gens.clear();
  }
}

/**
 * A cheap estimate of a stored value's memory (measuring it exactly would cost more than the read it
 * saves): pages by their items (each with a profile), lists by their ids, everything else as one record.
 */
export function approximateSize(stored: Stored): number {
  const value = stored.v as { items?: unknown } | unknown[] | null;
  if (Array.isArray(value)) return 64 + value.length * 48;
  if (value !== null && typeof value === 'object' && Array.isArray(value.items))
    return 256 + value.items.length * 384;
  return 512;
}
