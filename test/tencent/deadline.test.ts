/**
 * The request deadline in the transport, against the real emulator: every attempt and retry of a call
 * fits in it, writes leave the read-back reserve free, a limiter queue longer than the time left is
 * refused at once with a retry hint, and an open circuit fails fast and probes its way back.
 * Time bounds are loose (this machine is shared): they tell seconds from tenths, nothing finer.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { Deadline, withDeadline } from '../../src/tencent/deadline.js';
import { TencentError } from '../../src/tencent/errors.js';
import { calls, configFor, observedClient, resetAll, setFaults } from '../support/upstream.js';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, seed: 'none', rateLimitPerSecond: 0 });
});
afterAll(() => emu.close());
beforeEach(() => resetAll(emu));

async function failure(p: Promise<unknown>): Promise<{ error: TencentError; ms: number }> {
  const started = performance.now();
  try {
    await p;
  } catch (error) {
    expect(error).toBeInstanceOf(TencentError);
    return { error: error as TencentError, ms: performance.now() - started };
  }
  throw new Error('expected a rejection');
}

describe('one deadline for every attempt of a request', () => {
  it('a stalled upstream fails the call at the deadline, retries included, not after 2 x 10 s', async () => {
    const { client, events } = observedClient(configFor(emu, { maxRetries: 3, timeoutMs: 10_000 }));
    await client.multiAccountImport(['a']);
    await setFaults(emu, [{ command: 'follow/follow_get_info', delayMs: 6000 }]);
    const { error, ms } = await failure(withDeadline(Deadline.after(800), () => client.followGetInfo(['a'])));
    expect(error.kind).toBe('timeout');
    expect(ms).toBeLessThan(3000);
    expect(events.filter((e) => e.command === 'follow/follow_get_info')).toHaveLength(1);
    await client.close();
  });

  it('a call made after the deadline sends nothing', async () => {
    const { client } = observedClient(configFor(emu));
    await client.multiAccountImport(['a']);
    const passed = new Deadline(performance.now() - 1);
    const { error } = await failure(withDeadline(passed, () => client.followGetInfo(['a'])));
    expect(error).toMatchObject({ kind: 'deadline', provesNotApplied: true });
    expect((await calls(emu))['follow/follow_get_info']).toBeUndefined();
    await client.close();
  });

  it('a write attempt ends before the read-back reserve: the reserve stays for reading back', async () => {
    const { client } = observedClient(configFor(emu, { maxRetries: 0, timeoutMs: 10_000 }));
    await client.multiAccountImport(['a', 'b']);
    await setFaults(emu, [{ command: 'follow/follow_add', delayMs: 5000, times: 1 }]);
    const deadline = Deadline.after(2500, 1500);
    const [outcome] = await withDeadline(deadline, () => client.followAdd('a', ['b']));
    expect(outcome?.error?.kind).toBe('timeout');
    // Cut at about 1 s; at least a second of the deadline is left for a read-back.
    expect(deadline.remaining()).toBeGreaterThan(900);
    const [check] = await withDeadline(deadline, () => client.followCheck('a', ['b']));
    expect(check?.ResultCode).toBe(0);
    await client.close();
  });
});

describe('load shedding at the client-side limiter', () => {
  it('refuses at once, with a retry hint, the calls its queue cannot serve within the deadline', async () => {
    const { client } = observedClient(configFor(emu, { rateLimitPerSecond: 10 }));
    await client.multiAccountImport(['a']);
    // 10 calls/s with a burst of 1: within a 600 ms deadline about 6 calls can go; 30 are asked at once.
    const deadline = Deadline.after(600);
    const started = performance.now();
    const settled = await withDeadline(deadline, () =>
      Promise.allSettled(Array.from({ length: 30 }, () => client.followGetInfo(['a']))),
    );
    const refused = settled.flatMap((r) =>
      r.status === 'rejected' && r.reason instanceof TencentError && r.reason.kind === 'rate-limited'
        ? [r.reason]
        : [],
    );
    const served = settled.filter((r) => r.status === 'fulfilled');
    expect(served.length).toBeGreaterThanOrEqual(3);
    expect(served.length).toBeLessThanOrEqual(8);
    expect(refused.length + served.length).toBe(30);
    for (const error of refused) {
      expect(error.provesNotApplied).toBe(true);
      expect(error.retryAfterMs).toBeGreaterThan(0);
    }
    expect(performance.now() - started).toBeLessThan(3000);
    await client.close();
  });
});

describe('circuit breaker', () => {
  it('opens after repeated failures, fails fast without calling upstream, and closes on a good probe', async () => {
    const breaker = { failureRatio: 0.5, minCalls: 4, windowMs: 10_000, openMs: 300 };
    const refusals: string[] = [];
    const { client } = observedClient(configFor(emu, { maxRetries: 0, circuitBreaker: breaker }));
    const observed = client.observed({ onRefused: (_command, reason) => refusals.push(reason) });
    await client.multiAccountImport(['a']);
    await setFaults(emu, [{ command: 'follow/follow_get_info', httpStatus: 502 }]);
    for (let i = 0; i < 4; i++) await failure(observed.followGetInfo(['a']));
    expect((await calls(emu))['follow/follow_get_info']).toBe(4);
    const { error, ms } = await failure(observed.followGetInfo(['a']));
    expect(error.kind).toBe('circuit-open');
    expect(error.retryAfterMs).toBeGreaterThan(0);
    expect(ms).toBeLessThan(100);
    expect((await calls(emu))['follow/follow_get_info']).toBe(4);
    expect(refusals).toEqual(['circuit-open']);
    // Other commands are not affected.
    expect(await observed.followCheck('a', ['a'])).toHaveLength(1);

    await setFaults(emu, []);
    await new Promise((resolve) => setTimeout(resolve, (error.retryAfterMs ?? 0) + 50));
    const [info] = await observed.followGetInfo(['a']);
    expect(info?.ResultCode).toBe(0);
    expect(await observed.followGetInfo(['a'])).toHaveLength(1);
    await client.close();
  });
});
