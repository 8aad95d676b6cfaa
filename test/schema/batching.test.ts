/** Upstream call counts per GraphQL request: each claim of design.md section 3 is asserted exactly. */
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/emulator/index.js';
import {
  FollowerNicknamesDocument,
  FollowerPageDocument,
  FollowersTotalDocument,
  FollowersWithCountsDocument,
  UserCountsDocument,
} from '../generated/graphql.js';
import { countCalls, type Harness, present, startHarness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ seed: 'demo' });
});
afterAll(() => h.close());

const someUsers = (n: number) => DEMO.users.slice(0, n);

describe('counts are batched by follow_get_info (20 users per call)', () => {
  it.each([1, 20, 21, 45, 100])('%i users with all three counts cost ceil(n/20) calls', async (n) => {
    const ids = someUsers(n);
    const { result, calls } = await countCalls(h, () => h.gql(UserCountsDocument, { ids }));
    expect(result.errors).toBeUndefined();
    expect(result.data?.users.map((u) => u?.id)).toEqual(ids);
    // The counts also prove the accounts exist: no portrait_get.
    expect(calls).toEqual({ 'follow/follow_get_info': Math.ceil(n / 20) });
  });

  it('the same user asked for twice in one request is counted once', async () => {
    const { result, calls } = await countCalls(h, () =>
      h.gql(UserCountsDocument, { ids: ['alice', 'bob', 'alice'] }),
    );
    expect(result.data?.users.map((u) => u?.followers.totalCount)).toEqual([
      DEMO.alice.followers,
      DEMO.bob.followers,
      DEMO.alice.followers,
    ]);
    expect(result.data?.users[0]?.following.totalCount).toBe(DEMO.alice.following);
    expect(result.data?.users[0]?.mutuals.totalCount).toBe(DEMO.alice.mutuals);
    expect(calls['follow/follow_get_info']).toBe(1);
  });

  it('the server reports the same counts in extensions.upstreamCalls', async () => {
    const { result, calls } = await countCalls(h, () => h.gql(UserCountsDocument, { ids: someUsers(45) }));
    expect(result.extensions?.upstreamCalls).toEqual(calls);
  });
});

describe('connections fetch only what is selected', () => {
  it('followers { totalCount } makes no follow_get', async () => {
    const { result, calls } = await countCalls(h, () => h.gql(FollowersTotalDocument, { id: 'alice' }));
    expect(result.data?.user?.followers.totalCount).toBe(DEMO.alice.followers);
    // One follow_get_info serves both the count and the check that alice exists.
    expect(calls).toEqual({ 'follow/follow_get_info': 1 });
  });

  it('followers(first: 10) { edges { node { id } } } makes one follow_get and no follow_get_info', async () => {
    const { result, calls } = await countCalls(h, () =>
      h.gql(FollowerPageDocument, { id: 'alice', first: 10 }),
    );
    expect(result.data?.user?.followers.edges).toHaveLength(10);
    expect(calls['follow/follow_get']).toBe(1);
    expect(calls['follow/follow_get_info']).toBeUndefined();
  });

  it('profiles that came inside follow_get items are not fetched again', async () => {
    const { result, calls } = await countCalls(h, () =>
      h.gql(FollowerNicknamesDocument, { id: 'alice', first: 50 }),
    );
    const nodes = result.data?.user?.followers.nodes ?? [];
    expect(nodes).toHaveLength(50);
    expect(nodes.every((n) => typeof n.profile?.nickname === 'string' && n.profile.nickname !== '')).toBe(
      true,
    );
    // The page read also proves that alice exists: no portrait_get at all.
    expect(calls).toEqual({ 'follow/follow_get': 1 });
  });

  it('followers(first: 50) { nodes { profile { nickname } } } below users() costs 1 follow_get and no portrait_get', async () => {
    const query = `query { users(ids: ["alice"]) { followers(first: 50) { nodes { profile { nickname } } } } }`;
    const { calls } = await countCalls(h, () => h.gql(query));
    expect(calls).toEqual({ 'follow/follow_get': 1 });
  });

  it('a page of an unknown user: user is null after one follow_get (30003), nothing else', async () => {
    const query = `query { user(id: "nobody_here") { followers(first: 10) { nodes { id } } } }`;
    const { result, calls } = await countCalls(h, () => h.gql(query));
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ user: null });
    expect(calls).toEqual({ 'follow/follow_get': 1 });
  });

  it("the representative nested query: a user's counts and 100 followers with three counts and viewerIsFollowing each = 1 follow_get + 6 follow_get_info + 1 follow_check", async () => {
    const { result, calls } = await countCalls(h, () =>
      h.gql(FollowersWithCountsDocument, { id: 'alice', first: 100 }, { 'x-user-id': 'bob' }),
    );
    expect(result.errors).toBeUndefined();
    const user = result.data!.user!;
    expect([user.followers.totalCount, user.following.totalCount, user.mutuals.totalCount]).toEqual([
      DEMO.alice.followers,
      DEMO.alice.following,
      DEMO.alice.mutuals,
    ]);
    const nodes = present(user.followers.edges).map((e) => e.node);
    expect(nodes).toHaveLength(100);
    expect(new Set(nodes.map((n) => n.id)).size).toBe(100);
    // The page proves alice exists (no portrait_get); her counts are read with it, her followers' counts
    // after it: 100 / 20 = 5 calls.
    expect(calls).toEqual({
      'follow/follow_get': 1,
      'follow/follow_get_info': 6,
      'follow/follow_check': 1,
    });
  });

  it('the same page asked for twice in one request is fetched once', async () => {
    const query = `query { a: user(id: "alice") { followers(first: 5) { nodes { id } } }
                           b: user(id: "alice") { followers(first: 5) { edges { cursor } } } }`;
    const { calls } = await countCalls(h, () => h.gql(query));
    expect(calls['follow/follow_get']).toBe(1);
  });

  it('viewerIsFollowing without a viewer, and for the viewer themself, costs nothing', async () => {
    const query = `query { user(id: "alice") { viewerIsFollowing isFollowingViewer } }`;
    const anonymous = await countCalls(h, () => h.gql(query));
    expect(anonymous.result.data).toEqual({ user: { viewerIsFollowing: false, isFollowingViewer: false } });
    expect(anonymous.calls['follow/follow_check']).toBeUndefined();
    const self = await countCalls(h, () => h.gql(query, {}, { 'x-user-id': 'alice' }));
    expect(self.result.data).toEqual({ user: { viewerIsFollowing: false, isFollowingViewer: false } });
    expect(self.calls['follow/follow_check']).toBeUndefined();
  });
});

