/**
 * subscribeToOfficialAccount / unsubscribeFromOfficialAccount against the emulator: chunking (100 per
 * add_subscriber / delete_subscriber), Result 0/1/2 mapping, the subscriber limit, authorization and
 * request-wide failures. Each test uses its own official account and freshly imported users.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/emulator/index.js';
import { SubscribeDocument, UnsubscribeDocument } from '../generated/graphql.js';
import { countCalls, type Harness, startHarness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ seed: 'demo' });
});
afterEach(() => h.clearFaults());
afterAll(() => h.close());

const ADMIN = { 'x-user-id': 'ops_admin', 'x-user-roles': 'admin' };
const as = (id: string) => ({ 'x-user-id': id });
const codes = (res: { errors?: { extensions?: { code?: string } }[] }) =>
  (res.errors ?? []).map((e) => e.extensions?.code);
const ADD = 'official_account_open_http_svc/add_subscriber';
const DELETE = 'official_account_open_http_svc/delete_subscriber';
const OA_INFO = 'official_account_open_http_svc/get_official_account_info';

let counter = 0;
/** A fresh official account (owner alice) and `n` freshly imported users. */
async function fresh(n: number, maxSubscriberNum?: number): Promise<{ account: string; users: string[] }> {
  const prefix = `ms${++counter}`;
  const users = Array.from({ length: n }, (_, i) => `${prefix}_${String(i + 1).padStart(3, '0')}`);
  expect(await h.client.multiAccountImport(users)).toEqual([]);
  const account = await h.client.createOfficialAccount({
    OfficialAccountUserID: `@TOA#_${prefix}`,
    Owner_Account: 'alice',
    Name: `Test ${prefix}`,
    ...(maxSubscriberNum !== undefined && { MaxSubscriberNum: maxSubscriberNum }),
  });
  return { account, users };
}

