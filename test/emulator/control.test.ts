import { request } from 'node:http';
import { beforeEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { Rest, useEmulator } from '../support/emulatorRest.js';

const fx = useEmulator();
beforeEach(async () => {
  await fx.rest.control('POST', 'reset');
  await fx.rest.importUsers(['a', 'b']);
  await fx.rest.control('POST', 'stats/reset');
});

const INFO = 'follow/follow_get_info';
const infoBody = { From_Account: 'a', To_Account: ['a', 'b'] };
const faults = (rules: object[]) => fx.rest.control('POST', 'faults', { rules });

describe('control endpoints', () => {
  it('counts REST calls per command, including rejected ones, and resets the counters', async () => {
    await fx.rest.call(INFO, infoBody);
    await fx.rest.call(INFO, infoBody);
    await fx.rest.call(INFO, infoBody, { query: { usersig: '' } });
    await fx.rest.call('follow/follow_check', { From_Account: 'a', To_Account: ['b'] });
    await fx.rest.call('follow/nope', {});
    const stats = await fx.rest.control('GET', 'stats');
    expect(stats.status).toBe(200);
    expect(stats.json).toEqual({
      calls: { [INFO]: 3, 'follow/follow_check': 1 },
      // The call without a UserSig was answered with an auth error, counted by its code.
      errors: { [INFO]: { '70002': 1 } },
      maxCallsPerSecond: { [INFO]: 3, 'follow/follow_check': 1 },
      callbacks: { sent: 0, failed: 0, dropped: 0 },
    });
    expect((await fx.rest.control('POST', 'stats/reset')).status).toBe(200);
    expect((await fx.rest.control('GET', 'stats')).json).toEqual({
      calls: {},
      errors: {},
      maxCallsPerSecond: {},
      callbacks: { sent: 0, failed: 0, dropped: 0 },
    });
  });

  it('counts answers by error code (injected faults and 60007 over the rate) and the busiest second', async () => {
    await faults([{ command: INFO, errorCode: 70169, times: 2 }]);
    for (let i = 0; i < 3; i++) await fx.rest.call(INFO, infoBody);
    await fx.rest.control('DELETE', 'faults');
    const limited = await startEmulator({ port: 0, rateLimitPerSecond: 5 });
    try {
      const rest = new Rest(limited);
      await rest.importUsers(['a', 'b']);
      const answers = await Promise.all(Array.from({ length: 12 }, () => rest.call(INFO, infoBody)));
      const refused = answers.filter((out: { ErrorCode: number }) => out.ErrorCode === 60007).length;
      expect(refused).toBeGreaterThanOrEqual(6);
      const stats = (await rest.control('GET', 'stats')).json;
      expect(stats.errors).toEqual({ [INFO]: { '60007': refused } });
      expect(stats.maxCallsPerSecond[INFO]).toBe(12);
    } finally {
      await limited.close();
    }
    const stats = (await fx.rest.control('GET', 'stats')).json;
    expect(stats.errors).toEqual({ [INFO]: { '70169': 2 } });
    expect(stats.calls).toEqual({ [INFO]: 3 });
  });

  it('reset empties all state', async () => {
    await fx.rest.follow('a', ['b']);
    await fx.rest.control('POST', 'reset');
    const out = await fx.rest.ok(INFO, infoBody);
    expect(out.FollowInfo.map((x: { ResultCode: number }) => x.ResultCode)).toEqual([30003, 30003]);
    expect((await fx.rest.control('GET', 'stats')).json).toEqual({
      calls: { [INFO]: 1 },
      errors: {},
      maxCallsPerSecond: { [INFO]: 1 },
      callbacks: { sent: 0, failed: 0, dropped: 0 },
    });
  });

  it('injects error codes before the command runs, a limited number of times', async () => {
    await faults([{ command: 'follow/follow_add', errorCode: 30006, times: 2 }]);
    const body = { From_Account: 'a', FollowItem: [{ To_Account: 'b' }] };
    expect(await fx.rest.call('follow/follow_add', body)).toMatchObject({
      ActionStatus: 'FAIL',
      ErrorCode: 30006,
    });
    expect((await fx.rest.call('follow/follow_add', body)).ErrorCode).toBe(30006);
    // Nothing was applied by the failed calls.
    expect((await fx.rest.ok(INFO, infoBody)).FollowInfo[0].FollowingCount).toBe(0);
    expect((await fx.rest.call('follow/follow_add', body)).ErrorCode).toBe(0);
    expect((await fx.rest.ok(INFO, infoBody)).FollowInfo[0].FollowingCount).toBe(1);
    expect((await fx.rest.control('GET', 'stats')).json.calls['follow/follow_add']).toBe(3);
  });

  it('injects HTTP statuses, malformed bodies and connection resets; DELETE clears', async () => {
    await faults([{ command: INFO, httpStatus: 502 }]);
    const r502 = await fx.rest.raw(INFO, infoBody);
    expect(r502.status).toBe(502);
    expect(() => JSON.parse(r502.text)).toThrow();

    await faults([{ command: INFO, malformed: true }]);
    const bad = await fx.rest.raw(INFO, infoBody);
    expect(bad.status).toBe(200);
    expect(() => JSON.parse(bad.text)).toThrow();

    await faults([{ command: INFO, reset: true, times: 1 }]);
    await expect(fx.rest.raw(INFO, infoBody)).rejects.toThrow();
    expect((await fx.rest.call(INFO, infoBody)).ErrorCode).toBe(0);

    await faults([{ command: '*', errorCode: 30007 }]);
    expect((await fx.rest.call(INFO, infoBody)).ErrorCode).toBe(30007);
    expect((await fx.rest.control('GET', 'faults')).json.rules).toHaveLength(1);
    expect((await fx.rest.control('DELETE', 'faults')).status).toBe(200);
    expect((await fx.rest.call(INFO, infoBody)).ErrorCode).toBe(0);
  });

  it('delays then serves normally; probability 0 never fires', async () => {
    await faults([
      { command: 'follow/follow_check', probability: 0, errorCode: 30006 },
      { command: INFO, delayMs: 300 },
    ]);
    const t0 = performance.now();
    const out = await fx.rest.call(INFO, infoBody);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(280);
    expect(out.ErrorCode).toBe(0);
    expect(
      (await fx.rest.call('follow/follow_check', { From_Account: 'a', To_Account: ['b'] })).ErrorCode,
    ).toBe(0);
  });

  it('adds the latency set at run time to every REST call, and logs each call with its timing', async () => {
    expect((await fx.rest.control('GET', 'latency')).json).toEqual({ ms: 0 });
    expect((await fx.rest.control('POST', 'latency', { ms: 200 })).json).toEqual({ ok: true, ms: 200 });
    try {
      const t0 = performance.now();
      const [a, b] = await Promise.all([fx.rest.call(INFO, infoBody), fx.rest.call(INFO, infoBody)]);
      expect(performance.now() - t0).toBeGreaterThanOrEqual(190);
      expect([a.ErrorCode, b.ErrorCode]).toEqual([0, 0]);
      // Even a call that auth refuses waits: latency is the network's and the service's, not the command's.
      expect((await fx.rest.call(INFO, infoBody, { query: { usersig: '' } })).ErrorCode).not.toBe(0);
    } finally {
      await fx.rest.control('POST', 'latency', { ms: 0 });
    }
    const { calls } = (await fx.rest.control('GET', 'log')).json as {
      calls: { command: string; receivedMs: number; answeredMs: number }[];
    };
    expect(calls.map((c) => c.command)).toEqual([INFO, INFO, INFO]);
    for (const c of calls) expect(c.answeredMs - c.receivedMs).toBeGreaterThanOrEqual(190);
    // The two concurrent calls overlap; the third started after both were answered.
    const [first, second, third] = calls as [(typeof calls)[0], (typeof calls)[0], (typeof calls)[0]];
    expect(Math.max(first.receivedMs, second.receivedMs)).toBeLessThan(
      Math.min(first.answeredMs, second.answeredMs),
    );
    expect(third.receivedMs).toBeGreaterThanOrEqual(Math.max(first.answeredMs, second.answeredMs));
    await fx.rest.control('POST', 'stats/reset');
    expect((await fx.rest.control('GET', 'log')).json).toEqual({ calls: [] });
  });

  it('refuses a latency that is not an integer from 0 to 60000 ms', async () => {
    for (const ms of [-1, 1.5, '30', null, 60_001]) {
      expect((await fx.rest.control('POST', 'latency', { ms })).status).toBe(400);
    }
    expect((await fx.rest.control('GET', 'latency')).json).toEqual({ ms: 0 });
  });

  it('apply: the command is applied, then its answer is dropped, delayed or replaced', async () => {
    const follow = (to: string) => ({ From_Account: 'a', FollowItem: [{ To_Account: to }] });
    const following = async () => (await fx.rest.ok(INFO, infoBody)).FollowInfo[0].FollowingCount;
    await faults([{ command: 'follow/follow_add', apply: true, reset: true, times: 1 }]);
    await expect(fx.rest.raw('follow/follow_add', follow('b'))).rejects.toThrow();
    expect(await following()).toBe(1);

    await faults([{ command: 'follow/follow_delete', apply: true, httpStatus: 504, times: 1 }]);
    const lost = await fx.rest.raw('follow/follow_delete', { From_Account: 'a', To_Account: ['b'] });
    expect(lost.status).toBe(504);
    expect(await following()).toBe(0);

    // A late answer: the follow is visible to other callers before the answer arrives.
    await faults([{ command: 'follow/follow_add', apply: true, delayMs: 400, times: 1 }]);
    const late = fx.rest.call('follow/follow_add', follow('b'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await following()).toBe(1);
    expect((await late).ResultItem).toEqual([{ To_Account: 'b', ResultCode: 0, ResultInfo: '' }]);

    expect((await faults([{ command: INFO, apply: 'yes', reset: true }])).status).toBe(400);
    expect((await faults([{ callback: '*', apply: true, drop: true }])).status).toBe(400);
  });

  it('rejects invalid fault rules and unknown control paths', async () => {
    expect((await faults([{ command: INFO }])).status).toBe(400);
    expect((await faults([{ command: INFO, probability: 2, errorCode: 1 }])).status).toBe(400);
    expect((await faults([{ command: INFO, errorCode: 1, httpStatus: 502 }])).status).toBe(400);
    expect((await fx.rest.control('POST', 'faults', { nope: 1 })).status).toBe(400);
    expect((await fx.rest.control('GET', 'nope')).status).toBe(404);
    expect((await fx.rest.control('PUT', 'stats')).status).toBe(405);
  });

  it('seeds the demo graph on demand', async () => {
    const out = await fx.rest.control('POST', 'seed', { seed: 'demo' });
    expect(out.json).toEqual({ ok: true, users: 300 });
    expect(
      (await fx.rest.ok(INFO, { From_Account: 'alice', To_Account: ['alice'] })).FollowInfo[0].ResultCode,
    ).toBe(0);
  });
});

/** A control request with exactly these headers (node:http adds none of its own but Host and length). */
function rawControl(
  method: string,
  path: string,
  headers: Record<string, string>,
  body = '',
): Promise<{ status: number; json: { error?: string } }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${fx.emu.url}/__emulator/${path}`,
      { method, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('control endpoints refuse browser requests', () => {
  const ORIGIN = { origin: 'https://evil.example' };

  it('answers 403 to any request carrying an Origin header and changes nothing', async () => {
    await fx.rest.follow('a', ['b']);
    await faults([{ command: INFO, errorCode: 30006, times: 1 }]);
    // What a page's fetch(url, {method: 'POST', mode: 'no-cors'}) sends: Origin, text/plain or no body.
    expect((await rawControl('POST', 'reset', { ...ORIGIN, 'content-type': 'text/plain' })).status).toBe(403);
    expect((await rawControl('POST', 'reset', { origin: 'null' })).status).toBe(403);
    expect((await rawControl('POST', 'stats/reset', ORIGIN)).status).toBe(403);
    expect((await rawControl('DELETE', 'faults', ORIGIN)).status).toBe(403);
    const replaced = await rawControl(
      'POST',
      'faults',
      { ...ORIGIN, 'content-type': 'application/json' },
      JSON.stringify({ rules: [] }),
    );
    expect(replaced.status).toBe(403);
    expect(replaced.json.error).toMatch(/Origin/);
    expect((await rawControl('POST', 'seed', ORIGIN)).status).toBe(403);
    expect((await rawControl('GET', 'stats', ORIGIN)).status).toBe(403);
    const slowed = await rawControl(
      'POST',
      'latency',
      { ...ORIGIN, 'content-type': 'application/json' },
      JSON.stringify({ ms: 5000 }),
    );
    expect(slowed.status).toBe(403);
    expect((await rawControl('POST', 'latency', {}, JSON.stringify({ ms: 5000 }))).status).toBe(415);
    expect((await fx.rest.control('GET', 'latency')).json).toEqual({ ms: 0 });

    // The fault rule and the follow survived every refused request.
    expect((await fx.rest.control('GET', 'faults')).json.rules).toHaveLength(1);
    expect((await fx.rest.call(INFO, infoBody)).ErrorCode).toBe(30006);
    expect((await fx.rest.ok(INFO, infoBody)).FollowInfo[0].FollowingCount).toBe(1);
  });

  it('needs content-type application/json on a request body (415 otherwise)', async () => {
    const rules = JSON.stringify({ rules: [{ command: INFO, errorCode: 30006 }] });
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      expect((await rawControl('POST', 'faults', { 'content-type': type }, rules)).status).toBe(415);
    }
    expect((await rawControl('POST', 'faults', {}, rules)).status).toBe(415);
    expect((await fx.rest.control('GET', 'faults')).json.rules).toHaveLength(0);

    const ok = await rawControl(
      'POST',
      'faults',
      { 'content-type': 'Application/JSON; charset=utf-8' },
      rules,
    );
    expect(ok.status).toBe(200);
    expect((await fx.rest.control('GET', 'faults')).json.rules).toHaveLength(1);
  });

  it('still serves tools: no Origin, and POST without a body needs no content-type', async () => {
    expect((await rawControl('POST', 'reset', {})).status).toBe(200);
    expect((await rawControl('POST', 'stats/reset', {})).status).toBe(200);
    expect((await rawControl('DELETE', 'faults', {})).status).toBe(200);
    expect((await rawControl('GET', 'stats', {})).status).toBe(200);
  });
});
