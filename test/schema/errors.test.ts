/** Upstream failures become coded GraphQL errors on the failing fields only, and leak nothing. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  FollowerPageDocument,
  FollowersTotalDocument,
  UserProfileDocument,
  UsersDocument,
} from '../generated/graphql.js';
import { type Harness, startHarness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  // One retry, quickly: fault tests should not wait for the full retry budget.
  h = await startHarness({ seed: 'demo', tencent: { maxRetries: 1, retryDeadlineMs: 2000 } });
});
afterEach(() => h.clearFaults());
afterAll(() => h.close());

const mixed = `query { user(id: "alice") { id profile { nickname } followers { totalCount } } }`;

function assertNoSecrets(text: string) {
  expect(text.toLowerCase()).not.toContain('usersig');
  expect(text).not.toContain(h.emulator.secretKey);
  expect(text).not.toContain(h.emulator.url);
  expect(text).not.toMatch(/\bat .*\.(ts|js):\d+/); // no stack frames
}

describe('upstream errors', () => {
  it('30005 on follow_get_info -> FEATURE_NOT_ENABLED, the other fields intact', async () => {
    await h.setFaults([{ command: 'follow/follow_get_info', errorCode: 30005 }]);
    const res = await h.gql(
      `query { users(ids: ["alice", "bob"]) { id profile { nickname } followers { totalCount } } }`,
    );
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual([
      'FEATURE_NOT_ENABLED',
      'FEATURE_NOT_ENABLED',
    ]);
    expect(res.errors?.[0]?.extensions?.tencentCode).toBe(30005);
    // totalCount is nullable: the failure stays in its field; the users and their profiles stand.
    expect(res.data?.users).toEqual([
      { id: 'alice', profile: { nickname: 'Alice Liddell' }, followers: { totalCount: null } },
      { id: 'bob', profile: { nickname: expect.any(String) }, followers: { totalCount: null } },
    ]);
    expect(res.errors?.map((e) => e.path)).toEqual([
      ['users', 0, 'followers', 'totalCount'],
      ['users', 1, 'followers', 'totalCount'],
    ]);
    const profileOnly = await h.gql(UserProfileDocument, { id: 'alice' });
    expect(profileOnly.errors).toBeUndefined();
    expect(profileOnly.data?.user?.profile?.nickname).toBe('Alice Liddell');
    assertNoSecrets(res.text);
  });

  it('a failing count does not take the page of the same connection, or its user, down', async () => {
    await h.setFaults([{ command: 'follow/follow_get_info', errorCode: 30005 }]);
    const query = `query { a: user(id: "alice") { followers(first: 3) { nodes { id } } }
                           b: user(id: "bob") { id followers(first: 2) { totalCount nodes { id } } } }`;
    const res = await h.gql<{
      a: { followers: { nodes: unknown[] } };
      b: { id: string; followers: { totalCount: number | null; nodes: unknown[] } };
    }>(query);
    expect(res.data?.a.followers.nodes).toHaveLength(3);
    expect(res.data?.b.id).toBe('bob');
    expect(res.data?.b.followers.totalCount).toBeNull();
    expect(res.data?.b.followers.nodes.length).toBeGreaterThan(0);
    expect(res.errors).toHaveLength(1);
    expect(res.errors?.[0]?.path).toEqual(['b', 'followers', 'totalCount']);
  });

  it('when follow_get_info fails as a whole, existence falls back to portrait_get; the count error is reported once', async () => {
    await h.setFaults([{ command: 'follow/follow_get_info', errorCode: 30005 }]);
    const res = await h.gql(`query { users(ids: ["alice", "nobody_here"]) { id followers { totalCount } } }`);
    // alice exists (portrait_get says so) and her count failed; nobody_here is simply null, no error.
    expect(res.data?.users).toEqual([{ id: 'alice', followers: { totalCount: null } }, null]);
    expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['users', 0, 'followers', 'totalCount'], 'FEATURE_NOT_ENABLED'],
    ]);
    // The failed follow_get_info is not asked again for totalCount.
    expect(res.extensions?.upstreamCalls).toEqual({ 'follow/follow_get_info': 1, 'profile/portrait_get': 1 });
  });

  it('one failed batch below a list fails only its own counts', async () => {
    // 40 followers, each with a count: two follow_get_info batches of 20; exactly one fails.
    await h.setFaults([{ command: 'follow/follow_get_info', errorCode: 30001, times: 1 }]);
    const res = await h.gql<{
      user: {
        followers: { edges: ({ node: { id: string; followers: { totalCount: number | null } } } | null)[] };
      };
    }>(
      `query { user(id: "alice") { followers(first: 40) { edges { node { id followers { totalCount } } } } } }`,
    );
    const edges = res.data?.user.followers.edges ?? [];
    expect(edges).toHaveLength(40);
    expect(edges.every((e) => e !== null)).toBe(true);
    const failed = edges.flatMap((e, i) => (e?.node.followers.totalCount === null ? [i] : []));
    expect(failed).toHaveLength(20);
    expect(res.errors).toHaveLength(20);
    for (const error of res.errors ?? []) {
      expect(error.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', tencentCode: 30001 });
      expect(failed).toContain(error.path?.[3]);
    }
  });

  it('a non-retryable code (30001) -> UPSTREAM_ERROR with tencentCode', async () => {
    await h.setFaults([{ command: 'follow/follow_get', errorCode: 30001 }]);
    const res = await h.gql(FollowerPageDocument, { id: 'alice', first: 5 });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', tencentCode: 30001 });
    expect(res.data?.user).toBeNull();
    assertNoSecrets(res.text);
  });

  it('60007 -> RATE_LIMITED once the client stops retrying', async () => {
    await h.setFaults([{ command: 'follow/follow_get_info', errorCode: 60007 }]);
    const res = await h.gql(FollowersTotalDocument, { id: 'alice' });
    expect(res.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    const calls = res.extensions?.upstreamCalls?.['follow/follow_get_info'];
    expect(calls).toBeGreaterThanOrEqual(2); // first attempt + at least one retry
  });

  it('60007 once, then success: the retry hides it', async () => {
    await h.setFaults([{ command: 'follow/follow_get_info', errorCode: 60007, times: 1 }]);
    const res = await h.gql(FollowersTotalDocument, { id: 'alice' });
    expect(res.errors).toBeUndefined();
    expect(res.data?.user?.followers.totalCount).toBeGreaterThan(0);
  });

  it.each([
    ['HTTP 502', { httpStatus: 502 }],
    ['malformed body', { malformed: true }],
    ['connection reset', { reset: true }],
  ])('%s -> UPSTREAM_UNAVAILABLE', async (_label, effect) => {
    await h.setFaults([{ command: 'profile/portrait_get', ...effect }]);
    const res = await h.gql(UsersDocument, { ids: ['alice'] });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['UPSTREAM_UNAVAILABLE']);
    expect(res.data?.users).toEqual([null]);
    assertNoSecrets(res.text);
  });

  it('a failing official account lookup -> coded error, null account', async () => {
    await h.setFaults([
      { command: 'official_account_open_http_svc/get_official_account_info', errorCode: 130002 },
    ]);
    const res = await h.gql(`query { officialAccount(id: "@TOA#_news") { id name } }`);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', tencentCode: 130002 });
    expect(res.data?.officialAccount).toBeNull();
  });

  it('no response ever contains usersig, the secret key or the upstream URL', async () => {
    const ok = await h.gql(mixed, {}, { 'x-user-id': 'bob' });
    assertNoSecrets(ok.text);
    await h.setFaults([{ command: '*', errorCode: 70001 }]);
    const failed = await h.gql(mixed);
    expect(failed.errors?.length).toBeGreaterThan(0);
    assertNoSecrets(failed.text);
  });
});
