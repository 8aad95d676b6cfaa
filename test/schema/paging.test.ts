/** Forward paging over follow_get / get_subscriber_info / get_subscribed_official_account_list. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/emulator/index.js';
import { decodeCursor, encodeCursor } from '../../src/schema/connections/cursor.js';
import { type PageRequest, sliceTokenPage } from '../../src/schema/connections/paging.js';
import { FollowListType } from '../../src/tencent/wire.js';
import {
  FollowerPageDocument,
  FollowingPageDocument,
  OfficialAccountDocument,
  SubscribedAccountsDocument,
} from '../generated/graphql.js';
import { countCalls, type Harness, present, startHarness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ seed: 'demo' });
});
afterAll(() => h.close());

async function followerPage(first: number, after?: string | null, id = 'alice') {
  const res = await h.gql(FollowerPageDocument, { id, first, after });
  expect(res.errors).toBeUndefined();
  const followers = res.data!.user!.followers;
  return { ...followers, edges: present(followers.edges) };
}

const aliceFollowers = () => ({ list: 'followers', owner: 'alice', key: h.cursorKey }) as const;

describe('follow lists', () => {
  it("pages alice's followers with first: 100 in 3 pages, one follow_get each, each follower once", async () => {
    expect(DEMO.alice.followers).toBeGreaterThan(200);
    expect(DEMO.alice.followers).toBeLessThanOrEqual(300);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const { result, calls } = await countCalls(h, () => followerPage(100, after));
      pages++;
      expect(calls['follow/follow_get']).toBe(1);
      seen.push(...result.edges.map((e) => e.node.id));
      expect(result.pageInfo.hasPreviousPage).toBe(false);
      if (!result.pageInfo.hasNextPage) break;
      after = result.pageInfo.endCursor ?? null;
      expect(pages).toBeLessThan(10);
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(DEMO.alice.followers);
    expect(new Set(seen).size).toBe(DEMO.alice.followers);
  });

  it("endCursor is upstream's NextCursor: page N+1 is follow_get from page N's NextCursor, WantNum = first", async () => {
    // The real client, asked the same way, gives the reference pages (no mocks).
    let upstreamCursor = '';
    let after: string | null = null;
    for (let n = 1; ; n++) {
      const page = await followerPage(100, after);
      const upstream = await h.client.followGet('alice', FollowListType.Fans, upstreamCursor, 100);
      expect(page.edges.map((e) => e.node.id)).toEqual(upstream.items.map((i) => i.To_Account));
      expect(page.pageInfo.hasNextPage).toBe(upstream.nextCursor !== '');
      if (!page.pageInfo.hasNextPage) break;
      expect(decodeCursor(aliceFollowers(), page.pageInfo.endCursor!)).toEqual({
        token: upstream.nextCursor,
        skip: 0,
      });
      upstreamCursor = upstream.nextCursor;
      after = page.pageInfo.endCursor ?? null;
      expect(n).toBeLessThan(10);
    }
    expect(upstreamCursor).not.toBe('');
  });

  it("a cursor works only on its own list: alice's followers cursor on bob's followers or alice's following", async () => {
    const { endCursor } = (await followerPage(5)).pageInfo;
    const { result, calls } = await countCalls(h, () =>
      h.gql(FollowerPageDocument, { id: 'bob', first: 5, after: endCursor }),
    );
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toMatch(/not a valid cursor for this list/);
    expect(calls['follow/follow_get']).toBeUndefined();
    const following = await h.gql(FollowingPageDocument, { id: 'alice', first: 5, after: endCursor });
    expect(following.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });

  it('an `after` past the end of a page that shrank: no edges, endCursor at the next upstream page', () => {
    const toEdge = { node: (id: string) => ({ id }), at: () => 1 };
    const request: PageRequest = { first: 5, start: { token: 'T1', skip: 8 } };
    const shrunk = sliceTokenPage(aliceFollowers(), request, ['a', 'b', 'c'], 'T2', toEdge);
    expect(shrunk.edges).toEqual([]);
    expect(shrunk.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: encodeCursor(aliceFollowers(), { token: 'T2', skip: 0 }),
    });
    // At the end of the whole list there is nothing to point at.
    const end = sliceTokenPage(aliceFollowers(), request, ['a'], '', toEdge);
    expect(end.pageInfo).toMatchObject({ hasNextPage: false, endCursor: null });
  });

  it('an edge cursor in the middle of a page works as `after`', async () => {
    const all = await followerPage(30);
    const mid = all.edges[9]!.cursor;
    const { result, calls } = await countCalls(h, () => followerPage(5, mid));
    expect(result.edges.map((e) => e.node.id)).toEqual(all.edges.slice(10, 15).map((e) => e.node.id));
    expect(calls['follow/follow_get']).toBe(1);
    expect(result.pageInfo.hasNextPage).toBe(true);
  });

  it('small pages chained by endCursor visit the same users as one big page', async () => {
    const big = await followerPage(60);
    const chained: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 4; i++) {
      const page = await followerPage(15, after);
      chained.push(...page.edges.map((e) => e.node.id));
      after = page.pageInfo.endCursor ?? null;
    }
    expect(chained).toEqual(big.edges.map((e) => e.node.id));
  });

  it('startCursor and endCursor are the first and last edge cursors; followedAt is ISO-8601', async () => {
    const page = await followerPage(3);
    expect(page.pageInfo.startCursor).toBe(page.edges[0]!.cursor);
    expect(page.pageInfo.endCursor).toBe(page.edges[2]!.cursor);
    for (const e of page.edges) {
      expect(e.followedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(Date.parse(e.followedAt) / 1000).toBeGreaterThanOrEqual(DEMO.epoch);
    }
  });

  it('first: 0 returns no edges and null cursors', async () => {
    const page = await followerPage(0);
    expect(page.edges).toEqual([]);
    expect(page.pageInfo.startCursor).toBeNull();
    expect(page.pageInfo.endCursor).toBeNull();
    expect(page.pageInfo.hasNextPage).toBe(true);
  });

  it('the last page says hasNextPage: false', async () => {
    const res = await h.gql(FollowingPageDocument, { id: 'alice', first: 100 });
    const following = res.data!.user!.following;
    expect(following.totalCount).toBe(DEMO.alice.following);
    expect(following.nodes).toHaveLength(Math.min(100, DEMO.alice.following));
    expect(following.pageInfo.hasNextPage).toBe(DEMO.alice.following > 100);
  });
});

describe('official accounts', () => {
  it('pages the subscribers of @TOA#_news with one get_subscriber_info per page', async () => {
    const news = DEMO.officialAccounts.news;
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const { result, calls } = await countCalls(h, () =>
        h.gql(OfficialAccountDocument, { id: news.id, first: 64, after }),
      );
      expect(result.errors).toBeUndefined();
      const oa = result.data!.officialAccount!;
      pages++;
      expect(calls['official_account_open_http_svc/get_subscriber_info']).toBe(1);
      expect(calls['official_account_open_http_svc/get_official_account_info']).toBe(1);
      expect(oa.subscribers.totalCount).toBe(news.subscribers);
      seen.push(...present(oa.subscribers.edges).map((e) => e.node.id));
      if (!oa.subscribers.pageInfo.hasNextPage) break;
      after = oa.subscribers.pageInfo.endCursor ?? null;
      expect(pages).toBeLessThan(20);
    }
    expect(pages).toBe(Math.ceil(news.subscribers / 64));
    expect(new Set(seen).size).toBe(news.subscribers);
    expect(seen).toHaveLength(news.subscribers);
  });

  it('officialAccount returns the base info, the owner and null for unknown ids', async () => {
    const news = DEMO.officialAccounts.news;
    const res = await h.gql(OfficialAccountDocument, { id: news.id, first: 2 });
    expect(res.errors).toBeUndefined();
    const oa = res.data!.officialAccount!;
    expect(oa).toMatchObject({
      id: news.id,
      name: news.name,
      subscriberCount: news.subscribers,
      maxSubscriberCount: news.max,
      owner: { id: news.owner, profile: { nickname: DEMO.wellKnownNicks[news.owner] } },
    });
    expect(oa.createdAt).toMatch(/Z$/);
    expect(oa.subscribers.edges[0]?.subscribedAt).toMatch(/Z$/);
    const missing = await h.gql(OfficialAccountDocument, { id: '@TOA#_nope' });
    expect(missing.errors).toBeUndefined();
    expect(missing.data?.officialAccount).toBeNull();
  });

  it('pages subscribedOfficialAccounts by offset', async () => {
    const owner = DEMO.officialAccounts.news.owner;
    const all = await h.gql(SubscribedAccountsDocument, { id: owner, first: 10 });
    expect(all.errors).toBeUndefined();
    const list = all.data!.user!.subscribedOfficialAccounts;
    expect(list.edges.length).toBe(list.totalCount);
    expect(list.pageInfo.hasNextPage).toBe(false);
    if ((list.totalCount ?? 0) < 2) return;
    const { result, calls } = await countCalls(h, () =>
      h.gql(SubscribedAccountsDocument, { id: owner, first: 1 }),
    );
    const first = result.data!.user!.subscribedOfficialAccounts;
    expect(first.edges).toHaveLength(1);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(calls['official_account_open_http_svc/get_subscribed_official_account_list']).toBe(1);
    // The accounts' names came with the list: no get_official_account_info.
    expect(calls['official_account_open_http_svc/get_official_account_info']).toBeUndefined();
    const second = await h.gql(SubscribedAccountsDocument, {
      id: owner,
      first: 1,
      after: first.pageInfo.endCursor,
    });
    expect(second.data!.user!.subscribedOfficialAccounts.edges[0]!.node.id).toBe(list.edges[1]!.node.id);
  });
});

describe('CONNECTION_MAX_FIRST below the default `first` (20)', () => {
  let small: Harness;
  beforeAll(async () => {
    small = await startHarness({ seed: 'demo', server: { connectionMaxFirst: 10 } });
  });
  afterAll(() => small.close());

  it('connections without `first` use the maximum: totalCount and 10 nodes', async () => {
    const res = await small.gql<{
      user: { followers: { totalCount: number }; following: { nodes: { id: string }[] } };
    }>('{ user(id: "alice") { followers { totalCount } following { nodes { id } } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data?.user.followers.totalCount).toBe(DEMO.alice.followers);
    expect(res.data?.user.following.nodes).toHaveLength(10);
  });

  it('the upstream-cost estimate uses the same default', async () => {
    const query = '{ user(id: "alice") { followers { nodes { following(first: 1) { nodes { id } } } } } }';
    const res = await small.gql(query);
    expect(res.errors).toBeUndefined();
    // 1 page of alice's followers + one page per follower: 1 + 10 (not 1 + 20).
    expect(res.extensions?.upstreamCalls?.['follow/follow_get']).toBe(11);
    expect(res.extensions?.upstreamCallsEstimate).toMatchObject({ 'follow/follow_get': 11 });
  });
});
