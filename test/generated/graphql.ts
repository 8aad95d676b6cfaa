/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** How a user handles friend requests (`Tag_Profile_IM_AllowType`). */
export type AllowType =
  /** Anyone may add the user without confirmation. */
  | 'ALLOW_ANY'
  /** Nobody may add the user. */
  | 'DENY_ANY'
  /** Requests need the user to confirm. */
  | 'NEED_CONFIRM';

/** A new official account. Every field is checked against Tencent's limits before anything is sent. */
export type CreateOfficialAccountInput = {
  /** Avatar image URL (`FaceUrl`), at most 500 bytes; an empty string clears it on update. */
  avatarUrl?: string | null | undefined;
  /** App-defined data, at most 3000 bytes; an empty string clears it on update. */
  customString?: string | null | undefined;
  /** Its id: `@TOA#_` and a name, at most 32 bytes in all. Omitted: Tencent makes one (`@TOA#_@TOA#xxxx`). */
  id?: string | number | null | undefined;
  /** Introduction text, at most 400 bytes of UTF-8; an empty string clears it on update. */
  introduction?: string | null | undefined;
  /** Subscriber limit, 1 to 10,000,000 (Tencent's default: 100,000). It may be set below the current count: later subscriptions are refused. */
  maxSubscriberCount?: number | null | undefined;
  /** Display name: not blank, at most 150 bytes of UTF-8 (Tencent's limit). */
  name: string;
  /** Organization behind the account, at most 500 bytes; an empty string clears it on update. */
  organization?: string | null | undefined;
  /** Chat UserID of the owner (an imported account). */
  ownerId: string | number;
};

/** Which official account to destroy. */
export type DestroyOfficialAccountInput = {
  /** The official account id, e.g. `@TOA#_news`. */
  id: string | number;
};

/** Outcome of following one user. */
export type FollowStatus =
  /** The id is the actor itself; nothing was sent upstream. */
  | 'CANNOT_FOLLOW_SELF'
  /** Not followed for another reason (see `tencentCode` and `message`); includes failures of the upstream call this id was part of, and lost answers whose state, read back, shows no follow. */
  | 'FAILED'
  /** The actor follows the user now (also when they already did: following is idempotent). */
  | 'FOLLOWED'
  /** The user has the maximum number of followers (Tencent 32101). */
  | 'FOLLOWER_LIMIT_REACHED'
  /** The actor follows the maximum number of users (5000; Tencent 32100). */
  | 'FOLLOWING_LIMIT_REACHED'
  /** The actor or the user has the maximum number of mutual follows (Tencent 32102 / 32103). */
  | 'MUTUAL_LIMIT_REACHED'
  /** Upstream's answer was lost (a timeout, a cut connection) and reading the state back failed too: the follow may or may not have been made. Read `viewerIsFollowing` (or the list) before retrying. Only reported when the read-back is impossible within the request deadline. */
  | 'UNKNOWN'
  /** No account with this id exists (Tencent 30003). */
  | 'USER_NOT_FOUND';

/** Whom to follow, and on whose behalf. */
export type FollowUsersInput = {
  /** Follow on behalf of this user instead of the viewer (admin role required). */
  asUserId?: string | number | null | undefined;
  /** Chat UserIDs to follow (duplicates are ignored; at most 1000 by default, split into upstream calls of 20). */
  userIds: Array<string | number>;
};

/** Narrows `following` to some of the users. The filtered list is read whole (at most 5,000 users, Tencent's cap) and paged with the same cursors; `totalCount` counts the filtered list. */
export type FollowingFilter = {
  /** true: only users who follow this user back; false: only users who do not. Also reads the whole mutuals list. */
  followsBack?: boolean | null | undefined;
  /** Only users whose nickname contains this text (case-insensitive; 1 to 100 characters). Matched against the nickname upstream returns with each list item, across the whole list. */
  nicknameContains?: string | null | undefined;
};

/** Gender a user states in their profile (`Tag_Profile_IM_Gender`). */
export type Gender =
  /** Female. */
  | 'FEMALE'
  /** Male. */
  | 'MALE'
  /** Not stated. */
  | 'UNKNOWN';

