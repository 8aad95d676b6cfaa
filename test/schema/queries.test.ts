/** Root fields, profiles, relations, input validation and federation entry points. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/emulator/index.js';
import { encodeCursor } from '../../src/schema/connections/cursor.js';
import {
  FollowerPageDocument,
  RelationDocument,
  UserProfileDocument,
  UsersDocument,
  ViewerDocument,
} from '../generated/graphql.js';
import { countCalls, type Harness, startHarness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ seed: 'demo', server: { connectionMaxFirst: 100 } });
});
afterAll(() => h.close());

const codes = (res: { errors?: { extensions?: { code?: string } }[] }) =>
  (res.errors ?? []).map((e) => e.extensions?.code);

describe('users and viewer', () => {
  it('users keeps input order and returns null for unknown accounts, in one portrait_get', async () => {
    const ids = ['carol', 'nobody_here', 'alice', 'bob', 'ghost'];
    const { result, calls } = await countCalls(h, () => h.gql(UsersDocument, { ids }));
    expect(result.errors).toBeUndefined();
    expect(result.data?.users.map((u) => u?.id ?? null)).toEqual(['carol', null, 'alice', 'bob', null]);
    expect(result.data?.users[2]?.profile?.nickname).toBe(DEMO.wellKnownNicks.alice);
    expect(calls).toEqual({ 'profile/portrait_get': 1 });
  });

  it('with a follow count selected, existence comes with the counts (follow_get_info 30003): no portrait_get', async () => {
    const ids = ['carol', 'nobody_here', 'alice'];
    const query =
      'query($ids: [ID!]!) { users(ids: $ids) { id ...Counts } } fragment Counts on User { mutuals { totalCount } }';
    const { result, calls } = await countCalls(h, () => h.gql(query, { ids }));
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      users: [
        { id: 'carol', mutuals: { totalCount: DEMO.carol.mutuals } },
        null,
        { id: 'alice', mutuals: { totalCount: DEMO.alice.mutuals } },
      ],
    });
    expect(calls).toEqual({ 'follow/follow_get_info': 1 });

    const one = `query($id: ID!) { user(id: $id) { ... on User { followers(first: 2) { totalCount } } } }`;
    const missing = await countCalls(h, () => h.gql(one, { id: 'nobody_here' }));
    expect(missing.result.errors).toBeUndefined();
    expect(missing.result.data).toEqual({ user: null });
    expect(missing.calls).toEqual({ 'follow/follow_get_info': 1 });

    const viewer = '{ viewer { following { totalCount } } }';
    const ghost = await countCalls(h, () => h.gql(viewer, {}, { 'x-user-id': 'nobody_here' }));
    expect(ghost.result.data).toEqual({ viewer: null });
    expect(ghost.calls).toEqual({ 'follow/follow_get_info': 1 });
  });

  it('user(id) with only the profile selected costs one portrait_get', async () => {
    const { result, calls } = await countCalls(h, () =>
      h.gql('{ user(id: "alice") { id profile { nickname } } }'),
    );
    expect(result.data).toEqual({ user: { id: 'alice', profile: { nickname: DEMO.wellKnownNicks.alice } } });
    expect(calls).toEqual({ 'profile/portrait_get': 1 });
  });

  it('user(id) is null for an unknown account (portrait_get probe)', async () => {
    const { result, calls } = await countCalls(h, () => h.gql(UserProfileDocument, { id: 'nobody_here' }));
    expect(result.errors).toBeUndefined();
    expect(result.data?.user).toBeNull();
    expect(calls).toEqual({ 'profile/portrait_get': 1 });
  });

  it('reads the full profile, including configured custom tags', async () => {
    const res = await h.gql(UserProfileDocument, { id: 'alice' });
    expect(res.errors).toBeUndefined();
    const profile = res.data!.user!.profile!;
    expect(profile.nickname).toBe(DEMO.wellKnownNicks.alice);
    expect(['UNKNOWN', 'FEMALE', 'MALE', null]).toContain(profile.gender);
    expect(Array.isArray(profile.customTags)).toBe(true);
    for (const tag of profile.customTags) expect(tag.key).toMatch(/^Tag_Profile_Custom_/);
  });

  it('profile tags missing from follow_get items are fetched once, batched', async () => {
    const query = `query { user(id: "alice") { followers(first: 50) { nodes { profile { nickname level } } } } }`;
    const { result, calls } = await countCalls(h, () => h.gql(query));
    expect(result.errors).toBeUndefined();
    // The 50 followers' missing tags, in one call; alice's existence came with the page.
    expect(calls).toEqual({ 'follow/follow_get': 1, 'profile/portrait_get': 1 });
  });

  it('viewer is the x-user-id user; null without one', async () => {
    const signedIn = await h.gql(ViewerDocument, {}, { 'x-user-id': 'bob' });
    expect(signedIn.data?.viewer).toEqual({ id: 'bob', profile: { nickname: DEMO.wellKnownNicks.bob } });
    const anonymous = await h.gql(ViewerDocument);
    expect(anonymous.data?.viewer).toBeNull();
  });

  it('viewerIsFollowing / isFollowingViewer agree with the follow lists', async () => {
    const followers = await h.gql(FollowerPageDocument, { id: 'alice', first: 1 });
    const follower = followers.data!.user!.followers.edges[0]!.node.id;
    // `follower` follows alice: seen from the follower, alice is followed; seen from alice, they follow her.
    const fromFollower = await h.gql(RelationDocument, { id: 'alice' }, { 'x-user-id': follower });
    expect(fromFollower.data?.user?.viewerIsFollowing).toBe(true);
    const fromAlice = await h.gql(RelationDocument, { id: follower }, { 'x-user-id': 'alice' });
    expect(fromAlice.data?.user?.isFollowingViewer).toBe(true);
  });
});

describe('input validation', () => {
  it('more than 100 ids -> BAD_USER_INPUT, no upstream call', async () => {
    const ids = DEMO.users.slice(0, 101);
    const { result, calls } = await countCalls(h, () => h.gql(UsersDocument, { ids }));
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(calls).toEqual({});
  });

  it.each([
    ['empty', ''],
    ['too long', 'x'.repeat(33)],
    ['control character', 'bad\u0001id'],
    ['non-ASCII', 'zoë'],
  ])('an invalid id (%s) -> BAD_USER_INPUT', async (_label, id) => {
    const res = await h.gql(UserProfileDocument, { id });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
  });

  it.each([
    ['last', 'followers(last: 5) { totalCount }'],
    ['before', 'followers(before: "abc") { totalCount }'],
    ['first > max', 'followers(first: 101) { totalCount }'],
    ['first < 0', 'followers(first: -1) { totalCount }'],
    ['garbage cursor', 'followers(after: "not a cursor") { totalCount }'],
    [
      'well-formed but signed with another key',
      `followers(after: "${encodeCursor({ list: 'followers', owner: 'alice', key: new Uint8Array(32) }, { token: '', skip: 1 })}") { totalCount }`,
    ],
    [
      'wrong version',
      `followers(after: "${Buffer.from('[9,"x","",1]').toString('base64url')}") { totalCount }`,
    ],
  ])('%s -> BAD_USER_INPUT', async (_label, selection) => {
    const res = await h.gql(`query { user(id: "alice") { ${selection} } }`);
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
  });

  it('last/before explain that upstream only pages forward', async () => {
    const res = await h.gql(`query { user(id: "alice") { following(last: 1) { totalCount } } }`);
    expect(res.errors?.[0]?.message).toMatch(/only pages forward/);
  });
});

describe('federation', () => {
  it('_entities resolves User and OfficialAccount references with no upstream call', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on User { id } ... on OfficialAccount { id } } }`;
    const r = [
      { __typename: 'User', id: 'alice' },
      { __typename: 'OfficialAccount', id: DEMO.officialAccounts.news.id },
    ];
    const { result, calls } = await countCalls(h, () => h.gql(query, { r }));
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ _entities: [{ id: 'alice' }, { id: DEMO.officialAccounts.news.id }] });
    expect(calls).toEqual({});
  });

  it('_entities refuses malformed ids per entity, before any upstream call', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on User { id followers { totalCount } } ... on OfficialAccount { id } } }`;
    const r = [
      { __typename: 'User', id: 'alice' },
      { __typename: 'User', id: { a: 1 } },
      { __typename: 'User', id: 'x\u0000y' },
      { __typename: 'User' },
      { __typename: 'OfficialAccount', id: 'not_an_official_account' },
      { __typename: 'OfficialAccount', id: DEMO.officialAccounts.news.id },
    ];
    const { result, calls } = await countCalls(h, () => h.gql(query, { r }));
    expect(result.data).toEqual({
      _entities: [
        { id: 'alice', followers: { totalCount: DEMO.alice.followers } },
        null,
        null,
        null,
        null,
        { id: DEMO.officialAccounts.news.id },
      ],
    });
    const errors = result.errors ?? [];
    expect(errors.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['_entities', 1], 'BAD_USER_INPUT'],
      [['_entities', 2], 'BAD_USER_INPUT'],
      [['_entities', 3], 'BAD_USER_INPUT'],
      [['_entities', 4], 'BAD_USER_INPUT'],
    ]);
    // One follow_get_info, for alice only (a bad id sent upstream would fail the call with 30001).
    expect(calls).toEqual({ 'follow/follow_get_info': 1 });
  });

  it('_service.sdl carries the federation directives', async () => {
    const res = await h.gql<{ _service: { sdl: string } }>('{ _service { sdl } }');
    expect(res.data?._service.sdl).toContain('@key(fields: "id")');
    expect(res.data?._service.sdl).toContain('https://specs.apollo.dev/federation/v2.6');
  });
});
