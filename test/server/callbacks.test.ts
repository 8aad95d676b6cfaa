/**
 * The callback intake (src/server/plugins/useTencentCallbacks.ts) on the real server, with the shared
 * cache on (CACHE=memory) and a callback token: the documented OK answer, refusals that change nothing
 * (no event; a cached count stays as it was), replays dropped, no secret in the log, and a follow made
 * straight against the emulator (as a client SDK would) visible through the emulator's callback.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/events/events.js';
import { createLogger } from '../../src/server/observability/logger.js';
import { CallbackCommand, callbackSign } from '../../src/tencent/callbacks.js';
import { serverConfig } from '../support/config.js';
import { countCalls, type Harness, startHarness } from '../support/harness.js';

const TOKEN = 'intake-token-Zq81-never-logged';
const CALLBACK_PATH = serverConfig({}).callbacks.path;

let h: Harness;
let base: string;
const logLines: string[] = [];
/** Every event published on the server's bus. */
const events: DomainEvent[] = [];
/** Every Sign this file sent, to look for in the log. */
const signsSent = new Set<string>();
const startedAt = Math.floor(Date.now() / 1000);

beforeAll(async () => {
  const logger = createLogger({
    level: 'debug',
    destination: { write: (line: string) => void logLines.push(line) },
  });
  h = await startHarness({ seed: 'demo', sharedReads: { cache: 'memory' }, callbackToken: TOKEN, logger });
  base = h.url.replace(/\/graphql$/, '');
  h.dataPlane.bus.subscribe((batch) => events.push(...batch));
});
afterAll(() => h?.close());
beforeEach(async () => {
  await h.emulator.callbacksIdle();
  await h.clearFaults();
});

const nowSeconds = () => Math.floor(Date.now() / 1000);

interface SendOptions {
  /** Query parameters to override; undefined removes one. */
  query?: Record<string, string | undefined>;
  /** Sign for this RequestTime (default now). */
  requestTime?: number;
  rawBody?: string;
  method?: string;
}

