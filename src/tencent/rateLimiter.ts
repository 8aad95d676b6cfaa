/**
 * Token bucket per command so we stay under upstream's documented 200 calls/s per API.
 * Reservations are FIFO: each caller takes a token now and is told how long to wait for it.
 *
 * The bucket is deliberately shallow. Upstream's window is not documented; if it is a fixed 1 s
 * window, a bucket holding a whole second of tokens would let an idle client send its full bucket
 * plus a second's refill (about 2x the rate) inside one window. With capacity C and rate R, any 1 s
 * window sees at most R + C calls, plus what calls that go out late crowd in (the transport gives a
 * call more than LATE_TURN_MS late a new turn): C is a fortieth of R (at least 1), so at the
 * documented 200/s at most 200 x 1.02 + 5 = 209 in the worst window, and a 60007 that this could
 * still provoke is retried (it proves the call was not applied).
 */

/**
 * What is left of one command's budget now: a read-only view, for clients (GraphQL `rateLimit`,
 * `extensions.cost`) and operators. A limiter shared by replicas answers the same shape.
 */
export interface CommandBudget {
  /** Calls per second the budget refills at; 0 when there is no client-side limit. */
  ratePerSecond: number;
  /** Calls the budget holds when full (that many may go at once after an idle spell). */
  capacity: number;
  /** Calls that may start now without waiting (whole calls; 0 while callers wait for a turn). */
  remaining: number;
  /** Calls already waiting for a turn. */
  waiting: number;
  /** Milliseconds until the budget is full again (0: full now). */
  fullInMs: number;
}

/** A read-only view of the client-side limiter, per command (`service/command`). */
export interface BudgetView {
  budget(command: string): Promise<CommandBudget>;
}

/** Tokens a bucket holds: a fortieth of a second's worth, at least 1. */
export function burstCapacity(ratePerSecond: number): number {
  return Math.max(1, Math.ceil(ratePerSecond / 40));
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

  /** The bucket now, without taking anything. */
  peek(): CommandBudget {
    const elapsed = Math.max(0, this.clock() - this.updatedAt);
    const tokens = Math.min(this.capacity, this.tokens + (elapsed / 1000) * this.ratePerSecond);
    return {
      ratePerSecond: this.ratePerSecond,
      capacity: this.capacity,
      remaining: Math.max(0, Math.floor(tokens)),
      waiting: Math.max(0, Math.ceil(-tokens)),
      fullInMs: tokens >= this.capacity ? 0 : ((this.capacity - tokens) / this.ratePerSecond) * 1000,
    };
  }
}

/** A token to use after `waitMs`, or none: the queue is longer than the caller may wait. */
export type RateSlot = { waitMs: number } | { retryAfterMs: number };

/** What the transport asks before every attempt: this process's buckets, or a budget shared by replicas. */
export interface UpstreamRateLimiter extends BudgetView {
  readonly enabled: boolean;
  take(key: string, maxWaitMs: number): RateSlot | Promise<RateSlot>;
}

export class RateLimiter implements UpstreamRateLimiter {
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
  take(key: string, maxWaitMs: number): RateSlot {
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

  /** What is left of `key`'s budget now (a command never called yet has its whole budget). */
  async budget(key: string): Promise<CommandBudget> {
    if (!this.enabled) return { ratePerSecond: 0, capacity: 0, remaining: 0, waiting: 0, fullInMs: 0 };
    return (this.buckets.get(key) ?? new TokenBucket(this.ratePerSecond, undefined, this.clock)).peek();
  }
}
