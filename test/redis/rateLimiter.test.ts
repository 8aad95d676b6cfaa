/**
 * The rate budget shared through Redis (src/redis/rateLimiter.ts) against a real redis-server: replicas
 * on their own connections share one budget per command (no one-second window gets more than the rate
 * plus the burst), a caller that would wait too long is refused with the queue's length, and while
 * Redis is away each replica falls back to its own share, returning to Redis when it is back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisLink } from '../../src/redis/link.js';
import { RedisRateLimiter, SharedRateLimiter } from '../../src/redis/rateLimiter.js';
import { burstCapacity, type RateSlot } from '../../src/tencent/rateLimiter.js';
import { type RunningRedis, startRedis } from '../support/redis.js';
import { busiestSecond } from '../support/windows.js';

let server: RunningRedis;
const links: RedisLink[] = [];
let prefixes = 0;

async function link(): Promise<RedisLink> {
  const made = new RedisLink(server.url);
  links.push(made);
  await made.connected;
  return made;
}

beforeAll(async () => {
  server = await startRedis();
});
afterAll(async () => {
  await Promise.all(links.map((l) => l.close()));
  await server?.stop();
});

async function scheduled(take: () => RateSlot | Promise<RateSlot>): Promise<number> {
  const asked = performance.now();
  const slot = await take();
  if (!('waitMs' in slot)) throw new Error(`refused: ${JSON.stringify(slot)}`);
  return asked + slot.waitMs;
}

describe('RedisRateLimiter', () => {
  it('three replicas share one budget per command: no second gets more than rate + burst', async () => {
    const rate = 50;
    const prefix = `test${prefixes++}:`;
    const replicas = await Promise.all([link(), link(), link()]);
    const limiters = replicas.map(
      (replica) => new RedisRateLimiter(replica.commands, { ratePerSecond: rate, prefix }),
    );
    // 3 x 40 calls at once: 120 calls at 50/s is about 2.3 s of schedule.
    const times = await Promise.all(
      limiters.flatMap((limiter) =>
        Array.from({ length: 40 }, () => scheduled(() => limiter.take('cmd', 10_000))),
      ),
    );
    expect(busiestSecond(times)).toBeLessThanOrEqual(rate + burstCapacity(rate));
    expect(busiestSecond(times)).toBeGreaterThanOrEqual(rate);
    // Another command has a budget of its own: its burst goes at once.
    const burst = burstCapacity(rate);
    const other = await Promise.all(Array.from({ length: burst }, () => limiters[0]!.take('other', 0)));
    expect(other).toEqual(Array.from({ length: burst }, () => ({ waitMs: 0 })));
  });

  it('refuses a caller whose turn is further away than it may wait, without taking a slot', async () => {
    const prefix = `test${prefixes++}:`;
    const limiter = new RedisRateLimiter((await link()).commands, {
      ratePerSecond: 10,
      prefix,
    });
    // The burst (1 at 10/s) goes at once; the next waits about 100 ms.
    expect(await limiter.take('cmd', 0)).toEqual({ waitMs: 0 });
    const refused = await limiter.take('cmd', 20);
    expect(refused).toMatchObject({ retryAfterMs: expect.any(Number) });
    expect((refused as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(20);
    expect((refused as { retryAfterMs: number }).retryAfterMs).toBeLessThanOrEqual(100);
    // The refused call took nothing: the next in line still waits about 100 ms, not 200.
    const next = await limiter.take('cmd', 1000);
    expect((next as { waitMs: number }).waitMs).toBeLessThanOrEqual(100);
  });
});

describe('SharedRateLimiter', () => {
  it("uses Redis while it is up, this replica's share while it is down, and Redis again when it is back", async () => {
    const rate = 40;
    const replicas = 4;
    const prefix = `test${prefixes++}:`;
    const states: string[] = [];
    const redisLink = new RedisLink(server.url, { onChange: (state) => states.push(state) });
    links.push(redisLink);
    await redisLink.connected;
    const limiter = new SharedRateLimiter(
      redisLink,
      new RedisRateLimiter(redisLink.commands, { ratePerSecond: rate, prefix }),
      { sharePerSecond: rate / replicas },
    );
    // Up: a promise (a Redis round trip). `queued` fills the shared queue 200 ms ahead.
    expect(limiter.take('cmd', 1000)).toBeInstanceOf(Promise);
    const queued = await limiter.take('queued', 1000);
    for (let i = 0; i < 8; i++) await limiter.take('queued', 1000);
    expect(queued).toEqual({ waitMs: 0 });

    await server.kill();
    await expect.poll(() => redisLink.up, { timeout: 5000 }).toBe(false);
    // Down: this replica's share, 10/s, answered at once. Nothing was queued for `cmd`: its share
    // starts now (losing Redis refuses nothing by itself)...
    const first = limiter.take('cmd', 60_000) as RateSlot;
    expect(first).not.toBeInstanceOf(Promise);
    expect(first).toEqual({ waitMs: 0 });
    // ...while `queued`'s starts after the last turn the shared queue granted, about 200 ms ahead.
    const afterQueue = limiter.take('queued', 60_000) as { waitMs: number };
    expect(afterQueue.waitMs).toBeGreaterThan(100);
    // A caller that may wait 300 ms: the share's next turns of `cmd` are 100 ms apart.
    for (let i = 0; i < 3; i++)
      expect(limiter.take('cmd', 300)).toMatchObject({ waitMs: expect.any(Number) });
    expect(limiter.take('cmd', 300)).toMatchObject({ retryAfterMs: expect.any(Number) });
    // Callers that go when told: 15 calls over about 1.5 s.
    const times: number[] = [];
    while (times.length < 15) {
      const slot = limiter.take('cmd', 60_000) as RateSlot;
      if ('waitMs' in slot) {
        times.push(performance.now() + slot.waitMs);
        await new Promise((resolve) => setTimeout(resolve, slot.waitMs));
      } else await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(busiestSecond(times)).toBeLessThanOrEqual(rate / replicas + 1);

    await server.resume();
    await expect.poll(() => redisLink.up, { timeout: 5000 }).toBe(true);
    expect(limiter.take('cmd', 1000)).toBeInstanceOf(Promise);
    // Each transition reported once.
    expect(states).toEqual(['up', 'down', 'up']);
  });

  it('a Redis that stops answering (a hung server) is given up after the command timeout', async () => {
    const prefix = `test${prefixes++}:`;
    const redisLink = await link();
    const limiter = new SharedRateLimiter(
      redisLink,
      new RedisRateLimiter(redisLink.commands, { ratePerSecond: 100, prefix }),
      { sharePerSecond: 100 },
    );
    // CLIENT PAUSE holds every command of every client for that long, as a hung server would.
    const admin = await link();
    await admin.commands.call('CLIENT', 'PAUSE', '1500', 'ALL');
    const started = performance.now();
    const slot = await limiter.take('cmd', 10_000);
    expect(slot).toEqual({ waitMs: 0 });
    expect(performance.now() - started).toBeLessThan(1200);
    expect(redisLink.up).toBe(false);
    // The next call does not wait for Redis at all.
    expect(limiter.take('cmd', 10_000)).not.toBeInstanceOf(Promise);
    await expect.poll(() => redisLink.up, { timeout: 5000 }).toBe(true);
  });
});
