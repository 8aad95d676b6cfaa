/**
 * The follow lists of a user (followers, following, mutuals) as Relay connections: `totalCount` from
 * the batched counts (follow_get_info), the page from one follow_get read only when edges, nodes or
 * pageInfo are selected.
 */
import { type FollowCounts, LOADER_COSTS } from '../../loaders/index.js';
import { type FollowListType, LIMITS } from '../../tencent/wire.js';
import { connectionArgs, connectionType } from '../connections/connection.js';
import {
  type ConnectionArgs,
  type ConnectionSource,
  lazy,
  readPageArgs,
  sliceTokenPage,
  upstreamPageSize,
} from '../connections/paging.js';
import type { GraphQLContext } from '../context.js';
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

/** A follow list of `user`; nothing is read until a connection field asks. */
export function followList(
  user: UserShape,
  type: FollowListType,
  list: keyof FollowCounts,
  args: ConnectionArgs,
  ctx: GraphQLContext,
): ConnectionSource<UserShape> {
  const scope = { list, owner: user.id, key: ctx.settings.cursorKey };
  const request = readPageArgs(args, scope, ctx.settings);
  return {
    totalCount: lazy(async () => (await ctx.loaders.counts.load(user.id))[list]),
    page: lazy(async () => {
      const page = await ctx.loaders.followPages.load({
        user: user.id,
        type,
        cursor: request.start.token,
        wantNum: upstreamPageSize(request, LIMITS.followGetWantNumMax),
      });
      return sliceTokenPage(scope, request, page.items, page.nextCursor, (item) => ({
        node: { id: item.To_Account },
        at: item.FollowTime,
      }));
    }),
  };
}
