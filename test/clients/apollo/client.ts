import { ApolloClient, gql, HttpLink, InMemoryCache, type TypedDocumentNode } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';

/** Apollo Client for this API: follow lists and subscribers merge page after page into one list. */
export function createApolloClient(uri: string, headers: Record<string, string> = {}) {
  return new ApolloClient({
    link: new HttpLink({ uri, headers }),
    cache: new InMemoryCache({
      typePolicies: {
        User: {
          fields: {
            followers: relayStylePagination(),
            following: relayStylePagination(),
            mutuals: relayStylePagination(),
            subscribedOfficialAccounts: relayStylePagination(),
          },
        },
        OfficialAccount: { fields: { subscribers: relayStylePagination() } },
      },
    }),
  });
}

export interface FollowersData {
  user: {
    id: string;
    followers: {
      totalCount: number;
      edges: { cursor: string; node: { id: string; profile: { nickname: string | null } | null } }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  } | null;
}

export const FOLLOWERS: TypedDocumentNode<
  FollowersData,
  { id: string; first?: number; after?: string | null }
> = gql`
  query Followers($id: ID!, $first: Int, $after: String) {
    user(id: $id) {
      id
      followers(first: $first, after: $after) {
        totalCount
        edges {
          cursor
          node {
            id
            profile {
              nickname
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`;

/** Loads every follower of `id`, `pageSize` at a time, as a "load more" button would. */
export async function loadAllFollowers(client: ApolloClient, id: string, pageSize = 100) {
  const query = client.watchQuery({ query: FOLLOWERS, variables: { id, first: pageSize } });
  const loaded = new Promise<void>((resolve, reject) => {
    const subscription = query.subscribe({
      next: (result) => {
        if (result.dataState !== 'complete') return;
        subscription.unsubscribe();
        resolve();
      },
      error: reject,
    });
  });
  await loaded;
  const current = () => {
    const result = query.getCurrentResult();
    return result.dataState === 'complete' ? result.data.user?.followers : undefined;
  };
  let followers = current();
  while (followers?.pageInfo.hasNextPage) {
    await query.fetchMore({ variables: { after: followers.pageInfo.endCursor } });
    // relayStylePagination merged the new page into the cached list.
    followers = current();
  }
  return followers;
}