/** Narrows `mutuals` to some of the users. The filtered list is read whole (at most 5,000 users) and paged with the same cursors; `totalCount` counts the filtered list. */
export type MutualsFilter = {
  /** Only users whose nickname contains this text (case-insensitive; 1 to 100 characters). Matched against the nickname upstream returns with each list item, across the whole list. */
  nicknameContains?: string | null | undefined;
};

/** Outcome of subscribing one user to an official account. */
export type SubscribeStatus =
  /** The user was subscribed already; nothing changed (Result 2). Counts as ok. */
  | 'ALREADY_SUBSCRIBED'
  /** Not subscribed for another reason (see `tencentCode` and `message`); includes failures of the upstream call this id was part of, and lost answers whose state, read back, shows no subscription. */
  | 'FAILED'
  /** The user is subscribed now (add_subscriber Result 1). */
  | 'SUBSCRIBED'
  /** The official account has its maximum number of subscribers (MaxSubscriberNum; Tencent 130006 when the account was full before the call). */
  | 'SUBSCRIBER_LIMIT_REACHED'
  /** Upstream's answer was lost (a timeout, a cut connection) and reading the state back failed too: the user may or may not be subscribed. Read the subscriptions before retrying. Only reported when the read-back is impossible within the request deadline. */
  | 'UNKNOWN'
  /** No account with this id exists. */
  | 'USER_NOT_FOUND';

/** Which official account, and who subscribes. */
export type SubscribeToOfficialAccountInput = {
  /** Official account id, e.g. `@TOA#_news`. */
  officialAccountId: string | number;
  /** Chat UserIDs to subscribe; default: the viewer. Anyone but yourself needs the admin role. Duplicates are ignored; at most 1000 by default, split into upstream calls of 100. */
  userIds?: Array<string | number> | null | undefined;
};

/** Outcome of unfollowing one user. */
export type UnfollowStatus =
  /** The id is the actor itself; nothing was sent upstream. */
  | 'CANNOT_UNFOLLOW_SELF'
  /** Not unfollowed for another reason (see `tencentCode` and `message`); includes failures of the upstream call this id was part of, and lost answers whose state, read back, shows the follow stands. */
  | 'FAILED'
  /** The actor does not follow the user now (also when they did not before: idempotent). */
  | 'UNFOLLOWED'
  /** Upstream's answer was lost (a timeout, a cut connection) and reading the state back failed too: the unfollow may or may not have been made. Read `viewerIsFollowing` (or the list) before retrying. Only reported when the read-back is impossible within the request deadline. */
  | 'UNKNOWN'
  /** No account with this id exists (Tencent 30003). */
  | 'USER_NOT_FOUND';

/** Whom to unfollow, and on whose behalf. */
export type UnfollowUsersInput = {
  /** Unfollow on behalf of this user instead of the viewer (admin role required). */
  asUserId?: string | number | null | undefined;
  /** Chat UserIDs to unfollow (duplicates are ignored; at most 1000 by default, split into upstream calls of 20). */
  userIds: Array<string | number>;
};

/** Which official account, and who unsubscribes. */
export type UnsubscribeFromOfficialAccountInput = {
  /** Official account id, e.g. `@TOA#_news`. */
  officialAccountId: string | number;
  /** Chat UserIDs to unsubscribe; default: the viewer. Anyone but yourself needs the admin role. Duplicates are ignored; at most 1000 by default, split into upstream calls of 100. */
  userIds?: Array<string | number> | null | undefined;
};

/** Outcome of unsubscribing one user from an official account. */
export type UnsubscribeStatus =
  /** Not unsubscribed for another reason (see `tencentCode` and `message`); includes failures of the upstream call this id was part of, and lost answers whose state, read back, shows the subscription stands. */
  | 'FAILED'
  /** The user was not subscribed; nothing changed (Result 2). Counts as ok. */
  | 'NOT_SUBSCRIBED'
  /** Upstream's answer was lost (a timeout, a cut connection) and reading the state back failed too: the user may or may not still be subscribed. Read the subscriptions before retrying. Only reported when the read-back is impossible within the request deadline. */
  | 'UNKNOWN'
  /** The user was subscribed and is not any more (delete_subscriber Result 1). */
  | 'UNSUBSCRIBED'
  /** No account with this id exists. */
  | 'USER_NOT_FOUND';

