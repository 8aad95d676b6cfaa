import { FROM_FOLLOWS_TO, LOADER_COSTS, relationKey, TO_FOLLOWS_FROM } from '../../loaders/index.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { upstreamCost } from '../cost/upstreamCost.js';
import { UserProfileRef, UserRef, type UserShape } from '../refs.js';
import { representationId } from '../validation.js';

/**
 * Whether the follow_check bitmask between the viewer (from) and `user` (to) has `bit`; false at once
 * (no promise) when there is no other viewer.
 */
function relationToViewer(user: UserShape, ctx: GraphQLContext, bit: number): boolean | Promise<boolean> {
  if (!ctx.viewer || ctx.viewer.id === user.id) return false;
  return ctx.loaders.relations.load(relationKey(ctx.viewer.id, user.id)).then((mask) => (mask & bit) !== 0);
}

UserRef.implement({
  description: 'A Tencent Cloud Chat user (an imported account), with their profile and follow graph.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The Chat UserID; also the federation key.' }),
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
      extensions: upstreamCost({ load: LOADER_COSTS.relations }),
      resolve: (user, _args, ctx) => relationToViewer(user, ctx, FROM_FOLLOWS_TO),
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
