/**
 * Forward paging at the schema level, over the fake upstream: how `first` / `after` become follow_get
 * (StartCursor, WantNum) and get_subscriber_info / get_subscribed_official_account_list reads, how one
 * upstream page becomes edges and PageInfo, and what each connection field costs.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { type CursorScope, decodeCursor, encodeCursor } from '../../src/schema/connections/cursor.js';
import { sliceWholeList } from '../../src/schema/connections/paging.js';
import { FollowListType } from '../../src/tencent/wire.js';
import {
  FollowerPageDocument,
  OfficialAccountDocument,
  SubscribedAccountsDocument,
} from '../generated/graphql.js';
import { FakeChatApi } from '../support/fakeChatApi.js';
import { CMD, codes, type RunOptions, run, SETTINGS } from '../support/schemaHarness.js';

const aliceFollowers: CursorScope = { list: 'followers', owner: 'alice', key: SETTINGS.cursorKey };
/** alice's followers, newest first as upstream lists them. */
const FOLLOWERS = ['f7', 'f6', 'f5', 'f4', 'f3', 'f2', 'f1'];

let fake: FakeChatApi;
beforeEach(() => {
  fake = new FakeChatApi();
  fake.graph.addUsers('alice', 'bob');
  for (const f of [...FOLLOWERS].reverse()) fake.graph.follow(f, 'alice');
});

function present<T>(items: readonly (T | null)[]): T[] {
  return items.filter((item): item is T => item !== null);
}

async function followerPage(first: number | null, after?: string | null, options: RunOptions<never> = {}) {
  const res = await run(fake, FollowerPageDocument, {
    ...options,
    variables: { id: 'alice', first, ...(after !== undefined && { after }) },
  });
  expect(res.errors).toBeUndefined();
  const followers = res.data!.user!.followers;
  return {
    ids: present(followers.edges).map((e) => e.node.id),
    edges: present(followers.edges),
    pageInfo: followers.pageInfo,
    /** The follow_get request bodies of this operation. */
    reads: res.log.filter((c) => c.command === CMD.followGet).map((c) => c.body),
  };
}

const read = (StartCursor: string, WantNum: number) => ({
  From_Account: 'alice',
  FollowType: FollowListType.Fans,
  StartCursor,
  WantNum,
});

