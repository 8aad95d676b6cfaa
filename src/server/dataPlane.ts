/**
 * What a server shares beyond one request: the event bus, the cache of upstream reads and its
 * settings, the memory of callbacks already seen, and Tencent's rate budget. One per process; with
 * Redis (REDIS_URL), the events, the cache (CACHE=redis) and the budget are shared by replicas, and
 * each falls back to its local part while Redis cannot be reached.
 */
import { type EventBus, LocalEventBus } from '../events/bus.js';
import { EventStreams } from '../events/streams.js';
import { RedisCache } from '../redis/cache.js';
import { RedisEventBus } from '../redis/eventBus.js';
import type { RedisLink } from '../redis/link.js';
import { RedisRateLimiter, SharedRateLimiter } from '../redis/rateLimiter.js';
import { FailoverCache } from '../sharedReads/failoverCache.js';
import {
  createSharedCache,
  DEFAULT_SHARED_READS,
  longestTtlMs,
  type SharedCache,
  type SharedReadsSettings,
} from '../sharedReads/index.js';
import { RateLimiter, type UpstreamRateLimiter } from '../tencent/rateLimiter.js';
import { MemoryReplayGuard, type ReplayGuard } from './callbacks/replayGuard.js';
import { SharedReplayGuard } from './callbacks/sharedReplayGuard.js';

/** Every key this server writes in Redis starts with this. */
export const REDIS_PREFIX = 'cfg:';

export interface RateBudget {
  /** TENCENT_RATE_LIMIT: calls per second per command for the whole app (0: no limit). */
  perSecond: number;
  /** TENCENT_EXPECTED_REPLICAS: a replica's own share, when the budget cannot be shared, is 1/n of it. */
  expectedReplicas: number;
}

export interface DataPlane {
  bus: EventBus;
  /** The bus's events for subscriptions, deduplicated. */
  streams: EventStreams;
  cache: SharedCache;
  settings: SharedReadsSettings;
  replays: ReplayGuard;
  /** The client's rate limiter: shared through Redis, or this replica's share. */
  rateLimiter: UpstreamRateLimiter;
  /** The Redis connections, when there are. */
  redis?: RedisLink;
}

export interface DataPlaneOptions {
  settings?: SharedReadsSettings;
  /** Needed for CACHE=redis; with it, events and the rate budget are shared by replicas. */
  redis?: RedisLink;
  /** Default: no limit. */
  rateBudget?: RateBudget;
  onError?: (operation: string, error: unknown) => void;
}

export function createDataPlane(options: DataPlaneOptions = {}): DataPlane {
  const settings = options.settings ?? DEFAULT_SHARED_READS;
  const { redis } = options;
  const onError = options.onError ?? (() => {});
  // A failed Redis command takes Redis down at once (the fallbacks take over) until it answers again;
  // the link logs that once, not every failed command.
  const onRedisError = (_operation: string, error: unknown) => {
    redis?.failed(error instanceof Error ? error : new Error(String(error)));
  };
  const bus = redis
    ? new RedisEventBus(redis.commands, redis.subscriber, {
        channel: `${REDIS_PREFIX}events`,
        // A bad message or a failing listener is not an outage.
        onError: (operation, error) =>
          operation === 'event message' || operation === 'event listener'
            ? onError(operation, error)
            : onRedisError(operation, error),
      })
    : new LocalEventBus((error) => onError('event listener', error));
  const budget = options.rateBudget ?? { perSecond: 0, expectedReplicas: 1 };
  const share = budget.perSecond / budget.expectedReplicas;
  return {
    bus,
    streams: new EventStreams(),
    cache: cacheFor(settings, redis, onRedisError),
    settings,
    replays: redis
      ? new SharedReplayGuard(redis, new MemoryReplayGuard(), `${REDIS_PREFIX}replay:`)
      : new MemoryReplayGuard(),
    rateLimiter:
      redis && budget.perSecond > 0
        ? new SharedRateLimiter(
            redis,
            new RedisRateLimiter(redis.commands, {
              ratePerSecond: budget.perSecond,
              prefix: `${REDIS_PREFIX}rate:`,
            }),
            { sharePerSecond: share },
          )
        : new RateLimiter(share),
    ...(redis && { redis }),
  };
}

function cacheFor(
  settings: SharedReadsSettings,
  redis: RedisLink | undefined,
  onError: (operation: string, error: unknown) => void,
): SharedCache {
  if (settings.cache !== 'redis') return createSharedCache(settings);
  if (!redis) throw new Error('CACHE=redis needs a Redis connection (REDIS_URL)');
  const maxTtlMs = longestTtlMs(settings);
  return new FailoverCache(
    new RedisCache(redis.commands, { prefix: REDIS_PREFIX, maxTtlMs, onError }),
    () => createSharedCache({ ...settings, cache: 'memory' }),
    redis,
    onError,
  );
}
