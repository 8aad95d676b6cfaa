/**
 * Drops callbacks seen before. A signed callback is only valid for 60 s either side of its RequestTime,
 * so remembering fingerprints for a little over two minutes is enough to drop every replay of one.
 */
import { LRUCache } from 'lru-cache';

export interface ReplayGuard {
  /** True the first time `fingerprint` is seen within the window; false for a replay. */
  firstSeen(fingerprint: string): Promise<boolean>;
}

export const REPLAY_WINDOW_MS = 130_000;

export class MemoryReplayGuard implements ReplayGuard {
  private readonly seen = new LRUCache<string, true>({ max: 100_000, ttl: REPLAY_WINDOW_MS });

  async firstSeen(fingerprint: string): Promise<boolean> {
    if (this.seen.has(fingerprint)) return false;
    this.seen.set(fingerprint, true);
    return true;
  }
}
