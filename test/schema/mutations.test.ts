/**
 * followUsers / unfollowUsers against the emulator: per-item statuses in input order, chunking (20 per
 * follow_add / follow_delete), authorization, input limits, chunk failures, request-wide failures and
 * fresh reads after the write. Each test works on its own freshly imported accounts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FollowUsersDocument, UnfollowUsersDocument } from '../generated/graphql.js';
import { countCalls, type Harness, startHarness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ seed: 'demo' });
});
afterEach(() => h.clearFaults());
afterAll(() => h.close());

const ADMIN = { 'x-user-id': 'administrator_ui', 'x-user-roles': 'admin' };
const as = (id: string) => ({ 'x-user-id': id });
const codes = (res: { errors?: { extensions?: { code?: string } }[] }) =>
  (res.errors ?? []).map((e) => e.extensions?.code);

let prefixCounter = 0;
/** Imports `n` fresh accounts named `<prefix>_<i>` (plus the actor `<prefix>_actor`). */
async function freshUsers(n: number): Promise<{ actor: string; users: string[] }> {
  const prefix = `mu${++prefixCounter}`;
  const actor = `${prefix}_actor`;
  const users = Array.from({ length: n }, (_, i) => `${prefix}_${String(i + 1).padStart(2, '0')}`);
  expect(await h.client.multiAccountImport([actor, ...users])).toEqual([]);
  return { actor, users };
}

describe('followUsers', () => {
  it('45 ids with a duplicate, a missing account and the actor: 44 items in order, 3 follow_add calls', async () => {
    const { actor, users } = await freshUsers(42);
    const missing = 'nobody_at_all_here';
    // 45 ids: 42 real targets, a missing account, the actor itself and a duplicate of users[3].
    const input = [
      ...users.slice(0, 10),
      missing,
      ...users.slice(10, 25),
      actor,
      users[3]!,
      ...users.slice(25),
    ];
    expect(input).toHaveLength(45);

    const { result, calls } = await countCalls(h, () =>
      h.gql(FollowUsersDocument, { input: { userIds: input } }, as(actor)),
    );
    expect(result.errors).toBeUndefined();
    // The actor's own id is never sent: 43 targets = 20 + 20 + 3.
    expect(calls).toEqual({ 'follow/follow_add': 3 });

    const payload = result.data!.followUsers!;
    expect(payload.actor?.id).toBe(actor);
    const expectedOrder = [...users.slice(0, 10), missing, ...users.slice(10, 25), actor, ...users.slice(25)];
    expect(payload.results.map((r) => r.userId)).toEqual(expectedOrder);
    expect(payload.results).toHaveLength(44);

    const byId = new Map(payload.results.map((r) => [r.userId, r]));
    for (const id of users) {
      expect(byId.get(id)).toEqual({
        userId: id,
        ok: true,
        status: 'FOLLOWED',
        message: null,
        tencentCode: null,
        user: { id },
      });
    }
    expect(byId.get(missing)).toMatchObject({
      ok: false,
      status: 'USER_NOT_FOUND',
      tencentCode: 30003,
      user: null,
    });
    expect(byId.get(missing)?.message).toBeTruthy();
    expect(byId.get(actor)).toMatchObject({
      ok: false,
      status: 'CANNOT_FOLLOW_SELF',
      tencentCode: null,
      user: { id: actor },
    });
    expect(payload.succeededCount).toBe(42);
    expect(payload.failedCount).toBe(2);

    // Following again is idempotent upstream: FOLLOWED again, and the count did not double.
    const again = await h.gql(FollowUsersDocument, { input: { userIds: users.slice(0, 2) } }, as(actor));
    expect(again.data?.followUsers?.results.map((r) => r.status)).toEqual(['FOLLOWED', 'FOLLOWED']);
    const count = await h.gql(`query { user(id: "${actor}") { following { totalCount } } }`);
    expect(count.data).toEqual({ user: { following: { totalCount: 42 } } });
  });

  it('payload fields read fresh data after each write in the same request', async () => {
    const { actor, users } = await freshUsers(2);
    const [t1, t2] = users as [string, string];
    const selection = `actor { following { totalCount } }
      results { userId status user { followers { totalCount } viewerIsFollowing } }`;
    const query = `mutation {
      a: followUsers(input: { userIds: ["${t1}", "${t2}"] }) { ${selection} }
      b: unfollowUsers(input: { userIds: ["${t1}"] }) { ${selection} }
    }`;
    const { result, calls } = await countCalls(h, () => h.gql(query, {}, as(actor)));
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      a: {
        actor: { following: { totalCount: 2 } },
        results: [
          { userId: t1, status: 'FOLLOWED', user: { followers: { totalCount: 1 }, viewerIsFollowing: true } },
          { userId: t2, status: 'FOLLOWED', user: { followers: { totalCount: 1 }, viewerIsFollowing: true } },
        ],
      },
      // Without clearing the request's loaders these would be the cached numbers of `a`.
      b: {
        actor: { following: { totalCount: 1 } },
        results: [
          {
            userId: t1,
            status: 'UNFOLLOWED',
            user: { followers: { totalCount: 0 }, viewerIsFollowing: false },
          },
        ],
      },
    });
    expect(calls['follow/follow_add']).toBe(1);
    expect(calls['follow/follow_delete']).toBe(1);
    // Counts and relations were read once per mutation (batched), not once per field.
    expect(calls['follow/follow_get_info']).toBe(2);
    expect(calls['follow/follow_check']).toBe(2);
  });
});

