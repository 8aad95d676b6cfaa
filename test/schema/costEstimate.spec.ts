/**
 * The upstream-cost estimate (src/schema/cost/estimate.ts) for representative operations: exact
 * per-command numbers, and never below what the same operation makes the fake upstream do.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { SchemaSettings, Viewer } from '../../src/schema/context.js';
import type { CallEstimate } from '../../src/schema/cost/estimate.js';
import { FakeChatApi } from '../support/fakeChatApi.js';
import { admin, CMD, estimate, run, user } from '../support/schemaHarness.js';

let fake: FakeChatApi;
let users: string[];
const OA = '@TOA#_news';

beforeEach(() => {
  fake = new FakeChatApi();
  users = fake.graph.addNumberedUsers('u', 150);
  fake.graph.addUsers('alice', 'bob', 'zed');
  // alice has 120 followers; bob follows a few of them; some follow each other.
  for (const id of users.slice(0, 120)) fake.graph.follow(id, 'alice');
  fake.graph.follow('bob', ...users.slice(0, 10));
  fake.graph.follow('alice', ...users.slice(0, 5));
  fake.graph.setProfile('alice', { Tag_Profile_IM_Nick: 'Alice' });
  fake.graph.addOfficialAccount(OA, { owner: 'alice', name: 'News' });
  fake.graph.subscribe(OA, ...users.slice(0, 60));
  fake.graph.addOfficialAccount('@TOA#_sports', { owner: 'bob', name: 'Sports' });
  fake.graph.subscribe('@TOA#_sports', ...users.slice(0, 3));
});

interface Case {
  variables?: Record<string, unknown>;
  viewer?: Viewer | null;
  settings?: Partial<SchemaSettings>;
}

/** Runs the operation against the fake and estimates it; the estimate must cover every command run. */
async function estimateAndRun(query: string, c: Case = {}) {
  const res = await run(fake, query, {
    ...(c.variables && { variables: c.variables }),
    viewer: c.viewer ?? null,
    ...(c.settings && { settings: c.settings }),
  });
  expect(res.errors).toBeUndefined();
  const est = estimate(query, {
    ...(c.variables && { variables: c.variables }),
    ...(c.settings?.connectionMaxFirst !== undefined && {
      connectionMaxFirst: c.settings.connectionMaxFirst,
    }),
  });
  expect(est).toBeDefined();
  expect(Object.keys(res.calls).length).toBeGreaterThan(0);
  for (const [command, n] of Object.entries(res.calls)) {
    expect(est?.[command] ?? 0, command).toBeGreaterThanOrEqual(n);
  }
  return { estimate: est as CallEstimate, actual: res.calls, data: res.data };
}

const COUNTS = 'followers { totalCount } following { totalCount } mutuals { totalCount }';
const REPRESENTATIVE = (ownCounts: boolean) => `{ user(id: "alice") { id ${ownCounts ? COUNTS : ''}
  page: followers(first: 100) { edges { node { id ${COUNTS} viewerIsFollowing } } } } }`;

