import { Client, fetchExchange, gql } from '@urql/core';
import { cacheExchange } from '@urql/exchange-graphcache';
import { relayPagination } from '@urql/exchange-graphcache/extras';
import { persistedExchange } from '@urql/exchange-persisted';

/** Objects without an `id`: graphcache stores them inside their parent. */
const embedded = () => null;

/**
 * urql for this API: graphcache merges follow-list pages (relayPagination); queries go out as GET, as
 * automatic persisted queries (hash only, then the text once if the server does not know it yet).
 */
export function createUrqlClient(
  url: string,
  options: { headers?: Record<string, string>; fetch?: typeof fetch } = {},
) {
  return new Client({
    url,
    preferGetMethod: 'within-url-limit',
    // A GET that carries query text must have a CSRF header (a hash-only GET needs none).
    fetchOptions: { headers: { 'x-graphql-yoga-csrf': 'urql', ...options.headers } },
    ...(options.fetch && { fetch: options.fetch }),
    exchanges: [
      cacheExchange({
        keys: {
          UserProfile: embedded,
          ProfileTag: embedded,
          UserConnection: embedded,
          UserEdge: embedded,
          OfficialAccountSubscriberConnection: embedded,
          OfficialAccountSubscriberEdge: embedded,
          SubscribedOfficialAccountConnection: embedded,
          SubscribedOfficialAccountEdge: embedded,
          PageInfo: embedded,
        },
        resolvers: {
          User: {
            followers: relayPagination(),
            following: relayPagination(),
            mutuals: relayPagination(),
            subscribedOfficialAccounts: relayPagination(),
          },
          OfficialAccount: { subscribers: relayPagination() },
        },
      }),
      persistedExchange({ preferGetForPersistedQueries: 'within-url-limit' }),
      fetchExchange,
    ],
  });
}

export const FOLLOWERS = gql`
  query Followers($id: ID!, $first: Int, $after: String) {
    user(id: $id) {
      id
      followers(first: $first, after: $after) {
        totalCount
        edges {
          cursor
          node {
            id
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
