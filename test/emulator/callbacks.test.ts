/**
 * The emulator's third-party callbacks (src/emulator/callbacks.ts and the ctx.emit calls of the
 * follow and official-account commands), received by a small node:http server: the documented query
 * parameters and bodies, only the targets that changed, nothing for failed commands, in order, the
 * delay and drop fault rules, the /__emulator/callback control endpoint and the callback counters.
 * Also the modify_official_account_base_info command itself.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { isIP } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { CALLBACK_OK, CallbackCommand, callbackSign } from '../../src/tencent/callbacks.js';
import { ErrorCodes } from '../../src/tencent/wire.js';
import { type Any, Rest } from '../support/emulatorRest.js';
import { freePort } from '../support/ports.js';

const TOKEN = 'emulator-callback-token';
const SVC = 'official_account_open_http_svc';
const HOOK_PATH = '/hooks/tencent';

interface Received {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Any;
  /** Date.now() when it arrived. */
  at: number;
}

interface Receiver {
  /** The callback URL: http://127.0.0.1:<port>/hooks/tencent */
  url: string;
  base: string;
  received: Received[];
  /** HTTP status the receiver answers with. */
  status: number;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const receiver = { received: [] as Received[], status: 200 } as Receiver;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://receiver');
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
      receiver.received.push({
        method: req.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
        at: Date.now(),
      });
      const answer = JSON.stringify(CALLBACK_OK);
      res.writeHead(receiver.status, { 'content-type': 'application/json' });
      res.end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  receiver.base = `http://127.0.0.1:${port}`;
  receiver.url = `${receiver.base}${HOOK_PATH}`;
  receiver.close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return receiver;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let receiver: Receiver;
let emu: RunningEmulator;
let rest: Rest;

beforeAll(async () => {
  receiver = await startReceiver();
  emu = await startEmulator({
    port: 0,
    rateLimitPerSecond: 0,
    callback: { url: receiver.url, token: TOKEN },
  });
  rest = new Rest(emu);
});
afterAll(async () => {
  await emu?.close();
  await receiver?.close();
});
beforeEach(async () => {
  await emu.callbacksIdle();
  await rest.control('POST', 'reset');
  emu.setCallback({ url: receiver.url, token: TOKEN });
  receiver.status = 200;
  receiver.received.length = 0;
  await rest.importUsers(['alice', 'bob', 'carol', 'dave', 'owner']);
});

/** Every callback sent so far has arrived (or failed). */
async function delivered(): Promise<Received[]> {
  await emu.callbacksIdle();
  return receiver.received;
}

/** Waits (bounded) until `n` callbacks have arrived. */
async function arrival(n: number, withinMs = 10_000): Promise<Received[]> {
  const deadline = Date.now() + withinMs;
  while (receiver.received.length < n && Date.now() < deadline) await sleep(20);
  expect(receiver.received.length).toBeGreaterThanOrEqual(n);
  return receiver.received;
}

const bodies = async () => (await delivered()).map((r) => r.body);
const commands = async () => (await delivered()).map((r) => r.query.get('CallbackCommand'));
const stats = async () => (await rest.control('GET', 'stats')).json.callbacks;

const followAdd = (from: string, to: string[]) =>
  rest.call('follow/follow_add', {
    From_Account: from,
    FollowItem: to.map((To_Account) => ({ To_Account })),
  });
const followDelete = (from: string, to: string[]) =>
  rest.call('follow/follow_delete', { From_Account: from, To_Account: to });
const oa = (command: string, body: unknown): Promise<Any> => rest.call(`${SVC}/${command}`, body);
const create = (extra: object = {}) =>
  oa('create_official_account', { Owner_Account: 'owner', Name: 'News', ...extra });
const addSubscribers = (account: string, users: string[]) =>
  oa('add_subscriber', {
    Official_Account: account,
    SubscriberList: users.map((Subscriber_Account) => ({ Subscriber_Account })),
  });
const deleteSubscribers = (account: string, users: string[]) =>
  oa('delete_subscriber', { Official_Account: account, SubscriberToDel_Account: users });
const info = async (account: string) =>
  (await oa('get_official_account_info', { OfficialAccountIdList: [{ Official_Account: account }] }))
    .OfficialAccountInfoList[0];

/** EventTime is milliseconds, taken during the command. */
function expectEventTime(body: Any, before: number, after: number) {
  expect(Number.isInteger(body.EventTime)).toBe(true);
  expect(body.EventTime).toBeGreaterThanOrEqual(before - 1000);
  expect(body.EventTime).toBeLessThanOrEqual(after + 1000);
}

describe('the request', () => {
  it('POSTs to the configured URL with the documented query parameters, signed with the token', async () => {
    const before = Date.now();
    await followAdd('alice', ['bob']);
    const after = Date.now();
    const [callback] = await delivered();
    expect(receiver.received).toHaveLength(1);
    expect(callback?.method).toBe('POST');
    expect(callback?.path).toBe(HOOK_PATH);
    expect(callback?.headers['content-type']).toMatch(/^application\/json/);
    const q = callback!.query;
    expect(q.get('SdkAppid')).toBe(String(emu.sdkAppId));
    expect(q.get('CallbackCommand')).toBe('Follow.CallbackAfterFollowAdd');
    expect(q.get('contenttype')).toBe('json');
    expect(isIP(q.get('ClientIP') ?? '')).not.toBe(0);
    expect(q.get('OptPlatform')).toBe('RESTAPI');
    const requestTime = Number(q.get('RequestTime'));
    expect(Number.isInteger(requestTime)).toBe(true);
    expect(Math.abs(requestTime - Math.floor((before + after) / 2000))).toBeLessThanOrEqual(60);
    expect(q.get('Sign')).toBe(callbackSign(TOKEN, q.get('RequestTime')!));
    expect([...q.keys()].sort()).toEqual(
      ['CallbackCommand', 'ClientIP', 'OptPlatform', 'RequestTime', 'SdkAppid', 'Sign', 'contenttype'].sort(),
    );
    expectEventTime(callback?.body, before, after);
  });

  it('without a token: no Sign and no RequestTime', async () => {
    emu.setCallback({ url: receiver.url });
    await followAdd('alice', ['bob']);
    const [callback] = await delivered();
    expect(callback?.query.has('Sign')).toBe(false);
    expect(callback?.query.has('RequestTime')).toBe(false);
    expect(callback?.query.get('SdkAppid')).toBe(String(emu.sdkAppId));
    expect(callback?.query.get('OptPlatform')).toBe('RESTAPI');
  });
});

describe('follow callbacks list only the targets that changed', () => {
  it('follow_add: FollowList of the new follows, not failed ids, oneself or already-followed ones', async () => {
    const before = Date.now();
    const out = await followAdd('alice', ['bob', 'ghost', 'alice', 'carol']);
    const after = Date.now();
    expect(out.ResultItem.map((i: Any) => i.ResultCode)).toEqual([
      0,
      ErrorCodes.FollowUserNotFound,
      ErrorCodes.FollowBadParam,
      0,
    ]);
    const [body] = await bodies();
    expect(body).toEqual({
      CallbackCommand: 'Follow.CallbackAfterFollowAdd',
      From_Account: 'alice',
      FollowList: [{ To_Account: 'bob' }, { To_Account: 'carol' }],
      EventTime: expect.any(Number),
    });
    expectEventTime(body, before, after);

    // bob is already followed: only dave is new.
    await followAdd('alice', ['bob', 'dave']);
    expect((await bodies())[1]?.FollowList).toEqual([{ To_Account: 'dave' }]);
    // Nothing new at all: no callback.
    await followAdd('alice', ['bob', 'dave', 'ghost']);
    expect(await bodies()).toHaveLength(2);
  });

  it('follow_delete: To_Account (a flat list) of the removed follows only', async () => {
    await followAdd('alice', ['bob', 'carol']);
    await delivered();
    receiver.received.length = 0;
    const before = Date.now();
    const out = await followDelete('alice', ['bob', 'dave', 'ghost', 'alice', 'carol']);
    const after = Date.now();
    expect(out.ActionStatus).toBe('OK');
    const [body] = await bodies();
    expect(body).toEqual({
      CallbackCommand: 'Follow.CallbackAfterFollowDelete',
      From_Account: 'alice',
      To_Account: ['bob', 'carol'],
      EventTime: expect.any(Number),
    });
    expectEventTime(body, before, after);
    // Not following anyone any more: no callback.
    await followDelete('alice', ['bob']);
    expect(await bodies()).toHaveLength(1);
  });
});

describe('official-account callbacks', () => {
  it('create_official_account: AfterCreateOfficialAccount with the id, operator, owner and name', async () => {
    const custom = await create({ OfficialAccountUserID: '@TOA#_news' });
    const generated = await create({ Name: 'Second' });
    expect(await bodies()).toEqual([
      {
        CallbackCommand: 'OfficialAccount.CallbackAfterCreateOfficialAccount',
        Official_Account: custom.OfficialAccountUserID,
        Operator_Account: emu.admin,
        Owner_Account: 'owner',
        Name: 'News',
        EventTime: expect.any(Number),
      },
      {
        CallbackCommand: 'OfficialAccount.CallbackAfterCreateOfficialAccount',
        Official_Account: generated.OfficialAccountUserID,
        Operator_Account: emu.admin,
        Owner_Account: 'owner',
        Name: 'Second',
        EventTime: expect.any(Number),
      },
    ]);
  });

  it('add_subscriber and delete_subscriber: SubscribeAccountList of the users whose subscription changed', async () => {
    await create({ OfficialAccountUserID: '@TOA#_news' });
    await delivered();
    receiver.received.length = 0;
    const added = await addSubscribers('@TOA#_news', ['alice', 'ghost', 'bob']);
    expect(added.SubscriberList.map((s: Any) => s.Result)).toEqual([1, 0, 1]);
    await addSubscribers('@TOA#_news', ['alice']); // already: Result 2, no callback
    const removed = await deleteSubscribers('@TOA#_news', ['bob', 'carol', 'ghost']);
    expect(removed.SubscriberList.map((s: Any) => s.Result)).toEqual([1, 2, 0]);
    await deleteSubscribers('@TOA#_news', ['carol']); // not subscribed: no callback
    expect(await bodies()).toEqual([
      {
        CallbackCommand: 'OfficialAccount.CallbackAfterAddSubscriber',
        Official_Account: '@TOA#_news',
        Operator_Account: emu.admin,
        SubscribeAccountList: [{ Subscriber_Account: 'alice' }, { Subscriber_Account: 'bob' }],
        EventTime: expect.any(Number),
      },
      {
        CallbackCommand: 'OfficialAccount.CallbackAfterDeleteSubscriber',
        Official_Account: '@TOA#_news',
        Operator_Account: emu.admin,
        SubscribeAccountList: [{ Subscriber_Account: 'bob' }],
        EventTime: expect.any(Number),
      },
    ]);
  });

  it('AfterOfficialAccountFull follows the add that fills the account; a refused add sends nothing', async () => {
    await create({ OfficialAccountUserID: '@TOA#_small', MaxSubscriberNum: 2 });
    await addSubscribers('@TOA#_small', ['alice']);
    await delivered();
    receiver.received.length = 0;
    const out = await addSubscribers('@TOA#_small', ['bob', 'carol']);
    expect(out.SubscriberList.map((s: Any) => s.Result)).toEqual([1, 0]);
    expect(await bodies()).toEqual([
      {
        CallbackCommand: 'OfficialAccount.CallbackAfterAddSubscriber',
        Official_Account: '@TOA#_small',
        Operator_Account: emu.admin,
        SubscribeAccountList: [{ Subscriber_Account: 'bob' }],
        EventTime: expect.any(Number),
      },
      {
        CallbackCommand: 'OfficialAccount.CallbackAfterOfficialAccountFull',
        Official_Account: '@TOA#_small',
        EventTime: expect.any(Number),
      },
    ]);
    const full = await addSubscribers('@TOA#_small', ['dave']);
    expect(full.ErrorCode).toBe(ErrorCodes.OaSubscriberLimit);
    expect(await bodies()).toHaveLength(2);
  });

  it('an add that leaves room sends no AfterOfficialAccountFull', async () => {
    await create({ OfficialAccountUserID: '@TOA#_roomy', MaxSubscriberNum: 3 });
    await addSubscribers('@TOA#_roomy', ['alice', 'bob']);
    expect(await commands()).toEqual([CallbackCommand.OfficialAccountCreated, CallbackCommand.AddSubscriber]);
  });

  it('modify_official_account_base_info: AfterOfficialAccountInfoChanged with the id and operator', async () => {
    await create({ OfficialAccountUserID: '@TOA#_news' });
    await delivered();
    receiver.received.length = 0;
    await oa('modify_official_account_base_info', { Official_Account: '@TOA#_news', Name: 'Daily' });
    expect(await bodies()).toEqual([
      {
        CallbackCommand: 'OfficialAccount.CallbackAfterOfficialAccountInfoChanged',
        Official_Account: '@TOA#_news',
        Operator_Account: emu.admin,
        EventTime: expect.any(Number),
      },
    ]);
  });

  it('destroy_official_account: AfterOfficialAccountDestroyed with the id, owner and name', async () => {
    await create({ OfficialAccountUserID: '@TOA#_news', Name: 'Gone Soon' });
    await delivered();
    receiver.received.length = 0;
    await oa('destroy_official_account', { Official_Account: '@TOA#_news' });
    expect(await bodies()).toEqual([
      {
        CallbackCommand: 'OfficialAccount.CallbackAfterOfficialAccountDestroyed',
        Official_Account: '@TOA#_news',
        Owner_Account: 'owner',
        Name: 'Gone Soon',
        EventTime: expect.any(Number),
      },
    ]);
  });
});

describe('what sends nothing', () => {
  it('failed commands, commands refused before running, and reads', async () => {
    await create({ OfficialAccountUserID: '@TOA#_news' });
    await delivered();
    receiver.received.length = 0;
    const sentBefore = (await stats()).sent;
    const failures: Any[] = [
      await followAdd('ghost', ['bob']),
      await rest.call('follow/follow_add', { From_Account: 'alice', FollowItem: [] }),
      await followDelete('ghost', ['bob']),
      await addSubscribers('@TOA#_none', ['alice']),
      await deleteSubscribers('@TOA#_none', ['alice']),
      await oa('modify_official_account_base_info', { Official_Account: '@TOA#_none', Name: 'x' }),
      await oa('modify_official_account_base_info', {
        Official_Account: '@TOA#_news',
        Name: 'x'.repeat(151),
      }),
      await oa('destroy_official_account', { Official_Account: '@TOA#_none' }),
      await create({ OfficialAccountUserID: '@TOA#_news' }),
      await create({ Name: '' }),
      await create({ Owner_Account: 'ghost' }),
      // A request that fails authentication.
      await rest.call(
        'follow/follow_add',
        { From_Account: 'alice', FollowItem: [{ To_Account: 'bob' }] },
        {
          query: { usersig: 'bad' },
        },
      ),
    ];
    for (const failure of failures) expect(failure.ActionStatus).toBe('FAIL');

    // An injected error proves the command did not run: no callback either.
    await rest.control('POST', 'faults', { rules: [{ command: 'follow/follow_add', errorCode: 30006 }] });
    expect((await followAdd('alice', ['bob'])).ErrorCode).toBe(30006);
    await rest.control('DELETE', 'faults');

    await rest.call('follow/follow_check', { From_Account: 'alice', To_Account: ['bob'] });
    await rest.call('follow/follow_get', {
      From_Account: 'alice',
      FollowType: 2,
      StartCursor: '',
      WantNum: 10,
    });
    await rest.call('follow/follow_get_info', { From_Account: 'alice', To_Account: ['bob'] });
    await info('@TOA#_news');
    expect(await delivered()).toEqual([]);
    expect((await stats()).sent).toBe(sentBefore);

    // And the pipeline still works.
    await followAdd('alice', ['bob']);
    expect(await commands()).toEqual([CallbackCommand.FollowAdd]);
  });
});

describe('order', () => {
  it('callbacks arrive in the order of the changes', async () => {
    await followAdd('alice', ['bob']);
    await followDelete('alice', ['bob']);
    await followAdd('carol', ['dave']);
    await create({ OfficialAccountUserID: '@TOA#_news', MaxSubscriberNum: 1 });
    await addSubscribers('@TOA#_news', ['alice']);
    await oa('modify_official_account_base_info', { Official_Account: '@TOA#_news', Introduction: 'hi' });
    await deleteSubscribers('@TOA#_news', ['alice']);
    await oa('destroy_official_account', { Official_Account: '@TOA#_news' });
    expect(await commands()).toEqual([
      CallbackCommand.FollowAdd,
      CallbackCommand.FollowDelete,
      CallbackCommand.FollowAdd,
      CallbackCommand.OfficialAccountCreated,
      CallbackCommand.AddSubscriber,
      CallbackCommand.OfficialAccountFull,
      CallbackCommand.OfficialAccountInfoChanged,
      CallbackCommand.DeleteSubscriber,
      CallbackCommand.OfficialAccountDestroyed,
    ]);
    const times = receiver.received.map((r) => r.body.EventTime as number);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('concurrent writes: one callback each, in the order the emulator applied them', async () => {
    const targets = ['bob', 'carol', 'dave', 'owner'];
    await Promise.all(targets.map((t) => followAdd('alice', [t])));
    const received = await delivered();
    expect(received.map((r) => r.body.FollowList[0].To_Account).sort()).toEqual([...targets].sort());
    // alice's following list (newest first) is the reverse of the order the follows were applied in.
    const list = await rest.followList('alice', 2);
    expect(received.map((r) => r.body.FollowList[0].To_Account)).toEqual([...list.ids].reverse());
  });
});

describe('fault rules for callbacks', () => {
  it('drop: the matching callback is not sent, others are, and it is counted', async () => {
    const set = await rest.control('POST', 'faults', {
      rules: [{ callback: CallbackCommand.FollowAdd, drop: true }],
    });
    expect(set.status).toBe(200);
    const listed = await rest.control('GET', 'faults');
    expect(listed.json.rules).toEqual([
      expect.objectContaining({ callback: CallbackCommand.FollowAdd, probability: 1, times: null }),
    ]);
    expect(listed.json.rules[0].command).toBeUndefined();
    await followAdd('alice', ['bob']);
    await followDelete('alice', ['bob']);
    expect(await commands()).toEqual([CallbackCommand.FollowDelete]);
    expect(await stats()).toEqual({ sent: 1, failed: 0, dropped: 1 });
    // The command itself was applied and answered normally.
    expect((await followAdd('alice', ['bob'])).ResultItem[0].ResultCode).toBe(0);
  });

  it('"*" matches every callback but no REST command; times limits it', async () => {
    await rest.control('POST', 'faults', { rules: [{ callback: '*', drop: true, times: 2 }] });
    await followAdd('alice', ['bob']);
    await create({ OfficialAccountUserID: '@TOA#_news' });
    await followAdd('alice', ['carol']);
    expect(await commands()).toEqual([CallbackCommand.FollowAdd]);
    expect((await delivered())[0]?.body.FollowList).toEqual([{ To_Account: 'carol' }]);
    expect(await stats()).toEqual({ sent: 1, failed: 0, dropped: 2 });
    // REST commands were never faulted by the callback rule.
    expect((await info('@TOA#_news')).ActionStatus).toBe('OK');
  });

  it('delayMs: the callback is sent later, not lost; the command answers at once', async () => {
    await rest.control('POST', 'faults', { rules: [{ callback: '*', delayMs: 1500 }] });
    const start = Date.now();
    const out = await followAdd('alice', ['bob']);
    expect(out.ActionStatus).toBe('OK');
    expect(receiver.received).toHaveLength(0);
    // callbacksIdle() waits for held-back callbacks too.
    await emu.callbacksIdle();
    expect(receiver.received).toHaveLength(1);
    const [callback] = await arrival(1);
    expect(callback!.at - start).toBeGreaterThanOrEqual(1000);
    expect(callback?.body.FollowList).toEqual([{ To_Account: 'bob' }]);
    // The signature is made when it is sent, so it is still valid.
    expect(callback?.query.get('Sign')).toBe(callbackSign(TOKEN, callback!.query.get('RequestTime')!));
    expect(await stats()).toEqual({ sent: 1, failed: 0, dropped: 0 });
  });

  it.each([
    ['a callback rule with an error code', { callback: '*', errorCode: 30006 }],
    ['a callback rule with an HTTP status', { callback: '*', httpStatus: 500 }],
    ['a callback rule with no effect', { callback: '*' }],
    [
      'a callback rule that also names a command',
      { callback: '*', command: 'follow/follow_add', drop: true },
    ],
    ['an empty callback name', { callback: '', drop: true }],
    ['drop on a REST command rule', { command: 'follow/follow_add', drop: true }],
  ])('refuses %s (400)', async (_name, rule) => {
    const res = await rest.control('POST', 'faults', { rules: [rule] });
    expect(res.status).toBe(400);
    expect(typeof res.json.error).toBe('string');
  });
});

describe('/__emulator/callback', () => {
  it('GET shows where callbacks go and whether they are signed; POST changes it; DELETE stops them', async () => {
    expect((await rest.control('GET', 'callback')).json).toEqual({ url: receiver.url, signed: true });

    const other = `${receiver.base}/other/path`;
    expect((await rest.control('POST', 'callback', { url: other })).status).toBe(200);
    expect((await rest.control('GET', 'callback')).json).toEqual({ url: other, signed: false });
    await followAdd('alice', ['bob']);
    const [unsigned] = await delivered();
    expect(unsigned?.path).toBe('/other/path');
    expect(unsigned?.query.has('Sign')).toBe(false);

    expect((await rest.control('POST', 'callback', { url: receiver.url, token: 'another' })).status).toBe(
      200,
    );
    expect((await rest.control('GET', 'callback')).json).toEqual({ url: receiver.url, signed: true });
    await followAdd('alice', ['carol']);
    const signed = (await delivered())[1]!;
    expect(signed.path).toBe(HOOK_PATH);
    expect(signed.query.get('Sign')).toBe(callbackSign('another', signed.query.get('RequestTime')!));

    expect((await rest.control('DELETE', 'callback')).status).toBe(200);
    expect((await rest.control('GET', 'callback')).json).toEqual({ url: null, signed: false });
    const before = await stats();
    await followAdd('alice', ['dave']);
    await sleep(100);
    expect(await delivered()).toHaveLength(2);
    expect(await stats()).toEqual(before);
  });

  it.each([
    ['no url', {}],
    ['a url that is not a string', { url: 5 }],
    ['a url that does not parse', { url: 'not a url' }],
    ['a url that is not http(s)', { url: 'ftp://127.0.0.1/hook' }],
    ['a url with a query', { url: 'http://127.0.0.1:1/hook?x=1' }],
    ['a url with a fragment', { url: 'http://127.0.0.1:1/hook#x' }],
    ['an empty token', { url: 'http://127.0.0.1:1/hook', token: '' }],
    ['a token that is not a string', { url: 'http://127.0.0.1:1/hook', token: 42 }],
  ])('refuses %s (400) and keeps the current target', async (_name, body) => {
    const res = await rest.control('POST', 'callback', body);
    expect(res.status).toBe(400);
    expect(typeof res.json.error).toBe('string');
    expect((await rest.control('GET', 'callback')).json).toEqual({ url: receiver.url, signed: true });
  });

  it('refuses a body that is not JSON (400), and other methods (405)', async () => {
    const res = await fetch(`${emu.url}/__emulator/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"url":',
    });
    expect(res.status).toBe(400);
    await res.arrayBuffer();
    expect((await rest.control('PUT', 'callback', { url: receiver.url })).status).toBe(405);
    expect((await rest.control('GET', 'callback')).json).toEqual({ url: receiver.url, signed: true });
  });
});

describe('callback counters', () => {
  it('count sent, failed (non-2xx answer, unreachable target) and dropped; stats/reset zeroes them', async () => {
    expect(await stats()).toEqual({ sent: 0, failed: 0, dropped: 0 });
    await followAdd('alice', ['bob']);
    await delivered();
    expect(await stats()).toEqual({ sent: 1, failed: 0, dropped: 0 });

    receiver.status = 500;
    await followAdd('alice', ['carol']);
    await delivered();
    expect(await stats()).toEqual({ sent: 1, failed: 1, dropped: 0 });
    receiver.status = 200;

    emu.setCallback({ url: `http://127.0.0.1:${await freePort()}/hook`, token: TOKEN });
    await followAdd('alice', ['dave']);
    await delivered();
    expect(await stats()).toEqual({ sent: 1, failed: 2, dropped: 0 });

    emu.setCallback({ url: receiver.url, token: TOKEN });
    await rest.control('POST', 'faults', { rules: [{ callback: '*', drop: true }] });
    await followDelete('alice', ['bob']);
    await delivered();
    expect(await stats()).toEqual({ sent: 1, failed: 2, dropped: 1 });

    // Calls are counted as before, next to the callbacks.
    const all = (await rest.control('GET', 'stats')).json;
    expect(all.calls['follow/follow_add']).toBe(3);

    await rest.control('POST', 'stats/reset');
    expect(await stats()).toEqual({ sent: 0, failed: 0, dropped: 0 });
  });
});

describe('modify_official_account_base_info', () => {
  const modify = (body: object) =>
    oa('modify_official_account_base_info', { Official_Account: '@TOA#_news', ...body });

  beforeEach(async () => {
    await create({
      OfficialAccountUserID: '@TOA#_news',
      Name: 'News',
      Introduction: 'intro',
      FaceUrl: 'http://face',
      Organization: 'org',
      CustomString: 'custom',
      MaxSubscriberNum: 1000,
    });
  });

  it('changes every field given, visibly in get_official_account_info, and leaves the others', async () => {
    expect(
      await modify({
        Name: 'test_modify_official_account',
        Introduction: 'This is modify test Introduction',
        FaceUrl: 'http://this.is.face.url',
        Organization: 'modify_organization',
        CustomString: 'modify_custom_string',
        MaxSubscriberNum: 5,
      }),
    ).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' });
    expect(await info('@TOA#_news')).toMatchObject({
      Official_Account: '@TOA#_news',
      Name: 'test_modify_official_account',
      Introduction: 'This is modify test Introduction',
      FaceUrl: 'http://this.is.face.url',
      Organization: 'modify_organization',
      CustomString: 'modify_custom_string',
      MaxSubscriberNum: 5,
      Owner_Account: 'owner',
    });

    expect((await modify({ Introduction: '' })).ActionStatus).toBe('OK');
    expect(await info('@TOA#_news')).toMatchObject({
      Name: 'test_modify_official_account',
      Introduction: '',
      Organization: 'modify_organization',
    });
  });

  it.each([
    ['Name', 150],
    ['Introduction', 400],
    ['FaceUrl', 500],
    ['Organization', 500],
    ['CustomString', 3000],
  ])('%s: at most %i bytes (UTF-8 bytes, not characters)', async (field, max) => {
    expect((await modify({ [field]: 'x'.repeat(max) })).ActionStatus).toBe('OK');
    expect((await info('@TOA#_news'))[field]).toBe('x'.repeat(max));
    const tooLong = await modify({ [field]: 'y'.repeat(max + 1) });
    expect(tooLong).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: ErrorCodes.OaBadParam });
    // Two bytes a character: max/2 + 1 characters are too many bytes.
    const wide = await modify({ [field]: 'é'.repeat(max / 2 + 1) });
    expect(wide.ErrorCode).toBe(ErrorCodes.OaBadParam);
    expect((await modify({ [field]: 'é'.repeat(max / 2) })).ActionStatus).toBe('OK');
  });

  it('MaxSubscriberNum: 1 to 10,000,000', async () => {
    for (const ok of [1, 10_000_000]) {
      expect((await modify({ MaxSubscriberNum: ok })).ActionStatus).toBe('OK');
      expect((await info('@TOA#_news')).MaxSubscriberNum).toBe(ok);
    }
    for (const bad of [0, -1, 10_000_001, 1.5, '100', null]) {
      expect((await modify({ MaxSubscriberNum: bad })).ErrorCode, String(bad)).toBe(ErrorCodes.OaBadParam);
    }
  });

  it('refuses an empty Name and fields that are not strings', async () => {
    for (const body of [{ Name: '' }, { Name: 5 }, { Introduction: null }, { CustomString: ['x'] }]) {
      expect((await modify(body)).ErrorCode, JSON.stringify(body)).toBe(ErrorCodes.OaBadParam);
    }
  });

  it('an unknown account is OaNotFound; a missing Official_Account is a bad parameter', async () => {
    expect(
      await oa('modify_official_account_base_info', { Official_Account: '@TOA#_none', Name: 'x' }),
    ).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: ErrorCodes.OaNotFound });
    expect(ErrorCodes.OaNotFound).toBe(130004);
    expect((await oa('modify_official_account_base_info', { Name: 'x' })).ErrorCode).toBe(
      ErrorCodes.OaBadParam,
    );
    expect(
      (await oa('modify_official_account_base_info', { Official_Account: 7, Name: 'x' })).ErrorCode,
    ).toBe(ErrorCodes.OaBadParam);
  });

  it('a refused modification changes nothing, not even its valid fields', async () => {
    const refused = await modify({ Name: 'Changed', Introduction: 'z'.repeat(401) });
    expect(refused.ErrorCode).toBe(ErrorCodes.OaBadParam);
    expect(await info('@TOA#_news')).toMatchObject({ Name: 'News', Introduction: 'intro' });
  });

  it('MaxSubscriberNum may go below the current count; later adds are refused', async () => {
    await addSubscribers('@TOA#_news', ['alice', 'bob']);
    expect((await modify({ MaxSubscriberNum: 1 })).ActionStatus).toBe('OK');
    expect(await info('@TOA#_news')).toMatchObject({ SubscriberNum: 2, MaxSubscriberNum: 1 });
    expect((await addSubscribers('@TOA#_news', ['carol'])).ErrorCode).toBe(ErrorCodes.OaSubscriberLimit);
  });
});
