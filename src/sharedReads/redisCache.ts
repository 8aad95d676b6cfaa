/**
 * The cache shared by replicas (CACHE=redis): values and scope generations in Redis, one round trip per
 * read (MGET of the values and their scopes' generations), one pipeline per write or invalidation.
 * Redis failures never fail a request: a read that cannot reach Redis is a miss, a lost write is a
 * later miss; both are reported through `onError`.
 */
import type { Redis } from 'ioredis';
import type { CachedValue, CacheRef, CacheWrite, SharedCache, Stored } from './cache.js';

export interface RedisCacheOptions {
  /** Prefix of every key this cache writes. */
  prefix: string;
  /** The longest TTL any value gets; generations outlive values by twice this. */
  maxTtlMs: number;
  onError: (operation: string, error: unknown) => void;
}

export class RedisCache implements SharedCache {
  readonly store = 'redis';

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisCacheOptions,
  ) {}

  private valueKey(key: string): string {
    return `${this.options.prefix}v:${key}`;
  }

  private genKey(scope: string): string {
    return `${this.options.prefix}g:${scope}`;
  }

  async read<T>(refs: readonly CacheRef[]): Promise<CachedValue<T>[]> {
    if (refs.length === 0) return [];
    const scopes = [...new Set(refs.map((ref) => ref.scope))];
    let raw: (string | null)[];
    try {
      raw = await this.redis.mget(
        ...refs.map((ref) => this.valueKey(ref.key)),
        ...scopes.map((s) => this.genKey(s)),
      );
    } catch (error) {
      this.options.onError('read', error);
      return refs.map(() => ({ value: undefined, gen: Number.NaN }));
    }
    const gens = new Map(scopes.map((scope, i) => [scope, Number(raw[refs.length + i] ?? 0)]));
    return refs.map((ref, i) => {
      const gen = gens.get(ref.scope) ?? 0;
      const text = raw[i];
      if (!text) return { value: undefined, gen };
      const stored = JSON.parse(text) as Stored;
      return { value: stored.g === gen ? (stored.v as T) : undefined, gen };
    });
  }

  async write(entries: readonly CacheWrite[]): Promise<void> {
    // A read that could not see the generations (Redis down) must not write under a guessed one.
    const known = entries.filter((entry) => Number.isFinite(entry.gen));
    if (known.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const { key, gen, value, ttlMs } of known) {
      pipeline.set(this.valueKey(key), JSON.stringify({ g: gen, v: value } satisfies Stored), 'PX', ttlMs);
    }
    try {
      await pipeline.exec();
    } catch (error) {
      this.options.onError('write', error);
    }
  }

  async invalidate(scopes: readonly string[]): Promise<void> {
    if (scopes.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const scope of new Set(scopes)) {
      pipeline.incr(this.genKey(scope));
      pipeline.pexpire(this.genKey(scope), this.options.maxTtlMs * 2);
    }
    try {
      await pipeline.exec();
    } catch (error) {
      this.options.onError('invalidate', error);
    }
  }

  async close(): Promise<void> {}
}
