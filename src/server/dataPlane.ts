/**
 * What a server shares beyond one request: the event bus, the cache of upstream reads and its
 * settings, and the memory of callbacks already seen. One per process; with Redis, shared by replicas.
 */
import type { Redis } from 'ioredis';
import { type EventBus, LocalEventBus } from '../events/bus.js';
import { RedisEventBus } from '../events/redisBus.js';
import { EventStreams } from '../events/streams.js';
import {
  createSharedCache,
  DEFAULT_SHARED_READS,
  type SharedCache,
  type SharedReadsSettings,
} from '../sharedReads/index.js';
import { MemoryReplayGuard, type ReplayGuard } from './callbacks/replayGuard.js';

export interface DataPlane {
  bus: EventBus;
  /** The bus's events for subscriptions, deduplicated. */
  streams: EventStreams;
  cache: SharedCache;
  settings: SharedReadsSettings;
  replays: ReplayGuard;
}

export interface DataPlaneOptions {
  settings?: SharedReadsSettings;
  /** Needed for CACHE=redis; with it, events are shared by replicas. */
  redis?: Redis;
  /** A second Redis connection for the event channel (one in subscribe mode serves nothing else). */
  redisSubscriber?: Redis;
  onError?: (operation: string, error: unknown) => void;
}

export function createDataPlane(options: DataPlaneOptions = {}): DataPlane {
  const settings = options.settings ?? DEFAULT_SHARED_READS;
  const onError = options.onError ?? (() => {});
  const bus =
    options.redis && options.redisSubscriber
      ? new RedisEventBus(options.redis, options.redisSubscriber, { channel: 'cfg:events', onError })
      : new LocalEventBus((error) => onError('event listener', error));
  return {
    bus,
    streams: new EventStreams(),
    cache: createSharedCache(settings, options.redis, onError),
    settings,
    replays: new MemoryReplayGuard(),
  };
}