describe('follow lists: first / after over upstream pages', () => {
  it('chains pages by endCursor: an exhausted page ends at its NextCursor; each page is one follow_get', async () => {
    const p1 = await followerPage(3);
    expect(p1.ids).toEqual(['f7', 'f6', 'f5']);
    expect(p1.reads).toEqual([read('', 3)]);
    expect(p1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    // The page was used up: endCursor points at the next upstream page, not into this one.
    expect(decodeCursor(aliceFollowers, p1.pageInfo.endCursor!)).toEqual({ token: 'F:3', skip: 0 });
    expect(p1.pageInfo.startCursor).toBe(p1.edges[0]?.cursor);
    expect(p1.pageInfo.endCursor).toBe(p1.edges[2]?.cursor);

    const p2 = await followerPage(3, p1.pageInfo.endCursor);
    expect(p2.reads).toEqual([read('F:3', 3)]);
    expect(p2.ids).toEqual(['f4', 'f3', 'f2']);
    expect(p2.pageInfo.hasNextPage).toBe(true);

    const p3 = await followerPage(3, p2.pageInfo.endCursor);
    expect(p3.reads).toEqual([read('F:6', 3)]);
    expect(p3.ids).toEqual(['f1']);
    expect(p3.pageInfo.hasNextPage).toBe(false);
    expect(decodeCursor(aliceFollowers, p3.pageInfo.endCursor!)).toEqual({ token: 'F:6', skip: 1 });
    expect([...p1.ids, ...p2.ids, ...p3.ids]).toEqual(FOLLOWERS);
  });

  it('an `after` in the middle of a page re-reads that page and skips: WantNum = skip + first', async () => {
    const all = await followerPage(5);
    const mid = all.edges[1]!.cursor;
    expect(decodeCursor(aliceFollowers, mid)).toEqual({ token: '', skip: 2 });
    const next = await followerPage(2, mid);
    expect(next.reads).toEqual([read('', 4)]);
    expect(next.ids).toEqual(['f5', 'f4']);
    expect(next.pageInfo.hasNextPage).toBe(true);

    // The same on a later upstream page: its token is re-read, not the start of the list.
    const second = await followerPage(3, (await followerPage(3)).pageInfo.endCursor);
    const inSecond = second.edges[0]!.cursor;
    expect(decodeCursor(aliceFollowers, inSecond)).toEqual({ token: 'F:3', skip: 1 });
    const rest = await followerPage(10, inSecond);
    expect(rest.reads).toEqual([read('F:3', 11)]);
    expect(rest.ids).toEqual(['f3', 'f2', 'f1']);
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });

  it('small pages chained by endCursor visit the same users as one big page', async () => {
    const big = await followerPage(7);
    const chained: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 4; i++) {
      const page = await followerPage(2, after);
      chained.push(...page.ids);
      after = page.pageInfo.endCursor;
    }
    expect(chained).toEqual(big.ids);
  });

  it('the end of the list: hasNextPage false; the last endCursor reads nothing more', async () => {
    fake.graph.unfollow('f1', 'alice'); // 6 followers: two full pages of 3
    const p1 = await followerPage(3);
    const p2 = await followerPage(3, p1.pageInfo.endCursor);
    expect(p2.ids).toEqual(['f4', 'f3', 'f2']);
    expect(p2.pageInfo.hasNextPage).toBe(false);
    const after = await followerPage(3, p2.pageInfo.endCursor);
    expect(after.ids).toEqual([]);
    expect(after.pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
  });

  it('followedAt is the FollowTime as ISO-8601', async () => {
    const page = await followerPage(1);
    const time = fake.graph.followTime('f7', 'alice');
    expect(page.edges[0]?.followedAt).toBe(new Date(time * 1000).toISOString());
  });
});

describe('follow lists: empty pages and pages that shrank', () => {
  it('an empty upstream page with a NextCursor: no edges, hasNextPage, endCursor at the next page', async () => {
    fake.followPages({ '': { ids: [], next: 'T2' }, T2: { ids: ['x', 'y'] } });
    const empty = await followerPage(5);
    expect(empty.ids).toEqual([]);
    expect(empty.pageInfo).toMatchObject({ hasNextPage: true, startCursor: null });
    expect(decodeCursor(aliceFollowers, empty.pageInfo.endCursor!)).toEqual({ token: 'T2', skip: 0 });
    const next = await followerPage(5, empty.pageInfo.endCursor);
    expect(next.reads).toEqual([read('T2', 5)]);
    expect(next.ids).toEqual(['x', 'y']);
    expect(next.pageInfo.hasNextPage).toBe(false);
  });

  it('an empty list: no edges, hasNextPage false, null cursors', async () => {
    fake.followPages({ '': { ids: [] } });
    const page = await followerPage(5);
    expect(page.ids).toEqual([]);
    expect(page.pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
  });

  it('an `after` past the end of a page that shrank: no edges, endCursor at the next upstream page', async () => {
    fake.followPages({ '': { ids: ['a', 'b', 'c'], next: 'T2' }, T2: { ids: ['d'] } });
    const stale = encodeCursor(aliceFollowers, { token: '', skip: 8 });
    const page = await followerPage(2, stale);
    expect(page.reads).toEqual([read('', 10)]);
    expect(page.ids).toEqual([]);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(decodeCursor(aliceFollowers, page.pageInfo.endCursor!)).toEqual({ token: 'T2', skip: 0 });
    expect((await followerPage(2, page.pageInfo.endCursor)).ids).toEqual(['d']);
  });

  it('first: 0 returns no edges and null cursors, asks upstream for 1, and says whether more exist', async () => {
    const page = await followerPage(0);
    expect(page.reads).toEqual([read('', 1)]);
    expect(page.ids).toEqual([]);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, startCursor: null, endCursor: null });
    // The one item read says more exist even on the last upstream page (no NextCursor)...
    fake.followPages({ '': { ids: ['x'] } });
    expect((await followerPage(0)).pageInfo.hasNextPage).toBe(true);
    // ...and an empty list says nothing does.
    fake.followPages({ '': { ids: [] } });
    expect((await followerPage(0)).pageInfo.hasNextPage).toBe(false);
  });
});