describe('exact estimates that match what runs', () => {
  it('a user with three counts = 1 follow_get_info (it also proves the user exists)', async () => {
    const { estimate, actual } = await estimateAndRun(`{ user(id: "alice") { ${COUNTS} } }`);
    expect(estimate).toEqual({ [CMD.followGetInfo]: 1 });
    expect(actual).toEqual(estimate);
  });

  it('a user without counts: one portrait_get proves existence and serves the profile', async () => {
    const { estimate, actual } = await estimateAndRun('{ user(id: "alice") { profile { nickname } } }');
    expect(estimate).toEqual({ [CMD.portraitGet]: 1 });
    expect(actual).toEqual(estimate);
  });

  it.each([
    [1, 1],
    [20, 1],
    [21, 2],
    [45, 3],
    [100, 5],
  ])('users(ids: %i) with counts = %i follow_get_info', async (n, calls) => {
    const query = `query($ids: [ID!]!) { users(ids: $ids) { id ${COUNTS} } }`;
    const { estimate, actual } = await estimateAndRun(query, { variables: { ids: users.slice(0, n) } });
    expect(estimate).toEqual({ [CMD.followGetInfo]: calls });
    expect(actual).toEqual(estimate);
  });

  it("a followers page of 100 with counts and viewerIsFollowing, and the user's counts", async () => {
    const { estimate, actual } = await estimateAndRun(REPRESENTATIVE(true), { viewer: user('bob') });
    // The user's counts (1) + the followers' counts (100 / 20 = 5); one follow_check for 100 targets.
    expect(estimate).toEqual({ [CMD.followGet]: 1, [CMD.followGetInfo]: 6, [CMD.followCheck]: 1 });
    expect(actual).toEqual(estimate);
  });

  it("the same page without the user's counts: the page read proves the user exists", async () => {
    const { estimate, actual } = await estimateAndRun(REPRESENTATIVE(false), { viewer: user('bob') });
    expect(estimate).toEqual({ [CMD.followGet]: 1, [CMD.followGetInfo]: 5, [CMD.followCheck]: 1 });
    expect(actual).toEqual(estimate);
  });

  it('fragments and inline fragments cost what the same selection written out costs', async () => {
    const withFragments = `
      query { user(id: "alice") { id ...Counts page: followers(first: 100) { ...Page } } }
      fragment Counts on User { followers { totalCount } ... on User { following { totalCount } } mutuals { totalCount } }
      fragment Page on UserConnection { edges { node { ... on User { id ...Counts ...Counts viewerIsFollowing } } } }`;
    const { estimate, actual } = await estimateAndRun(withFragments, { viewer: user('bob') });
    expect(estimate).toEqual(estimateOf(REPRESENTATIVE(true)));
    expect(estimate).toEqual({ [CMD.followGet]: 1, [CMD.followGetInfo]: 6, [CMD.followCheck]: 1 });
    expect(actual).toEqual(estimate);
  });

  it('_entities with 25 User representations: counts batched, one follow_get per user', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on User { followers { totalCount } following(first: 3) { nodes { id } } } } }`;
    const r = users.slice(0, 25).map((id) => ({ __typename: 'User', id }));
    const { estimate, actual } = await estimateAndRun(query, { variables: { r } });
    expect(estimate).toEqual({ [CMD.followGetInfo]: 2, [CMD.followGet]: 25 });
    expect(actual).toEqual(estimate);
  });

  it('_entities with 60 OfficialAccount representations: 2 get_official_account_info', async () => {
    for (let i = 0; i < 59; i++) fake.graph.addOfficialAccount(`@TOA#_oa${i}`);
    const ids = [OA, ...Array.from({ length: 59 }, (_, i) => `@TOA#_oa${i}`)];
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on OfficialAccount { name } } }`;
    const r = ids.map((id) => ({ __typename: 'OfficialAccount', id }));
    const { estimate, actual } = await estimateAndRun(query, { variables: { r } });
    expect(estimate).toEqual({ [CMD.oaInfo]: 2 });
    expect(actual).toEqual(estimate);
  });

  it('followUsers with 45 ids: 3 follow_add, plus the reads below the payload', async () => {
    const query = `mutation($ids: [ID!]!) { followUsers(input: { userIds: $ids }) {
      results { userId ok user { profile { nickname } } } actor { following { totalCount } } } }`;
    const { estimate, actual } = await estimateAndRun(query, {
      variables: { ids: users.slice(10, 55) },
      viewer: user('zed'),
    });
    expect(estimate).toEqual({ [CMD.followAdd]: 3, [CMD.followGetInfo]: 1, [CMD.portraitGet]: 1 });
    expect(actual).toEqual(estimate);
  });

  it('a write counts distinct ids: 1000 copies of 25 ids are 2 follow_add, not 50', async () => {
    const query = `mutation($ids: [ID!]!) { followUsers(input: { userIds: $ids }) { succeededCount } }`;
    const ids = Array.from({ length: 1000 }, (_, i) => users[10 + (i % 25)]!);
    const { estimate, actual } = await estimateAndRun(query, { variables: { ids }, viewer: user('zed') });
    expect(estimate).toEqual({ [CMD.followAdd]: 2 });
    expect(actual).toEqual(estimate);
  });

  it('unfollowUsers with 45 ids: 3 follow_delete', async () => {
    const query = `mutation($ids: [ID!]!) { unfollowUsers(input: { userIds: $ids }) { succeededCount } }`;
    const { estimate, actual } = await estimateAndRun(query, {
      variables: { ids: users.slice(0, 45) },
      viewer: user('bob'),
    });
    expect(estimate).toEqual({ [CMD.followDelete]: 3 });
    expect(actual).toEqual(estimate);
  });

  it('subscribing 150 ids, 120 unknown: 2 writes, 2 portrait_get for the diagnosis, account info', async () => {
    const ids = [...users.slice(100, 130), ...Array.from({ length: 120 }, (_, i) => `ghost_${i}`)];
    const query = `mutation($input: SubscribeToOfficialAccountInput!) { subscribeToOfficialAccount(input: $input) {
      results { userId status } officialAccount { subscriberCount } } }`;
    const { estimate, actual, data } = await estimateAndRun(query, {
      variables: { input: { officialAccountId: OA, userIds: ids } },
      viewer: admin(),
    });
    const statuses = (
      data as { subscribeToOfficialAccount: { results: { status: string }[] } }
    ).subscribeToOfficialAccount.results.map((r) => r.status);
    expect(statuses.filter((s) => s === 'USER_NOT_FOUND')).toHaveLength(120);
    // The account info is charged twice: once for the diagnosis (a full account), once for the
    // payload's subscriberCount. At run time they share one read (and here the diagnosis needs none:
    // every Result 0 is an unknown user).
    expect(estimate).toEqual({ [CMD.oaInfo]: 2, [CMD.addSubscriber]: 2, [CMD.portraitGet]: 2 });
    expect(actual).toEqual({ [CMD.oaInfo]: 1, [CMD.addSubscriber]: 2, [CMD.portraitGet]: 2 });
  });

  it('unsubscribing the viewer (no userIds): 1 write, and the diagnosis it might need', async () => {
    const query = `mutation { unsubscribeFromOfficialAccount(input: { officialAccountId: "${OA}" }) {
      results { status } officialAccount { subscriberCount } } }`;
    const { estimate, actual } = await estimateAndRun(query, { viewer: user(users[0]!) });
    // Unsubscribing never diagnoses a full account: the one account-info read is the payload's.
    expect(estimate).toEqual({ [CMD.oaInfo]: 1, [CMD.deleteSubscriber]: 1, [CMD.portraitGet]: 1 });
    // Result 1: nothing to diagnose.
    expect(actual).toEqual({ [CMD.deleteSubscriber]: 1, [CMD.oaInfo]: 1 });
  });
});

describe('estimates that bound what runs', () => {
  it('an official account with its owner, subscribers and their subscriptions', async () => {
    const query = `{ officialAccount(id: "${OA}") { name owner { id profile { nickname } }
      subscribers(first: 50) { totalCount nodes { id
        subscribedOfficialAccounts { totalCount nodes { name subscriberCount } } } } } }`;
    const { estimate, actual } = await estimateAndRun(query);
    expect(estimate).toEqual({
      // The account (1), and each subscriber's page of accounts, which might lack fields (50 x 1).
      [CMD.oaInfo]: 51,
      [CMD.portraitGet]: 1,
      [CMD.subscriberInfo]: 1,
      [CMD.subscribedList]: 50,
    });
    // The lists carried complete account info: no account-info read per subscriber.
    expect(actual).toEqual({
      [CMD.oaInfo]: 1,
      [CMD.portraitGet]: 1,
      [CMD.subscriberInfo]: 1,
      [CMD.subscribedList]: 50,
    });
  });

  it('two hops with profiles and viewer relations', async () => {
    const query = `query($n: Int) { user(id: "alice") { followers(first: $n) { edges { node {
      viewerIsFollowing profile { nickname }
      following(first: 5) { totalCount edges { node { id profile { nickname } } } } } } } } }`;
    const { estimate } = await estimateAndRun(query, { variables: { n: 10 }, viewer: user('bob') });
    expect(estimate).toEqual({
      // Her followers' profiles (alice's page proves she exists), then one per follower's page of 5
      // (10 groups).
      [CMD.portraitGet]: 11,
      [CMD.followGet]: 11,
      [CMD.followCheck]: 1,
      [CMD.followGetInfo]: 1,
    });
  });

  it('the default `first` follows CONNECTION_MAX_FIRST', async () => {
    const query = '{ user(id: "alice") { followers { nodes { following(first: 1) { nodes { id } } } } } }';
    const small = await estimateAndRun(query, { settings: { connectionMaxFirst: 10 } });
    expect(small.estimate[CMD.followGet]).toBe(11);
    expect(small.actual[CMD.followGet]).toBe(11);
    const normal = await estimateAndRun(query);
    expect(normal.estimate[CMD.followGet]).toBe(21);
    expect(normal.actual[CMD.followGet]).toBe(21);
  });

  it('an operation that is not in the document has no estimate', () => {
    expect(estimate('query A { viewer { id } }', { operationName: 'B' })).toBeUndefined();
    expect(
      estimate('query A { viewer { id } } query B { user(id: "x") { id } }', { operationName: 'B' }),
    ).toEqual({ [CMD.portraitGet]: 1 });
  });
});

function estimateOf(query: string): CallEstimate | undefined {
  return estimate(query);
}

describe('@defer and @stream', () => {
  it('count deferred and streamed selections as if they were inline (loaders still batch them)', () => {
    const plain = `{ user(id: "alice") { followers(first: 100) { nodes { id followers { totalCount } } } } }`;
    const deferred = `{ user(id: "alice") { followers(first: 100) {
      nodes { id ... @defer { followers { totalCount } } } } } }`;
    const streamed = `{ user(id: "alice") { followers(first: 100) {
      nodes @stream(initialCount: 10) { id ...C } } } } fragment C on User { followers { totalCount } }`;
    // The followers page proves alice exists: no probe of its own.
    const expected = { [CMD.followGet]: 1, [CMD.followGetInfo]: 5 };
    expect(estimateOf(plain)).toEqual(expected);
    expect(estimateOf(deferred)).toEqual(expected);
    expect(estimateOf(streamed)).toEqual(expected);
  });
});

describe('loads priced from facts, arguments and the connection (knownFollowers, filtered lists)', () => {
  /** bob follows 250: the first 120 follow alice; alice is asked about. */
  function knownSetup() {
    const many = fake.graph.addNumberedUsers('k', 250);
    fake.graph.follow('bob', ...many);
    for (const id of many.slice(0, 120)) fake.graph.follow(id, 'alice');
  }
  const KNOWN = '{ user(id: "alice") { knownFollowers(first: 5) { totalCount nodes { id } } } }';

  it('knownFollowers: from the viewer’s following count, exact; unknown: Tencent’s cap; no viewer: nothing', async () => {
    knownSetup();
    const bob = user('bob');
    const res = await run(fake, KNOWN, { viewer: bob });
    expect(res.errors).toBeUndefined();
    // The first 10 of beforeEach and 120 of these follow alice.
    expect(res.data).toMatchObject({ user: { knownFollowers: { totalCount: 130 } } });
    // bob follows 260 (the 10 of beforeEach and these 250): 1 follow_get, 3 follow_check.
    const exact = { [CMD.portraitGet]: 1, [CMD.followGet]: 1, [CMD.followCheck]: 3 };
    expect(res.calls).toEqual(exact);
    expect(estimate(KNOWN, { facts: { viewerFollowing: 260 } })).toEqual(exact);
    expect(estimate(KNOWN)).toEqual({ [CMD.portraitGet]: 1, [CMD.followGet]: 5, [CMD.followCheck]: 50 });
    expect(estimate(KNOWN, { facts: { viewerFollowing: null } })).toEqual({ [CMD.portraitGet]: 1 });
    expect(estimate(KNOWN, { facts: { viewerFollowing: 0 } })).toEqual({
      [CMD.portraitGet]: 1,
      [CMD.followGet]: 1,
    });
  });

  it('knownFollowers: the viewer list once per operation, checks per user, an alias on the same user once', async () => {
    knownSetup();
    const query = `query($ids: [ID!]!) { users(ids: $ids) { a: knownFollowers { totalCount } b: knownFollowers(first: 2) { nodes { id } } } }`;
    const variables = { ids: ['alice', 'u_001', 'zed'] };
    const res = await run(fake, query, { viewer: user('bob'), variables });
    expect(res.errors).toBeUndefined();
    expect(res.calls[CMD.followGet]).toBe(1);
    expect(res.calls[CMD.followCheck]).toBe(9);
    expect(estimate(query, { variables, facts: { viewerFollowing: 260 } })).toMatchObject({
      [CMD.followGet]: 1,
      [CMD.followCheck]: 9,
    });
    // The viewer's list is one read, however many fields ask for it: the larger charge stands.
    const both = '{ user(id: "alice") { viewerIsFollowing knownFollowers { totalCount } } }';
    expect(
      estimate(both, { facts: { viewerFollowing: 260 }, settings: { followingLists: true } }),
    ).toMatchObject({ [CMD.followGet]: 5 });
    expect(estimate(both, { facts: { viewerFollowing: 260 } })).toMatchObject({ [CMD.followGet]: 1 });
  });

  it('only operations with such a field read facts', async () => {
    const { estimateOperation } = await import('../../src/schema/cost/estimate.js');
    const { parse } = await import('graphql');
    const { schema } = await import('../support/schemaHarness.js');
    const read = (q: string) => [...(estimateOperation(schema, parse(q), undefined)?.factsRead ?? [])];
    expect(read(KNOWN)).toEqual(['viewerFollowing']);
    expect(read('{ user(id: "alice") { followers { totalCount } } }')).toEqual([]);
  });

  it('a filtered list: the whole list (and mutuals for followsBack) per user, nothing for its count or page', async () => {
    // alice follows 25: the 5 of beforeEach follow her back, and 5 of these 20.
    fake.graph.follow('alice', ...users.slice(120, 140));
    for (const id of users.slice(120, 125)) fake.graph.follow(id, 'alice');
    const query = `{ user(id: "alice") { following(first: 3, filter: { followsBack: true }) { totalCount nodes { id } } } }`;
    const res = await run(fake, query);
    expect(res.errors).toBeUndefined();
    expect(res.data).toMatchObject({ user: { following: { totalCount: 10 } } });
    // The whole list proves alice exists; the filtered count is its length: no follow_get_info.
    expect(res.calls).toEqual({ [CMD.followGet]: 2 });
    expect(estimate(query)).toEqual({ [CMD.followGet]: 10 });
    const nick = `{ user(id: "alice") { mutuals(filter: { nicknameContains: "a" }) { totalCount } } }`;
    expect(estimate(nick)).toEqual({ [CMD.followGetInfo]: 1, [CMD.followGet]: 5 });
    // Unfiltered (or an empty filter), the same fields cost what they did.
    const plain = `{ user(id: "alice") { following(first: 3, filter: {}) { totalCount nodes { id } } } }`;
    expect(estimate(plain)).toEqual({ [CMD.followGetInfo]: 1, [CMD.followGet]: 1 });
  });
});

describe('per-operation loads in mutations', () => {
  it('the viewer list may be read again after each mutation field (it clears the loaders): charged per root field', async () => {
    const query = `mutation {
      a: followUsers(input: { userIds: ["u_001"] }) { results { user { viewerIsFollowing } } }
      b: followUsers(input: { userIds: ["u_002"] }) { results { user { viewerIsFollowing } } } }`;
    const viewer = user('zed');
    const res = await run(fake, query, { viewer, settings: { followingLists: true } });
    expect(res.errors).toBeUndefined();
    // zed's list is read after each write: twice.
    expect(res.calls[CMD.followGet]).toBe(2);
    expect(estimate(query, { settings: { followingLists: true } })?.[CMD.followGet]).toBe(10);
    // In a query, once however many fields read it.
    const read = `{ a: user(id: "u_001") { viewerIsFollowing } b: user(id: "u_002") { viewerIsFollowing } }`;
    expect(estimate(read, { settings: { followingLists: true } })?.[CMD.followGet]).toBe(5);
  });
});