/** Which account, and the fields to change (at least one). Absent or null fields are left as they are; every given field is checked against Tencent's limits before anything is sent. */
export type UpdateOfficialAccountInput = {
  /** Avatar image URL (`FaceUrl`), at most 500 bytes; an empty string clears it on update. */
  avatarUrl?: string | null | undefined;
  /** App-defined data, at most 3000 bytes; an empty string clears it on update. */
  customString?: string | null | undefined;
  /** The official account id, e.g. `@TOA#_news`. */
  id: string | number;
  /** Introduction text, at most 400 bytes of UTF-8; an empty string clears it on update. */
  introduction?: string | null | undefined;
  /** Subscriber limit, 1 to 10,000,000 (Tencent's default: 100,000). It may be set below the current count: later subscriptions are refused. */
  maxSubscriberCount?: number | null | undefined;
  /** Display name: not blank, at most 150 bytes of UTF-8 (Tencent's limit). */
  name?: string | null | undefined;
  /** Organization behind the account, at most 500 bytes; an empty string clears it on update. */
  organization?: string | null | undefined;
};

export type FollowersTotalQueryVariables = Exact<{
  id: string | number;
}>;


export type FollowersTotalQuery = { user: { id: string, followers: { totalCount: number | null } } | null };

export type FollowerPageQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type FollowerPageQuery = { user: { id: string, followers: { edges: Array<{ cursor: string, followedAt: string, node: { id: string } } | null>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } } | null };

export type FollowingPageQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type FollowingPageQuery = { user: { id: string, following: { totalCount: number | null, nodes: Array<{ id: string }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null };

export type FollowerNicknamesQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
}>;


export type FollowerNicknamesQuery = { user: { id: string, followers: { nodes: Array<{ id: string, profile: { nickname: string | null } | null }> } } | null };

export type FollowersWithCountsQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
}>;


export type FollowersWithCountsQuery = { user: { id: string, following: { totalCount: number | null }, mutuals: { totalCount: number | null }, followers: { totalCount: number | null, edges: Array<{ node: { id: string, viewerIsFollowing: boolean, isFollowingViewer: boolean, followers: { totalCount: number | null }, following: { totalCount: number | null }, mutuals: { totalCount: number | null } } } | null> } } | null };

export type FollowUsersMutationVariables = Exact<{
  input: FollowUsersInput;
}>;


export type FollowUsersMutation = { followUsers: { succeededCount: number, failedCount: number, actor: { id: string } | null, results: Array<{ userId: string, ok: boolean, status: FollowStatus, message: string | null, tencentCode: number | null, user: { id: string } | null }> } | null };

export type FollowUsersWithCountsMutationVariables = Exact<{
  input: FollowUsersInput;
}>;


export type FollowUsersWithCountsMutation = { followUsers: { actor: { id: string, following: { totalCount: number | null } } | null, results: Array<{ userId: string, status: FollowStatus, user: { id: string, isFollowingViewer: boolean, followers: { totalCount: number | null } } | null }> } | null };

export type UnfollowUsersMutationVariables = Exact<{
  input: UnfollowUsersInput;
}>;


export type UnfollowUsersMutation = { unfollowUsers: { succeededCount: number, failedCount: number, actor: { id: string, following: { totalCount: number | null } } | null, results: Array<{ userId: string, ok: boolean, status: UnfollowStatus, message: string | null, tencentCode: number | null, user: { id: string } | null }> } | null };

export type SubscribeMutationVariables = Exact<{
  input: SubscribeToOfficialAccountInput;
}>;


export type SubscribeMutation = { subscribeToOfficialAccount: { succeededCount: number, failedCount: number, officialAccount: { id: string, subscriberCount: number } | null, viewer: { id: string } | null, results: Array<{ userId: string, ok: boolean, status: SubscribeStatus, message: string | null, tencentCode: number | null, user: { id: string } | null }> } | null };

