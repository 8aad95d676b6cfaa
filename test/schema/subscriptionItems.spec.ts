/**
 * subscribeToOfficialAccount / unsubscribeFromOfficialAccount at the schema level, over the fake
 * upstream: add/delete_subscriber Result 0/1/2, the diagnosis of Result 0 (portrait_get, then
 * get_official_account_info for a full account), whole-chunk failures (130006 and others), chunking,
 * request-wide failures, authorization and input.
 */
import { GraphQLEnumType } from 'graphql';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Viewer } from '../../src/schema/context.js';
import { TencentError } from '../../src/tencent/errors.js';
import { SubscribeDocument, UnsubscribeDocument } from '../generated/graphql.js';
import { FakeChatApi, OMIT } from '../support/fakeChatApi.js';
import { admin, CMD, codes, run, schema, user } from '../support/schemaHarness.js';

const OA = '@TOA#_news';
let fake: FakeChatApi;
beforeEach(() => {
  fake = new FakeChatApi();
  fake.graph.addUsers('alice', 'bob', 'carol', 'dave');
  fake.graph.addOfficialAccount(OA, { owner: 'alice', name: 'News', maxSubscriberNum: 1000 });
});

function subscribe(userIds: string[] | undefined, viewer: Viewer | null = admin(), officialAccountId = OA) {
  return run(fake, SubscribeDocument, {
    viewer,
    variables: { input: { officialAccountId, ...(userIds && { userIds }) } },
  });
}

function unsubscribe(userIds: string[] | undefined, viewer: Viewer | null = admin(), officialAccountId = OA) {
  return run(fake, UnsubscribeDocument, {
    viewer,
    variables: { input: { officialAccountId, ...(userIds && { userIds }) } },
  });
}

/** Only the results: the payload's officialAccount / viewer reads add no call. */
const RESULTS_ONLY = `mutation($input: SubscribeToOfficialAccountInput!) {
  subscribeToOfficialAccount(input: $input) { results { userId status ok message tencentCode user { id } } } }`;

interface ResultsOnly {
  subscribeToOfficialAccount: {
    results: {
      userId: string;
      status: string;
      ok: boolean;
      message: string | null;
      tencentCode: number | null;
      user: { id: string } | null;
    }[];
  };
}

function enumValues(name: string): string[] {
  const type = schema.getType(name);
  if (!(type instanceof GraphQLEnumType)) throw new Error(`${name} is not an enum`);
  return type.getValues().map((v) => v.name);
}

const sent = (command: typeof CMD.addSubscriber | typeof CMD.deleteSubscriber) =>
  command === CMD.addSubscriber
    ? fake.bodies(CMD.addSubscriber).map((b) => b.SubscriberList.map((s) => s.Subscriber_Account))
    : fake.bodies(CMD.deleteSubscriber).map((b) => b.SubscriberToDel_Account);

