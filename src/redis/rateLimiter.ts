/**
 * Tencent's budget (TENCENT_RATE_LIMIT calls per second per command, for the whole app) as one budget
 * for every replica: a GCRA (generic cell rate algorithm) per command in Redis, one atomic script per
 * call on Redis's own clock, so replicas need no clock agreement.
 *
 * Each call reserves the next free instant of its command: calls are spaced 1/rate apart, with a burst
 * of `burst` calls allowed at once after a quiet spell, the same fortieth of the rate as the local
 * bucket's (tencent/rateLimiter.ts, where the worst window is worked out). A caller that would have
 * to wait longer than it may is refused without taking a slot, and told how long the queue is.
 *
 * While Redis cannot be reached the replica spends its own share of the budget instead
 * (TENCENT_RATE_LIMIT / TENCENT_EXPECTED_REPLICAS), spaced evenly, and returns to Redis when it is back.
 * Calls the shared budget granted before Redis went away may still be waiting for their turn: the
 * queue is one for all replicas, so the last turn this replica was granted shows how far ahead it
 * reached, and the share starts only after that turn, so the two do not add up to more than the budget.
 * (Without a queue, the share starts at once: losing Redis refuses nothing by itself.) (When Redis comes back, replicas return to it within about
 * a second of each other; for that second the total may exceed the budget by what the replicas still
 * on their shares spend, and Tencent's 60007, which proves a call was not applied, is retried.)
 */
import type { Redis } from 'ioredis';
import {
  burstCapacity,
  type CommandBudget,
  type RateSlot,
  type UpstreamRateLimiter,
} from '../tencent/rateLimiter.js';
import type { RedisLink } from './link.js';

