/** The read scenarios of issue 11: the three it names first, then the other workloads. */
import { DEMO } from '../../../src/emulator/index.js';
import type { Scenario } from './scenario.js';

const COUNTS = 'followers { totalCount } following { totalCount } mutuals { totalCount }';

function countsOf(name: string, title: string, ids: readonly string[]): Scenario {
  return {
    name,
    title,
    measures: `\`users(ids)\` of ${ids.length} users with their three follow counts: batching (20 per follow_get_info).`,
    operation: () => ({
      query: `query Counts($ids: [ID!]!) { users(ids: $ids) { id ${COUNTS} } }`,
      variables: { ids },
      route: 'counts',
    }),
    minimum: { calls: { 'follow/follow_get_info': Math.ceil(ids.length / 20) }, roundTrips: 1 },
  };
}

export const counts20 = countsOf('counts20', 'counts of 20 users', DEMO.users.slice(10, 30));

export const followersPage: Scenario = {
  name: 'followersPage',
  title: 'page of 100 followers with profiles',
  measures:
    'One connection page with cursors, times and profiles: the page read proves the user exists and ' +
    'carries the profiles.',
  operation: () => ({
    query: `query FollowersPage($id: ID!) { user(id: $id) { followers(first: 100) {
      edges { cursor followedAt node { id profile { nickname avatarUrl } } }
      pageInfo { hasNextPage endCursor } } } }`,
    variables: { id: 'alice' },
    route: 'followersWithProfiles',
  }),
  minimum: { calls: { 'follow/follow_get': 1 }, roundTrips: 1 },
};

export const nested: Scenario = {
  name: 'nested',
  title: '100 followers x (3 counts + viewerIsFollowing)',
  measures:
    'Two levels: a page, then counts and a relation per node, batched across the level ' +
    '(1 follow_get, then 5 follow_get_info and 1 follow_check together).',
  operation: () => ({
    query: `query Nested($id: ID!) { user(id: $id) { followers(first: 100) {
      nodes { id viewerIsFollowing ${COUNTS} } } } }`,
    variables: { id: 'alice' },
    route: 'followersWithCounts',
    viewer: 'bob',
  }),
  minimum: {
    calls: { 'follow/follow_get': 1, 'follow/follow_get_info': 5, 'follow/follow_check': 1 },
    roundTrips: 2,
  },
};

export const users100 = countsOf('users100', 'counts of 100 users', DEMO.users.slice(0, 100));

export const mutualsPage: Scenario = {
  name: 'mutualsPage',
  title: 'page of 50 mutuals with nicknames',
  measures: 'A mutuals page with nicknames and pageInfo: one follow_get proves existence and answers it all.',
  operation: () => ({
    query: `query Mutuals($id: ID!) { user(id: $id) { mutuals(first: 50) {
      nodes { id profile { nickname } } pageInfo { hasNextPage endCursor } } } }`,
    variables: { id: 'alice' },
    route: 'mutualsPage',
  }),
  minimum: { calls: { 'follow/follow_get': 1 }, roundTrips: 1 },
};

export const officialAccount: Scenario = {
  name: 'officialAccount',
  title: 'official account with 50 subscribers',
  measures:
    "An official account's info and a page of its subscribers: two independent reads, started together.",
  operation: () => ({
    query: `query Account($id: ID!) { officialAccount(id: $id) { id name subscriberCount
      subscribers(first: 50) { nodes { id } pageInfo { hasNextPage endCursor } } } }`,
    variables: { id: DEMO.officialAccounts.news.id },
    route: 'officialAccountWithSubscribers',
  }),
  minimum: {
    calls: {
      'official_account_open_http_svc/get_official_account_info': 1,
      'official_account_open_http_svc/get_subscriber_info': 1,
    },
    roundTrips: 1,
  },
};

const representations = DEMO.users.slice(100, 145).map((id) => ({ __typename: 'User', id }));

export const entities45: Scenario = {
  name: 'entities45',
  title: '45 `_entities` (profile + followers count)',
  measures:
    'What a supergraph router sends: 45 User representations with a profile and a count each ' +
    '(1 portrait_get and 3 follow_get_info, together).',
  operation: () => ({
    query: `query Entities($representations: [_Any!]!) { _entities(representations: $representations) {
      ... on User { id profile { nickname avatarUrl } followers { totalCount } } } }`,
    variables: { representations },
    route: 'userEntities',
  }),
  minimum: { calls: { 'profile/portrait_get': 1, 'follow/follow_get_info': 3 }, roundTrips: 1 },
};

export const floor: Scenario = {
  name: 'floor',
  title: '`{ __typename }` (no upstream call)',
  measures:
    "The layer's fixed cost per request, with nothing to fetch: HTTP, parsing, plugins, execution and logging.",
  operation: () => ({ query: 'query Floor { __typename }', route: 'typename' }),
  minimum: { calls: {}, roundTrips: 0 },
};
