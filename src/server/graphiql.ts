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
  knownFollowers: `# Followers of bob whom you follow ("followed by Hugo, Cleo and 2 others you follow"),
# the people you followed last first, and what the operation cost upstream.
query KnownFollowers {
  user(id: "bob") {
    id
    knownFollowers(first: 3) {
      totalCount
      edges { viewerFollowedAt node { id profile { nickname } } }
    }
  }
  rateLimit { estimatedCalls actualCalls }
}
`,
  filters: `# Filters over a whole list (at most 5,000, Tencent's cap): who follows you back,
# who does not, and a nickname search.
query FollowBack {
  viewer {
    followsBack: following(first: 5, filter: { followsBack: true }) {
      totalCount
      nodes { id profile { nickname } }
    }
    notBack: following(first: 5, filter: { followsBack: false }) { totalCount nodes { id } }
    search: following(filter: { nicknameContains: "bob" }) { totalCount nodes { id profile { nickname } } }
  }
}
`,
  rateLimit: `# Price an operation without running it: with dryRun: true nothing else runs and
# nothing is called upstream. Without it, actualCalls counts what the operation made.
query Price {
  rateLimit(dryRun: true) {
    dryRun
    estimatedCalls
    maxCalls
    withinBudget
    commands { command estimatedCalls limitPerSecond remaining resetAt }
  }
  # Two hops of 100 with nicknames: over the budget (MAX_UPSTREAM_CALLS), so withinBudget is false.
  user(id: "alice") {
    followers(first: 100) { nodes { following(first: 100) { nodes { id profile { nickname } } } } }
  }
}
`,
  officialAccountAdmin: `# Official-account administration (admin role: x-user-roles: admin).
# Put the cursor in one operation and run it.
mutation CreateAccount {
  createOfficialAccount(input: {
    id: "@TOA#_graphiql"
    ownerId: "alice"
    name: "GraphiQL Weekly"
    introduction: "Made in GraphiQL."
  }) {
    officialAccount { id name introduction owner { id } createdAt }
  }
}

mutation RenameAccount {
  updateOfficialAccount(input: { id: "@TOA#_graphiql", name: "GraphiQL Daily" }) {
    officialAccount { id name }
  }
}

mutation DestroyAccount {
  destroyOfficialAccount(input: { id: "@TOA#_graphiql" }) { destroyedOfficialAccountId }
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

/** The tabs that need the admin role (dev mode sends `x-user-roles: admin` with them). */
const ADMIN_TABS: ReadonlySet<keyof typeof EXAMPLE_QUERIES> = new Set(['officialAccountAdmin']);

/** Example request headers for the auth mode (never a real credential). */
export function exampleHeaders(mode: AuthMode, admin = false): string {
  switch (mode) {
    case 'dev':
      return JSON.stringify({ 'x-user-id': 'alice', ...(admin && { 'x-user-roles': 'admin' }) }, null, 2);
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
    defaultTabs: (Object.keys(EXAMPLE_QUERIES) as (keyof typeof EXAMPLE_QUERIES)[]).map((name) => ({
      query: EXAMPLE_QUERIES[name],
      headers: exampleHeaders(mode, ADMIN_TABS.has(name)),
    })),
    shouldPersistHeaders: false,
  };
}
