/**
 * The shared cache of upstream reads, behind one interface for the in-memory and the Redis store.
 *
 * Invalidation is by scope (e.g. "alice's follow lists"). Every scope has a generation: a number that
 * only ever increases (it is made from the clock and a counter when a read finds the scope without
 * one; invalidating a scope forgets its generation). Every cached value remembers the generation its
 * read started under, and counts only while its scope is still at that generation; a value is stored
 * only if its scope is still at it when the answer arrives. So:
 * - a read that was in flight when a write happened can never make a stale value current again;
 * - forgetting a generation (expiry, eviction) can only turn values into misses, never revive them.
 */

export interface CacheRef {
  key: string;
  scope: string;
}

export interface CachedValue<T> {
  /** Undefined when absent, expired or written under an older generation of its scope. */
  value: T | undefined;
  /** The scope's current generation: a read started now stores its answer under it. NaN: unknown. */
  gen: number;
}

export interface CacheWrite extends CacheRef {
  /** The generation of the key's scope when the read that produced `value` started. */
  gen: number;
  value: unknown;
  ttlMs: number;
}

export interface SharedCache {
  readonly store: 'memory' | 'redis';
  /** True when nothing is ever stored (CACHE=off): reads then need not look, only writes invalidate. */
  readonly storesNothing?: boolean;
  read<T>(refs: readonly CacheRef[]): Promise<CachedValue<T>[]>;
  /** Stores each value unless its scope's generation has changed since its read started. */
  write(entries: readonly CacheWrite[]): Promise<void>;
  invalidate(scopes: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/** What a stored entry holds. */
export interface Stored {
  g: number;
  v: unknown;
}

let last = 0;

/** A generation no earlier one in this process equals: strictly increasing, from the clock (µs). */
export function newGeneration(): number {
  last = Math.max(last + 1, Date.now() * 1000);
  return last;
}
