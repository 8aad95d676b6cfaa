/**
 * GraphiQL, with its assets inlined from @graphql-yoga/render-graphiql (no CDN: works offline and under
 * a strict CSP), and one tab per example query over the demo data.
 */
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { GraphiQLOptions } from 'graphql-yoga';
import type { AuthMode } from './auth/index.js';

export { renderGraphiQL };

export const EXAMPLE_QUERIES = {
  followers: `# alice's followers, two hops deep. Run with Ctrl+Enter.
query AliceFollowers {
  user(id: "alice") {
    id
    profile { nickname }
    followers(first: 5) {
      totalCount
      edges {
        followedAt
        node {
          id
          profile { nickname }
          following(first: 3) { totalCount nodes { id } }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
}
`,
  viewer: `# Who am I? Set the x-user-id header (dev mode) to act as a demo user.
query Me {
  viewer {
    id
    profile { nickname }
    following { totalCount }
    mutuals(first: 5) { nodes { id profile { nickname } } }
  }
  bob: user(id: "bob") { viewerIsFollowing isFollowingViewer }
}
`,
  counts: `query Counts {
  users(ids: ["alice", "bob", "carol"]) {
    id
    followers { totalCount }
    following { totalCount }
    mutuals { totalCount }
  }
}
`,
  officialAccounts: `query OfficialAccounts {
  news: officialAccount(id: "@TOA#_news") {
    id
    name
    subscriberCount
    owner { id }
    subscribers(first: 5) { edges { subscribedAt node { id } } }
  }
  sports: officialAccount(id: "@TOA#_sports") { id name subscriberCount }
}
`,
  refetchDeferred: `# Refetch by Node id (a User, or an OfficialAccount: @TOA#_...).
# @defer: the page comes first, the counts a moment later.
query RefetchDeferred {
  news: node(id: "@TOA#_news") { id ... on OfficialAccount { name } }
  alice: node(id: "alice") {
    id
    ... on User {
      followers(first: 10) {
        nodes {
          id
          ... @defer { followers { totalCount } }
        }
      }
    }
  }
}
`,
  liveCounts: `# Live: alice's counts now, then again whenever they change (over SSE).
# Follow or unfollow alice from another tab (followUsers) to see them move.
# Also: followEvents (your own follows; x-user-id) and officialAccountEvents (admin role).
subscription AliceCounts {
  followCounts(userId: "alice") { userId followers following mutuals }
}
`,
} as const;

/** Example request headers for the auth mode (never a real credential). */
export function exampleHeaders(mode: AuthMode): string {
  switch (mode) {
    case 'dev':
      return JSON.stringify({ 'x-user-id': 'alice' }, null, 2);
    case 'jwt':
      return JSON.stringify({ authorization: 'Bearer <your JWT>' }, null, 2);
    case 'gateway':
      return '{}';
  }
}

export function graphiqlOptions(mode: AuthMode): GraphiQLOptions {
  const headers = exampleHeaders(mode);
  return {
    title: 'chat-follow-graphql',
    defaultQuery: EXAMPLE_QUERIES.followers,
    headers,
    defaultHeaders: headers,
    defaultTabs: Object.values(EXAMPLE_QUERIES).map((query) => ({ query, headers })),
    shouldPersistHeaders: false,
  };
}
