/**
 * The follow lists of a user (followers, following, mutuals) as Relay connections: `totalCount` from
 * the batched counts (follow_get_info), the page from one follow_get read only when edges, nodes or
 * pageInfo are selected.
 */
import { type FollowCounts, type FollowPageKey, LOADER_COSTS } from '../../loaders/index.js';
import { FollowListType, LIMITS } from '../../tencent/wire.js';
import { connectionArgs, connectionType } from '../connections/connection.js';
import type { CursorScope } from '../connections/cursor.js';
import {
  type ConnectionArgs,
  type ConnectionSource,
  lazy,
  type PageRequest,
  readPageArgs,
  sliceTokenPage,
  upstreamPageSize,
} from '../connections/paging.js';
import type { GraphQLContext, SchemaSettings } from '../context.js';
import { upstreamCost } from '../cost/upstreamCost.js';
import { UserRef, type UserShape } from '../refs.js';

export const UserConnection = connectionType<UserShape>({
  name: 'User',
  node: UserRef,
  description:
    'A page of a follow list (followers, following or mutuals), newest first as upstream orders it.',
  edgeDescription: 'One user in a follow list.',
  nodeDescription: 'The user in the list.',
  totalCountDescription: 'Length of the whole list (from follow_get_info), not of this page.',
  timeField: 'followedAt',
  timeDescription: 'When the follow began.',
  timeNullable: false,
  costs: { totalCount: LOADER_COSTS.counts, page: LOADER_COSTS.followPages },
});

/** The field arguments and cost every follow list shares. */
export const followListField = {
  type: UserConnection,
  extensions: upstreamCost({ returns: 'connection' }),
} as const;

export { connectionArgs };

/** Each follow list and the follow_get list type that reads it. */
export const FOLLOW_LISTS: Readonly<Record<keyof FollowCounts, FollowListType>> = {
  followers: FollowListType.Fans,
  following: FollowListType.Follows,
  mutuals: FollowListType.Mutual,
};

export type FollowListName = keyof FollowCounts;

export const FOLLOW_LIST_NAMES: ReadonlySet<string> = new Set(Object.keys(FOLLOW_LISTS));

/** The page a follow list with these arguments reads (throws BAD_USER_INPUT for bad arguments). */
export function followPageRequest(
  userId: string,
  list: FollowListName,
  args: ConnectionArgs,
  settings: SchemaSettings,
): { scope: CursorScope; request: PageRequest; key: FollowPageKey } {
  const scope = { list, owner: userId };
  const request = readPageArgs(args, scope, settings);
  const key = {
    user: userId,
    type: FOLLOW_LISTS[list],
    cursor: request.start.token,
    wantNum: upstreamPageSize(request, LIMITS.followGetWantNumMax),
  };
  return { scope, request, key };
}

/** A follow list of `user`; nothing is read until a connection field asks. */
export function followList(
  user: UserShape,
  list: FollowListName,
  args: ConnectionArgs,
  ctx: GraphQLContext,
): ConnectionSource<UserShape> {
  const { scope, request, key } = followPageRequest(user.id, list, args, ctx.settings);
  return {
    totalCount: lazy(async () => (await ctx.loaders.counts.load(user.id))[list]),
    page: lazy(async () => {
      const page = await ctx.loaders.followPages.load(key);
      return sliceTokenPage(scope, request, page.items, page.nextCursor, (item) => ({
        node: { id: item.To_Account },
        at: item.FollowTime,
      }));
    }),
  };
}
