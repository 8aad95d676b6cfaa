/**
 * Read paths at the schema level, over the fake upstream: how user(id) / users / viewer prove that an
 * account exists (and what it costs), relations to the viewer, federation references, and how each
 * kind of upstream failure reaches the client (code, tencentCode, no upstream text).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { TencentError } from '../../src/tencent/errors.js';
import { RelationDocument, UsersDocument, ViewerDocument } from '../generated/graphql.js';
import { apiError, FakeChatApi } from '../support/fakeChatApi.js';
import { CMD, codes, run, user } from '../support/schemaHarness.js';

let fake: FakeChatApi;
beforeEach(() => {
  fake = new FakeChatApi();
  fake.graph.addUsers('alice', 'bob', 'carol');
  fake.graph.setProfile('alice', { Tag_Profile_IM_Nick: 'Alice', Tag_Profile_IM_Level: 7 });
  fake.graph.follow('bob', 'alice').follow('alice', 'carol').follow('carol', 'alice');
});

describe('existence', () => {
  it('users(ids) keeps input order with null for unknown accounts, in one portrait_get', async () => {
    const ids = ['carol', 'ghost', 'alice', 'carol'];
    const res = await run(fake, UsersDocument, { variables: { ids } });
    expect(res.errors).toBeUndefined();
    expect(res.data?.users).toEqual([
      { id: 'carol', profile: { nickname: null } },
      null,
      { id: 'alice', profile: { nickname: 'Alice' } },
      { id: 'carol', profile: { nickname: null } },
    ]);
    expect(res.calls).toEqual({ [CMD.portraitGet]: 1 });
    expect(fake.bodies(CMD.portraitGet)[0]?.To_Account).toEqual(['carol', 'ghost', 'alice']);
  });

  it('with a count selected the probe is follow_get_info (per-item 30003 = unknown): no portrait_get', async () => {
    const res = await run(
      fake,
      'query($ids: [ID!]!) { users(ids: $ids) { id ...C } } fragment C on User { mutuals { totalCount } }',
      { variables: { ids: ['alice', 'ghost'] } },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ users: [{ id: 'alice', mutuals: { totalCount: 1 } }, null] });
    expect(res.calls).toEqual({ [CMD.followGetInfo]: 1 });
  });

  it('follow_get_info failing as a whole: existence falls back to portrait_get; the count error is not asked again', async () => {
    fake.fail(CMD.followGetInfo, 30005);
    const res = await run(fake, '{ users(ids: ["alice", "ghost"]) { id followers { totalCount } } }');
    // alice exists (portrait_get says so): only her count is null; ghost does not exist.
    expect(res.data).toEqual({ users: [{ id: 'alice', followers: { totalCount: null } }, null] });
    expect(res.errors?.map((e) => [e.path, e.extensions.code])).toEqual([
      [['users', 0, 'followers', 'totalCount'], 'FEATURE_NOT_ENABLED'],
    ]);
    expect(res.calls).toEqual({ [CMD.followGetInfo]: 1, [CMD.portraitGet]: 1 });
  });

  it('with a page selected the probe is the page read itself (follow_get 30003 = unknown)', async () => {
    const query = 'query($ids: [ID!]!) { users(ids: $ids) { id following(first: 5) { nodes { id } } } }';
    const res = await run(fake, query, { variables: { ids: ['alice', 'ghost'] } });
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ users: [{ id: 'alice', following: { nodes: [{ id: 'carol' }] } }, null] });
    expect(res.calls).toEqual({ [CMD.followGet]: 2 });
  });

  it('a page and a count: both read at once, the page proves existence', async () => {
    const res = await run(
      fake,
      '{ user(id: "ghost") { followers(first: 5) { totalCount nodes { id } } } viewer { mutuals(first: 1) { totalCount edges { cursor } } } }',
      { viewer: user('carol') },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      user: null,
      viewer: { mutuals: { totalCount: 1, edges: [{ cursor: expect.any(String) }] } },
    });
    expect(res.calls).toEqual({ [CMD.followGet]: 2, [CMD.followGetInfo]: 1 });
  });

  it('follow_get failing as a whole: existence falls back to portrait_get; the page error is not asked again', async () => {
    fake.fail(CMD.followGet, 30005);
    const res = await run(
      fake,
      '{ a: user(id: "alice") { followers(first: 5) { nodes { id } } } b: user(id: "ghost") { followers(first: 5) { nodes { id } } } }',
    );
    expect(res.data).toEqual({ a: null, b: null });
    expect(res.errors?.map((e) => [e.path, e.extensions.code])).toEqual([
      [['a', 'followers', 'nodes'], 'FEATURE_NOT_ENABLED'],
    ]);
    expect(res.calls).toEqual({ [CMD.followGet]: 2, [CMD.portraitGet]: 1 });
  });

  it('bad connection arguments: existence is proven another way, the connection reports them', async () => {
    const res = await run(fake, '{ user(id: "alice") { followers(first: 5, last: 2) { nodes { id } } } }');
    expect(res.data).toEqual({ user: null });
    expect(res.errors?.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
    expect(res.calls).toEqual({ [CMD.portraitGet]: 1 });
  });

  it.each([
    [
      'our limiter shed it',
      new TencentError('rate-limited', CMD.followGetInfo, 'x', undefined, undefined, 800),
    ],
    ['the deadline passed', new TencentError('deadline', CMD.followGetInfo, 'x')],
  ])(
    'follow_get_info refused because %s: no portrait_get fallback (it would add load), the refusal is the answer',
    async (_label, error) => {
      fake.on(CMD.followGetInfo, () => {
        throw error;
      });
      const res = await run(fake, '{ user(id: "alice") { id followers { totalCount } } }');
      expect(res.data).toEqual({ user: null });
      expect(res.errors?.map((e) => e.extensions.code)).toEqual([
        error.kind === 'rate-limited' ? 'RATE_LIMITED' : 'UPSTREAM_UNAVAILABLE',
      ]);
      expect(res.calls).toEqual({ [CMD.followGetInfo]: 1 });
    },
  );

  it('viewer: the signed-in user, null when anonymous (no call) or unknown', async () => {
    const signedIn = await run(fake, ViewerDocument, { viewer: user('alice') });
    expect(signedIn.data).toEqual({ viewer: { id: 'alice', profile: { nickname: 'Alice' } } });
    const anonymous = await run(fake, ViewerDocument);
    expect(anonymous.data).toEqual({ viewer: null });
    expect(anonymous.calls).toEqual({});
    const ghost = await run(fake, ViewerDocument, { viewer: user('ghost') });
    expect(ghost.data).toEqual({ viewer: null });
  });

  it('profiles: integer tags as Int, unset tags null', async () => {
    const res = await run(
      fake,
      '{ user(id: "alice") { profile { nickname level role customTags { key } } } }',
    );
    expect(res.data).toEqual({
      user: { profile: { nickname: 'Alice', level: 7, role: null, customTags: [] } },
    });
    expect(fake.bodies(CMD.portraitGet)[0]?.TagList).toContain('Tag_Profile_IM_Level');
  });

  it.each([
    ['user(id: "")', 'id'],
    [`user(id: "${'x'.repeat(33)}")`, 'id'],
    [`users(ids: [${Array.from({ length: 101 }, (_, i) => `"u${i}"`).join(',')}])`, 'ids'],
  ])('%s -> BAD_USER_INPUT, no upstream call', async (field, argument) => {
    const res = await run(fake, `{ ${field} { id } }`);
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors?.[0]?.extensions.argument).toBe(argument);
    expect(res.calls).toEqual({});
  });
});

describe('relations to the viewer', () => {
  it.each([
    ['alice', 'bob', { viewerIsFollowing: false, isFollowingViewer: true }],
    ['bob', 'alice', { viewerIsFollowing: true, isFollowingViewer: false }],
    ['alice', 'carol', { viewerIsFollowing: true, isFollowingViewer: true }],
    ['bob', 'carol', { viewerIsFollowing: false, isFollowingViewer: false }],
  ])('viewer %s looking at %s', async (viewer, id, expected) => {
    const res = await run(fake, RelationDocument, { viewer: user(viewer), variables: { id } });
    expect(res.data).toEqual({ user: { id, ...expected } });
    // Both fields share one follow_check.
    expect(res.calls[CMD.followCheck]).toBe(1);
    expect(fake.bodies(CMD.followCheck)).toEqual([{ From_Account: viewer, To_Account: [id] }]);
  });

  it('anonymous, or the viewer themself: false without a follow_check', async () => {
    for (const viewer of [null, user('alice')]) {
      const res = await run(fake, RelationDocument, { viewer, variables: { id: 'alice' } });
      expect(res.data).toEqual({ user: { id: 'alice', viewerIsFollowing: false, isFollowingViewer: false } });
      expect(res.calls[CMD.followCheck]).toBeUndefined();
    }
  });
});

describe('federation references', () => {
  it('resolving references costs nothing; a malformed reference fails only its own entity', async () => {
    const res = await run(
      fake,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id } } }',
      {
        variables: {
          r: [
            { __typename: 'User', id: 'alice' },
            { __typename: 'User', id: '' },
            { __typename: 'User' },
            { __typename: 'OfficialAccount', id: 'no_prefix' },
          ],
        },
      },
    );
    expect(res.data?._entities).toEqual([{ id: 'alice' }, null, null, null]);
    expect(res.errors?.map((e) => [e.path, e.extensions.code])).toEqual([
      [['_entities', 1], 'BAD_USER_INPUT'],
      [['_entities', 2], 'BAD_USER_INPUT'],
      [['_entities', 3], 'BAD_USER_INPUT'],
    ]);
    expect(res.calls).toEqual({});
  });
});

describe('upstream failures reach the client as coded errors, without upstream text', () => {
  const SECRET = 'internal detail from upstream';
  it.each([
    ['30005', apiError(CMD.portraitGet, 30005, SECRET), 'FEATURE_NOT_ENABLED', 30005],
    ['40003 (as a whole call)', apiError(CMD.portraitGet, 40003, SECRET), 'NOT_FOUND', 40003],
    ['60007', apiError(CMD.portraitGet, 60007, SECRET), 'RATE_LIMITED', 60007, 1000],
    ['30006', apiError(CMD.portraitGet, 30006, SECRET), 'UPSTREAM_UNAVAILABLE', 30006],
    ['40001', apiError(CMD.portraitGet, 40001, SECRET), 'UPSTREAM_ERROR', 40001],
    [
      'HTTP 429',
      new TencentError('http', CMD.portraitGet, SECRET, undefined, 429),
      'RATE_LIMITED',
      undefined,
      1000,
    ],
    [
      'HTTP 502',
      new TencentError('http', CMD.portraitGet, SECRET, undefined, 502),
      'UPSTREAM_UNAVAILABLE',
      undefined,
    ],
    ['a timeout', new TencentError('timeout', CMD.portraitGet, SECRET), 'UPSTREAM_UNAVAILABLE', undefined],
    [
      'a malformed answer',
      new TencentError('malformed', CMD.portraitGet, SECRET),
      'UPSTREAM_UNAVAILABLE',
      undefined,
    ],
    [
      'our rate limiter',
      new TencentError('rate-limited', CMD.portraitGet, SECRET, undefined, undefined, 750),
      'RATE_LIMITED',
      undefined,
      750,
    ],
    [
      'an open circuit',
      new TencentError('circuit-open', CMD.portraitGet, SECRET, undefined, undefined, 4000),
      'UPSTREAM_UNAVAILABLE',
      undefined,
      4000,
    ],
    [
      'a passed deadline',
      new TencentError('deadline', CMD.portraitGet, SECRET),
      'UPSTREAM_UNAVAILABLE',
      undefined,
    ],
  ])('%s -> %s', async (_label, error, code, tencentCode, retryAfterMs?: number) => {
    fake.on(CMD.portraitGet, () => {
      throw error;
    });
    const res = await run(fake, '{ user(id: "alice") { id } }');
    expect(res.data).toEqual({ user: null });
    expect(res.errors).toHaveLength(1);
    const [e] = res.errors!;
    expect(e?.path).toEqual(['user']);
    expect(e?.extensions).toEqual({
      code,
      upstreamCommand: CMD.portraitGet,
      ...(tencentCode !== undefined && { tencentCode }),
      ...(retryAfterMs !== undefined && { retryAfterMs }),
    });
    expect(e?.message).not.toContain(SECRET);
  });

  it('a per-item failure of one batch key fails only that entry', async () => {
    fake.itemCode(CMD.portraitGet, 'bob', 40008);
    const res = await run(fake, UsersDocument, { variables: { ids: ['alice', 'bob', 'carol'] } });
    expect(res.data?.users.map((u) => u?.id ?? null)).toEqual(['alice', null, 'carol']);
    expect(res.errors?.map((e) => [e.path, e.extensions.code, e.extensions.tencentCode])).toEqual([
      [['users', 1], 'UPSTREAM_ERROR', 40008],
    ]);
    expect(res.calls).toEqual({ [CMD.portraitGet]: 1 });
  });
});