describe('follow lists: arguments', () => {
  it.each([
    ['followers', 'last: 2', 'last'],
    ['followers', 'before: "x"', 'before'],
    ['following', 'first: 2, last: 0', 'last'],
    ['mutuals', 'before: ""', 'before'],
  ])('%s(%s) is refused with BAD_USER_INPUT, no follow_get', async (field, args, argument) => {
    const res = await run(fake, `{ user(id: "alice") { ${field}(${args}) { nodes { id } } } }`);
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors?.[0]?.extensions?.argument).toBe(argument);
    expect(res.errors?.[0]?.message).toMatch(/only pages forward/);
    expect(res.calls[CMD.followGet]).toBeUndefined();
  });

  it('`first` above the maximum (or negative) is refused; at the maximum it is the WantNum', async () => {
    for (const first of [101, -1]) {
      const res = await run(fake, FollowerPageDocument, { variables: { id: 'alice', first } });
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.errors?.[0]?.extensions?.argument).toBe('first');
      expect(res.errors?.[0]?.message).toMatch(/from 0 to 100/);
      expect(res.calls[CMD.followGet]).toBeUndefined();
    }
    expect((await followerPage(100)).reads).toEqual([read('', 100)]);
  });

  it('without `first`: 20, or CONNECTION_MAX_FIRST if lower (which also caps `first`)', async () => {
    expect((await followerPage(null)).reads).toEqual([read('', 20)]);
    const settings = { connectionMaxFirst: 5 };
    expect((await followerPage(null, undefined, { settings })).reads).toEqual([read('', 5)]);
    const over = await run(fake, FollowerPageDocument, { settings, variables: { id: 'alice', first: 6 } });
    expect(codes(over)).toEqual(['BAD_USER_INPUT']);
    expect(over.errors?.[0]?.message).toMatch(/from 0 to 5/);
  });

  it('following and mutuals read follow_get with their own FollowType', async () => {
    fake.graph.follow('alice', 'f7', 'bob');
    const res = await run<{
      user: { following: { nodes: { id: string }[] }; mutuals: { nodes: { id: string }[] } };
    }>(
      fake,
      '{ user(id: "alice") { following(first: 5) { nodes { id } } mutuals(first: 5) { nodes { id } } } }',
    );
    expect(res.data?.user.following.nodes.map((n) => n.id)).toEqual(['bob', 'f7']);
    expect(res.data?.user.mutuals.nodes.map((n) => n.id)).toEqual(['f7']);
    expect(fake.bodies(CMD.followGet).map((b) => [b.FollowType, b.WantNum])).toEqual([
      [FollowListType.Follows, 5],
      [FollowListType.Mutual, 5],
    ]);
  });
});