describe('unfollowUsers', () => {
  it('statuses per id: unfollowed, idempotent, missing, self', async () => {
    const { actor, users } = await freshUsers(3);
    const [t1, t2, t3] = users as [string, string, string];
    await h.gql(FollowUsersDocument, { input: { userIds: [t1, t2] } }, as(actor));

    const { result, calls } = await countCalls(h, () =>
      h.gql(UnfollowUsersDocument, { input: { userIds: [t1, 'ghost_unf', actor, t3, t1, t2] } }, as(actor)),
    );
    expect(result.errors).toBeUndefined();
    const payload = result.data!.unfollowUsers!;
    expect(payload.results.map((r) => [r.userId, r.status, r.ok, r.tencentCode])).toEqual([
      [t1, 'UNFOLLOWED', true, null],
      ['ghost_unf', 'USER_NOT_FOUND', false, 30003],
      [actor, 'CANNOT_UNFOLLOW_SELF', false, null],
      // Not following t3: upstream answers 0 (idempotent), so it is UNFOLLOWED too.
      [t3, 'UNFOLLOWED', true, null],
      [t2, 'UNFOLLOWED', true, null],
    ]);
    expect(payload.results[1]?.user).toBeNull();
    expect(payload.actor?.following.totalCount).toBe(0);
    expect([payload.succeededCount, payload.failedCount]).toEqual([3, 2]);
    expect(calls['follow/follow_delete']).toBe(1);
  });

  it('splits 25 targets into 2 follow_delete calls', async () => {
    const { actor, users } = await freshUsers(25);
    await h.gql(FollowUsersDocument, { input: { userIds: users } }, as(actor));
    const { result, calls } = await countCalls(h, () =>
      h.gql(UnfollowUsersDocument, { input: { userIds: users } }, as(actor)),
    );
    expect(result.data?.unfollowUsers?.results.every((r) => r.status === 'UNFOLLOWED')).toBe(true);
    expect(result.data?.unfollowUsers?.actor?.following.totalCount).toBe(0);
    expect(calls['follow/follow_delete']).toBe(2);
  });
});

