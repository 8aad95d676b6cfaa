/**
 * Filters on the lists Tencent's cap bounds (`following(filter:)`, `mutuals(filter:)`), over real HTTP
 * against the emulator's `crowd` seed: the whole list is read (follow_get pages of 1,000), filtered,
 * counted and paged with the same cursors. Upstream calls are read from the emulator's counters.
 *
 * `crowd_v250` follows 250 users (`CROWD.smallFollows()`, oldest first), every 7th of whom follows it
 * back; `crowd_v5000` follows 5,000, every 5th of whom follows it back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CROWD } from '../../src/emulator/index.js';
import type { FollowingFilter, MutualsFilter } from '../generated/graphql.js';
import { FilteredFollowingDocument, FilteredMutualsDocument } from '../generated/graphql.js';
import { countCalls, type Harness, present, startHarness } from '../support/harness.js';

const SMALL = CROWD.viewers.small;
const FOLLOWS = CROWD.smallFollows();
const nickOf = (id: string) =>
  id.startsWith('crowd_x') ? `Passer-by ${Number(id.slice(7))}` : `Crowd member ${Number(id.slice(6))}`;
/** crowd_v250's follows, newest first, with whether they follow back. */
const NEWEST_FIRST = FOLLOWS.map((id, index) => ({ id, back: CROWD.smallFollowsBack(index) })).reverse();

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ seed: 'crowd' });
});
afterAll(() => h.close());

async function following(
  filter: FollowingFilter | null,
  first?: number,
  after?: string | null,
  id: string = SMALL,
) {
  const res = await h.gql(FilteredFollowingDocument, { id, filter, first, after }, { 'x-user-id': SMALL });
  expect(res.errors).toBeUndefined();
  const list = res.data!.user!.following;
  return { ...list, edges: present(list.edges), extensions: res.extensions };
}

async function mutuals(filter: MutualsFilter | null, id: string, first?: number) {
  const res = await h.gql(FilteredMutualsDocument, { id, filter, first });
  expect(res.errors).toBeUndefined();
  return res.data!.user!.mutuals;
}

describe('following(filter: { followsBack })', () => {
  it('true: who follows back, in following order, over the whole list: 2 follow_get (follows + mutuals)', async () => {
    const { result, calls } = await countCalls(h, () => following({ followsBack: true }, 10));
    const expected = NEWEST_FIRST.filter((f) => f.back).map((f) => f.id);
    expect(result.totalCount).toBe(36);
    expect(result.edges.map((e) => e.node.id)).toEqual(expected.slice(0, 10));
    // Profiles came with the list: no portrait_get for the page's nicknames.
    expect(result.edges.map((e) => e.node.profile?.nickname)).toEqual(expected.slice(0, 10).map(nickOf));
    expect(calls['follow/follow_get']).toBe(2);
    expect(calls['profile/portrait_get']).toBeUndefined();
    const estimate = result.extensions?.upstreamCallsEstimate as Record<string, number>;
    for (const [command, n] of Object.entries(calls))
      expect(estimate[command] ?? 0).toBeGreaterThanOrEqual(n);
  });

  it('false: who does not follow back; a viewer following 5,000: 6 follow_get (priced 10)', async () => {
    const no = await following({ followsBack: false }, 3);
    expect(no.totalCount).toBe(250 - 36);
    expect(no.edges.map((e) => e.node.id)).toEqual(
      NEWEST_FIRST.filter((f) => !f.back)
        .slice(0, 3)
        .map((f) => f.id),
    );
    const { result, calls } = await countCalls(h, () =>
      following({ followsBack: true }, 2, null, CROWD.viewers.full),
    );
    expect(result.totalCount).toBe(1000);
    // 5 pages of follows, 1 of mutuals (1,000 fit in one); priced at 5 + 5.
    expect(calls['follow/follow_get']).toBe(6);
    const estimate = result.extensions?.upstreamCallsEstimate as Record<string, number> | undefined;
    expect(estimate?.['follow/follow_get']).toBe(10);
  });

  it('pages with the same cursors: 36 in pages of 10, each page priced alike, each user once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const { result, calls } = await countCalls(h, () => following({ followsBack: true }, 10, after));
      pages++;
      expect(calls['follow/follow_get']).toBe(2);
      seen.push(...result.edges.map((e) => e.node.id));
      if (!result.pageInfo.hasNextPage) break;
      after = result.pageInfo.endCursor ?? null;
      expect(pages).toBeLessThan(10);
    }
    expect(pages).toBe(4);
    expect(seen).toEqual(NEWEST_FIRST.filter((f) => f.back).map((f) => f.id));
  });

  it('a cursor belongs to its list and filter', async () => {
    const filtered = (await following({ followsBack: true }, 2)).pageInfo.endCursor;
    const plain = (await following(null, 2)).pageInfo.endCursor;
    const refused = async (filter: FollowingFilter | null, after: string | null | undefined) => {
      const res = await h.gql(FilteredFollowingDocument, { id: SMALL, filter, first: 2, after });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    };
    await refused(null, filtered);
    await refused({ followsBack: false }, filtered);
    await refused({ followsBack: true }, plain);
    const res = await h.gql(FilteredFollowingDocument, {
      id: CROWD.viewers.full,
      filter: { followsBack: true },
      first: 2,
      after: filtered,
    });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
  });
});

