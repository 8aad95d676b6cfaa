import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { createTencentClient } from '../../src/tencent/client.js';
import { TencentError } from '../../src/tencent/errors.js';
import type { UpstreamRateLimiter } from '../../src/tencent/rateLimiter.js';
import { verifyUserSig } from '../../src/tencent/usersig.js';
import { FollowListType } from '../../src/tencent/wire.js';
import {
  calls,
  configFor,
  ids,
  observedClient,
  resetAll,
  resetStats,
  setFaults,
} from '../support/upstream.js';

let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator({ port: 0, seed: 'none', rateLimitPerSecond: 0 });
});
afterAll(() => emu.close());
beforeEach(() => resetAll(emu));

async function rejection(p: Promise<unknown>): Promise<TencentError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(TencentError);
    return err as TencentError;
  }
  throw new Error('expected a rejection');
}

describe('request shape', () => {
  it('POSTs JSON to /v4/<service>/<command> with signed query parameters and a fresh random', async () => {
    const seen: { method: string; url: URL; contentType: string; body: string }[] = [];
    const server = createServer(async (req: IncomingMessage, res) => {
      let body = '';
      for await (const part of req) body += part;
      seen.push({
        method: req.method ?? '',
        url: new URL(req.url ?? '', 'http://x'),
        contentType: req.headers['content-type'] ?? '',
        body,
      });
      res.setHeader('content-type', 'application/json');
      res.end('{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","ErrorDisplay":"","FollowInfo":[]}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const key = 'k'.repeat(64);
    const client = createTencentClient({
      ...configFor(emu),
      sdkAppId: 1400000009,
      secretKey: key,
      adminIdentifier: 'ops_admin',
      baseUrl: `http://127.0.0.1:${port}/tim`,
    });
    try {
      await client.followGetInfo(['a', 'b']);
      await client.followGetInfo(['c']);
      await client.followGetInfo(['d']);
    } finally {
      await client.close();
      server.close();
    }
    expect(seen).toHaveLength(3);
    const randoms = new Set<string>();
    for (const r of seen) {
      expect(r.method).toBe('POST');
      expect(r.url.pathname).toBe('/tim/v4/follow/follow_get_info');
      expect([...r.url.searchParams.keys()].sort()).toEqual([
        'contenttype',
        'identifier',
        'random',
        'sdkappid',
        'usersig',
      ]);
      expect(r.url.searchParams.get('sdkappid')).toBe('1400000009');
      expect(r.url.searchParams.get('identifier')).toBe('ops_admin');
      expect(r.url.searchParams.get('contenttype')).toBe('json');
      const random = Number(r.url.searchParams.get('random'));
      expect(Number.isInteger(random) && random >= 0 && random <= 4294967295).toBe(true);
      randoms.add(String(random));
      expect(
        verifyUserSig(key, 1400000009, 'ops_admin', r.url.searchParams.get('usersig') ?? ''),
      ).toMatchObject({ ok: true });
      expect(r.contentType).toBe('application/json');
      // From_Account is the admin account (it always exists), never one of the targets: a missing first
      // target must not be able to fail the whole chunk.
      expect(JSON.parse(r.body)).toEqual({ From_Account: 'ops_admin', To_Account: expect.any(Array) });
    }
    expect(seen.map((r) => JSON.parse(r.body).To_Account)).toEqual([['a', 'b'], ['c'], ['d']]);
    expect(randoms.size).toBe(3);
    // One sig for the client's lifetime, not one per call.
    expect(new Set(seen.map((r) => r.url.searchParams.get('usersig'))).size).toBe(1);
  });
});

describe('batch commands against the emulator', () => {
  it('splits at the documented maxima and keeps input order', async () => {
    const { client } = observedClient(configFor(emu));
    const users = ids('u', 250);
    expect(await client.multiAccountImport(users)).toEqual([]);
    const targets = users.slice(1, 46);
    const added = await client.followAdd('u000', targets);
    expect(added.map((o) => o.account)).toEqual(targets);
    expect(added.every((o) => o.resultCode === 0 && !o.error)).toBe(true);

    const info = await client.followGetInfo(['u000', ...targets]);
    expect(info.map((i) => i.To_Account)).toEqual(['u000', ...targets]);
    expect(info[0]).toMatchObject({ FollowingCount: 45, FollowerCount: 0 });
    expect(info[1]).toMatchObject({ FollowerCount: 1, FollowingCount: 0 });

    const unknown = ['nobody_1', 'nobody_2'];
    const checked = await client.followCheck('u000', [...users.slice(1), ...unknown]);
    expect(checked).toHaveLength(251);
    expect(checked.filter((c) => c.FollowType === 2)).toHaveLength(45);

    const profiles = await client.portraitGet([...users, ...unknown], ['Tag_Profile_IM_Nick']);
    expect(profiles.map((p) => p.To_Account)).toEqual([...users, ...unknown]);
    expect(profiles.at(-1)?.ResultCode).not.toBe(0);
    expect(profiles[0]?.ResultCode).toBe(0);

    const removed = await client.followDelete('u000', targets);
    expect(removed.every((o) => o.resultCode === 0)).toBe(true);

    expect(await calls(emu)).toMatchObject({
      'im_open_login_svc/multiaccount_import': 3,
      'follow/follow_add': 3,
      'follow/follow_get_info': 3,
      'follow/follow_check': 3,
      'profile/portrait_get': 3,
      'follow/follow_delete': 3,
    });
    await client.close();
  });

  it('reports per-item failures without failing the batch', async () => {
    const { client } = observedClient(configFor(emu));
    await client.multiAccountImport(['me', 'you']);
    const out = await client.followAdd('me', ['you', 'ghost', 'me']);
    expect(out.map((o) => [o.account, o.resultCode === 0])).toEqual([
      ['you', true],
      ['ghost', false],
      ['me', false],
    ]);
    await client.close();
  });

  it('pages follow lists with the upstream cursor', async () => {
    const { client } = observedClient(configFor(emu));
    const fans = ids('fan', 230);
    await client.multiAccountImport(['star', ...fans]);
    for (const fan of fans) await client.followAdd(fan, ['star']);
    const seen: string[] = [];
    let cursor = '';
    let pages = 0;
    do {
      const page = await client.followGet('star', FollowListType.Fans, cursor, 100);
      seen.push(...page.items.map((i) => i.To_Account));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(230);
    expect([...seen].sort()).toEqual(fans);
    await client.close();
  });

  it('reads a whole bounded list in pages of 1,000, in upstream order (follows and mutuals)', async () => {
    const { client } = observedClient(configFor(emu));
    const stars = ids('star', 2350);
    await client.multiAccountImport(['fan', ...stars]);
    for (let i = 0; i < stars.length; i += 20) await client.followAdd('fan', stars.slice(i, i + 20));
    for (const star of stars.slice(0, 30)) await client.followAdd(star, ['fan']);
    await resetStats(emu);
    const following = await client.followList('fan', FollowListType.Follows);
    expect((await calls(emu))['follow/follow_get']).toBe(3);
    expect(following).toHaveLength(2350);
    expect(new Set(following?.map((i) => i.To_Account))).toEqual(new Set(stars));
    // Newest first, as upstream pages them.
    const times = following?.map((i) => i.FollowTime) ?? [];
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const mutuals = await client.followList('fan', FollowListType.Mutual);
    expect(new Set(mutuals?.map((i) => i.To_Account))).toEqual(new Set(stars.slice(0, 30)));
    expect((await calls(emu))['follow/follow_get']).toBe(4);
    await client.close();
  });

  it('covers official accounts: info in chunks of 50, subscribers in chunks of 100, both paging styles', async () => {
    const { client } = observedClient(configFor(emu));
    const users = ids('s', 150);
    await client.multiAccountImport(['owner', ...users]);
    const oaIds: string[] = [];
    for (let i = 0; i < 60; i++) {
      oaIds.push(await client.createOfficialAccount({ Owner_Account: 'owner', Name: `Channel ${i}` }));
    }
    expect(oaIds.every((id) => id.startsWith('@TOA#_'))).toBe(true);
    const info = await client.getOfficialAccountInfo([...oaIds, '@TOA#_missing']);
    expect(info.map((i) => i.Official_Account)).toEqual([...oaIds, '@TOA#_missing']);
    expect(info[0]).toMatchObject({ Name: 'Channel 0', Owner_Account: 'owner' });
    expect(info.at(-1)?.ErrorCode).not.toBe(0);

    const oa = oaIds[0] as string;
    const first = await client.addSubscriber(oa, users);
    expect(first.every((o) => o.result === 1)).toBe(true);
    const again = await client.addSubscriber(oa, users.slice(0, 3));
    expect(again.map((o) => o.result)).toEqual([2, 2, 2]);

    const page1 = await client.getSubscriberInfo(oa, '', 100);
    const page2 = await client.getSubscriberInfo(oa, page1.next, 100);
    expect(page1.total).toBe(150);
    expect(new Set([...page1.items, ...page2.items].map((s) => s.Subscriber_Account)).size).toBe(150);
    expect(page2.next).toBe('');

    await client.addSubscriber(oaIds[1] as string, ['s000']);
    const subscribed = await client.getSubscribedOfficialAccountList('s000', 0, 1);
    expect(subscribed).toMatchObject({ total: 2, complete: false });
    const rest = await client.getSubscribedOfficialAccountList('s000', subscribed.next, 1);
    expect(rest.complete).toBe(true);

    const removed = await client.deleteSubscriber(oa, [...users, 'owner']);
    expect(removed.filter((o) => o.result === 1)).toHaveLength(150);
    expect(removed.at(-1)?.result).toBe(2);

    expect(await calls(emu)).toMatchObject({
      'official_account_open_http_svc/get_official_account_info': 2,
      'official_account_open_http_svc/add_subscriber': 4,
      'official_account_open_http_svc/delete_subscriber': 2,
    });
    await client.close();
  });
});

describe('retries', () => {
  it('retries a read on a transient upstream code and succeeds', async () => {
    const { client, events } = observedClient(configFor(emu));
    await client.multiAccountImport(['a']);
    await setFaults(emu, [{ command: 'follow/follow_get_info', errorCode: 30006, times: 2 }]);
    const [info] = await client.followGetInfo(['a']);
    expect(info?.ResultCode).toBe(0);
    expect((await calls(emu))['follow/follow_get_info']).toBe(3);
    const infoEvents = events.filter((e) => e.command === 'follow/follow_get_info');
    expect(infoEvents.map((e) => [e.attempt, e.error?.code, e.willRetry])).toEqual([
      [1, 30006, true],
      [2, 30006, true],
      [3, undefined, false],
    ]);
    await client.close();
  });

  it('gives up after maxRetries with a typed error', async () => {
    const { client } = observedClient(configFor(emu, { maxRetries: 2 }));
    await setFaults(emu, [{ command: 'follow/follow_get', errorCode: 30006 }]);
    const err = await rejection(client.followGet('a', FollowListType.Fans, '', 10));
    expect(err).toMatchObject({ kind: 'api', code: 30006, command: 'follow/follow_get' });
    expect((await calls(emu))['follow/follow_get']).toBe(3);
    await client.close();
  });

  it('stops retrying at the deadline', async () => {
    const { client } = observedClient(configFor(emu, { maxRetries: 10, retryDeadlineMs: 0 }));
    await setFaults(emu, [{ command: 'follow/follow_get', errorCode: 30006 }]);
    await rejection(client.followGet('a', FollowListType.Fans, '', 10));
    expect((await calls(emu))['follow/follow_get']).toBe(1);
    await client.close();
  });

  it('never retries a write that may have been applied', async () => {
    const { client } = observedClient(configFor(emu));
    await client.multiAccountImport(['a', 'b']);
    await setFaults(emu, [{ command: 'follow/follow_add', errorCode: 30006 }]);
    const [out] = await client.followAdd('a', ['b']);
    expect(out).toMatchObject({ account: 'b', resultCode: 30006 });
    expect(out?.error?.kind).toBe('api');
    expect((await calls(emu))['follow/follow_add']).toBe(1);
    await client.close();
  });

  it('retries a write refused by the rate limiter (proof it was not applied)', async () => {
    const { client } = observedClient(configFor(emu));
    await client.multiAccountImport(['a', 'b']);
    await setFaults(emu, [{ command: 'follow/follow_add', errorCode: 60007, times: 1 }]);
    const [out] = await client.followAdd('a', ['b']);
    expect(out).toMatchObject({ account: 'b', resultCode: 0 });
    expect((await calls(emu))['follow/follow_add']).toBe(2);
    await client.close();
  });

  it('keeps the other chunks when one chunk of a write fails', async () => {
    const { client } = observedClient(configFor(emu));
    const users = ids('w', 46);
    await client.multiAccountImport(users);
    await setFaults(emu, [{ command: 'follow/follow_add', errorCode: 30006, times: 1 }]);
    const out = await client.followAdd('w000', users.slice(1));
    const failed = out.filter((o) => o.error);
    expect([5, 20]).toContain(failed.length);
    expect(failed.every((o) => o.resultCode === 30006)).toBe(true);
    const [info] = await client.followGetInfo(['w000']);
    expect(info?.FollowingCount).toBe(45 - failed.length);
    await client.close();
  });
});

describe('70050: UserSig verification failed and rate limited', () => {
  it('is not retried and not a rate limit: one call, a non-transient api error', async () => {
    const { client, events } = observedClient(configFor(emu, { maxRetries: 3 }));
    await setFaults(emu, [{ command: 'follow/follow_get_info', errorCode: 70050 }]);
    const err = await rejection(client.followGetInfo(['a']));
    expect(err).toMatchObject({ kind: 'api', code: 70050, command: 'follow/follow_get_info' });
    expect(err.transient).toBe(false);
    expect(err.isRateLimit).toBe(false);
    expect((await calls(emu))['follow/follow_get_info']).toBe(1);
    expect(events.map((e) => e.willRetry)).toEqual([false]);
    await client.close();
  });

  it('is not taken as proof that a write was not applied either (no retry)', async () => {
    const { client } = observedClient(configFor(emu, { maxRetries: 3 }));
    await client.multiAccountImport(['a', 'b']);
    await setFaults(emu, [{ command: 'follow/follow_add', errorCode: 70050 }]);
    const [out] = await client.followAdd('a', ['b']);
    expect(out).toMatchObject({ account: 'b', resultCode: 70050 });
    expect((await calls(emu))['follow/follow_add']).toBe(1);
    await client.close();
  });
});

describe('transport failures become typed errors', () => {
  it("caps a retry's timeout at what is left of the retry deadline", async () => {
    // Attempt 1 fails fast with a transient code; the retry meets a 3 s stall. With a 5 s per-attempt
    // timeout but a 700 ms deadline, the retry must give up when the deadline runs out, not wait 3 s
    // and succeed long after the caller's budget.
    const { client, events } = observedClient(
      configFor(emu, { maxRetries: 3, timeoutMs: 5000, retryDeadlineMs: 700 }),
    );
    await client.multiAccountImport(['a']);
    await setFaults(emu, [
      { command: 'follow/follow_get_info', errorCode: 30006, times: 1 },
      { command: 'follow/follow_get_info', delayMs: 3000, times: 1 },
    ]);
    const err = await rejection(client.followGetInfo(['a']));
    expect(err).toMatchObject({ kind: 'timeout' });
    const info = events.filter((e) => e.command === 'follow/follow_get_info');
    expect(info.map((e) => [e.attempt, e.error?.kind, e.willRetry])).toEqual([
      [1, 'api', true],
      [2, 'timeout', false],
    ]);
    await client.close();
  });

  it('HTTP 502 is retried for reads, then reported with its status', async () => {
    const { client } = observedClient(configFor(emu, { maxRetries: 1 }));
    await setFaults(emu, [{ command: 'follow/follow_get', httpStatus: 502 }]);
    const err = await rejection(client.followGet('a', FollowListType.Fans, '', 10));
    expect(err).toMatchObject({ kind: 'http', httpStatus: 502 });
    expect((await calls(emu))['follow/follow_get']).toBe(2);
    await client.close();
  });

  it('a malformed body is an error, not a crash', async () => {
    const { client } = observedClient(configFor(emu, { maxRetries: 0 }));
    await setFaults(emu, [{ command: 'follow/follow_get', malformed: true }]);
    expect(await rejection(client.followGet('a', FollowListType.Fans, '', 10))).toMatchObject({
      kind: 'malformed',
    });
    await client.close();
  });

  it('times out a slow answer and keeps working afterwards', async () => {
    const { client } = observedClient(configFor(emu, { maxRetries: 0, timeoutMs: 200 }));
    await client.multiAccountImport(['a']);
    await setFaults(emu, [{ command: 'follow/follow_get_info', delayMs: 1000, times: 1 }]);
    expect(await rejection(client.followGetInfo(['a']))).toMatchObject({ kind: 'timeout' });
    const [info] = await client.followGetInfo(['a']);
    expect(info?.ResultCode).toBe(0);
    await client.close();
  });

  it('a reset connection is a network error and a write is not retried', async () => {
    const { client } = observedClient(configFor(emu));
    await client.multiAccountImport(['a', 'b']);
    await setFaults(emu, [{ command: 'follow/follow_add', reset: true }]);
    const [out] = await client.followAdd('a', ['b']);
    expect(out?.error?.kind).toBe('network');
    expect((await calls(emu))['follow/follow_add']).toBe(1);
    await client.close();
  });

  it('connection refused proves nothing was sent, so even writes are retried', async () => {
    const closed = await startEmulator({ port: 0 });
    const config = configFor(closed, { maxRetries: 2 });
    await closed.close();
    const { client, events } = observedClient(config);
    const [out] = await client.followAdd('a', ['b']);
    expect(out?.error).toMatchObject({ kind: 'connect', provesNotApplied: true });
    expect(events.map((e) => e.willRetry)).toEqual([true, true, false]);
    await client.close();
  });

  it('no error message carries the UserSig or the secret key', async () => {
    const { client } = observedClient(configFor(emu, { maxRetries: 0 }));
    const errors: TencentError[] = [];
    for (const fault of [{ errorCode: 70001 }, { httpStatus: 500 }, { malformed: true }, { reset: true }]) {
      await setFaults(emu, [{ command: 'follow/follow_get', ...fault }]);
      errors.push(await rejection(client.followGet('a', FollowListType.Fans, '', 10)));
    }
    for (const err of errors) {
      const text = `${err.message} ${err.stack ?? ''} ${JSON.stringify(err)}`;
      expect(text).not.toMatch(/usersig=/i);
      expect(text).not.toContain(emu.secretKey);
    }
    await client.close();
  });
});

describe('client-side rate limit', () => {
  it('refuses at once a call whose turn is further away than TENCENT_RATE_LIMIT_MAX_WAIT_MS', async () => {
    const limited = observedClient(
      configFor(emu, { rateLimitPerSecond: 4, rateLimitMaxWaitMs: 300, maxRetries: 0 }),
    );
    try {
      const started = performance.now();
      const results = await Promise.allSettled(
        Array.from({ length: 4 }, () => limited.client.followGetInfo(['x'])),
      );
      // A burst of 1, then one every 250 ms: the third and fourth would wait 500 and 750 ms.
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected']);
      expect((results[2] as PromiseRejectedResult).reason).toMatchObject({ kind: 'rate-limited' });
      expect(performance.now() - started).toBeLessThan(1000);
    } finally {
      await limited.client.close();
    }
  });

  it('a call that reaches its turn late (a busy event loop, a slow limiter) takes a new turn instead of crowding the next ones', async () => {
    const asked: number[] = [];
    let slow = true;
    const limiter: UpstreamRateLimiter = {
      enabled: true,
      budget: async () => ({ ratePerSecond: 1, capacity: 1, remaining: 1, waiting: 0, fullInMs: 0 }),
      take() {
        asked.push(performance.now());
        // The first answer comes 60 ms after it was asked for, as from a busy process.
        if (slow) {
          slow = false;
          const until = performance.now() + 60;
          while (performance.now() < until) {
            // busy
          }
        }
        return { waitMs: 0 };
      },
    };
    const client = createTencentClient(configFor(emu, { maxRetries: 0 }), undefined, limiter);
    try {
      await client.followGetInfo(['x']);
      expect(asked).toHaveLength(2);
    } finally {
      await client.close();
    }
  });

  it("budget(command) shows what is left of a command's budget, read-only", async () => {
    const limited = observedClient(configFor(emu, { rateLimitPerSecond: 100 }));
    const fresh = await limited.client.budget('follow/follow_get_info');
    expect(fresh).toEqual({ ratePerSecond: 100, capacity: 3, remaining: 3, waiting: 0, fullInMs: 0 });
    await Promise.all([limited.client.followGetInfo(['x']), limited.client.followGetInfo(['y'])]);
    const used = await limited.client.budget('follow/follow_get_info');
    expect(used.remaining).toBeLessThanOrEqual(2);
    expect(used.fullInMs).toBeGreaterThan(0);
    expect(await limited.client.budget('follow/follow_check')).toEqual(fresh);
    // Looking made no call.
    expect(limited.events).toHaveLength(2);
    await limited.client.close();
  });

  it('keeps a burst under the upstream limit instead of tripping 60007', async () => {
    const strict = await startEmulator({ port: 0, rateLimitPerSecond: 5 });
    try {
      // 8 calls at 4/s: the last waits 1.75 s, which this client allows.
      const limited = observedClient(
        configFor(strict, { rateLimitPerSecond: 4, rateLimitMaxWaitMs: 5000, maxRetries: 0 }),
      );
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, () => limited.client.followGetInfo(['x'])),
      );
      expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
      expect(limited.waits.length).toBeGreaterThan(0);
      await limited.client.close();

      const unlimited = observedClient(configFor(strict, { rateLimitPerSecond: 0, maxRetries: 0 }));
      await new Promise((r) => setTimeout(r, 1100)); // let the emulator's bucket refill
      const burst = await Promise.allSettled(
        Array.from({ length: 8 }, () => unlimited.client.followGetInfo(['x'])),
      );
      const refused = burst
        .filter((r) => r.status === 'rejected')
        .map((r) => (r as PromiseRejectedResult).reason);
      expect(refused.length).toBeGreaterThan(0);
      expect(refused[0]).toMatchObject({ kind: 'api', code: 60007 });
      await unlimited.client.close();
    } finally {
      await strict.close();
    }
  });
});
