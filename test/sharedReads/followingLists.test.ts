/**
 * With a shared cache, `viewerIsFollowing` is answered from the viewer's whole following list: one
 * follow_get for the viewer, kept for the viewer's next requests, instead of one follow_check per
 * request; kept current by the viewer's writes. Without a cache it stays one follow_check per 100.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/emulator/index.js';
import { countCalls, type Harness, startHarness } from '../support/harness.js';

const CARD = (id: string) => `{ user(id: "${id}") { viewerIsFollowing followers { totalCount } } }`;
const PAGE = '{ user(id: "alice") { followers(first: 50) { nodes { id viewerIsFollowing } } } }';

describe('with CACHE=memory', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ sharedReads: { cache: 'memory' } });
  });
  afterAll(() => h.close());

  it('the first card reads the viewer list once; later cards of other users make no relation call', async () => {
    const viewer = { 'x-user-id': 'alice' };
    const first = await countCalls(h, () => h.gql(CARD('bob'), undefined, viewer));
    expect(first.result.data).toEqual({
      user: { viewerIsFollowing: true, followers: { totalCount: DEMO.bob.followers } },
    });
    expect(first.calls['follow/follow_get']).toBe(1);
    expect(first.calls['follow/follow_check']).toBeUndefined();
    const later = await countCalls(h, () => h.gql(CARD('dave'), undefined, viewer));
    expect(later.result.data).toMatchObject({ user: { viewerIsFollowing: false } });
    expect(later.calls['follow/follow_get']).toBeUndefined();
    expect(later.calls['follow/follow_check']).toBeUndefined();
  });

  it('a page of 50 costs the page and the viewer list, no follow_check, and agrees with follow_check', async () => {
    const viewer = { 'x-user-id': 'carol' };
    const { result, calls } = await countCalls(h, () =>
      h.gql<{ user: { followers: { nodes: { id: string; viewerIsFollowing: boolean }[] } } }>(
        PAGE,
        undefined,
        viewer,
      ),
    );
    expect(calls['follow/follow_check']).toBeUndefined();
    const nodes = result.data?.user.followers.nodes ?? [];
    const truth = await h.client.followCheck(
      'carol',
      nodes.map((n) => n.id).filter((id) => id !== 'carol'),
    );
    for (const item of truth) {
      expect(nodes.find((n) => n.id === item.To_Account)?.viewerIsFollowing).toBe(
        (item.FollowType & 2) !== 0,
      );
    }
  });

  it("the viewer's own follow shows in viewerIsFollowing at once", async () => {
    const viewer = { 'x-user-id': 'erin' };
    expect((await h.gql(CARD('frank'), undefined, viewer)).data).toMatchObject({
      user: { viewerIsFollowing: false },
    });
    await h.gql(
      'mutation { followUsers(input: { userIds: ["frank"] }) { results { ok } } }',
      undefined,
      viewer,
    );
    expect((await h.gql(CARD('frank'), undefined, viewer)).data).toMatchObject({
      user: { viewerIsFollowing: true },
    });
    await h.gql(
      'mutation { unfollowUsers(input: { userIds: ["frank"] }) { results { ok } } }',
      undefined,
      viewer,
    );
    expect((await h.gql(CARD('frank'), undefined, viewer)).data).toMatchObject({
      user: { viewerIsFollowing: false },
    });
  });
});

describe('with CACHE=off', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ sharedReads: { cache: 'off' } });
  });
  afterAll(() => h.close());

  it('one follow_check per card, no list read', async () => {
    const { calls } = await countCalls(h, () => h.gql(CARD('bob'), undefined, { 'x-user-id': 'alice' }));
    expect(calls['follow/follow_check']).toBe(1);
    expect(calls['follow/follow_get']).toBeUndefined();
  });
});
