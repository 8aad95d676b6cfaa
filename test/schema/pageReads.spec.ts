/**
 * A page of users whose fields read only follow counts and relations to the viewer (a list with counts
 * and a follow button): the answers, the calls (one follow_get, then the counts and the relations
 * together, batched), and each failure reported on its own field. A page whose users read anything
 * else still starts every read below it at once.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeChatApi } from '../support/fakeChatApi.js';
import { CMD, run, user } from '../support/schemaHarness.js';

let fake: FakeChatApi;
let fans: string[];
beforeEach(() => {
  fake = new FakeChatApi();
  fake.graph.addUsers('star', 'viewer');
  fans = fake.graph.addNumberedUsers('fan', 45);
  for (const fan of fans) fake.graph.follow(fan, 'star');
  // The viewer follows every third fan; every fifth fan follows the viewer.
  fans.forEach((fan, i) => {
    if (i % 3 === 0) fake.graph.follow('viewer', fan);
    if (i % 5 === 0) fake.graph.follow(fan, 'viewer');
  });
});

const CARD = 'id viewerIsFollowing isFollowingViewer followers { totalCount } following { totalCount }';

function expectedCard(fan: string) {
  const i = fans.indexOf(fan);
  return {
    id: fan,
    viewerIsFollowing: i % 3 === 0,
    isFollowingViewer: i % 5 === 0,
    followers: { totalCount: i % 3 === 0 ? 1 : 0 },
    following: { totalCount: i % 5 === 0 ? 2 : 1 },
  };
}

describe('a page of users with counts and relations', () => {
  it('nodes: every answer, in one follow_get, then 3 follow_get_info and 1 follow_check', async () => {
    const res = await run(fake, `{ user(id: "star") { followers(first: 45) { nodes { ${CARD} } } } }`, {
      viewer: user('viewer'),
    });
    expect(res.errors).toBeUndefined();
    const nodes = (res.data as { user: { followers: { nodes: { id: string }[] } } }).user.followers.nodes;
    expect(nodes).toHaveLength(45);
    expect(nodes).toEqual(nodes.map((node) => expectedCard(node.id)));
    expect(res.calls).toEqual({ [CMD.followGet]: 1, [CMD.followGetInfo]: 3, [CMD.followCheck]: 1 });
  });

  it('edges (through a fragment): the same answers and calls', async () => {
    const res = await run(
      fake,
      `{ user(id: "star") { followers(first: 45) { edges { cursor followedAt node { ...Card } } } } }
       fragment Card on User { ${CARD} }`,
      { viewer: user('viewer') },
    );
    expect(res.errors).toBeUndefined();
    const edges = (res.data as { user: { followers: { edges: { node: { id: string } }[] } } }).user.followers
      .edges;
    expect(edges.map((edge) => edge.node)).toEqual(edges.map((edge) => expectedCard(edge.node.id)));
    expect(res.calls).toEqual({ [CMD.followGet]: 1, [CMD.followGetInfo]: 3, [CMD.followCheck]: 1 });
  });

  it('a failed follow_get_info fails the counts of its own 20 users only; relations still answer', async () => {
    fake.fail(CMD.followGetInfo, 30006, { calls: [2] });
    const res = await run(
      fake,
      '{ user(id: "star") { followers(first: 45) { edges { node { id viewerIsFollowing followers { totalCount } } } } } }',
      { viewer: user('viewer') },
    );
    type Node = { id: string; viewerIsFollowing: boolean; followers: { totalCount: number | null } };
    const nodes = (res.data as { user: { followers: { edges: { node: Node }[] } } }).user.followers.edges.map(
      (edge) => edge.node,
    );
    // A failed count is null with an error at its path; every other answer is whole.
    const failedAt = nodes.flatMap((node, i) => (node.followers.totalCount === null ? [i] : []));
    expect(failedAt).toHaveLength(20);
    expect(res.errors?.map((e) => [e.path?.slice(2), e.extensions.code])).toEqual(
      failedAt.map((i) => [['edges', i, 'node', 'followers', 'totalCount'], 'UPSTREAM_UNAVAILABLE']),
    );
    for (const [i, node] of nodes.entries()) {
      const { id, viewerIsFollowing, followers } = expectedCard(node.id);
      const totalCount = failedAt.includes(i) ? null : followers.totalCount;
      expect(node).toEqual({ id, viewerIsFollowing, followers: { totalCount } });
    }
    expect(res.calls).toEqual({ [CMD.followGet]: 1, [CMD.followGetInfo]: 3, [CMD.followCheck]: 1 });
  });

  it('a per-item follow_check failure fails that user’s relation only', async () => {
    fake.itemCode(CMD.followCheck, fans[3] as string, 40001);
    const res = await run(
      fake,
      '{ user(id: "star") { followers(first: 45) { edges { node { id isFollowingViewer mutuals { totalCount } } } } } }',
      { viewer: user('viewer') },
    );
    expect(res.errors?.map((e) => [e.path?.slice(2), e.extensions.code, e.extensions.tencentCode])).toEqual([
      [['edges', fans.length - 1 - 3, 'node', 'isFollowingViewer'], 'UPSTREAM_ERROR', 40001],
    ]);
  });

  it('a profile below the page: portrait_get and follow_get_info are both sent before either answers', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const sent: string[] = [];
    for (const command of [CMD.portraitGet, CMD.followGetInfo] as const) {
      fake.on(command, async (_body, { fallback }) => {
        sent.push(command);
        if (sent.includes(CMD.portraitGet) && sent.includes(CMD.followGetInfo)) release();
        await gate;
        return fallback();
      });
    }
    const res = await run(
      fake,
      '{ user(id: "star") { followers(first: 10) { nodes { id profile { nickname } followers { totalCount } } } } }',
      { viewer: user('viewer') },
    );
    expect(res.errors).toBeUndefined();
    expect(res.calls).toEqual({ [CMD.followGet]: 1, [CMD.portraitGet]: 1, [CMD.followGetInfo]: 1 });
  });
});