/** Sends a callback as Tencent does: signed with TOKEN unless the options say otherwise. */
async function sendCallback(body: Record<string, unknown>, options: SendOptions = {}) {
  const requestTime = options.requestTime ?? nowSeconds();
  const sign = callbackSign(TOKEN, requestTime);
  signsSent.add(sign);
  const params: Record<string, string | undefined> = {
    SdkAppid: String(h.emulator.sdkAppId),
    CallbackCommand: String(body.CallbackCommand),
    contenttype: 'json',
    ClientIP: '10.0.0.1',
    OptPlatform: 'Android',
    Sign: sign,
    RequestTime: String(requestTime),
    ...options.query,
  };
  if (params.Sign) signsSent.add(params.Sign);
  const query = new URLSearchParams(
    Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const method = options.method ?? 'POST';
  const res = await fetch(`${base}${CALLBACK_PATH}?${query}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(method !== 'GET' && { body: options.rawBody ?? JSON.stringify(body) }),
  });
  const text = await res.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}

const followAddBody = (from: string, to: string[], eventTime = Date.now()) => ({
  CallbackCommand: CallbackCommand.FollowAdd,
  From_Account: from,
  FollowList: to.map((To_Account) => ({ To_Account })),
  EventTime: eventTime,
});

const FOLLOWERS = 'query($id: ID!) { user(id: $id) { followers { totalCount } } }';

async function followers(id: string): Promise<number> {
  const res = await h.gql<{ user: { followers: { totalCount: number } } | null }>(FOLLOWERS, { id });
  expect(res.errors).toBeUndefined();
  return res.data!.user!.followers.totalCount;
}

/** Reads followers' totalCount and the upstream calls that read made. */
async function followersWithCalls(id: string) {
  const { result, calls } = await countCalls(h, () => followers(id));
  return { count: result, calls };
}

/** A fresh imported user that follows nobody (imports send no callback). */
let fresh = 0;
async function newUser(): Promise<string> {
  const id = `cb_user_${process.pid}_${++fresh}`;
  await h.client.accountImport(id);
  return id;
}

describe('accepted callbacks', () => {
  it('are answered with the documented OK body and become events on the bus', async () => {
    const before = events.length;
    const res = await sendCallback(followAddBody('cb_from_a', ['cb_to_a', 'cb_to_b'], 1702018343678));
    expect(res.status).toBe(200);
    expect(res.text).toBe('{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}');
    expect(events.slice(before)).toEqual([
      {
        type: 'follow',
        change: 'FOLLOWED',
        follower: 'cb_from_a',
        followee: 'cb_to_a',
        at: 1702018343678,
        source: 'webhook',
      },
      {
        type: 'follow',
        change: 'FOLLOWED',
        follower: 'cb_from_a',
        followee: 'cb_to_b',
        at: 1702018343678,
        source: 'webhook',
      },
    ]);
  });

  it('a callback it does not understand is answered OK and publishes nothing', async () => {
    const before = events.length;
    const res = await sendCallback({ CallbackCommand: 'C2C.CallbackAfterSendMsg', From_Account: 'x' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' });
    const malformed = await sendCallback({ CallbackCommand: CallbackCommand.FollowAdd, From_Account: 'x' });
    expect(malformed.status).toBe(200);
    expect(events.length).toBe(before);
  });

  it('a replayed identical callback is accepted once: one set of events, both answered OK', async () => {
    const before = events.length;
    const body = followAddBody('cb_replay_from', ['cb_replay_to']);
    const requestTime = nowSeconds();
    const first = await sendCallback(body, { requestTime });
    const replay = await sendCallback(body, { requestTime });
    expect(first.json).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' });
    expect(replay.status).toBe(200);
    expect(replay.json).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' });
    const published = events.slice(before);
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ follower: 'cb_replay_from', followee: 'cb_replay_to' });
  });
});

describe('refused callbacks', () => {
  const body = () => followAddBody('cb_forged_from', ['cb_forged_to']);

  it.each<[string, () => Promise<{ status: number; json?: Record<string, unknown> }>]>([
    ['a wrong SdkAppid', () => sendCallback(body(), { query: { SdkAppid: '1400000001' } })],
    ['no SdkAppid', () => sendCallback(body(), { query: { SdkAppid: undefined } })],
    ['no CallbackCommand in the URL', () => sendCallback(body(), { query: { CallbackCommand: undefined } })],
    [
      'an unsigned callback',
      () => sendCallback(body(), { query: { Sign: undefined, RequestTime: undefined } }),
    ],
    ['a Sign without RequestTime', () => sendCallback(body(), { query: { RequestTime: undefined } })],
    [
      'a bad Sign',
      () => sendCallback(body(), { query: { Sign: callbackSign('not-the-token', nowSeconds()) } }),
    ],
    ['a RequestTime 61 s old', () => sendCallback(body(), { requestTime: nowSeconds() - 61 })],
    ['a RequestTime 61 s ahead', () => sendCallback(body(), { requestTime: nowSeconds() + 61 })],
    ['a body that is not JSON', () => sendCallback(body(), { rawBody: '{"CallbackCommand": "Follow.' })],
    [
      'a URL CallbackCommand that differs from the body',
      () => sendCallback(body(), { query: { CallbackCommand: CallbackCommand.FollowDelete } }),
    ],
    ['a GET', () => sendCallback(body(), { method: 'GET' })],
  ])('%s: a 4xx FAIL answer and no event', async (_name, send) => {
    const before = events.length;
    const res = await send();
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.json).toMatchObject({ ActionStatus: 'FAIL', ErrorInfo: expect.any(String) });
    expect(res.json?.ErrorCode).not.toBe(0);
    expect(events.length).toBe(before);
  });

  it('a GET, even signed and current, is 405 Method Not Allowed', async () => {
    const res = await sendCallback(body(), { method: 'GET' });
    expect(res.status).toBe(405);
    expect(res.json).toMatchObject({ ActionStatus: 'FAIL' });
  });

  it('a signed callback 59 s old is still accepted (inside the 60-s window)', async () => {
    const before = events.length;
    const res = await sendCallback(followAddBody('cb_edge_from', ['cb_edge_to']), {
      requestTime: nowSeconds() - 59,
    });
    expect(res.status).toBe(200);
    expect(events.length).toBe(before + 1);
  });

  it('end to end: forged callbacks leave the cached count as it was; a valid one makes the next read fresh', async () => {
    const fan = await newUser();
    const star = 'bob';
    const cached = await followersWithCalls(star);
    // Served from the cache now.
    expect(await followersWithCalls(star)).toEqual({ count: cached.count, calls: {} });

    // The follow graph changes behind the server's back, and the emulator's own callback is dropped.
    await h.setFaults([{ callback: '*', drop: true }]);
    const [outcome] = await h.client.followAdd(fan, [star]);
    expect(outcome?.resultCode).toBe(0);
    await h.emulator.callbacksIdle();
    expect(await followersWithCalls(star)).toEqual({ count: cached.count, calls: {} });

    const change = followAddBody(fan, [star]);
    const forgeries = [
      sendCallback(change, { query: { Sign: undefined, RequestTime: undefined } }),
      sendCallback(change, { query: { Sign: callbackSign('guessed-token', nowSeconds()) } }),
      sendCallback(change, { requestTime: nowSeconds() - 61 }),
      sendCallback(change, { query: { SdkAppid: String(h.emulator.sdkAppId + 1) } }),
    ];
    for (const res of await Promise.all(forgeries)) expect(res.status).toBeGreaterThanOrEqual(400);
    // The cached (old) count is still what is served, from the cache.
    expect(await followersWithCalls(star)).toEqual({ count: cached.count, calls: {} });

    const valid = await sendCallback(change);
    expect(valid.status).toBe(200);
    const after = await followersWithCalls(star);
    expect(after.count).toBe(cached.count + 1);
    expect(after.calls).toEqual({ 'follow/follow_get_info': 1 });
  });
});

describe('the emulator’s callbacks keep the cache current', () => {
  it('a follow made straight against the emulator shows in followers { totalCount } within 1 s', async () => {
    const fan = await newUser();
    const star = 'carol';
    const cached = await followersWithCalls(star);
    expect(await followersWithCalls(star)).toEqual({ count: cached.count, calls: {} });
    const sentBefore = (await emulatorCallbackStats()).sent;
    const before = events.length;

    // As a client SDK would: not through this server.
    const [outcome] = await h.client.followAdd(fan, [star]);
    expect(outcome?.resultCode).toBe(0);
    const start = Date.now();
    let seen = cached.count;
    while (seen === cached.count && Date.now() - start < 1000) {
      seen = await followers(star);
      if (seen === cached.count) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(seen).toBe(cached.count + 1);
    // Learned from the emulator's signed callback, not from the cache expiring.
    expect(events.slice(before)).toContainEqual(
      expect.objectContaining({ type: 'follow', follower: fan, followee: star, source: 'webhook' }),
    );
    await h.emulator.callbacksIdle();
    expect((await emulatorCallbackStats()).sent).toBe(sentBefore + 1);
  });

  it('and an unfollow likewise', async () => {
    const fan = await newUser();
    const star = 'alice';
    await h.client.followAdd(fan, [star]);
    await h.emulator.callbacksIdle();
    const cached = await followersWithCalls(star);
    expect(await followersWithCalls(star)).toEqual({ count: cached.count, calls: {} });
    await h.client.followDelete(fan, [star]);
    await h.emulator.callbacksIdle();
    expect(await followers(star)).toBe(cached.count - 1);
  });
});

async function emulatorCallbackStats(): Promise<{ sent: number; failed: number; dropped: number }> {
  const res = await fetch(`${h.emulator.url}/__emulator/stats`);
  return ((await res.json()) as { callbacks: { sent: number; failed: number; dropped: number } }).callbacks;
}

describe('the log', () => {
  it('records refusals with their reason, and never the token or a Sign', async () => {
    // Make sure at least one refusal and one acceptance happened in this process.
    await sendCallback(followAddBody('cb_log_from', ['cb_log_to']), {
      query: { Sign: callbackSign('wrong', nowSeconds()) },
    });
    await sendCallback(followAddBody('cb_log_from', ['cb_log_to']));
    const text = logLines.join('');
    const refusals = logLines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.msg === 'tencent callback refused');
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals.map((line) => line.reason)).toContain('bad Sign');

    expect(text).not.toContain(TOKEN);
    for (const sign of signsSent) expect(text).not.toContain(sign);
    // Nor any Sign the emulator may have made with the token during this file.
    for (let t = startedAt - 120; t <= nowSeconds() + 120; t++) {
      expect(text).not.toContain(callbackSign(TOKEN, t));
    }
  });
});