/** KEYS: the command's key. ARGV: interval (µs), burst, the longest wait allowed (µs). -> {granted, wait µs} */
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local maxWait = tonumber(ARGV[3])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local nextTat = tat + interval
local wait = nextTat - burst * interval - now
if wait < 0 then wait = 0 end
if wait > maxWait then return {0, math.floor(wait)} end
redis.call('SET', KEYS[1], string.format('%.0f', nextTat), 'PX', math.ceil((nextTat - now) / 1000) + 1000)
return {1, math.floor(wait)}
`;

/** KEYS: the command's key. -> {now µs, the next free instant µs (0: none)} */
const PEEK = `
local t = redis.call('TIME')
return {tonumber(t[1]) * 1000000 + tonumber(t[2]), tonumber(redis.call('GET', KEYS[1]) or '0')}
`;

interface Scripts {
  cfgRateTake(key: string, intervalUs: number, burst: number, maxWaitUs: number): Promise<[number, number]>;
  cfgRatePeek(key: string): Promise<[number, number]>;
}

/** A GCRA's state as a bucket: the backlog (how far its next free instant is ahead) in intervals. */
function budgetOf(ratePerSecond: number, capacity: number, backlogMs: number): CommandBudget {
  const backlog = (Math.max(0, backlogMs) / 1000) * ratePerSecond;
  return {
    ratePerSecond,
    capacity,
    remaining: Math.max(0, Math.floor(capacity - backlog)),
    waiting: Math.max(0, Math.ceil(backlog - capacity)),
    fullInMs: Math.max(0, backlogMs),
  };
}

export class RedisRateLimiter {
  private readonly scripts: Scripts;
  private readonly intervalUs: number;
  private readonly burst: number;

  constructor(
    redis: Redis,
    private readonly options: { ratePerSecond: number; prefix: string },
  ) {
    redis.defineCommand('cfgRateTake', { numberOfKeys: 1, lua: TAKE });
    redis.defineCommand('cfgRatePeek', { numberOfKeys: 1, lua: PEEK });
    this.scripts = redis as unknown as Scripts;
    this.intervalUs = 1_000_000 / options.ratePerSecond;
    this.burst = burstCapacity(options.ratePerSecond);
  }

  async take(key: string, maxWaitMs: number): Promise<RateSlot> {
    const maxWaitUs = Math.floor(Math.max(0, maxWaitMs) * 1000);
    const [granted, waitUs] = await this.scripts.cfgRateTake(
      `${this.options.prefix}${key}`,
      this.intervalUs,
      this.burst,
      maxWaitUs,
    );
    return granted === 1
      ? { waitMs: waitUs / 1000 }
      : { retryAfterMs: Math.max(1, Math.ceil(waitUs / 1000)) };
  }

  /** What is left of `key`'s shared budget now (read-only). */
  async budget(key: string): Promise<CommandBudget> {
    const [now, next] = await this.scripts.cfgRatePeek(`${this.options.prefix}${key}`);
    return budgetOf(this.options.ratePerSecond, this.burst, (next - now) / 1000);
  }
}

/** A replica's own share while Redis is away: calls spaced evenly, none of a command before `startAt(command)`. */
export class ShareSchedule {
  private readonly next = new Map<string, number>();
  private readonly intervalMs: number;

  constructor(
    sharePerSecond: number,
    private readonly startAt: (key: string) => number,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.intervalMs = 1000 / sharePerSecond;
  }

  take(key: string, maxWaitMs: number): RateSlot {
    const now = this.clock();
    const at = Math.max(this.next.get(key) ?? this.startAt(key), now);
    const wait = at - now;
    if (wait > maxWaitMs) return { retryAfterMs: Math.max(1, Math.ceil(wait)) };
    this.next.set(key, at + this.intervalMs);
    return { waitMs: wait };
  }

  budget(key: string): CommandBudget {
    const next = this.next.get(key) ?? this.startAt(key);
    return budgetOf(1000 / this.intervalMs, 1, next - this.clock());
  }
}

export interface SharedRateLimiterOptions {
  /** TENCENT_RATE_LIMIT / TENCENT_EXPECTED_REPLICAS. */
  sharePerSecond: number;
  clock?: () => number;
}

/** The shared budget while Redis is up; the replica's own share while it is not. */
export class SharedRateLimiter implements UpstreamRateLimiter {
  /** This outage's schedule; a new one for each outage. */
  private share: ShareSchedule | undefined;
  /** Per command, the last turn the shared budget granted this replica (clock ms). */
  private readonly lastTurn = new Map<string, number>();
  private readonly clock: () => number;

  constructor(
    private readonly link: RedisLink,
    private readonly shared: RedisRateLimiter,
    private readonly options: SharedRateLimiterOptions,
  ) {
    this.clock = options.clock ?? (() => performance.now());
  }

  get enabled(): boolean {
    return this.options.sharePerSecond > 0;
  }

  take(key: string, maxWaitMs: number): RateSlot | Promise<RateSlot> {
    if (!this.enabled) return { waitMs: 0 };
    if (!this.link.up) return this.fallback().take(key, maxWaitMs);
    this.share = undefined;
    const askedAt = this.clock();
    return this.shared.take(key, maxWaitMs).then(
      (slot) => {
        if ('waitMs' in slot) this.lastTurn.set(key, askedAt + slot.waitMs);
        return slot;
      },
      (error: unknown) => {
        this.link.failed(error instanceof Error ? error : new Error(String(error)));
        return this.fallback().take(key, maxWaitMs);
      },
    );
  }

  /** The shared budget's state while Redis is up; this replica's share's while it is not. */
  async budget(key: string): Promise<CommandBudget> {
    if (!this.enabled) return budgetOf(0, 0, 0);
    if (!this.link.up) return this.fallback().budget(key);
    return this.shared.budget(key).catch(() => this.fallback().budget(key));
  }

  private fallback(): ShareSchedule {
    this.share ??= new ShareSchedule(
      this.options.sharePerSecond,
      (key) => this.lastTurn.get(key) ?? 0,
      this.clock,
    );
    return this.share;
  }
}
