/**
 * `User.knownFollowers` over real HTTP against the emulator's `crowd` seed: `crowd_star` has 10,000
 * followers; `crowd_v250` follows 250 users (150 of them follow the star), `crowd_v5000` follows 5,000
 * (all follow the star), `crowd_v0` nobody. Upstream calls are read from the emulator's counters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CROWD } from '../../src/emulator/index.js';
import { KnownFollowersDocument } from '../generated/graphql.js';
import { countCalls, type Harness, present, startHarness } from '../support/harness.js';

const as = (id: string) => ({ 'x-user-id': id });

/** crowd_v250's follows who follow the star, the viewer's newest follow first. */
const SMALL_KNOWN = CROWD.smallFollows()
  .filter((id) => id.startsWith('crowd_0'))
  .reverse();

describe('knownFollowers (CACHE=off: every request reads upstream)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'crowd' });
  });
  afterAll(() => h.close());

  async function known(viewer: string, first?: number, after?: string | null, id: string = CROWD.star) {
    const res = await h.gql(KnownFollowersDocument, { id, first, after }, as(viewer));
    expect(res.errors).toBeUndefined();
    const list = res.data!.user!.knownFollowers;
    return { ...list, edges: present(list.edges), extensions: res.extensions };
  }

  it('viewer following 250, user with 10,000 followers: 1 follow_get + 3 follow_check, estimated exactly', async () => {
    const { result, calls } = await countCalls(h, () => known(CROWD.viewers.small, 5));
    expect(result.totalCount).toBe(150);
    expect(result.edges.map((e) => e.node.id)).toEqual(SMALL_KNOWN.slice(0, 5));
    // The existence check of user(id) is one portrait_get; knownFollowers itself is 1 + 3.
    expect(calls).toEqual({ 'profile/portrait_get': 1, 'follow/follow_get': 1, 'follow/follow_check': 3 });
    expect(result.extensions?.upstreamCalls).toEqual(calls);
    expect(result.extensions?.upstreamCallsEstimate).toEqual(calls);
  });

  it('ordered by when the viewer followed them, newest first; pages with endCursor, each page priced alike', async () => {
    const seen: string[] = [];
    const times: number[] = [];
    let after: string | null = null;
    for (let page = 1; ; page++) {
      const { result, calls } = await countCalls(h, () => known(CROWD.viewers.small, 60, after));
      expect(calls['follow/follow_get']).toBe(1);
      expect(calls['follow/follow_check']).toBe(3);
      seen.push(...result.edges.map((e) => e.node.id));
      times.push(...result.edges.map((e) => Date.parse(e.viewerFollowedAt)));
      if (!result.pageInfo.hasNextPage) {
        expect(page).toBe(3);
        break;
      }
      after = result.pageInfo.endCursor ?? null;
    }
    expect(seen).toEqual(SMALL_KNOWN);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('a viewer following 5,000 (the cap): 5 follow_get + 50 follow_check, estimated exactly', async () => {
    const { result, calls } = await countCalls(h, () => known(CROWD.viewers.full, 3));
    expect(result.totalCount).toBe(5000);
    expect(result.edges.map((e) => e.node.id)).toEqual([
      CROWD.member(5000),
      CROWD.member(4999),
      CROWD.member(4998),
    ]);
    expect(calls['follow/follow_get']).toBe(5);
    expect(calls['follow/follow_check']).toBe(50);
    expect(result.extensions?.upstreamCallsEstimate).toMatchObject({
      'follow/follow_get': 5,
      'follow/follow_check': 50,
    });
  });

  it('a viewer following nobody: 1 follow_get, no follow_check; anonymous: empty, no follow call', async () => {
    const none = await countCalls(h, () => known(CROWD.viewers.none));
    expect(none.result.totalCount).toBe(0);
    expect(none.result.edges).toEqual([]);
    expect(none.calls).toEqual({ 'profile/portrait_get': 1, 'follow/follow_get': 1 });
    expect(none.result.extensions?.upstreamCallsEstimate).toEqual(none.calls);

    const anonymous = await countCalls(h, () => h.gql(KnownFollowersDocument, { id: CROWD.star }));
    expect(anonymous.result.data?.user?.knownFollowers).toMatchObject({ totalCount: 0, edges: [] });
    expect(anonymous.calls).toEqual({ 'profile/portrait_get': 1 });
  });

  it('several users: the viewer list is read once, follow_check per 100 of it for each user', async () => {
    const query = `query($ids: [ID!]!) { users(ids: $ids) { id knownFollowers(first: 2) { totalCount } } }`;
    const ids = [CROWD.star, CROWD.member(1), CROWD.passerBy(1)];
    const { result, calls } = await countCalls(h, () => h.gql(query, { ids }, as(CROWD.viewers.small)));
    expect(result.errors).toBeUndefined();
    // Nobody follows the crowd members or passers-by but the viewer (the user themself is skipped).
    expect(result.data).toEqual({
      users: [
        { id: CROWD.star, knownFollowers: { totalCount: 150 } },
        { id: CROWD.member(1), knownFollowers: { totalCount: 0 } },
        { id: CROWD.passerBy(1), knownFollowers: { totalCount: 0 } },
      ],
    });
    expect(calls['follow/follow_get']).toBe(1);
    expect(calls['follow/follow_check']).toBe(9);
    expect(result.extensions?.upstreamCallsEstimate).toMatchObject({
      'follow/follow_get': 1,
      'follow/follow_check': 9,
    });
  });

  it('agrees with follow_check asked directly, and a cursor works only for its viewer and user', async () => {
    // The star's followers among the viewer's follows, asked of upstream directly (3 calls of 100).
    const truth = await h.client.followCheck(CROWD.star, CROWD.smallFollows());
    const followers = truth.filter((t) => (t.FollowType & 1) !== 0).map((t) => t.To_Account);
    expect(new Set(followers)).toEqual(new Set(SMALL_KNOWN));
    const page = await known(CROWD.viewers.small, 100);
    const cursor = page.pageInfo.endCursor;
    const otherViewer = await h.gql(
      KnownFollowersDocument,
      { id: CROWD.star, first: 5, after: cursor },
      as(CROWD.viewers.full),
    );
    expect(otherViewer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    const otherUser = await h.gql(
      KnownFollowersDocument,
      { id: CROWD.member(1), first: 5, after: cursor },
      as(CROWD.viewers.small),
    );
    expect(otherUser.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    const backwards = await h.gql(
      `{ user(id: "${CROWD.star}") { knownFollowers(last: 2) { totalCount } } }`,
      undefined,
      as(CROWD.viewers.small),
    );
    expect(backwards.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'last' });
  });
});

describe('knownFollowers with a shared cache (CACHE=memory)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'crowd', sharedReads: { cache: 'memory' } });
  });
  afterAll(() => h.close());

  const query = `{ user(id: "${CROWD.star}") { knownFollowers(first: 1) { totalCount nodes { id } } } }`;

  it('asked again, it costs nothing upstream; the viewer’s own follow shows at once', async () => {
    const viewer = as(CROWD.viewers.small);
    const first = await countCalls(h, () => h.gql(query, undefined, viewer));
    expect(first.calls['follow/follow_get']).toBe(1);
    expect(first.calls['follow/follow_check']).toBe(3);
    const again = await countCalls(h, () => h.gql(query, undefined, viewer));
    expect(again.result.data).toEqual(first.result.data);
    expect(again.calls['follow/follow_get']).toBeUndefined();
    expect(again.calls['follow/follow_check']).toBeUndefined();

    // The viewer follows another follower of the star: the list and the new pair are read again only.
    const follow = await h.gql(
      `mutation { followUsers(input: { userIds: ["${CROWD.member(9000)}"] }) { results { ok } } }`,
      undefined,
      viewer,
    );
    expect(follow.errors).toBeUndefined();
    const after = await countCalls(h, () => h.gql(query, undefined, viewer));
    expect(after.result.data).toEqual({
      user: { knownFollowers: { totalCount: 151, nodes: [{ id: CROWD.member(9000) }] } },
    });
    expect(after.calls['follow/follow_get']).toBe(1);
    expect(after.calls['follow/follow_check']).toBe(1);
  });
});