export type UnsubscribeMutationVariables = Exact<{
  input: UnsubscribeFromOfficialAccountInput;
}>;


export type UnsubscribeMutation = { unsubscribeFromOfficialAccount: { succeededCount: number, failedCount: number, officialAccount: { id: string, subscriberCount: number } | null, viewer: { id: string } | null, results: Array<{ userId: string, ok: boolean, status: UnsubscribeStatus, message: string | null, tencentCode: number | null, user: { id: string } | null }> } | null };

export type CreateOfficialAccountMutationVariables = Exact<{
  input: CreateOfficialAccountInput;
}>;


export type CreateOfficialAccountMutation = { createOfficialAccount: { officialAccount: { id: string, name: string, introduction: string | null, avatarUrl: string | null, organization: string | null, customString: string | null, maxSubscriberCount: number | null, subscriberCount: number, owner: { id: string } | null } | null } | null };

export type UpdateOfficialAccountMutationVariables = Exact<{
  input: UpdateOfficialAccountInput;
}>;


export type UpdateOfficialAccountMutation = { updateOfficialAccount: { officialAccount: { id: string, name: string, introduction: string | null, avatarUrl: string | null, organization: string | null, customString: string | null, maxSubscriberCount: number | null } | null } | null };

export type DestroyOfficialAccountMutationVariables = Exact<{
  input: DestroyOfficialAccountInput;
}>;


export type DestroyOfficialAccountMutation = { destroyOfficialAccount: { destroyedOfficialAccountId: string } | null };

