/**
 * This subgraph inside a real supergraph: Hive Gateway over the composed supergraph of this server
 * (on the emulator, demo seed) and the accounts fixture subgraph, all over HTTP on loopback. Upstream
 * call counts come from the emulator's stats.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/emulator/index.js';
import { accountName } from './accountsSubgraph.js';
import { gatewayMode, type Stack, startStack } from './stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(gatewayMode());
});
afterAll(async () => {
  await stack?.close();
});

const alice = { 'x-user-id': 'alice' };

/** Upstream calls (per command) made while `run` runs. */
async function callsOf<T>(run: () => Promise<T>): Promise<{ result: T; calls: Record<string, number> }> {
  await stack.follow.resetStats();
  const result = await run();
  return { result, calls: await stack.follow.stats() };
}

interface Named {
  id: string;
  name: string;
}

describe('a query across both subgraphs', () => {
  it("me { name followers { ... node { name } } }: accounts' names on this subgraph's follow graph", async () => {
    const { result, calls } = await callsOf(() =>
      stack.gateway.gql<{
        me: Named & { followers: { totalCount: number; edges: { node: Named }[] } };
      }>('{ me { id name followers { totalCount edges { node { id name } } } } }', {}, alice),
    );
    expect(result.errors).toBeUndefined();
    const me = result.data!.me;
    expect(me.id).toBe('alice');
    expect(me.name).toBe(accountName('alice'));
    expect(me.followers.totalCount).toBe(DEMO.alice.followers);
    expect(me.followers.edges).toHaveLength(20);
    for (const { node } of me.followers.edges) expect(node.name).toBe(accountName(node.id));
    // One count, one page; resolving `alice` as an entity costs nothing.
    expect(calls).toEqual({ 'follow/follow_get_info': 1, 'follow/follow_get': 1 });

    // The same followers, in the same order, as this subgraph serves them directly.
    const direct = await stack.follow.gql<{ user: { followers: { edges: { node: { id: string } }[] } } }>(
      '{ user(id: "alice") { followers { edges { node { id } } } } }',
      {},
      stack.identityHeaders('alice'),
    );
    expect(me.followers.edges.map((e) => e.node.id)).toEqual(
      direct.data!.user.followers.edges.map((e) => e.node.id),
    );
  });
});