describe('follow lists: only what is selected is read', () => {
  it('totalCount alone makes no follow_get (its follow_get_info also proves the user exists)', async () => {
    const res = await run(fake, '{ user(id: "alice") { followers { totalCount } } }');
    expect(res.data).toEqual({ user: { followers: { totalCount: 7 } } });
    expect(res.calls).toEqual({ [CMD.followGetInfo]: 1 });
  });

  it.each([
    ['edges', 'edges { node { id } }'],
    ['nodes', 'nodes { id }'],
    ['pageInfo', 'pageInfo { hasNextPage }'],
    ['all three', 'edges { cursor } nodes { id } pageInfo { endCursor }'],
  ])('%s without totalCount: one follow_get, no follow_get_info', async (_label, selection) => {
    const res = await run(fake, `{ user(id: "alice") { followers(first: 2) { ${selection} } } }`);
    expect(res.errors).toBeUndefined();
    // The page read is also user(id)'s existence check.
    expect(res.calls).toEqual({ [CMD.followGet]: 1 });
  });

  it('the same page asked for twice is read once; another `first` is another read', async () => {
    const same = await run(
      fake,
      `{ a: user(id: "alice") { followers(first: 2) { nodes { id } } }
         b: user(id: "alice") { followers(first: 2) { edges { cursor } } } }`,
    );
    expect(same.calls[CMD.followGet]).toBe(1);
    const other = await run(
      fake,
      `{ a: user(id: "alice") { followers(first: 2) { nodes { id } } }
         b: user(id: "alice") { followers(first: 3) { nodes { id } } } }`,
    );
    expect(other.calls[CMD.followGet]).toBe(2);
  });

  it('a failing follow_get fails the connection with the mapped code', async () => {
    fake.fail(CMD.followGet, 30005);
    const res = await run(fake, FollowerPageDocument, { variables: { id: 'alice', first: 2 } });
    expect(codes(res)).toEqual(['FEATURE_NOT_ENABLED']);
    expect(res.errors?.[0]?.path).toEqual(['user', 'followers', 'edges']);
    expect(res.data).toEqual({ user: null });
  });
});

describe('official accounts', () => {
  const OA = '@TOA#_news';
  const subscribersScope: CursorScope = { key: SETTINGS.cursorKey, list: 'subscribers', owner: OA };

  beforeEach(() => {
    fake.graph.addOfficialAccount(OA, { owner: 'alice', name: 'News' });
    fake.graph.subscribe(OA, 's1', 's2', 's3', 's4', 's5');
  });

  it('subscribers page over get_subscriber_info (Next / Limit); totalCount is SubscriberNum', async () => {
    const p1 = await run(fake, OfficialAccountDocument, { variables: { id: OA, first: 2 } });
    expect(p1.errors).toBeUndefined();
    const subs = p1.data!.officialAccount!.subscribers;
    expect(subs.totalCount).toBe(5);
    expect(present(subs.edges).map((e) => e.node.id)).toEqual(['s5', 's4']);
    expect(fake.bodies(CMD.subscriberInfo)).toEqual([{ Official_Account: OA, Next: '', Limit: 2 }]);
    expect(decodeCursor(subscribersScope, subs.pageInfo.endCursor!)).toEqual({ token: 'S:2', skip: 0 });
    expect(p1.calls).toEqual({ [CMD.oaInfo]: 1, [CMD.subscriberInfo]: 1, [CMD.portraitGet]: 1 });

    const p2 = await run(fake, OfficialAccountDocument, {
      variables: { id: OA, first: 5, after: subs.pageInfo.endCursor },
    });
    const rest = p2.data!.officialAccount!.subscribers;
    expect(present(rest.edges).map((e) => e.node.id)).toEqual(['s3', 's2', 's1']);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    expect(fake.bodies(CMD.subscriberInfo)[1]).toEqual({ Official_Account: OA, Next: 'S:2', Limit: 5 });
  });

  it('subscribedOfficialAccounts pages by offset; names come with the list (no account-info read)', async () => {
    for (const id of ['@TOA#_a', '@TOA#_b', '@TOA#_c']) {
      fake.graph.addOfficialAccount(id, { owner: 'bob', name: `Name ${id}` });
      fake.graph.subscribe(id, 'alice');
    }
    const scope: CursorScope = { key: SETTINGS.cursorKey, list: 'subscribed', owner: 'alice' };
    const p1 = await run(fake, SubscribedAccountsDocument, { variables: { id: 'alice', first: 2 } });
    expect(p1.errors).toBeUndefined();
    const list = p1.data!.user!.subscribedOfficialAccounts;
    expect(list.totalCount).toBe(3);
    expect(present(list.edges).map((e) => [e.node.id, e.node.name, e.node.owner?.id])).toEqual([
      ['@TOA#_a', 'Name @TOA#_a', 'bob'],
      ['@TOA#_b', 'Name @TOA#_b', 'bob'],
    ]);
    expect(list.pageInfo.hasNextPage).toBe(true);
    expect(decodeCursor(scope, list.pageInfo.endCursor!)).toEqual({ token: '', skip: 2 });
    expect(p1.calls[CMD.oaInfo]).toBeUndefined();
    expect(p1.calls[CMD.subscribedList]).toBe(1);

    const p2 = await run(fake, SubscribedAccountsDocument, {
      variables: { id: 'alice', first: 2, after: list.pageInfo.endCursor },
    });
    const rest = p2.data!.user!.subscribedOfficialAccounts;
    expect(present(rest.edges).map((e) => e.node.id)).toEqual(['@TOA#_c']);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    expect(fake.bodies(CMD.subscribedList).map((b) => [b.Offset, b.Limit])).toEqual([
      [0, 2],
      [2, 2],
    ]);
  });
});

