/**
 * Token bucket per command so we never trip upstream's documented 200 calls/s per API.
 * Reservations are FIFO: each caller takes a token now and is told how long to wait for it.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly capacity: number = Math.max(1, ratePerSecond),
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

  constructor(private readonly ratePerSecond: number) {}

  get enabled(): boolean {
    return this.ratePerSecond > 0;
  }

  /**
   * Milliseconds the caller must wait before sending `key`, or undefined when the wait would exceed
   * `maxWaitMs` (the token is then returned).
   */
  reserve(key: string, maxWaitMs: number): number | undefined {
    if (!this.enabled) return 0;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(this.ratePerSecond);
      this.buckets.set(key, bucket);
    }
    const wait = bucket.reserve();
    if (wait > maxWaitMs) {
      bucket.release();
      return undefined;
    }
    return wait;
  }
}
