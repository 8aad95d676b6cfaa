/**
 * The shared cache with a way out (CACHE=redis): Redis while it can be reached, a fresh in-memory cache
 * of this process while it cannot.
 *
 * - Down: reads, writes and invalidations go to a new memory cache (nothing from an earlier outage is
 *   reused). Invalidations this replica could not make in Redis are remembered (up to a bound).
 * - Back: the remembered invalidations are made in Redis first, so what this replica changed during the
 *   outage is not served stale from Redis; then reads return to Redis and the memory cache is dropped.
 * - Every invalidation also goes to the memory cache, so it never holds what a write made stale.
 *
 * While a replica is cut off it sees only its own writes and the callbacks that reach it; changes made
 * through other replicas reach it within the TTLs (docs/deployment.md).
 */
import type { CachedValue, CacheRef, CacheWrite, SharedCache } from './cache.js';

/** The part of the Redis link this cache needs. */
export interface Availability {
  readonly up: boolean;
  onChange(listener: (state: 'up' | 'down') => void): () => void;
}

/** Scopes remembered while Redis is away; beyond this, the rest are left to their TTLs. */
export const MAX_MISSED_INVALIDATIONS = 100_000;

export class FailoverCache implements SharedCache {
  readonly store = 'redis';
  private fallback: SharedCache;
  private usePrimary: boolean;
  private readonly missed = new Set<string>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly primary: SharedCache,
    private readonly makeFallback: () => SharedCache,
    private readonly redis: Availability,
    private readonly onError: (operation: string, error: unknown) => void = () => {},
  ) {
    this.fallback = makeFallback();
    this.usePrimary = redis.up;
    this.unsubscribe = redis.onChange((state) => {
      if (state === 'down') this.goDown();
      else void this.comeBack();
    });
  }

  private goDown(): void {
    if (!this.usePrimary) return;
    this.usePrimary = false;
    void this.fallback.close();
    this.fallback = this.makeFallback();
  }

  private async comeBack(): Promise<void> {
    const scopes = [...this.missed];
    this.missed.clear();
    try {
      if (scopes.length > 0) await this.primary.invalidate(scopes);
    } catch (error) {
      this.onError('replay invalidations', error);
    }
    // The Redis cache reports its failures and takes Redis down rather than throwing.
    if (!this.redis.up) {
      this.remember(scopes);
      return;
    }
    this.usePrimary = true;
    const dropped = this.fallback;
    this.fallback = this.makeFallback();
    void dropped.close();
  }

  /** True while reads are answered from Redis. */
  get usingRedis(): boolean {
    return this.usePrimary;
  }

  read<T>(refs: readonly CacheRef[]): Promise<CachedValue<T>[]> {
    return this.usePrimary && this.redis.up ? this.primary.read<T>(refs) : this.fallback.read<T>(refs);
  }

  write(entries: readonly CacheWrite[]): Promise<void> {
    return this.usePrimary && this.redis.up ? this.primary.write(entries) : this.fallback.write(entries);
  }

  async invalidate(scopes: readonly string[]): Promise<void> {
    await this.fallback.invalidate(scopes);
    if (this.usePrimary && this.redis.up) {
      await this.primary.invalidate(scopes);
      // Redis went away during the call: that invalidation may be lost, make it again when it is back.
      if (!this.redis.up) this.remember(scopes);
      return;
    }
    this.remember(scopes);
  }

  private remember(scopes: readonly string[]): void {
    for (const scope of scopes) {
      if (this.missed.size >= MAX_MISSED_INVALIDATIONS) return;
      this.missed.add(scope);
    }
  }

  async close(): Promise<void> {
    this.unsubscribe();
    await Promise.all([this.primary.close(), this.fallback.close()]);
  }
}