describe('whole lists (sliceWholeList): cursors name the item they follow', () => {
  const scope: CursorScope = {
    list: 'following',
    owner: 'alice',
    variant: 'filtered',
    key: SETTINGS.cursorKey,
  };
  const items = (keys: string[], times?: number[]) =>
    keys.map((key, i) => ({ key, at: times?.[i] ?? 100 - i, node: { id: key } }));
  const LIST = items(['a', 'b', 'c', 'd', 'e']);

  it('pages forward; the last page has no next page; first: 0 is an empty page', () => {
    const p1 = sliceWholeList(scope, { first: 2, start: { token: '', skip: 0 } }, LIST);
    expect(p1.edges.map((e) => e.node.id)).toEqual(['a', 'b']);
    expect(p1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const after = decodeCursor(scope, p1.pageInfo.endCursor as string);
    expect(after).toEqual({ token: '99:b', skip: 0 });
    const p3 = sliceWholeList(scope, { first: 2, start: { token: '97:d', skip: 0 } }, LIST);
    expect(p3.edges.map((e) => e.node.id)).toEqual(['e']);
    expect(p3.pageInfo.hasNextPage).toBe(false);
    const none = sliceWholeList(scope, { first: 0, start: { token: '', skip: 0 } }, LIST);
    expect(none.edges).toEqual([]);
    expect(none.pageInfo.hasNextPage).toBe(true);
  });

  it('an item that left the list: the page goes on after the items at least as new as it was', () => {
    const without = items(['a', 'c', 'd', 'e'], [100, 98, 97, 96]);
    const page = sliceWholeList(scope, { first: 2, start: { token: '99:b', skip: 0 } }, without);
    expect(page.edges.map((e) => e.node.id)).toEqual(['c', 'd']);
    // Newer items that came in meanwhile do not shift the page either.
    const newer = items(['z', 'a', 'b', 'c'], [200, 100, 99, 98]);
    expect(
      sliceWholeList(scope, { first: 5, start: { token: '99:b', skip: 0 } }, newer).edges.map(
        (e) => e.node.id,
      ),
    ).toEqual(['c']);
  });

  it('a malformed position is BAD_USER_INPUT on `after`', () => {
    for (const token of ['b', ':b', 'x:b']) {
      expect(() => sliceWholeList(scope, { first: 2, start: { token, skip: 0 } }, LIST)).toThrowError(
        expect.objectContaining({ extensions: expect.objectContaining({ argument: 'after' }) }),
      );
    }
  });

  it('a variant (a filter, a viewer) makes cursors of the same list distinct', () => {
    const cursor = encodeCursor(scope, { token: '99:b', skip: 0 });
    expect(decodeCursor(scope, cursor)).toEqual({ token: '99:b', skip: 0 });
    expect(() =>
      decodeCursor({ list: 'following', owner: 'alice', key: SETTINGS.cursorKey }, cursor),
    ).toThrow();
    expect(() => decodeCursor({ ...scope, variant: 'other' }, cursor)).toThrow();
  });
});
