/**
 * `User.knownFollowers`: the user's followers whom the viewer follows ("followed by Alice, Bob and 3
 * others you follow"), newest follow of the viewer first.
 *
 * Built from the viewer's whole following list (follow_get pages of 1,000: at most 5, Tencent's cap),
 * checked against the user with follow_check (From_Account = the user, 100 of the viewer's follows per
 * call; bit 0 of the answer says "follows the user"). The user's own follower count does not matter:
 * a viewer following 250 costs 1 follow_get + 3 follow_check for a user with 10 or 10 million
 * followers. Priced from the viewer's following count, which the server learns before estimating by
 * reading that same list (schema/cost/facts.ts): the estimate is exact, and the read is not extra.
 * With a shared cache, the viewer's list and every checked pair are kept (and kept current by follow
 * events), so asking again costs nothing until one of them changes.
 */
import {
  ItemError,
  LOADER_COSTS,
  relationKey,
  TO_FOLLOWS_FROM,
  wholeListCalls,
} from '../../loaders/index.js';
import type { FollowListEntry } from '../../tencent/api.js';
import { ErrorCodes, FollowListType, LIMITS } from '../../tencent/wire.js';
import { builder } from '../builder.js';
import { connectionArgs, connectionType } from '../connections/connection.js';
import type { ConnectionArgs, ConnectionSource } from '../connections/paging.js';
import type { GraphQLContext } from '../context.js';
import { type Load, upstreamCost } from '../cost/upstreamCost.js';
import { UserRef, type UserShape } from '../refs.js';
import { emptyConnection, readWholeList, wholeListConnection } from './wholeList.js';

export const KnownFollowerConnection = connectionType<UserShape>({
  name: 'KnownFollower',
  node: UserRef,
  description:
    "A page of a user's followers whom the viewer follows, the viewer's newest follow first. " +
    '`totalCount` and every page come from the same read, so they cost nothing beyond `knownFollowers`.',
  edgeDescription: 'One follower of the user whom the viewer follows.',
  nodeDescription: 'The follower (someone the viewer follows).',
  totalCountDescription:
    "How many of the user's followers the viewer follows (the whole list, not this page).",
  timeField: 'viewerFollowedAt',
  timeDescription: 'When the viewer followed this user (the order of the list).',
  timeNullable: false,
  costs: {},
});

/**
 * The calls of knownFollowers for a viewer following `following` users (null: no viewer, nothing;
 * undefined: unknown, Tencent's cap of 5,000): the viewer's list once per operation, and one
 * follow_check per 100 of it for every user asked about.
 */
export function knownFollowersLoads(following: number | null | undefined): Load[] {
  if (following === null) return [];
  const n = following ?? LIMITS.maxFollowingPerUser;
  return [
    { command: LOADER_COSTS.following.command, perOperation: wholeListCalls(n) },
    {
      command: LOADER_COSTS.relations.command,
      perObject: Math.ceil(n / LIMITS.followCheckTargets),
      memo: 'knownFollowers',
    },
  ];
}

/** The viewer's follows (in the viewer's order) who follow `user`. */
async function knownFollowerItems(
  user: string,
  viewer: string,
  ctx: GraphQLContext,
): Promise<FollowListEntry[]> {
  const following = await readWholeList(ctx, viewer, FollowListType.Follows);
  const candidates = following.filter((item) => item.To_Account !== user);
  const masks = await ctx.loaders.relations.loadMany(
    candidates.map((item) => relationKey(user, item.To_Account)),
  );
  return candidates.filter((_item, i) => {
    const mask = masks[i];
    if (mask instanceof Error) {
      // An account that no longer exists follows nobody; any other failure fails the field.
      if (mask instanceof ItemError && mask.code === ErrorCodes.FollowUserNotFound) return false;
      throw mask;
    }
    return ((mask as number) & TO_FOLLOWS_FROM) !== 0;
  });
}

export function knownFollowers(
  user: UserShape,
  args: ConnectionArgs,
  ctx: GraphQLContext,
): ConnectionSource<UserShape> {
  const viewer = ctx.viewer?.id;
  const scope = {
    list: 'knownFollowers' as const,
    owner: user.id,
    variant: viewer ?? '',
    key: ctx.settings.cursorKey,
  };
  if (viewer === undefined) return emptyConnection(scope, args, ctx);
  return wholeListConnection(scope, args, ctx, () => knownFollowerItems(user.id, viewer, ctx));
}

builder.objectField(UserRef, 'knownFollowers', (t) =>
  t.field({
    type: KnownFollowerConnection,
    description:
      'Followers of this user whom the viewer follows ("followed by Alice, Bob and 3 others you ' +
      'follow"), the viewer\'s newest follow first. Empty without a viewer. Costs one follow_get per ' +
      "1,000 of the viewer's follows (once per operation) and one follow_check per 100 of them, however " +
      'many followers this user has.',
    args: connectionArgs(t.arg),
    extensions: upstreamCost({
      returns: 'connection',
      facts: ['viewerFollowing'],
      load: ({ facts }) => knownFollowersLoads(facts.viewerFollowing),
      routerLoads: knownFollowersLoads(undefined),
    }),
    resolve: (user, args, ctx) => knownFollowers(user, args, ctx),
  }),
);
