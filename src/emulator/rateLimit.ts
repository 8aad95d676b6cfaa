/**
 * Token bucket per `service/command`, like upstream's 200 calls/second per API (answered with 60007).
 * The bucket holds one second's worth of tokens and refills continuously on the monotonic clock.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    /** Calls per second per command; 0 = unlimited. */
    private readonly perSecond: number,
    private readonly clockMs: () => number = () => performance.now(),
  ) {}

  /** Takes a token for `command`; false when the command is over its rate. */
  take(command: string): boolean {
    if (this.perSecond <= 0) return true;
    const now = this.clockMs();
    let bucket = this.buckets.get(command);
    if (!bucket) {
      bucket = { tokens: this.perSecond, at: now };
      this.buckets.set(command, bucket);
    }
    bucket.tokens = Math.min(this.perSecond, bucket.tokens + ((now - bucket.at) * this.perSecond) / 1000);
    bucket.at = now;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  reset(): void {
    this.buckets.clear();
  }
}