export type OfficialAccountQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type OfficialAccountQuery = { officialAccount: { id: string, name: string, introduction: string | null, avatarUrl: string | null, organization: string | null, customString: string | null, createdAt: string | null, subscriberCount: number, maxSubscriberCount: number | null, owner: { id: string, profile: { nickname: string | null } | null } | null, subscribers: { totalCount: number | null, edges: Array<{ cursor: string, subscribedAt: string, node: { id: string } } | null>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null };

export type SubscribedAccountsQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type SubscribedAccountsQuery = { user: { id: string, subscribedOfficialAccounts: { totalCount: number | null, edges: Array<{ cursor: string, subscribedAt: string | null, node: { id: string, name: string, owner: { id: string } | null } } | null>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null };

export type UserCountsQueryVariables = Exact<{
  ids: Array<string | number> | string | number;
}>;


export type UserCountsQuery = { users: Array<{ id: string, followers: { totalCount: number | null }, following: { totalCount: number | null }, mutuals: { totalCount: number | null } } | null> };

export type UsersQueryVariables = Exact<{
  ids: Array<string | number> | string | number;
}>;


export type UsersQuery = { users: Array<{ id: string, profile: { nickname: string | null } | null } | null> };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { viewer: { id: string, profile: { nickname: string | null } | null } | null };

export type UserProfileQueryVariables = Exact<{
  id: string | number;
}>;


export type UserProfileQuery = { user: { id: string, profile: { nickname: string | null, avatarUrl: string | null, selfSignature: string | null, gender: Gender | null, birthday: number | null, location: string | null, language: number | null, allowType: AllowType | null, level: number | null, role: number | null, customTags: Array<{ key: string, value: string }> } | null } | null };

export type RelationQueryVariables = Exact<{
  id: string | number;
}>;


export type RelationQuery = { user: { id: string, viewerIsFollowing: boolean, isFollowingViewer: boolean } | null };

export type KnownFollowersQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type KnownFollowersQuery = { user: { id: string, knownFollowers: { totalCount: number | null, edges: Array<{ cursor: string, viewerFollowedAt: string, node: { id: string } } | null>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null };

export type FilteredFollowingQueryVariables = Exact<{
  id: string | number;
  filter?: FollowingFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type FilteredFollowingQuery = { user: { id: string, following: { totalCount: number | null, edges: Array<{ cursor: string, followedAt: string, node: { id: string, profile: { nickname: string | null } | null } } | null>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null };

export type FilteredMutualsQueryVariables = Exact<{
  id: string | number;
  filter?: MutualsFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type FilteredMutualsQuery = { user: { id: string, mutuals: { totalCount: number | null, nodes: Array<{ id: string }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null };

export type RateLimitQueryVariables = Exact<{
  dryRun?: boolean | null | undefined;
}>;


export type RateLimitQuery = { rateLimit: { dryRun: boolean, estimatedCalls: number, actualCalls: number, maxCalls: number, withinBudget: boolean, commands: Array<{ command: string, estimatedCalls: number, actualCalls: number, limitPerSecond: number | null, burst: number | null, remaining: number | null, waiting: number, resetAt: string | null }> } };


export const FollowersTotalDocument = {"__meta__":{"hash":"sha256:f4400cd3707d7c48987514f1c42b94917faa6f606081e9bbfedd7cd1a2f1ff27"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FollowersTotal"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"followers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}}]}}]} as unknown as DocumentNode<FollowersTotalQuery, FollowersTotalQueryVariables>;
export const FollowerPageDocument = {"__meta__":{"hash":"sha256:9ab68c1c293922e9ebf6cf3065f1573f8394131cdf1bb4491965da8d41d7a99f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FollowerPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"followers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"followedAt"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}}]} as unknown as DocumentNode<FollowerPageQuery, FollowerPageQueryVariables>;
export const FollowingPageDocument = {"__meta__":{"hash":"sha256:b1247ab84a8d5bcd35715a2af0e9d5212d8a70b9b280422198648a0dd4c7e37f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FollowingPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"following"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}}]} as unknown as DocumentNode<FollowingPageQuery, FollowingPageQueryVariables>;
export const FollowerNicknamesDocument = {"__meta__":{"hash":"sha256:a5928bd7cd60dd7d94d4470b7ebe0ffe2f29aebd16d13b4aef6ddb37d8d3fb2c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FollowerNicknames"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"followers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"profile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nickname"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<FollowerNicknamesQuery, FollowerNicknamesQueryVariables>;
export const FollowersWithCountsDocument = {"__meta__":{"hash":"sha256:ec8a1e244da6d6eb67a3d79486aa442c640a601af0dd0b12998e1312b49cbd1e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FollowersWithCounts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"following"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"mutuals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"followers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"followers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"following"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"mutuals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"viewerIsFollowing"}},{"kind":"Field","name":{"kind":"Name","value":"isFollowingViewer"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<FollowersWithCountsQuery, FollowersWithCountsQueryVariables>;
export const FollowUsersDocument = {"__meta__":{"hash":"sha256:61498f0d8c1ac862e00982f9c85abeb488456cefe501e8b1a5688261be1ef3a4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"FollowUsers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"FollowUsersInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"followUsers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"succeededCount"}},{"kind":"Field","name":{"kind":"Name","value":"failedCount"}},{"kind":"Field","name":{"kind":"Name","value":"results"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"tencentCode"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<FollowUsersMutation, FollowUsersMutationVariables>;
export const FollowUsersWithCountsDocument = {"__meta__":{"hash":"sha256:bed8b1f6b85f0092a12195ef0ae374b25d15e29370a833410498ad2ba748ce09"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"FollowUsersWithCounts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"FollowUsersInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"followUsers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"following"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"results"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"followers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"isFollowingViewer"}}]}}]}}]}}]}}]} as unknown as DocumentNode<FollowUsersWithCountsMutation, FollowUsersWithCountsMutationVariables>;
export const UnfollowUsersDocument = {"__meta__":{"hash":"sha256:c058fd0d126e3184801fd99a3280ad023c3d5ae23931881cb3e102631fece02e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UnfollowUsers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UnfollowUsersInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unfollowUsers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"following"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"succeededCount"}},{"kind":"Field","name":{"kind":"Name","value":"failedCount"}},{"kind":"Field","name":{"kind":"Name","value":"results"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"tencentCode"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<UnfollowUsersMutation, UnfollowUsersMutationVariables>;
export const SubscribeDocument = {"__meta__":{"hash":"sha256:34cd4def95312114430780f97e4edb2aba634dbb92b5b93ccd737e910469bdb4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Subscribe"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SubscribeToOfficialAccountInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"subscribeToOfficialAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"officialAccount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"subscriberCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"succeededCount"}},{"kind":"Field","name":{"kind":"Name","value":"failedCount"}},{"kind":"Field","name":{"kind":"Name","value":"results"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"tencentCode"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SubscribeMutation, SubscribeMutationVariables>;
export const UnsubscribeDocument = {"__meta__":{"hash":"sha256:33b6a31288fce9a6fa128ccc518a74515491084fa2430c46dd3c3bfa5aba3fda"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Unsubscribe"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UnsubscribeFromOfficialAccountInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unsubscribeFromOfficialAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"officialAccount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"subscriberCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"succeededCount"}},{"kind":"Field","name":{"kind":"Name","value":"failedCount"}},{"kind":"Field","name":{"kind":"Name","value":"results"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"tencentCode"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<UnsubscribeMutation, UnsubscribeMutationVariables>;
export const CreateOfficialAccountDocument = {"__meta__":{"hash":"sha256:23c13b9785e09eeefe90bb27c0f78cfb735b9f634801333e001a09ae34fda235"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateOfficialAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateOfficialAccountInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createOfficialAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"officialAccount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"introduction"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}},{"kind":"Field","name":{"kind":"Name","value":"organization"}},{"kind":"Field","name":{"kind":"Name","value":"customString"}},{"kind":"Field","name":{"kind":"Name","value":"maxSubscriberCount"}},{"kind":"Field","name":{"kind":"Name","value":"subscriberCount"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CreateOfficialAccountMutation, CreateOfficialAccountMutationVariables>;
export const UpdateOfficialAccountDocument = {"__meta__":{"hash":"sha256:970435edd0daeca2f78b2f0bed32ef1fe51ec7e6ed7c1a3aea8a856f5ee8bed8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateOfficialAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateOfficialAccountInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateOfficialAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"officialAccount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"introduction"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}},{"kind":"Field","name":{"kind":"Name","value":"organization"}},{"kind":"Field","name":{"kind":"Name","value":"customString"}},{"kind":"Field","name":{"kind":"Name","value":"maxSubscriberCount"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateOfficialAccountMutation, UpdateOfficialAccountMutationVariables>;
export const DestroyOfficialAccountDocument = {"__meta__":{"hash":"sha256:8c89cd7d086775f244a9fda5783f6b774e8bb2ad2957743336d58d98f70b77e6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DestroyOfficialAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DestroyOfficialAccountInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"destroyOfficialAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"destroyedOfficialAccountId"}}]}}]}}]} as unknown as DocumentNode<DestroyOfficialAccountMutation, DestroyOfficialAccountMutationVariables>;
export const OfficialAccountDocument = {"__meta__":{"hash":"sha256:6034cf7f64c8172407847f840ec68fa14f90e40f6d518199c9335aa772c6aa1c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OfficialAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"officialAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"introduction"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}},{"kind":"Field","name":{"kind":"Name","value":"organization"}},{"kind":"Field","name":{"kind":"Name","value":"customString"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"subscriberCount"}},{"kind":"Field","name":{"kind":"Name","value":"maxSubscriberCount"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"profile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nickname"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"subscribers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"subscribedAt"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}}]} as unknown as DocumentNode<OfficialAccountQuery, OfficialAccountQueryVariables>;
export const SubscribedAccountsDocument = {"__meta__":{"hash":"sha256:905c2f600fbcca693cfc84cad38dd47ec0e7123b815d24736f50843d86b606b8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SubscribedAccounts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"subscribedOfficialAccounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"subscribedAt"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SubscribedAccountsQuery, SubscribedAccountsQueryVariables>;
export const UserCountsDocument = {"__meta__":{"hash":"sha256:3cd2acbb0038dfee919db435ef7c73c6e5a5b147aaddb41fa975d41d2a70871f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UserCounts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"users"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"followers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"following"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"mutuals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}}]}}]} as unknown as DocumentNode<UserCountsQuery, UserCountsQueryVariables>;
export const UsersDocument = {"__meta__":{"hash":"sha256:73f2becb2bbee8785c3936b157366c9a641ce451d0b23b6e35c0bc7f40a79229"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Users"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"users"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"profile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nickname"}}]}}]}}]}}]} as unknown as DocumentNode<UsersQuery, UsersQueryVariables>;
export const ViewerDocument = {"__meta__":{"hash":"sha256:8586c6977944920d7a082f1965ec5141429dbb370ac0e7e7a2b0ecba37c0c9ca"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"profile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nickname"}}]}}]}}]}}]} as unknown as DocumentNode<ViewerQuery, ViewerQueryVariables>;
export const UserProfileDocument = {"__meta__":{"hash":"sha256:90dd5a4dbef846085c4afdd7c70e9fccfd8c816399cf7c4d52561ad40762128b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UserProfile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"profile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nickname"}},{"kind":"Field","name":{"kind":"Name","value":"avatarUrl"}},{"kind":"Field","name":{"kind":"Name","value":"selfSignature"}},{"kind":"Field","name":{"kind":"Name","value":"gender"}},{"kind":"Field","name":{"kind":"Name","value":"birthday"}},{"kind":"Field","name":{"kind":"Name","value":"location"}},{"kind":"Field","name":{"kind":"Name","value":"language"}},{"kind":"Field","name":{"kind":"Name","value":"allowType"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"customTags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]}}]} as unknown as DocumentNode<UserProfileQuery, UserProfileQueryVariables>;
export const RelationDocument = {"__meta__":{"hash":"sha256:54eecf692ef4f41dfcf96f9d9a3f607d79bc17f07009dce30d342ca423f5f618"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Relation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"viewerIsFollowing"}},{"kind":"Field","name":{"kind":"Name","value":"isFollowingViewer"}}]}}]}}]} as unknown as DocumentNode<RelationQuery, RelationQueryVariables>;
export const KnownFollowersDocument = {"__meta__":{"hash":"sha256:3aba8f0c4ac33d37d3a1f3964694983cd2db7ea98fe73103d68064835df843ef"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"KnownFollowers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"knownFollowers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"viewerFollowedAt"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}}]} as unknown as DocumentNode<KnownFollowersQuery, KnownFollowersQueryVariables>;
export const FilteredFollowingDocument = {"__meta__":{"hash":"sha256:de17ba67cbfb5e46fb430e9faf6c14a3c77d5a39116d18739456298cacd6ae3e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FilteredFollowing"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"FollowingFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"following"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"followedAt"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"profile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nickname"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}}]} as unknown as DocumentNode<FilteredFollowingQuery, FilteredFollowingQueryVariables>;
export const FilteredMutualsDocument = {"__meta__":{"hash":"sha256:86b27296fc46e24aba209e70c23deb8256ad4b2a36b1fd06a7e8a81455e879ba"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FilteredMutuals"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"MutualsFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"mutuals"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}}]} as unknown as DocumentNode<FilteredMutualsQuery, FilteredMutualsQueryVariables>;
export const RateLimitDocument = {"__meta__":{"hash":"sha256:4070615d33a14ecbb721586461d389bf62620339092d2b0b738d1f03c9f8929c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RateLimit"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"dryRun"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rateLimit"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"dryRun"},"value":{"kind":"Variable","name":{"kind":"Name","value":"dryRun"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedCalls"}},{"kind":"Field","name":{"kind":"Name","value":"actualCalls"}},{"kind":"Field","name":{"kind":"Name","value":"maxCalls"}},{"kind":"Field","name":{"kind":"Name","value":"withinBudget"}},{"kind":"Field","name":{"kind":"Name","value":"commands"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"command"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedCalls"}},{"kind":"Field","name":{"kind":"Name","value":"actualCalls"}},{"kind":"Field","name":{"kind":"Name","value":"limitPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"burst"}},{"kind":"Field","name":{"kind":"Name","value":"remaining"}},{"kind":"Field","name":{"kind":"Name","value":"waiting"}},{"kind":"Field","name":{"kind":"Name","value":"resetAt"}}]}}]}}]}}]} as unknown as DocumentNode<RateLimitQuery, RateLimitQueryVariables>;