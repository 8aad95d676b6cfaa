/**
 * The upstream-cost estimate (src/schema/cost/estimate.ts, from the costs the fields declare) against
 * reality: for each query, the estimate per command (dev mode: extensions.upstreamCallsEstimate) is at
 * least the calls the request actually made (extensions.upstreamCalls, which the emulator's own
 * counters confirm).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/emulator/index.js';
import { countCalls } from '../support/harness.js';
import { type ServerHarness, startServer } from '../support/serverHarness.js';

let h: ServerHarness;
beforeAll(async () => {
  h = await startServer();
});
afterAll(() => h.close());

const ids45 = DEMO.users.slice(0, 45);

const CASES: [string, string, Record<string, unknown>?, Record<string, string>?][] = [
  [
    'one user, counts',
    '{ user(id: "alice") { followers { totalCount } following { totalCount } mutuals { totalCount } } }',
  ],
  [
    '45 users with counts and profiles',
    'query($ids: [ID!]!) { users(ids: $ids) { id profile { nickname customTags { key } } followers { totalCount } } }',
    { ids: ids45 },
  ],
  [
    'two hops with profiles and viewer relations',
    `query($n: Int) { user(id: "alice") { followers(first: $n) { edges { node {
       viewerIsFollowing profile { nickname gender }
       following(first: 5) { totalCount edges { node { id profile { nickname } } } } } } } } }`,
    { n: 10 },
    { 'x-user-id': 'bob' },
  ],
  [
    'fragments and inline fragments',
    `{ user(id: "alice") { ...F } } fragment F on User { mutuals(first: 30) { nodes { ... on User { ...G } } pageInfo { hasNextPage } } }
     fragment G on User { followers { totalCount } isFollowingViewer }`,
    undefined,
    { 'x-user-id': 'carol' },
  ],
  [
    '_entities with connections',
    'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { following(first: 3) { nodes { id } } followers { totalCount } } } }',
    { r: DEMO.users.slice(0, 25).map((id) => ({ __typename: 'User', id })) },
  ],
  [
    'knownFollowers of a page of users (priced from the viewer’s following count)',
    `{ user(id: "alice") { followers(first: 10) { nodes { id knownFollowers(first: 3) { totalCount
       edges { viewerFollowedAt node { id profile { nickname } } } } } } } }`,
    undefined,
    { 'x-user-id': 'bob' },
  ],
  [
    'filtered following and mutuals, with rateLimit',
    `{ user(id: "alice") { following(first: 5, filter: { followsBack: true }) { totalCount nodes { id profile { nickname } } }
       notBack: following(filter: { followsBack: false, nicknameContains: "a" }) { totalCount }
       mutuals(filter: { nicknameContains: "o" }) { totalCount nodes { id } } }
       rateLimit { estimatedCalls actualCalls } }`,
  ],
  [
    'official accounts, subscribers and subscriptions',
    `{ officialAccount(id: "@TOA#_news") { name owner { id profile { nickname } } subscribers(first: 50) { totalCount nodes { id
         subscribedOfficialAccounts { totalCount nodes { name subscriberCount } } } } } }`,
  ],
];

describe('estimate >= actual upstream calls, per command', () => {
  it.each(CASES)('%s', async (_name, query, variables, headers) => {
    const { result, calls } = await countCalls(h, () => h.post({ query, variables }, headers));
    expect(result.json.errors).toBeUndefined();
    const actual = result.json.extensions?.upstreamCalls as Record<string, number>;
    const estimate = result.json.extensions?.upstreamCallsEstimate as Record<string, number>;
    expect(actual).toEqual(calls);
    expect(Object.keys(actual).length).toBeGreaterThan(0);
    for (const [command, n] of Object.entries(actual)) {
      expect(estimate[command] ?? 0, command).toBeGreaterThanOrEqual(n);
    }
  });

  it('a mutation: writes are estimated by chunks', async () => {
    const userIds = DEMO.users.slice(10, 55);
    const query =
      'mutation($ids: [ID!]!) { followUsers(input: { userIds: $ids }) { results { userId ok user { profile { nickname } } } actor { following { totalCount } } } }';
    const { result } = await countCalls(h, () =>
      h.post({ query, variables: { ids: userIds } }, { 'x-user-id': 'zed' }),
    );
    const actual = result.json.extensions?.upstreamCalls as Record<string, number>;
    const estimate = result.json.extensions?.upstreamCallsEstimate as Record<string, number>;
    expect(estimate['follow/follow_add']).toBe(3);
    for (const [command, n] of Object.entries(actual))
      expect(estimate[command] ?? 0, command).toBeGreaterThanOrEqual(n);
  });

  it.each([
    ['subscribeToOfficialAccount', '@TOA#_news'],
    ['unsubscribeFromOfficialAccount', '@TOA#_sports'],
  ])(
    '%s with unknown ids: the Result 0 diagnosis (portrait_get, account info) is estimated',
    async (field, account) => {
      // 150 ids, 120 of them unknown: 2 writes, then portrait_get for the failed ones (2 calls of 100).
      const ids = [
        ...DEMO.users.slice(100, 130),
        ...Array.from({ length: 120 }, (_, i) => `ghost_cost_${i}`),
      ];
      const query = `mutation($input: ${field === 'subscribeToOfficialAccount' ? 'SubscribeToOfficialAccountInput' : 'UnsubscribeFromOfficialAccountInput'}!) {
      ${field}(input: $input) { results { userId status } officialAccount { subscriberCount } } }`;
      const { result, calls } = await countCalls(h, () =>
        h.post(
          { query, variables: { input: { officialAccountId: account, userIds: ids } } },
          { 'x-user-id': 'ops_admin', 'x-user-roles': 'admin' },
        ),
      );
      expect(result.json.errors).toBeUndefined();
      const payload = result.json.data?.[field] as { results: { status: string }[] };
      const statuses = payload.results.map((r) => r.status);
      expect(statuses.filter((s) => s === 'USER_NOT_FOUND')).toHaveLength(120);
      const actual = result.json.extensions?.upstreamCalls as Record<string, number>;
      const estimate = result.json.extensions?.upstreamCallsEstimate as Record<string, number>;
      expect(actual).toEqual(calls);
      expect(actual['profile/portrait_get']).toBe(2);
      for (const [command, n] of Object.entries(actual)) {
        expect(estimate[command] ?? 0, command).toBeGreaterThanOrEqual(n);
      }
    },
  );

  it('the estimate is exact where batching is exact: 45 users with counts = 3 follow_get_info (the counts prove existence)', async () => {
    const res = await h.post({
      query: 'query($ids: [ID!]!) { users(ids: $ids) { followers { totalCount } following { totalCount } } }',
      variables: { ids: ids45 },
    });
    expect(res.json.extensions?.upstreamCallsEstimate).toEqual({ 'follow/follow_get_info': 3 });
    expect(res.json.extensions?.upstreamCalls).toEqual({ 'follow/follow_get_info': 3 });
  });

  it('exact for the representative nested query: 1 follow_get + 6 follow_get_info + 1 follow_check', async () => {
    const query = `{ user(id: "alice") { following { totalCount } mutuals { totalCount }
      followers(first: 100) { totalCount edges { node { id followers { totalCount } following { totalCount }
        mutuals { totalCount } viewerIsFollowing } } } } }`;
    const res = await h.post({ query }, { 'x-user-id': 'bob' });
    expect(res.json.errors).toBeUndefined();
    const expected = { 'follow/follow_get': 1, 'follow/follow_get_info': 6, 'follow/follow_check': 1 };
    expect(res.json.extensions?.upstreamCallsEstimate).toEqual(expected);
    expect(res.json.extensions?.upstreamCalls).toEqual(expected);
  });

  it('exact for a profile-only user: one portrait_get checks existence and reads the profile', async () => {
    const res = await h.post({ query: '{ user(id: "alice") { id profile { nickname } } }' });
    expect(res.json.extensions?.upstreamCallsEstimate).toEqual({ 'profile/portrait_get': 1 });
    expect(res.json.extensions?.upstreamCalls).toEqual({ 'profile/portrait_get': 1 });
  });
});
