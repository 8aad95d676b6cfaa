/**
 * Relay fragments over this API (docs/clients.md, Relay). relay-compiler reads the `graphql` tags; the
 * Babel plugin (or the compiler's artifacts, imported directly as in the test) replaces them at build
 * time, so this file is never run as is.
 */
import { graphql } from 'relay-runtime';

// A user's followers, paged with @connection; @refetchable makes Relay generate
// `UserFollowersPaginationQuery`, which refetches the user through `node(id:)`.
export const UserFollowers = graphql`
  fragment fragments_UserFollowers on User
  @refetchable(queryName: "UserFollowersPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 20 }, cursor: { type: "String" }) {
    id
    profile {
      nickname
    }
    followers(first: $count, after: $cursor) @connection(key: "UserFollowers_followers") {
      totalCount
      edges {
        node {
          id
          profile {
            nickname
          }
        }
      }
    }
  }
`;

// An official account's subscribers, the same way (refetched through `node(id:)` with its `@TOA#_` id).
export const AccountSubscribers = graphql`
  fragment fragments_AccountSubscribers on OfficialAccount
  @refetchable(queryName: "AccountSubscribersPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 20 }, cursor: { type: "String" }) {
    id
    name
    subscribers(first: $count, after: $cursor) @connection(key: "AccountSubscribers_subscribers") {
      totalCount
      edges {
        subscribedAt
        node {
          id
        }
      }
    }
  }
`;

// The page's query: a user with the first page of followers.
export const UserPage = graphql`
  query fragmentsUserPageQuery($id: ID!) {
    user(id: $id) {
      ...fragments_UserFollowers
    }
  }
`;