describe('the batches of one level run concurrently', () => {
  interface Span {
    command: string;
    start: number;
    end: number;
  }
  const spans: Span[] = [];
  let slow: Harness;
  beforeAll(async () => {
    slow = await startHarness({
      seed: 'demo',
      observer: {
        onCall: ({ command, durationMs }) => {
          const end = performance.now();
          spans.push({ command, start: end - durationMs, end });
        },
      },
    });
  });
  afterAll(() => slow.close());

  it("the follower level's 5 follow_get_info calls and its follow_check are in flight together", async () => {
    // Every count and relation read takes 300 ms upstream; run one after another they could not overlap.
    await slow.setFaults([
      { command: 'follow/follow_get_info', delayMs: 300 },
      { command: 'follow/follow_check', delayMs: 300 },
    ]);
    const res = await slow.gql(
      FollowersWithCountsDocument,
      { id: 'alice', first: 100 },
      { 'x-user-id': 'bob' },
    );
    expect(res.errors).toBeUndefined();
    const byStart = [...spans].sort((a, b) => a.start - b.start);
    const infos = byStart.filter((s) => s.command === 'follow/follow_get_info');
    const checks = byStart.filter((s) => s.command === 'follow/follow_check');
    expect([infos.length, checks.length]).toEqual([6, 1]);
    // The first follow_get_info is alice's own counts (the root level); the other 5 are her followers'.
    const level = [...infos.slice(1), ...checks];
    const latestStart = Math.max(...level.map((s) => s.start));
    const earliestEnd = Math.min(...level.map((s) => s.end));
    expect(latestStart).toBeLessThan(earliestEnd);
  });

  /** The spans of one request, after `faults` slowed the given commands down by 300 ms each. */
  async function spansOf(query: string, commands: string[]): Promise<Span[]> {
    await slow.setFaults(commands.map((command) => ({ command, delayMs: 300 })));
    spans.length = 0;
    const res = await slow.gql(query);
    expect(res.errors).toBeUndefined();
    return [...spans];
  }

  const overlap = (level: Span[]) =>
    Math.max(...level.map((s) => s.start)) < Math.min(...level.map((s) => s.end));

  it("a user's page and her counts are read together: the page proves she exists", async () => {
    const level = await spansOf('{ user(id: "alice") { followers(first: 5) { totalCount nodes { id } } } }', [
      'follow/follow_get',
      'follow/follow_get_info',
    ]);
    expect(level.map((s) => s.command).sort()).toEqual(['follow/follow_get', 'follow/follow_get_info']);
    expect(overlap(level)).toBe(true);
  });

  it("an official account's info and its subscriber page are read together", async () => {
    const level = await spansOf(
      '{ officialAccount(id: "@TOA#_news") { name subscribers(first: 5) { nodes { id } } } }',
      [
        'official_account_open_http_svc/get_official_account_info',
        'official_account_open_http_svc/get_subscriber_info',
      ],
    );
    expect(level).toHaveLength(2);
    expect(overlap(level)).toBe(true);
  });
});
