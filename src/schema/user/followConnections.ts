import type { FollowCounts } from '../../loaders/index.js';
import { FollowListType, LIMITS } from '../../tencent/wire.js';
import { builder } from '../builder.js';
import { connectionArgs, connectionType } from '../connection.js';
import type { GraphQLContext } from '../context.js';
import {
  type ConnectionArgs,
  type ConnectionSource,
  lazy,
  readPageArgs,
  sliceTokenPage,
  upstreamPageSize,
} from '../paging.js';
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
});

/** A follow list: the page is read (follow_get) only if edges, nodes or pageInfo are selected. */
function followList(
  user: UserShape,
  type: FollowListType,
  list: keyof FollowCounts,
  args: ConnectionArgs,
  ctx: GraphQLContext,
): ConnectionSource<UserShape> {
  const scope = { list, owner: user.id };
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

builder.objectFields(UserRef, (t) => ({
  followers: t.field({
    type: UserConnection,
    description: 'Users who follow this user.',
    args: connectionArgs(t.arg),
    resolve: (user, args, ctx) => followList(user, FollowListType.Fans, 'followers', args, ctx),
  }),
  following: t.field({
    type: UserConnection,
    description: 'Users this user follows.',
    args: connectionArgs(t.arg),
    resolve: (user, args, ctx) => followList(user, FollowListType.Follows, 'following', args, ctx),
  }),
  mutuals: t.field({
    type: UserConnection,
    description: 'Users who follow this user and whom this user follows.',
    args: connectionArgs(t.arg),
    resolve: (user, args, ctx) => followList(user, FollowListType.Mutual, 'mutuals', args, ctx),
  }),
}));