describe('authorization', () => {
  it('anonymous callers get UNAUTHENTICATED and cause no upstream call', async () => {
    const { result, calls } = await countCalls(h, async () => ({
      follow: await h.gql(FollowUsersDocument, { input: { userIds: ['bob'] } }),
      unfollow: await h.gql(UnfollowUsersDocument, { input: { userIds: ['bob'] } }),
      asOther: await h.gql(FollowUsersDocument, { input: { userIds: ['bob'], asUserId: 'alice' } }),
    }));
    for (const res of Object.values(result)) expect(codes(res)).toEqual(['UNAUTHENTICATED']);
    expect(result.follow.data?.followUsers).toBeNull();
    expect(result.follow.errors?.[0]?.message).toMatch(/sign in/i);
    expect(calls).toEqual({});
  });

  it('asUserId for another user needs the admin role', async () => {
    const { actor, users } = await freshUsers(2);
    const denied = await countCalls(h, () =>
      h.gql(FollowUsersDocument, { input: { userIds: [users[0]!], asUserId: actor } }, as(users[1]!)),
    );
    expect(codes(denied.result)).toEqual(['FORBIDDEN']);
    expect(denied.result.errors?.[0]?.message).toMatch(/admin/);
    expect(denied.calls).toEqual({});

    const unfollowDenied = await h.gql(
      UnfollowUsersDocument,
      { input: { userIds: [users[0]!], asUserId: actor } },
      as(users[1]!),
    );
    expect(codes(unfollowDenied)).toEqual(['FORBIDDEN']);

    // asUserId naming yourself needs no role.
    const self = await h.gql(
      FollowUsersDocument,
      { input: { userIds: [users[0]!], asUserId: actor } },
      as(actor),
    );
    expect(self.errors).toBeUndefined();
    expect(self.data?.followUsers?.actor?.id).toBe(actor);

    // An admin acts for anyone; the actor is asUserId, not the admin.
    const admin = await h.gql(
      FollowUsersDocument,
      { input: { userIds: [users[1]!], asUserId: actor } },
      ADMIN,
    );
    expect(admin.errors).toBeUndefined();
    expect(admin.data?.followUsers?.actor?.id).toBe(actor);
    expect(admin.data?.followUsers?.results[0]?.status).toBe('FOLLOWED');
    const count = await h.gql(`query { user(id: "${actor}") { following { totalCount } } }`);
    expect(count.data).toEqual({ user: { following: { totalCount: 2 } } });
  });

  it('an admin acting for an account that does not exist gets one NOT_FOUND naming it', async () => {
    const res = await h.gql(
      FollowUsersDocument,
      { input: { userIds: ['alice'], asUserId: 'ghost_actor' } },
      ADMIN,
    );
    expect(codes(res)).toEqual(['NOT_FOUND']);
    expect(res.errors?.[0]?.message).toContain('ghost_actor');
    expect(res.errors?.[0]?.extensions?.tencentCode).toBe(30003);
    expect(res.data?.followUsers).toBeNull();
  });
});

describe('input validation', () => {
  it('more than 1000 ids -> BAD_USER_INPUT before any upstream call', async () => {
    const ids = Array.from({ length: 1001 }, (_, i) => `u${i}`);
    const { result, calls } = await countCalls(h, () =>
      h.gql(FollowUsersDocument, { input: { userIds: ids } }, as('alice')),
    );
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.extensions?.argument).toBe('input.userIds');
    expect(calls).toEqual({});
  });

  it('exactly 1000 ids (duplicates included) are accepted', async () => {
    const { actor, users } = await freshUsers(3);
    const ids = Array.from({ length: 1000 }, (_, i) => users[i % 3]!);
    const { result, calls } = await countCalls(h, () =>
      h.gql(FollowUsersDocument, { input: { userIds: ids } }, as(actor)),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.followUsers?.results.map((r) => r.userId)).toEqual(users);
    expect(calls).toEqual({ 'follow/follow_add': 1 });
  });

  it.each([
    ['an empty id', ''],
    ['an id over 32 bytes', 'x'.repeat(33)],
    ['a control character', 'bad\nid'],
  ])('%s -> BAD_USER_INPUT naming the position, no upstream call', async (_label, bad) => {
    const { result, calls } = await countCalls(h, () =>
      h.gql(UnfollowUsersDocument, { input: { userIds: ['bob', bad] } }, as('alice')),
    );
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.extensions?.argument).toBe('input.userIds[1]');
    expect(calls).toEqual({});
  });

  it('an empty list or an invalid asUserId -> BAD_USER_INPUT', async () => {
    const empty = await h.gql(FollowUsersDocument, { input: { userIds: [] } }, as('alice'));
    expect(codes(empty)).toEqual(['BAD_USER_INPUT']);
    const badActor = await h.gql(FollowUsersDocument, { input: { userIds: ['bob'], asUserId: '' } }, ADMIN);
    expect(codes(badActor)).toEqual(['BAD_USER_INPUT']);
    expect(badActor.errors?.[0]?.extensions?.argument).toBe('input.asUserId');
  });
});

