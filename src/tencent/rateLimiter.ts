/**
 * Token bucket per command so we stay under upstream's documented 200 calls/s per API.
 * Reservations are FIFO: each caller takes a token now and is told how long to wait for it.
 *
 * The bucket is deliberately shallow. Upstream's window is not documented; if it is a fixed 1 s
 * window, a bucket holding a whole second of tokens would let an idle client send its full bucket
 * plus a second's refill (about 2x the rate) inside one window. With capacity C and rate R, any 1 s
 * window sees at most R + C calls, so C is a twentieth of R (at least 1): at the documented 200/s,
 * at most 210 in the worst window right after an idle spell, and a 60007 that this could provoke is
 * retried (it proves the call was not applied).
 */

/** Tokens a bucket holds: a twentieth of a second's worth, at least 1. */
export function burstCapacity(ratePerSecond: number): number {
  return Math.max(1, Math.ceil(ratePerSecond / 20));
}

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly ratePerSecond: number,
    readonly capacity: number = burstCapacity(ratePerSecond),
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.tokens = capacity;
    this.updatedAt = clock();
  }

  /** Takes a token and returns the milliseconds to wait before using it (0 = go now). */
  reserve(): number {
    const now = this.clock();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.updatedAt) / 1000) * this.ratePerSecond);
    this.updatedAt = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : (-this.tokens / this.ratePerSecond) * 1000;
  }

  /** Returns a reserved token (used when the caller decides not to wait). */
  release(): void {
    this.tokens = Math.min(this.capacity, this.tokens + 1);
  }
}

export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly ratePerSecond: number,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  get enabled(): boolean {
    return this.ratePerSecond > 0;
  }

  /**
   * Milliseconds the caller must wait before sending `key`, or undefined when the wait would exceed
   * `maxWaitMs` (the token is then returned).
   */
  reserve(key: string, maxWaitMs: number): number | undefined {
    const slot = this.take(key, maxWaitMs);
    return 'waitMs' in slot ? slot.waitMs : undefined;
  }

  /**
   * A token for `key` to be used after `waitMs`; or, when the queue is so long that the wait would
   * exceed `maxWaitMs`, no token and how long the queue is (`retryAfterMs`: a caller that comes back
   * then finds the tokens queued now used up).
   */
  take(key: string, maxWaitMs: number): { waitMs: number } | { retryAfterMs: number } {
    if (!this.enabled) return { waitMs: 0 };
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(this.ratePerSecond, burstCapacity(this.ratePerSecond), this.clock);
      this.buckets.set(key, bucket);
    }
    const wait = bucket.reserve();
    if (wait > maxWaitMs) {
      bucket.release();
      return { retryAfterMs: Math.max(1, Math.ceil(wait)) };
    }
    return { waitMs: wait };
  }
}