describe('subscribeToOfficialAccount: one item per id', () => {
  it('Result 1 SUBSCRIBED, 2 ALREADY_SUBSCRIBED, 0 diagnosed as USER_NOT_FOUND or FAILED', async () => {
    fake.graph.subscribe(OA, 'carol');
    fake.subscriberResult(CMD.addSubscriber, 'dave', 0); // upstream says "failed", no reason
    const res = await subscribe(['bob', 'ghost', 'carol', 'dave', 'bob']);
    expect(res.errors).toBeUndefined();
    const payload = res.data!.subscribeToOfficialAccount!;
    expect(payload.results).toEqual([
      {
        userId: 'bob',
        status: 'SUBSCRIBED',
        ok: true,
        message: null,
        tencentCode: null,
        user: { id: 'bob' },
      },
      {
        userId: 'ghost',
        status: 'USER_NOT_FOUND',
        ok: false,
        message: expect.stringMatching(/no account/i),
        tencentCode: null,
        user: null,
      },
      {
        userId: 'carol',
        status: 'ALREADY_SUBSCRIBED',
        ok: true,
        message: null,
        tencentCode: null,
        user: { id: 'carol' },
      },
      {
        userId: 'dave',
        status: 'FAILED',
        ok: false,
        message: expect.stringMatching(/did not subscribe .*Result 0/),
        tencentCode: null,
        user: { id: 'dave' },
      },
    ]);
    expect([payload.succeededCount, payload.failedCount]).toEqual([2, 2]);
    expect(payload.viewer).toEqual({ id: 'ops_admin' });
    // Read after the write: bob joined carol.
    expect(payload.officialAccount).toEqual({ id: OA, subscriberCount: 2 });
    expect(sent(CMD.addSubscriber)).toEqual([['bob', 'ghost', 'carol', 'dave']]);
    // Only the Result-0 ids are diagnosed, with one portrait_get.
    expect(fake.bodies(CMD.portraitGet).map((b) => b.To_Account)).toEqual([['ghost', 'dave']]);
    expect(res.calls).toEqual({ [CMD.addSubscriber]: 1, [CMD.portraitGet]: 1, [CMD.oaInfo]: 1 });
  });

  it('Result 0 for an existing user while the account is full -> SUBSCRIBER_LIMIT_REACHED (no code)', async () => {
    fake.graph.addOfficialAccount('@TOA#_tiny', { owner: 'alice', maxSubscriberNum: 2 });
    fake.graph.subscribe('@TOA#_tiny', 'alice');
    // bob takes the last place; carol and dave get Result 0 (the cap was hit during the call).
    const res = await run<ResultsOnly>(fake, RESULTS_ONLY, {
      viewer: admin(),
      variables: { input: { officialAccountId: '@TOA#_tiny', userIds: ['bob', 'carol', 'ghost', 'dave'] } },
    });
    expect(res.errors).toBeUndefined();
    const full = {
      status: 'SUBSCRIBER_LIMIT_REACHED',
      ok: false,
      message: expect.stringMatching(/maximum number of subscribers/),
      tencentCode: null,
    };
    expect(res.data?.subscribeToOfficialAccount.results).toEqual([
      {
        userId: 'bob',
        status: 'SUBSCRIBED',
        ok: true,
        message: null,
        tencentCode: null,
        user: { id: 'bob' },
      },
      { userId: 'carol', ...full, user: { id: 'carol' } },
      expect.objectContaining({ userId: 'ghost', status: 'USER_NOT_FOUND', user: null }),
      { userId: 'dave', ...full, user: { id: 'dave' } },
    ]);
    // The account's info tells it is full: one get_official_account_info after the portrait_get.
    expect(res.calls).toEqual({ [CMD.addSubscriber]: 1, [CMD.portraitGet]: 1, [CMD.oaInfo]: 1 });
    expect(res.log.map((c) => c.command)).toEqual([CMD.addSubscriber, CMD.portraitGet, CMD.oaInfo]);
  });

  it('Result 0 only for unknown accounts: no account-info read; no Result 0: no diagnosis at all', async () => {
    const unknown = await run<ResultsOnly>(fake, RESULTS_ONLY, {
      viewer: admin(),
      variables: { input: { officialAccountId: OA, userIds: ['ghost1', 'ghost2'] } },
    });
    expect(unknown.data?.subscribeToOfficialAccount.results.map((r) => r.status)).toEqual([
      'USER_NOT_FOUND',
      'USER_NOT_FOUND',
    ]);
    expect(unknown.calls).toEqual({ [CMD.addSubscriber]: 1, [CMD.portraitGet]: 1 });
    const fine = await run<ResultsOnly>(fake, RESULTS_ONLY, {
      viewer: admin(),
      variables: { input: { officialAccountId: OA, userIds: ['bob', 'carol'] } },
    });
    expect(fine.data?.subscribeToOfficialAccount.results.map((r) => r.status)).toEqual([
      'SUBSCRIBED',
      'SUBSCRIBED',
    ]);
    expect(fine.calls).toEqual({ [CMD.addSubscriber]: 1 });
  });

  it('a missing item in the answer counts as Result 0', async () => {
    fake.subscriberResult(CMD.addSubscriber, 'bob', OMIT);
    const res = await run<ResultsOnly>(fake, RESULTS_ONLY, {
      viewer: admin(),
      variables: { input: { officialAccountId: OA, userIds: ['bob', 'carol'] } },
    });
    expect(res.data?.subscribeToOfficialAccount.results.map((r) => [r.userId, r.status])).toEqual([
      ['bob', 'FAILED'],
      ['carol', 'SUBSCRIBED'],
    ]);
  });

  it('diagnosis reads that fail leave the cause unknown: FAILED, and no GraphQL error', async () => {
    fake.subscriberResult(CMD.addSubscriber, 'ghost', 0);
    fake.fail(CMD.portraitGet, 40001);
    const res = await run<ResultsOnly>(fake, RESULTS_ONLY, {
      viewer: admin(),
      variables: { input: { officialAccountId: OA, userIds: ['ghost', 'bob'] } },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data?.subscribeToOfficialAccount.results.map((r) => [r.userId, r.status])).toEqual([
      ['ghost', 'FAILED'],
      ['bob', 'SUBSCRIBED'],
    ]);
  });

  it('130006 for a chunk (the account was full before the call) -> SUBSCRIBER_LIMIT_REACHED with the code', async () => {
    fake.graph.addOfficialAccount('@TOA#_full', { owner: 'alice', maxSubscriberNum: 1 });
    fake.graph.subscribe('@TOA#_full', 'alice');
    const res = await run<ResultsOnly>(fake, RESULTS_ONLY, {
      viewer: admin(),
      variables: { input: { officialAccountId: '@TOA#_full', userIds: ['bob', 'carol'] } },
    });
    expect(res.errors).toBeUndefined();
    for (const id of ['bob', 'carol']) {
      expect(res.data?.subscribeToOfficialAccount.results).toContainEqual({
        userId: id,
        status: 'SUBSCRIBER_LIMIT_REACHED',
        ok: false,
        message: expect.stringMatching(/maximum number of subscribers/),
        tencentCode: 130006,
        user: { id },
      });
    }
    // A chunk failure is not diagnosed.
    expect(res.calls).toEqual({ [CMD.addSubscriber]: 1 });
  });

  it('every SubscribeStatus is reachable', async () => {
    fake.graph.addOfficialAccount('@TOA#_cap', { owner: 'alice', maxSubscriberNum: 3 });
    fake.graph.subscribe('@TOA#_cap', 'alice');
    // Chunk 1: already, ok, unknown, ok (now full), then Result 0 on a full account; chunk 2 fails.
    fake.fail(CMD.addSubscriber, 10004, { calls: [2] });
    const ids = ['alice', 'bob', 'ghost', 'carol', 'dave', ...fake.graph.addNumberedUsers('x', 100)];
    const res = await run<ResultsOnly>(fake, RESULTS_ONLY, {
      viewer: admin(),
      variables: { input: { officialAccountId: '@TOA#_cap', userIds: ids } },
    });
    expect(res.errors).toBeUndefined();
    const results = res.data!.subscribeToOfficialAccount.results;
    expect(results.slice(0, 5).map((r) => r.status)).toEqual([
      'ALREADY_SUBSCRIBED',
      'SUBSCRIBED',
      'USER_NOT_FOUND',
      'SUBSCRIBED',
      'SUBSCRIBER_LIMIT_REACHED',
    ]);
    expect(results.slice(100).map((r) => r.status)).toEqual(Array(5).fill('FAILED'));
    // UNKNOWN: see the lost-answer specs (lostAnswers.spec.ts).
    const reached = new Set(results.map((r) => r.status));
    expect(reached).toEqual(new Set(enumValues('SubscribeStatus').filter((s) => s !== 'UNKNOWN')));
  });
});

describe('subscribeToOfficialAccount: chunks and request-wide failures', () => {
  it('150 subscribers -> 2 add_subscriber calls (100 + 50), items in order', async () => {
    const users = fake.graph.addNumberedUsers('s', 150);
    const res = await subscribe(users);
    expect(res.errors).toBeUndefined();
    expect(sent(CMD.addSubscriber).map((p) => p.length)).toEqual([100, 50]);
    expect(sent(CMD.addSubscriber).flat()).toEqual(users);
    const payload = res.data!.subscribeToOfficialAccount!;
    expect(payload.results.map((r) => r.userId)).toEqual(users);
    expect(payload.succeededCount).toBe(150);
    expect(payload.officialAccount?.subscriberCount).toBe(150);
    expect(res.calls).toEqual({ [CMD.addSubscriber]: 2, [CMD.oaInfo]: 1 });
    expect(res.upstreamCalls).toEqual(res.calls);
  });

  it.each([
    ['an internal error (10004)', new TencentError('api', CMD.addSubscriber, 'x', 10004), 10004, /retry/],
    ['a refusal (6017)', new TencentError('api', CMD.addSubscriber, 'x', 6017), 6017, /refused/],
    ['a timeout', new TencentError('timeout', CMD.addSubscriber, 'x'), null, /did not answer/],
  ])('%s on one chunk fails only its items', async (_label, error, tencentCode, message) => {
    const users = fake.graph.addNumberedUsers('s', 120);
    fake.once(CMD.addSubscriber, () => {
      throw error;
    });
    const res = await run<ResultsOnly>(fake, RESULTS_ONLY, {
      viewer: admin(),
      variables: { input: { officialAccountId: OA, userIds: users } },
    });
    expect(res.errors).toBeUndefined();
    const results = res.data!.subscribeToOfficialAccount.results;
    for (const r of results.slice(0, 100)) {
      expect(r).toEqual({
        userId: r.userId,
        status: 'FAILED',
        ok: false,
        message: expect.stringMatching(message),
        tencentCode,
        user: { id: r.userId },
      });
    }
    expect(results.slice(100).every((r) => r.status === 'SUBSCRIBED')).toBe(true);
  });

  it('an unknown official account (130004 on every chunk) -> one NOT_FOUND naming it', async () => {
    const res = await subscribe(['alice', 'bob'], admin(), '@TOA#_nope');
    expect(codes(res)).toEqual(['NOT_FOUND']);
    expect(res.errors?.[0]?.message).toBe('Official account @TOA#_nope does not exist.');
    expect(res.errors?.[0]?.extensions?.tencentCode).toBe(130004);
    expect(res.data).toEqual({ subscribeToOfficialAccount: null });
    expect(res.calls).toEqual({ [CMD.addSubscriber]: 1 });
  });

  it('no permission (130002 on every chunk) -> one UPSTREAM_ERROR', async () => {
    fake.fail(CMD.addSubscriber, 130002);
    const res = await subscribe(fake.graph.addNumberedUsers('s', 101));
    expect(codes(res)).toEqual(['UPSTREAM_ERROR']);
    expect(res.errors?.[0]?.extensions?.tencentCode).toBe(130002);
    expect(res.calls).toEqual({ [CMD.addSubscriber]: 2 });
  });
  it('a second write in the same request sees fresh reads of the account and the users', async () => {
    const selection = `officialAccount { subscriberCount subscribers { totalCount } }
      results { status user { subscribedOfficialAccounts { totalCount } } }`;
    const res = await run<Record<'a' | 'b', unknown>>(
      fake,
      `mutation {
        a: subscribeToOfficialAccount(input: { officialAccountId: "${OA}", userIds: ["bob", "carol"] }) { ${selection} }
        b: unsubscribeFromOfficialAccount(input: { officialAccountId: "${OA}", userIds: ["bob"] }) { ${selection} }
      }`,
      { viewer: admin() },
    );
    expect(res.errors).toBeUndefined();
    const subscribed = { status: 'SUBSCRIBED', user: { subscribedOfficialAccounts: { totalCount: 1 } } };
    expect(res.data).toEqual({
      a: {
        officialAccount: { subscriberCount: 2, subscribers: { totalCount: 2 } },
        results: [subscribed, subscribed],
      },
      b: {
        officialAccount: { subscriberCount: 1, subscribers: { totalCount: 1 } },
        results: [{ status: 'UNSUBSCRIBED', user: { subscribedOfficialAccounts: { totalCount: 0 } } }],
      },
    });
  });
});

describe('subscribeToOfficialAccount: authorization and input', () => {
  it('defaults to the viewer, who needs no role for themself', async () => {
    const implicit = await subscribe(undefined, user('bob'));
    expect(implicit.errors).toBeUndefined();
    expect(implicit.data?.subscribeToOfficialAccount?.results.map((r) => [r.userId, r.status])).toEqual([
      ['bob', 'SUBSCRIBED'],
    ]);
    const explicit = await subscribe(['bob', 'bob'], user('bob'));
    expect(explicit.data?.subscribeToOfficialAccount?.results.map((r) => r.status)).toEqual([
      'ALREADY_SUBSCRIBED',
    ]);
    expect(sent(CMD.addSubscriber)).toEqual([['bob'], ['bob']]);
  });

  it('anonymous -> UNAUTHENTICATED; naming others without admin -> FORBIDDEN; no upstream call', async () => {
    expect(codes(await subscribe(undefined, null))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await subscribe(['carol'], user('bob')))).toEqual(['FORBIDDEN']);
    expect(codes(await subscribe(['bob', 'carol'], user('bob')))).toEqual(['FORBIDDEN']);
    expect(codes(await unsubscribe(undefined, null))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await unsubscribe(['carol'], user('bob')))).toEqual(['FORBIDDEN']);
    expect(fake.log).toEqual([]);
  });

  it.each([
    ['an empty account id', undefined, '', 'input.officialAccountId'],
    ['an empty list', [], OA, 'input.userIds'],
    ['1001 ids', Array.from({ length: 1001 }, (_, i) => `u${i}`), OA, 'input.userIds'],
    ['an id over 32 bytes', ['bob', 'x'.repeat(40)], OA, 'input.userIds[1]'],
  ])('%s -> BAD_USER_INPUT, no upstream call', async (_label, userIds, account, argument) => {
    const res = await subscribe(userIds, admin(), account);
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors?.[0]?.extensions?.argument).toBe(argument);
    const unsub = await unsubscribe(userIds, admin(), account);
    expect(codes(unsub)).toEqual(['BAD_USER_INPUT']);
    expect(fake.log).toEqual([]);
  });
});

