/**
 * The client's token bucket, on an injected clock: upstream documents 200 calls/s per command and may
 * count in fixed 1 s windows, so neither an idle bucket nor a steady flood may put more than
 * rate + capacity (2.5% over the rate) calls into any 1 s window.
 */
import { describe, expect, it } from 'vitest';
import { TENCENT_DEFAULTS } from '../../src/tencent/config.js';
import { burstCapacity, RateLimiter, TokenBucket } from '../../src/tencent/rateLimiter.js';
import { LIMITS } from '../../src/tencent/wire.js';
import { busiestSecond } from '../support/windows.js';

/** A clock the test moves by hand. */
function manualClock(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('TokenBucket', () => {
  it('holds a fortieth of a second of tokens (at least one), not a whole second', () => {
    expect(burstCapacity(200)).toBe(5);
    expect(burstCapacity(180)).toBe(5);
    expect(burstCapacity(40)).toBe(1);
    expect(burstCapacity(1)).toBe(1);
    expect(new TokenBucket(200).capacity).toBe(5);
  });

  it('after a long idle period lets at most `capacity` calls go immediately', () => {
    const clock = manualClock();
    const bucket = new TokenBucket(200, undefined, clock.now);
    clock.advance(3_600_000);
    const waits = Array.from({ length: 400 }, () => bucket.reserve());
    const immediate = waits.filter((w) => w === 0).length;
    expect(immediate).toBe(bucket.capacity);
    expect(immediate).toBeLessThanOrEqual(5);
    // The rest are spaced at the rate: the 400th call waits (400 - 5) / 200 s.
    expect(waits.at(-1)).toBeCloseTo(((400 - 5) / 200) * 1000, 6);
  });

  it('never schedules more than rate + capacity sends in any 1 s window', () => {
    const rate = 200;
    const clock = manualClock();
    const bucket = new TokenBucket(rate, undefined, clock.now);
    const sends: number[] = [];
    // Idle, then a flood far above the rate: 5 callers every 2 ms for 3 s, then idle, then again.
    for (const idle of [10_000, 1_500]) {
      clock.advance(idle);
      for (let t = 0; t < 3000; t += 2) {
        for (let i = 0; i < 5; i++) sends.push(clock.now() + bucket.reserve());
        clock.advance(2);
      }
    }
    expect(busiestSecond(sends)).toBeLessThanOrEqual(rate + bucket.capacity);
    expect(busiestSecond(sends)).toBeLessThanOrEqual(rate * 1.05);
  });

  it('the default is the documented 200/s, and even the worst 1 s window exceeds it by at most 5%', () => {
    const rate = TENCENT_DEFAULTS.rateLimitPerSecond;
    expect(rate).toBe(LIMITS.callsPerSecondPerCommand);
    expect(rate + burstCapacity(rate)).toBeLessThanOrEqual(LIMITS.callsPerSecondPerCommand * 1.05);
  });
});

describe('RateLimiter', () => {
  it('keeps one shallow bucket per command on the injected clock', () => {
    const clock = manualClock(1000);
    const limiter = new RateLimiter(100, clock.now);
    clock.advance(60_000);
    const a = Array.from({ length: 15 }, () => limiter.reserve('follow/follow_get', 10_000));
    expect(a.filter((w) => w === 0)).toHaveLength(burstCapacity(100));
    // Another command has its own bucket.
    expect(limiter.reserve('follow/follow_get_info', 10_000)).toBe(0);
  });

  it('gives the token back when the wait would exceed maxWaitMs', () => {
    const clock = manualClock();
    const limiter = new RateLimiter(10, clock.now);
    expect(limiter.reserve('c', 0)).toBe(0);
    expect(limiter.reserve('c', 50)).toBeUndefined();
    // The refused reservation did not push later callers back.
    expect(limiter.reserve('c', 1000)).toBeCloseTo(100, 6);
  });
});

describe('RateLimiter.budget (the read-only view)', () => {
  it('reports what is left now, who waits and when the bucket is full, without taking anything', async () => {
    const clock = manualClock();
    const limiter = new RateLimiter(200, clock.now);
    // Never used: the whole budget.
    expect(await limiter.budget('follow/follow_get')).toEqual({
      ratePerSecond: 200,
      capacity: 5,
      remaining: 5,
      waiting: 0,
      fullInMs: 0,
    });
    for (let i = 0; i < 4; i++) limiter.reserve('follow/follow_get', 10_000);
    const after4 = await limiter.budget('follow/follow_get');
    expect(after4).toMatchObject({ remaining: 1, waiting: 0 });
    expect(after4.fullInMs).toBeCloseTo((4 / 200) * 1000, 6);
    // Looking is free: the next reservation still goes at once.
    expect(await limiter.budget('follow/follow_get')).toEqual(after4);
    expect(limiter.reserve('follow/follow_get', 0)).toBe(0);
    // Past the bucket: callers wait, and the view counts them.
    for (let i = 0; i < 3; i++) limiter.reserve('follow/follow_get', 10_000);
    const queued = await limiter.budget('follow/follow_get');
    expect(queued).toMatchObject({ remaining: 0, waiting: 3 });
    expect(queued.fullInMs).toBeCloseTo((8 / 200) * 1000, 6);
    // It refills at the rate: 20 ms later there are 4 tokens less 3 waiting, one left.
    clock.advance(20);
    expect(await limiter.budget('follow/follow_get')).toMatchObject({ remaining: 1, waiting: 0 });
    clock.advance(1000);
    expect(await limiter.budget('follow/follow_get')).toMatchObject({ remaining: 5, fullInMs: 0 });
    // Other commands are untouched.
    expect((await limiter.budget('follow/follow_check')).remaining).toBe(5);
  });

  it('says "no limit" (rate 0) when the limiter is off', async () => {
    expect(await new RateLimiter(0).budget('follow/follow_get')).toMatchObject({ ratePerSecond: 0 });
  });
});