describe('subscribeToOfficialAccount', () => {
  it('150 subscribers cost 2 add_subscriber calls; a second run reports ALREADY_SUBSCRIBED', async () => {
    const { account, users } = await fresh(150);
    const first = await countCalls(h, () =>
      h.gql(SubscribeDocument, { input: { officialAccountId: account, userIds: users } }, ADMIN),
    );
    expect(first.result.errors).toBeUndefined();
    const payload = first.result.data!.subscribeToOfficialAccount!;
    expect(payload.results.map((r) => r.userId)).toEqual(users);
    expect(payload.results.every((r) => r.status === 'SUBSCRIBED' && r.ok && r.tencentCode === null)).toBe(
      true,
    );
    expect(payload.results[0]?.user).toEqual({ id: users[0] });
    expect([payload.succeededCount, payload.failedCount]).toEqual([150, 0]);
    // Read after the write, in the same request.
    expect(payload.officialAccount).toEqual({ id: account, subscriberCount: 150 });
    expect(payload.viewer?.id).toBe('ops_admin');
    expect(first.calls).toEqual({ [ADD]: 2, [OA_INFO]: 1 });

    const second = await countCalls(h, () =>
      h.gql(
        SubscribeDocument,
        { input: { officialAccountId: account, userIds: [...users, users[0]!] } },
        ADMIN,
      ),
    );
    const again = second.result.data!.subscribeToOfficialAccount!;
    expect(again.results).toHaveLength(150);
    expect(again.results.every((r) => r.status === 'ALREADY_SUBSCRIBED' && r.ok)).toBe(true);
    expect(again.officialAccount?.subscriberCount).toBe(150);
    expect(second.calls).toEqual({ [ADD]: 2, [OA_INFO]: 1 });
  });

  it('defaults to the viewer, and the viewer needs no role for themself', async () => {
    const { account, users } = await fresh(1);
    const me = users[0]!;
    const implicit = await h.gql(SubscribeDocument, { input: { officialAccountId: account } }, as(me));
    expect(implicit.errors).toBeUndefined();
    expect(implicit.data?.subscribeToOfficialAccount?.results).toEqual([
      { userId: me, ok: true, status: 'SUBSCRIBED', message: null, tencentCode: null, user: { id: me } },
    ]);
    const explicit = await h.gql(
      SubscribeDocument,
      { input: { officialAccountId: account, userIds: [me] } },
      as(me),
    );
    expect(explicit.data?.subscribeToOfficialAccount?.results[0]?.status).toBe('ALREADY_SUBSCRIBED');
    const read = await h.gql(`query { user(id: "${me}") { subscribedOfficialAccounts { nodes { id } } } }`);
    expect(read.data).toEqual({ user: { subscribedOfficialAccounts: { nodes: [{ id: account }] } } });
  });

  it('a full account: overflow items SUBSCRIBER_LIMIT_REACHED, unknown users USER_NOT_FOUND, then 130006', async () => {
    const { account, users } = await fresh(6, 3);
    const ids = [users[0]!, 'ghost_sub', users[1]!, users[2]!, users[3]!, users[4]!];
    const { result, calls } = await countCalls(h, () =>
      h.gql(SubscribeDocument, { input: { officialAccountId: account, userIds: ids } }, ADMIN),
    );
    expect(result.errors).toBeUndefined();
    const payload = result.data!.subscribeToOfficialAccount!;
    expect(payload.results.map((r) => [r.userId, r.status, r.ok])).toEqual([
      [users[0], 'SUBSCRIBED', true],
      ['ghost_sub', 'USER_NOT_FOUND', false],
      [users[1], 'SUBSCRIBED', true],
      [users[2], 'SUBSCRIBED', true],
      [users[3], 'SUBSCRIBER_LIMIT_REACHED', false],
      [users[4], 'SUBSCRIBER_LIMIT_REACHED', false],
    ]);
    expect(payload.results[1]?.user).toBeNull();
    expect(payload.results[4]?.message).toMatch(/maximum/);
    expect(payload.officialAccount?.subscriberCount).toBe(3);
    // Result 0 is diagnosed only for the failed ids: one portrait_get, one account info (shared with
    // the payload's subscriberCount).
    expect(calls).toEqual({ [ADD]: 1, 'profile/portrait_get': 1, [OA_INFO]: 1 });

    // Full before the call: upstream refuses the whole call with 130006.
    const full = await h.gql(
      SubscribeDocument,
      { input: { officialAccountId: account, userIds: [users[5]!] } },
      ADMIN,
    );
    expect(full.errors).toBeUndefined();
    expect(full.data?.subscribeToOfficialAccount?.results).toEqual([
      expect.objectContaining({
        userId: users[5],
        ok: false,
        status: 'SUBSCRIBER_LIMIT_REACHED',
        tencentCode: 130006,
      }),
    ]);
  });

  it('payload fields read fresh data after each write in the same request', async () => {
    const { account, users } = await fresh(2);
    const [u1, u2] = users as [string, string];
    const selection = `officialAccount { subscriberCount subscribers { totalCount } }
      results { status user { subscribedOfficialAccounts { totalCount } } }`;
    const query = `mutation {
      a: subscribeToOfficialAccount(input: { officialAccountId: "${account}", userIds: ["${u1}", "${u2}"] }) { ${selection} }
      b: unsubscribeFromOfficialAccount(input: { officialAccountId: "${account}", userIds: ["${u1}"] }) { ${selection} }
    }`;
    const res = await h.gql(query, {}, ADMIN);
    expect(res.errors).toBeUndefined();
    const subscribed = { status: 'SUBSCRIBED', user: { subscribedOfficialAccounts: { totalCount: 1 } } };
    expect(res.data).toEqual({
      a: {
        officialAccount: { subscriberCount: 2, subscribers: { totalCount: 2 } },
        results: [subscribed, subscribed],
      },
      // Without clearing the request's loaders these would be the cached numbers of `a`.
      b: {
        officialAccount: { subscriberCount: 1, subscribers: { totalCount: 1 } },
        results: [{ status: 'UNSUBSCRIBED', user: { subscribedOfficialAccounts: { totalCount: 0 } } }],
      },
    });
  });

  it('an unknown official account -> one NOT_FOUND naming it', async () => {
    const { result, calls } = await countCalls(h, () =>
      h.gql(
        SubscribeDocument,
        { input: { officialAccountId: '@TOA#_nope', userIds: ['alice', 'bob'] } },
        ADMIN,
      ),
    );
    expect(codes(result)).toEqual(['NOT_FOUND']);
    expect(result.errors?.[0]?.message).toContain('@TOA#_nope');
    expect(result.errors?.[0]?.extensions?.tencentCode).toBe(130004);
    expect(result.data?.subscribeToOfficialAccount).toBeNull();
    expect(calls).toEqual({ [ADD]: 1 });
  });

  it('reads of the payload failing after the write null only `officialAccount` / `viewer`; results stand', async () => {
    const { account, users } = await fresh(2);
    await h.setFaults([
      { command: OA_INFO, errorCode: 130002 },
      { command: 'follow/follow_get_info', errorCode: 30001 },
    ]);
    const res = await h.gql(
      `mutation($input: SubscribeToOfficialAccountInput!) { subscribeToOfficialAccount(input: $input) {
         officialAccount { subscriberCount } viewer { following { totalCount } } results { userId status } } }`,
      { input: { officialAccountId: account, userIds: users } },
      ADMIN,
    );
    expect(res.data).toEqual({
      subscribeToOfficialAccount: {
        officialAccount: null,
        viewer: { following: { totalCount: null } },
        results: users.map((userId) => ({ userId, status: 'SUBSCRIBED' })),
      },
    });
    expect(res.errors?.map((e) => e.path?.join('.')).sort()).toEqual([
      'subscribeToOfficialAccount.officialAccount.subscriberCount',
      'subscribeToOfficialAccount.viewer.following.totalCount',
    ]);
  });

  it('a failing chunk (10004) marks only its items FAILED', async () => {
    const { account, users } = await fresh(120);
    await h.setFaults([{ command: ADD, errorCode: 10004, times: 1 }]);
    const { result, calls } = await countCalls(h, () =>
      h.gql(SubscribeDocument, { input: { officialAccountId: account, userIds: users } }, ADMIN),
    );
    expect(result.errors).toBeUndefined();
    const results = result.data!.subscribeToOfficialAccount!.results;
    const failed = results.filter((r) => r.status === 'FAILED').map((r) => r.userId);
    expect([users.slice(0, 100), users.slice(100)]).toContainEqual(failed);
    for (const r of results) {
      if (failed.includes(r.userId)) expect(r).toMatchObject({ ok: false, tencentCode: 10004 });
      else expect(r).toMatchObject({ ok: true, status: 'SUBSCRIBED' });
    }
    expect(calls[ADD]).toBe(2);
  });
});

