/** Forward paging over follow_get / get_subscriber_info / get_subscribed_official_account_list. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/emulator/index.js';
import {
  FollowerPageDocument,
  FollowingPageDocument,
  OfficialAccountDocument,
  SubscribedAccountsDocument,
} from '../generated/graphql.js';
import { countCalls, type Harness, startHarness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ seed: 'demo' });
});
afterAll(() => h.close());

async function followerPage(first: number, after?: string | null) {
  const res = await h.gql(FollowerPageDocument, { id: 'alice', first, after });
  expect(res.errors).toBeUndefined();
  return res.data!.user!.followers;
}

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
      seen.push(...oa.subscribers.edges.map((e) => e.node.id));
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
    expect(oa.subscribers.edges[0]!.subscribedAt).toMatch(/Z$/);
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
    if (list.totalCount < 2) return;
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
