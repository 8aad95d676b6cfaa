/**
 * The cache shared by replicas (CACHE=redis): values and scope generations in Redis (see
 * sharedReads/cache.ts), one round trip per read, write or invalidation, each atomic: a read (a Lua script) creates the
 * generations it does not find, a write (a Lua script) stores only under the current generation, an
 * invalidation deletes its scopes' generations. Generations come from one counter that never goes
 * back (at least Redis's own clock in µs), so a lost generation cannot revive a value.
 *
 * Redis failures never fail a request: a read that cannot reach Redis is a miss (generation NaN, so
 * its answer is not stored), a lost write a later miss; failures are reported through `onError`.
 * While Redis is away, sharedReads/failoverCache.ts serves from memory instead.
 */
import type { Redis } from 'ioredis';
import type { CachedValue, CacheRef, CacheWrite, SharedCache, Stored } from '../sharedReads/cache.js';

export interface RedisCacheOptions {
  /** Prefix of every key this cache writes. */
  prefix: string;
  /** The longest TTL any value gets; a generation is forgotten twice this after it was made. */
  maxTtlMs: number;
  onError: (operation: string, error: unknown) => void;
}

/** The next generation: the counter plus one, or Redis's clock in µs if that is later. */
const NEXT_GENERATION = `
local function nextGeneration(seqKey)
  local t = redis.call('TIME')
  local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
  local gen = redis.call('INCR', seqKey)
  if gen < now then
    gen = now
    redis.call('SET', seqKey, string.format('%.0f', gen))
  end
  return string.format('%.0f', gen)
end
`;

/** KEYS: n value keys, then the scopes' generation keys, then the counter. ARGV: n, generation TTL. */
const READ = `${NEXT_GENERATION}
local n = tonumber(ARGV[1])
local out = {}
for i = 1, n do out[i] = redis.call('GET', KEYS[i]) end
for i = n + 1, #KEYS - 1 do
  local gen = redis.call('GET', KEYS[i])
  if not gen then
    gen = nextGeneration(KEYS[#KEYS])
    redis.call('SET', KEYS[i], gen, 'PX', ARGV[2])
  end
  out[i] = gen
end
return out
`;

/** KEYS: value key, generation key, ... ARGV: generation, TTL, value, ... */
const WRITE = `
for i = 1, #KEYS, 2 do
  local j = (i - 1) / 2 * 3
  if redis.call('GET', KEYS[i + 1]) == ARGV[j + 1] then
    redis.call('SET', KEYS[i], ARGV[j + 3], 'PX', ARGV[j + 2])
  end
end
return #KEYS / 2
`;

type Script = (numKeys: number, ...keysAndArgs: (string | number)[]) => Promise<unknown>;
interface Scripts {
  sharedReadsRead: Script;
  sharedReadsWrite: Script;
}

export class RedisCache implements SharedCache {
  readonly store = 'redis';
  private readonly scripts: Scripts;
  private readonly redis: Redis;
  private readonly genTtl: number;

  constructor(
    redis: Redis,
    private readonly options: RedisCacheOptions,
  ) {
    redis.defineCommand('sharedReadsRead', { lua: READ });
    redis.defineCommand('sharedReadsWrite', { lua: WRITE });
    this.scripts = redis as unknown as Scripts;
    this.redis = redis;
    this.genTtl = options.maxTtlMs * 2;
  }

  private valueKey(key: string): string {
    return `${this.options.prefix}v:${key}`;
  }

  private genKey(scope: string): string {
    return `${this.options.prefix}g:${scope}`;
  }

  private get counterKey(): string {
    return `${this.options.prefix}seq`;
  }

  async read<T>(refs: readonly CacheRef[]): Promise<CachedValue<T>[]> {
    if (refs.length === 0) return [];
    const scopes = [...new Set(refs.map((ref) => ref.scope))];
    const keys = [
      ...refs.map((r) => this.valueKey(r.key)),
      ...scopes.map((s) => this.genKey(s)),
      this.counterKey,
    ];
    let raw: (string | null)[];
    try {
      raw = (await this.scripts.sharedReadsRead(keys.length, ...keys, refs.length, this.genTtl)) as (
        | string
        | null
      )[];
    } catch (error) {
      this.options.onError('read', error);
      return refs.map(() => ({ value: undefined, gen: Number.NaN }));
    }
    const gens = new Map(scopes.map((scope, i) => [scope, Number(raw[refs.length + i])]));
    return refs.map((ref, i) => {
      const gen = gens.get(ref.scope) ?? Number.NaN;
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
    const keys = known.flatMap((e) => [this.valueKey(e.key), this.genKey(e.scope)]);
    const args = known.flatMap((e) => [
      String(e.gen),
      e.ttlMs,
      JSON.stringify({ g: e.gen, v: e.value } satisfies Stored),
    ]);
    try {
      await this.scripts.sharedReadsWrite(keys.length, ...keys, ...args);
    } catch (error) {
      this.options.onError('write', error);
    }
  }

  async invalidate(scopes: readonly string[]): Promise<void> {
    if (scopes.length === 0) return;
    try {
      await this.redis.del(...new Set(scopes.map((s) => this.genKey(s))));
    } catch (error) {
      this.options.onError('invalidate', error);
    }
  }

  async close(): Promise<void> {}
}
