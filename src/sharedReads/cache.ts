/**
 * The shared cache of upstream reads, behind one interface for the in-memory and the Redis store.
 *
 * Invalidation is by scope (e.g. "alice's follow lists"): every scope has a generation, every cached
 * value remembers the generation its read started under, and a value counts only while its scope is
 * still at that generation. Invalidating a scope bumps the generation, so a read that was already in
 * flight when a write happened can never make a stale value current again.
 */

export interface CacheRef {
  key: string;
  scope: string;
}

export interface CachedValue<T> {
  /** Undefined when absent, expired or written under an older generation of its scope. */
  value: T | undefined;
  /** The scope's current generation: a read started now stores its answer under it. */
  gen: number;
}

export interface CacheWrite {
  key: string;
  /** The generation of the key's scope when the read that produced `value` started. */
  gen: number;
  value: unknown;
  ttlMs: number;
}

export interface SharedCache {
  readonly store: 'memory' | 'redis';
  read<T>(refs: readonly CacheRef[]): Promise<CachedValue<T>[]>;
  write(entries: readonly CacheWrite[]): Promise<void>;
  invalidate(scopes: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/** What a stored entry holds. */
export interface Stored {
  g: number;
  v: unknown;
}