describe('upstream failures', () => {
  it('a chunk failing as a whole (30006) fails only its own items and is not retried', async () => {
    const { actor, users } = await freshUsers(45);
    await h.setFaults([{ command: 'follow/follow_add', errorCode: 30006, times: 1 }]);
    const { result, calls } = await countCalls(h, () =>
      h.gql(FollowUsersDocument, { input: { userIds: users } }, as(actor)),
    );
    expect(result.errors).toBeUndefined();
    // 45 = 20 + 20 + 5; 30006 does not prove the write was not applied, so no retry: its 20 ids are
    // read back instead (one follow_check), and show no follow (the emulator failed before applying).
    expect(calls).toEqual({ 'follow/follow_add': 3, 'follow/follow_check': 1 });
    const results = result.data!.followUsers!.results;
    expect(results.map((r) => r.userId)).toEqual(users);
    const failed = results.filter((r) => r.status === 'FAILED').map((r) => r.userId);
    const chunks = [users.slice(0, 20), users.slice(20, 40), users.slice(40)];
    expect(chunks).toContainEqual(failed);
    for (const r of results) {
      if (failed.includes(r.userId)) {
        expect(r).toMatchObject({ ok: false, tencentCode: 30006, user: { id: r.userId } });
        expect(r.message).toMatch(/not applied: it is safe to retry/);
      } else {
        expect(r).toMatchObject({ ok: true, status: 'FOLLOWED', tencentCode: null });
      }
    }
    expect(result.data!.followUsers!.failedCount).toBe(failed.length);
  });

  it('a rate-limited chunk (60007) proves nothing was applied, so it is retried and succeeds', async () => {
    const { actor, users } = await freshUsers(45);
    await h.setFaults([{ command: 'follow/follow_add', errorCode: 60007, times: 1 }]);
    const { result, calls } = await countCalls(h, () =>
      h.gql(FollowUsersDocument, { input: { userIds: users } }, as(actor)),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.followUsers?.results.every((r) => r.status === 'FOLLOWED')).toBe(true);
    expect(calls).toEqual({ 'follow/follow_add': 4 });
  });

  it('follow feature disabled on every call -> one FEATURE_NOT_ENABLED error, not N failed items', async () => {
    const { actor, users } = await freshUsers(25);
    await h.setFaults([{ command: 'follow/follow_add', errorCode: 30005 }]);
    const { result, calls } = await countCalls(h, () =>
      h.gql(FollowUsersDocument, { input: { userIds: users } }, as(actor)),
    );
    expect(codes(result)).toEqual(['FEATURE_NOT_ENABLED']);
    expect(result.errors?.[0]?.extensions?.tencentCode).toBe(30005);
    expect(result.errors?.[0]?.path).toEqual(['followUsers']);
    expect(result.data?.followUsers).toBeNull();
    expect(calls).toEqual({ 'follow/follow_add': 2 });
  });

  it('a read of the actor failing after the write nulls only `actor`; the results stand', async () => {
    const { actor, users } = await freshUsers(2);
    await h.setFaults([{ command: 'follow/follow_get_info', errorCode: 30001 }]);
    const res = await h.gql(
      `mutation($ids: [ID!]!) { followUsers(input: { userIds: $ids }) { actor { following { totalCount } } results { userId status } } }`,
      { ids: users },
      as(actor),
    );
    expect(res.data).toEqual({
      followUsers: {
        actor: { following: { totalCount: null } },
        results: users.map((userId) => ({ userId, status: 'FOLLOWED' })),
      },
    });
    expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['followUsers', 'actor', 'following', 'totalCount'], 'UPSTREAM_ERROR'],
    ]);
  });

  it('30005 on only one chunk stays per item (the other chunk was applied)', async () => {
    const { actor, users } = await freshUsers(25);
    await h.setFaults([{ command: 'follow/follow_add', errorCode: 30005, times: 1 }]);
    const res = await h.gql(FollowUsersDocument, { input: { userIds: users } }, as(actor));
    expect(res.errors).toBeUndefined();
    const statuses = res.data!.followUsers!.results.map((r) => r.status);
    expect(statuses.filter((s) => s === 'FAILED').length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 'FOLLOWED').length).toBeGreaterThan(0);
  });
});
