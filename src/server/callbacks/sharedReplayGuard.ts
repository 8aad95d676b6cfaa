/**
 * Callbacks seen before, remembered by every replica together: Tencent may deliver a callback again,
 * and the load balancer may hand the copy to another replica, which must drop it as the first would.
 * One `SET NX` per callback; while Redis is away, each replica's own memory (a copy that reaches
 * another replica then is not recognised: its event is delivered twice, its invalidation is repeated).
 */
import type { RedisLink } from '../../redis/link.js';
import { REPLAY_WINDOW_MS, type ReplayGuard } from './replayGuard.js';

export class SharedReplayGuard implements ReplayGuard {
  constructor(
    private readonly link: RedisLink,
    private readonly local: ReplayGuard,
    private readonly prefix: string,
  ) {}

  async firstSeen(fingerprint: string): Promise<boolean> {
    // The local memory too, so that a replay while Redis is away is still dropped by this replica.
    const locally = await this.local.firstSeen(fingerprint);
    if (!this.link.up) return locally;
    try {
      const set = await this.link.commands.set(
        `${this.prefix}${fingerprint}`,
        '1',
        'PX',
        REPLAY_WINDOW_MS,
        'NX',
      );
      return set === 'OK';
    } catch (error) {
      this.link.failed(error instanceof Error ? error : new Error(String(error)));
      return locally;
    }
  }
}
