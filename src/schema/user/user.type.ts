import { FROM_FOLLOWS_TO, LOADER_COSTS, relationKey, TO_FOLLOWS_FROM } from '../../loaders/index.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { upstreamCost } from '../cost/upstreamCost.js';
import { UserProfileRef, UserRef, type UserShape } from '../refs.js';
import { representationId } from '../validation.js';

/**
 * Whether the follow_check bitmask between the viewer (from) and `user` (to) has `bit`; at once (no
 * promise) when there is no other viewer or the answer has arrived already.
 */
function relationToViewer(user: UserShape, ctx: GraphQLContext, bit: number): boolean | Promise<boolean> {
  if (!ctx.viewer || ctx.viewer.id === user.id) return false;
  const key = relationKey(ctx.viewer.id, user.id);
  const settled = ctx.loaders.settled.relations.get(key);
  if (settled instanceof Error) throw settled;
  if (settled !== undefined) return (settled & bit) !== 0;
  return ctx.loaders.relations.load(key).then((mask) => (mask & bit) !== 0);
}

/**
 * Whether the viewer follows `user`: from the viewer's whole following list when the settings say so
 * (at most 5,000, read once and kept by the shared cache for the viewer's next requests, so a feed of
 * cards costs no follow_check per card); else, or when that list cannot be read, by follow_check.
 */
function viewerFollows(user: UserShape, ctx: GraphQLContext): boolean | Promise<boolean> {
  if (!ctx.viewer || ctx.viewer.id === user.id) return false;
  if (!ctx.settings.followingLists) return relationToViewer(user, ctx, FROM_FOLLOWS_TO);
  return ctx.loaders.following
    .load(ctx.viewer.id)
    .catch(() => undefined)
    .then((following) => following?.has(user.id) ?? relationToViewer(user, ctx, FROM_FOLLOWS_TO));
}

UserRef.implement({
  description: 'A Tencent Cloud Chat user (an imported account), with their profile and follow graph.',
  interfaces: [builder.nodeInterfaceRef()],
  fields: (t) => ({
    id: t.exposeID('id', {
      description: 'The Chat UserID; also the federation key and the Node id (Relay refetch).',
    }),
    profile: t.field({
      type: UserProfileRef,
      nullable: true,
      description: "The user's profile; null when the account does not exist.",
      extensions: upstreamCost({ load: LOADER_COSTS.profiles }),
      // Profile data that came with a page is answered at once; otherwise one batched portrait_get.
      resolve: (user, _args, ctx) =>
        ctx.loaders.profileHints.get(user.id) ?? ctx.loaders.profiles.load(user.id),
    }),
    viewerIsFollowing: t.boolean({
      description:
        'True when the viewer follows this user. False without a viewer and for the viewer themself.',
      extensions: upstreamCost({
        load: ({ settings }) => (settings.followingLists ? LOADER_COSTS.following : LOADER_COSTS.relations),
      }),
      resolve: (user, _args, ctx) => viewerFollows(user, ctx),
    }),
    isFollowingViewer: t.boolean({
      description:
        'True when this user follows the viewer. False without a viewer and for the viewer themself.',
      extensions: upstreamCost({ load: LOADER_COSTS.relations }),
      resolve: (user, _args, ctx) => relationToViewer(user, ctx, TO_FOLLOWS_FROM),
    }),
  }),
});

// Other subgraphs reference users by id; resolving a reference costs nothing upstream. A malformed id
// fails only its own entity (async: a rejected promise, not a throw that would fail all of `_entities`).
builder.asEntity(UserRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: async (ref) => ({ id: representationId(ref, 'User') }),
});