describe('entities (`_entities` from the gateway)', () => {
  const ids = DEMO.users.slice(0, 45);

  it('follower counts for 45 users from the accounts subgraph cost exactly 3 follow_get_info calls', async () => {
    const { result, calls } = await callsOf(() =>
      stack.gateway.gql<{ people: (Named & { followers: { totalCount: number } })[] }>(
        'query ($ids: [ID!]!) { people(ids: $ids) { id name followers { totalCount } } }',
        { ids },
        alice,
      ),
    );
    expect(result.errors).toBeUndefined();
    const people = result.data!.people;
    expect(people.map((p) => p.id)).toEqual(ids);
    for (const p of people) expect(p.name).toBe(accountName(p.id));
    const counts = Object.fromEntries(people.map((p) => [p.id, p.followers.totalCount]));
    expect(counts).toMatchObject({
      alice: DEMO.alice.followers,
      bob: DEMO.bob.followers,
      carol: DEMO.carol.followers,
    });
    // 45 users / 20 per follow_get_info call; no existence check (portrait_get) per entity.
    expect(calls).toEqual({ 'follow/follow_get_info': 3 });
  });

  it("fields only the accounts subgraph serves make no upstream call (this subgraph isn't asked)", async () => {
    const { result, calls } = await callsOf(() =>
      stack.gateway.gql<{ people: Named[] }>('query ($ids: [ID!]!) { people(ids: $ids) { id name } }', {
        ids,
      }),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.people).toHaveLength(45);
    expect(calls).toEqual({});
  });

  it('resolving references costs no upstream call: `_entities` asking only __typename and id', async () => {
    const representations = ids.map((id) => ({ __typename: 'User', id }));
    const { result, calls } = await callsOf(() =>
      stack.follow.gql<{ _entities: { __typename: string; id: string }[] }>(
        'query ($r: [_Any!]!) { _entities(representations: $r) { __typename ... on User { id } } }',
        { r: representations },
        stack.identityHeaders('alice'),
      ),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual(representations);
    expect(calls).toEqual({});
  });

  it('viewer-relative fields on entities see the viewer the gateway forwarded', async () => {
    const query = 'query ($ids: [ID!]!) { people(ids: $ids) { id viewerIsFollowing isFollowingViewer } }';
    const { result, calls } = await callsOf(() =>
      stack.gateway.gql<{ people: { id: string; viewerIsFollowing: boolean; isFollowingViewer: boolean }[] }>(
        query,
        { ids: ['bob', 'dave', 'alice'] },
        alice,
      ),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.people).toEqual([
      // bob and alice follow each other; dave follows alice; nobody "follows" themself.
      { id: 'bob', viewerIsFollowing: true, isFollowingViewer: true },
      { id: 'dave', viewerIsFollowing: expect.any(Boolean), isFollowingViewer: true },
      { id: 'alice', viewerIsFollowing: false, isFollowingViewer: false },
    ]);
    expect(calls).toEqual({ 'follow/follow_check': 1 });
  });
});

describe('errors surface through the gateway with their extensions.code', () => {
  it('FEATURE_NOT_ENABLED (upstream 30005 on follow_get_info)', async () => {
    await stack.follow.setFaults([{ command: 'follow/follow_get_info', errorCode: 30005 }]);
    try {
      const result = await stack.gateway.gql('{ me { name followers { totalCount } } }', {}, alice);
      expect(result.errors).toHaveLength(1);
      const [error] = result.errors!;
      expect(error!.path?.slice(0, 2)).toEqual(['me', 'followers']);
      expect(error!.extensions).toMatchObject({
        code: 'FEATURE_NOT_ENABLED',
        tencentCode: 30005,
        serviceName: 'follow',
      });
    } finally {
      await stack.follow.clearFaults();
    }
  });

  it('BAD_USER_INPUT for a bad `first`, on a root-field path and on an entity path', async () => {
    const result = await stack.gateway.gql(
      '{ me { followers(first: -1) { totalCount } } people(ids: ["bob"]) { id following(first: 5000) { totalCount } } }',
      {},
      alice,
    );
    expect(result.errors).toHaveLength(2);
    const onMe = result.errors!.find((e) => e.path?.[0] === 'me');
    expect(onMe?.path).toEqual(['me', 'followers']);
    expect(onMe?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'first',
      serviceName: 'follow',
    });
    // Hive Gateway reports errors of a batched `_entities` fetch on the list field (without the index).
    const onPeople = result.errors!.find((e) => e.path?.[0] === 'people');
    expect(onPeople?.path?.at(-1)).toBe('following');
    expect(onPeople?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'first',
      serviceName: 'follow',
    });
    // No stack traces or upstream internals leak through the gateway.
    expect(result.text).not.toMatch(/usersig|sdkappid|at \w+ \(/i);
  });

  it('QUERY_TOO_COMPLEX: the upstream-call budget counts `_entities` representations, before any call', async () => {
    // One follow_get per user's page: 210 users > the default budget of 200 calls per request.
    const ids = DEMO.users.slice(0, 210);
    const { result, calls } = await callsOf(() =>
      stack.gateway.gql(
        'query ($ids: [ID!]!) { people(ids: $ids) { id followers(first: 1) { edges { cursor } } } }',
        { ids },
        alice,
      ),
    );
    const error = result.errors?.find((e) => e.extensions?.code === 'QUERY_TOO_COMPLEX');
    expect(error?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', serviceName: 'follow' });
    expect(calls).toEqual({});
  });
});