describe('unsubscribeFromOfficialAccount', () => {
  it('UNSUBSCRIBED, NOT_SUBSCRIBED and USER_NOT_FOUND in input order', async () => {
    const { account, users } = await fresh(3);
    await h.gql(
      SubscribeDocument,
      { input: { officialAccountId: account, userIds: [users[0]!, users[1]!] } },
      ADMIN,
    );
    const { result, calls } = await countCalls(h, () =>
      h.gql(
        UnsubscribeDocument,
        { input: { officialAccountId: account, userIds: [users[1]!, 'ghost_unsub', users[2]!, users[1]!] } },
        ADMIN,
      ),
    );
    expect(result.errors).toBeUndefined();
    const payload = result.data!.unsubscribeFromOfficialAccount!;
    expect(payload.results.map((r) => [r.userId, r.status, r.ok, r.tencentCode])).toEqual([
      [users[1], 'UNSUBSCRIBED', true, null],
      ['ghost_unsub', 'USER_NOT_FOUND', false, null],
      [users[2], 'NOT_SUBSCRIBED', true, null],
    ]);
    expect(payload.results[1]?.user).toBeNull();
    expect(payload.officialAccount?.subscriberCount).toBe(1);
    expect([payload.succeededCount, payload.failedCount]).toEqual([2, 1]);
    expect(calls).toEqual({ [DELETE]: 1, 'profile/portrait_get': 1, [OA_INFO]: 1 });
  });

  it('the viewer unsubscribes themself without a role; an unknown account is NOT_FOUND', async () => {
    const me = 'alice';
    const news = DEMO.officialAccounts.news.id;
    const res = await h.gql(UnsubscribeDocument, { input: { officialAccountId: news } }, as(me));
    expect(res.errors).toBeUndefined();
    expect(res.data?.unsubscribeFromOfficialAccount?.results.map((r) => r.status)).toEqual(['UNSUBSCRIBED']);
    expect(res.data?.unsubscribeFromOfficialAccount?.officialAccount?.subscriberCount).toBe(
      DEMO.officialAccounts.news.subscribers - 1,
    );
    const missing = await h.gql(UnsubscribeDocument, { input: { officialAccountId: '@TOA#_nope' } }, as(me));
    expect(codes(missing)).toEqual(['NOT_FOUND']);
  });
});

describe('authorization and input', () => {
  const news = DEMO.officialAccounts.news.id;

  it('anonymous -> UNAUTHENTICATED; others without admin -> FORBIDDEN; no upstream call', async () => {
    const { result, calls } = await countCalls(h, async () => ({
      anonymous: await h.gql(SubscribeDocument, { input: { officialAccountId: news } }),
      anonymousUnsub: await h.gql(UnsubscribeDocument, { input: { officialAccountId: news } }),
      others: await h.gql(
        SubscribeDocument,
        { input: { officialAccountId: news, userIds: ['bob', 'carol'] } },
        as('bob'),
      ),
      othersUnsub: await h.gql(
        UnsubscribeDocument,
        { input: { officialAccountId: news, userIds: ['carol'] } },
        as('bob'),
      ),
    }));
    expect(codes(result.anonymous)).toEqual(['UNAUTHENTICATED']);
    expect(codes(result.anonymousUnsub)).toEqual(['UNAUTHENTICATED']);
    expect(codes(result.others)).toEqual(['FORBIDDEN']);
    expect(codes(result.othersUnsub)).toEqual(['FORBIDDEN']);
    expect(calls).toEqual({});
  });

  it('invalid ids and too many ids -> BAD_USER_INPUT, no upstream call', async () => {
    const { result, calls } = await countCalls(h, async () => [
      await h.gql(SubscribeDocument, { input: { officialAccountId: '' } }, as('bob')),
      await h.gql(
        SubscribeDocument,
        { input: { officialAccountId: news, userIds: ['ok', 'x'.repeat(40)] } },
        ADMIN,
      ),
      await h.gql(
        SubscribeDocument,
        { input: { officialAccountId: news, userIds: Array.from({ length: 1001 }, (_, i) => `u${i}`) } },
        ADMIN,
      ),
      await h.gql(UnsubscribeDocument, { input: { officialAccountId: news, userIds: [] } }, ADMIN),
    ]);
    for (const res of result) expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(result.map((r) => r.errors?.[0]?.extensions?.argument)).toEqual([
      'input.officialAccountId',
      'input.userIds[1]',
      'input.userIds',
      'input.userIds',
    ]);
    expect(calls).toEqual({});
  });
});
