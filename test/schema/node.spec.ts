/**
 * Relay's Node: `node(id)` / `nodes(ids)` over the id scheme of src/schema/node/nodeId.ts (User ids are
 * Chat UserIDs, OfficialAccount ids start with `@TOA#_`), existence checks, batching and the estimate.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { decodeNodeId, encodeNodeId, nodeTypename } from '../../src/schema/node/nodeId.js';
import { FakeChatApi } from '../support/fakeChatApi.js';
import { CMD, codes, estimate, run } from '../support/schemaHarness.js';

let fake: FakeChatApi;
beforeEach(() => {
  fake = new FakeChatApi();
  fake.graph.addUsers('alice', 'bob');
  fake.graph.setProfile('alice', { Tag_Profile_IM_Nick: 'Alice' });
  fake.graph.follow('bob', 'alice');
  fake.graph.addOfficialAccount('@TOA#_news', { name: 'News', owner: 'alice' });
});

describe('the Node id scheme', () => {
  it('reads the type from the id: @TOA#_ is an official account, anything else a user', () => {
    expect(nodeTypename('alice')).toBe('User');
    expect(nodeTypename('@TOA#_news')).toBe('OfficialAccount');
    expect(nodeTypename('@TOA#news')).toBe('User');
    expect(decodeNodeId('@TOA#_news')).toEqual({ typename: 'OfficialAccount', id: '@TOA#_news' });
  });

  it('encodes an object as its own id, and refuses an id of the other type', () => {
    expect(encodeNodeId('User', 'alice')).toBe('alice');
    expect(encodeNodeId('OfficialAccount', '@TOA#_news')).toBe('@TOA#_news');
    expect(() => encodeNodeId('User', '@TOA#_news')).toThrow();
    expect(() => encodeNodeId('OfficialAccount', 'alice')).toThrow();
  });
});

describe('node(id)', () => {
  const query = `query($id: ID!) {
    node(id: $id) {
      __typename id
      ... on User { profile { nickname } }
      ... on OfficialAccount { name }
    }
  }`;

  it('refetches a user by its Chat UserID (one portrait_get) and an official account by its id', async () => {
    const user = await run(fake, query, { variables: { id: 'alice' } });
    expect(user.errors).toBeUndefined();
    expect(user.data).toEqual({ node: { __typename: 'User', id: 'alice', profile: { nickname: 'Alice' } } });
    expect(user.calls).toEqual({ [CMD.portraitGet]: 1 });

    const account = await run(fake, query, { variables: { id: '@TOA#_news' } });
    expect(account.errors).toBeUndefined();
    expect(account.data).toEqual({ node: { __typename: 'OfficialAccount', id: '@TOA#_news', name: 'News' } });
    expect(account.calls).toEqual({ [CMD.oaInfo]: 1 });
  });

  it('answers null for ids that do not exist, and BAD_USER_INPUT for malformed ones', async () => {
    expect((await run(fake, query, { variables: { id: 'ghost' } })).data).toEqual({ node: null });
    expect((await run(fake, query, { variables: { id: '@TOA#_ghost' } })).data).toEqual({ node: null });
    const bad = await run(fake, query, { variables: { id: '@TOA#_' } });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    const empty = await run(fake, query, { variables: { id: '' } });
    expect(codes(empty)).toEqual(['BAD_USER_INPUT']);
  });

  it('uses follow_get_info as the probe when a count is selected on the user, as user(id) does', async () => {
    const res = await run(fake, '{ node(id: "alice") { ... on User { followers { totalCount } } } }');
    expect(res.data).toEqual({ node: { followers: { totalCount: 1 } } });
    expect(res.calls).toEqual({ [CMD.followGetInfo]: 1 });
  });

  it('is estimated by the type its id names', () => {
    expect(estimate('{ node(id: "alice") { id } }')).toEqual({ [CMD.portraitGet]: 1 });
    expect(estimate('{ node(id: "@TOA#_news") { id } }')).toEqual({ [CMD.oaInfo]: 1 });
    expect(
      estimate('query($id: ID!) { node(id: $id) { ... on User { following { totalCount } } } }', {
        variables: { id: 'bob' },
      }),
    ).toEqual({ [CMD.followGetInfo]: 1 });
  });
});

describe('nodes(ids)', () => {
  it('mixes users and official accounts in input order, batched per type', async () => {
    const ids = ['@TOA#_news', 'bob', 'ghost', 'alice', '@TOA#_none'];
    const res = await run(fake, 'query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }', {
      variables: { ids },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      nodes: [
        { __typename: 'OfficialAccount', id: '@TOA#_news' },
        { __typename: 'User', id: 'bob' },
        null,
        { __typename: 'User', id: 'alice' },
        null,
      ],
    });
    expect(res.calls).toEqual({ [CMD.portraitGet]: 1, [CMD.oaInfo]: 1 });
    expect(estimate('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { variables: { ids } })).toEqual({
      [CMD.portraitGet]: 1,
      [CMD.oaInfo]: 1,
    });
  });

  it('refuses more than 100 ids before any upstream call', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => `u${i}`);
    const res = await run(fake, 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { variables: { ids } });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.calls).toEqual({});
  });
});
