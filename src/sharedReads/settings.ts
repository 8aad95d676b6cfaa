/** How the shared reads are set up (read from the environment by src/config). */
import type { CacheTtls } from './sharedReads.js';

export interface SharedReadsSettings {
  /** memory: this process only; redis: shared by replicas (REDIS_URL); off: nothing stored. */
  cache: 'memory' | 'redis' | 'off';
  /** Bound of the in-memory cache. */
  maxEntries: number;
  ttl: CacheTtls;
  /** Concurrent requests' keyed reads share upstream calls. */
  batching: boolean;
  /** How long the first key of a shared batch waits for others (ms; 0: the rest of the tick). */
  windowMs: number;
}