describe('nickname search', () => {
  it('following: case-insensitive, NFKC-normalised, over the whole list, with totalCount', async () => {
    const expected = NEWEST_FIRST.filter((f) => /passer-by 9/i.test(nickOf(f.id))).map((f) => f.id);
    expect(expected).toHaveLength(11);
    for (const needle of ['passer-by 9', 'PASSER-BY 9', '  Passer-by 9 ', 'ＰＡＳＳＥＲ－ＢＹ　９']) {
      const { result, calls } = await countCalls(h, () => following({ nicknameContains: needle }, 20));
      expect(result.totalCount, needle).toBe(11);
      expect(result.edges.map((e) => e.node.id)).toEqual(expected);
      expect(calls['follow/follow_get']).toBe(1);
    }
  });

  it('combines with followsBack', async () => {
    const expected = NEWEST_FIRST.filter((f) => !f.back && nickOf(f.id).includes('member 1')).map(
      (f) => f.id,
    );
    const result = await following({ followsBack: false, nicknameContains: 'member 1' }, 100);
    expect(result.totalCount).toBe(expected.length);
    expect(result.edges.map((e) => e.node.id)).toEqual(expected);
  });

  it('mutuals: over the whole mutuals list (1 follow_get of up to 1,000 for 1,000 mutuals)', async () => {
    const members = Array.from({ length: 5000 }, (_, i) => i)
      .filter((i) => CROWD.fullFollowsBack(i))
      .map((i) => i + 1)
      .filter((n) => `Crowd member ${n}`.includes('member 49'));
    const { result, calls } = await countCalls(h, () =>
      mutuals({ nicknameContains: 'Member 49' }, CROWD.viewers.full, 100),
    );
    expect(result.totalCount).toBe(members.length);
    expect(new Set(result.nodes.map((n) => n.id))).toEqual(new Set(members.map(CROWD.member)));
    expect(calls['follow/follow_get']).toBe(1);
    // Unfiltered, the same field pages as before: one follow_get of `first`, counts from follow_get_info.
    const plain = await countCalls(h, () => mutuals(null, CROWD.viewers.full, 5));
    expect(plain.result.totalCount).toBe(1000);
    expect(plain.result.nodes).toHaveLength(5);
    expect(plain.calls).toEqual({ 'follow/follow_get_info': 1, 'follow/follow_get': 1 });
  });

  it('refuses an empty or too long search with BAD_USER_INPUT naming the field, before reading the list', async () => {
    for (const needle of ['', '   ', 'x'.repeat(101)]) {
      const { result, calls } = await countCalls(h, () =>
        h.gql(FilteredFollowingDocument, { id: SMALL, filter: { nicknameContains: needle } }),
      );
      expect(result.errors?.[0]?.extensions, JSON.stringify(needle)).toMatchObject({
        code: 'BAD_USER_INPUT',
        argument: 'filter.nicknameContains',
      });
      expect(calls['follow/follow_get']).toBeUndefined();
    }
    // 100 characters are fine (nothing matches).
    expect((await following({ nicknameContains: 'x'.repeat(100) })).totalCount).toBe(0);
  });

  it('an empty filter is no filter: the plain page and counts', async () => {
    const { result, calls } = await countCalls(h, () => following({ followsBack: null }, 3));
    expect(result.totalCount).toBe(250);
    expect(result.edges.map((e) => e.node.id)).toEqual(NEWEST_FIRST.slice(0, 3).map((f) => f.id));
    expect(calls).toEqual({ 'follow/follow_get_info': 1, 'follow/follow_get': 1 });
  });
});

describe('a list that changes between pages (its own emulator: it writes)', () => {
  let w: Harness;
  beforeAll(async () => {
    w = await startHarness({ seed: 'crowd' });
  });
  afterAll(() => w.close());

  it('page 2 goes on after page 1’s last user: users leaving or joining before it shift nothing', async () => {
    const page = async (after?: string | null) => {
      const res = await w.gql(FilteredFollowingDocument, {
        id: SMALL,
        filter: { followsBack: true },
        first: 5,
        after,
      });
      expect(res.errors).toBeUndefined();
      const list = res.data!.user!.following;
      return { ...list, edges: present(list.edges) };
    };
    const expected = NEWEST_FIRST.filter((f) => f.back).map((f) => f.id);
    const first = await page();
    expect(first.edges.map((e) => e.node.id)).toEqual(expected.slice(0, 5));
    // One user of page 1 is unfollowed; a newcomer who follows back is followed (newest of all).
    await w.client.followDelete(SMALL, [expected[1] as string]);
    await w.client.followAdd(CROWD.member(9999), [SMALL]);
    await w.client.followAdd(SMALL, [CROWD.member(9999)]);
    const second = await page(first.pageInfo.endCursor);
    expect(second.edges.map((e) => e.node.id)).toEqual(expected.slice(5, 10));
    expect(second.totalCount).toBe(36);
    // The last user of page 1 leaves too: page 2 still starts after where it was.
    await w.client.followDelete(SMALL, [expected[4] as string]);
    expect((await page(first.pageInfo.endCursor)).edges.map((e) => e.node.id)).toEqual(expected.slice(5, 10));
  });
});