describe('unsubscribeFromOfficialAccount', () => {
  it('Result 1 UNSUBSCRIBED, 2 NOT_SUBSCRIBED, 0 USER_NOT_FOUND or FAILED, chunk failure FAILED', async () => {
    fake.graph.subscribe(OA, 'bob', 'dave');
    fake.subscriberResult(CMD.deleteSubscriber, 'dave', 0);
    const res = await unsubscribe(['bob', 'ghost', 'carol', 'dave', 'bob']);
    expect(res.errors).toBeUndefined();
    const payload = res.data!.unsubscribeFromOfficialAccount!;
    expect(payload.results).toEqual([
      {
        userId: 'bob',
        status: 'UNSUBSCRIBED',
        ok: true,
        message: null,
        tencentCode: null,
        user: { id: 'bob' },
      },
      {
        userId: 'ghost',
        status: 'USER_NOT_FOUND',
        ok: false,
        message: expect.stringMatching(/no account/i),
        tencentCode: null,
        user: null,
      },
      {
        userId: 'carol',
        status: 'NOT_SUBSCRIBED',
        ok: true,
        message: null,
        tencentCode: null,
        user: { id: 'carol' },
      },
      {
        userId: 'dave',
        status: 'FAILED',
        ok: false,
        message: expect.stringMatching(/did not unsubscribe .*Result 0/),
        tencentCode: null,
        user: { id: 'dave' },
      },
    ]);
    expect([payload.succeededCount, payload.failedCount]).toEqual([2, 2]);
    expect(payload.officialAccount?.subscriberCount).toBe(1);
    expect(fake.bodies(CMD.portraitGet).map((b) => b.To_Account)).toEqual([['ghost', 'dave']]);
    // No full-account check for an unsubscribe: the one account-info read is the payload's.
    expect(res.calls).toEqual({ [CMD.deleteSubscriber]: 1, [CMD.portraitGet]: 1, [CMD.oaInfo]: 1 });
    // UNKNOWN: see the lost-answer specs (lostAnswers.spec.ts).
    const reached = new Set(payload.results.map((r) => r.status));
    expect(reached).toEqual(new Set(enumValues('UnsubscribeStatus').filter((s) => s !== 'UNKNOWN')));
  });

  it('150 ids -> 2 delete_subscriber calls; a failed chunk (even 130006) fails only its items', async () => {
    const users = fake.graph.addNumberedUsers('s', 150);
    fake.graph.subscribe(OA, ...users);
    fake.fail(CMD.deleteSubscriber, 130006, { calls: [1] });
    const res = await unsubscribe(users);
    expect(res.errors).toBeUndefined();
    expect(sent(CMD.deleteSubscriber).map((p) => p.length)).toEqual([100, 50]);
    const results = res.data!.unsubscribeFromOfficialAccount!.results;
    expect(results.slice(0, 100).every((r) => r.status === 'FAILED' && r.tencentCode === 130006)).toBe(true);
    expect(results.slice(100).every((r) => r.status === 'UNSUBSCRIBED')).toBe(true);
  });

  it('an unknown official account -> one NOT_FOUND naming it', async () => {
    const res = await unsubscribe(undefined, user('bob'), '@TOA#_gone');
    expect(codes(res)).toEqual(['NOT_FOUND']);
    expect(res.errors?.[0]?.message).toContain('@TOA#_gone');
    expect(res.data).toEqual({ unsubscribeFromOfficialAccount: null });
  });
});
