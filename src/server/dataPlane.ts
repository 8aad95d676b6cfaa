/**
 * What a server shares beyond one request: the event bus, the cache of upstream reads and its
 * settings, and the memory of callbacks already seen. One per process; with Redis, shared by replicas.
 */
import type { Redis } from 'ioredis';
import { type EventBus, LocalEventBus } from '../events/bus.js';
import {
  createSharedCache,
  DEFAULT_SHARED_READS,
  type SharedCache,
  type SharedReadsSettings,
} from '../sharedReads/index.js';
import { MemoryReplayGuard, type ReplayGuard } from './callbacks/replayGuard.js';

export interface DataPlane {
  bus: EventBus;
  cache: SharedCache;
  settings: SharedReadsSettings;
  replays: ReplayGuard;
}

export interface DataPlaneOptions {
  settings?: SharedReadsSettings;
  /** Needed for CACHE=redis. */
  redis?: Redis;
  onError?: (operation: string, error: unknown) => void;
}

export function createDataPlane(options: DataPlaneOptions = {}): DataPlane {
  const settings = options.settings ?? DEFAULT_SHARED_READS;
  const onError = options.onError ?? (() => {});
  return {
    bus: new LocalEventBus((error) => onError('event listener', error)),
    cache: createSharedCache(settings, options.redis, onError),
    settings,
    replays: new MemoryReplayGuard(),
  };
}
