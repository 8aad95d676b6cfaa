/** `followEvents`: each follow or unfollow where a user (default: the viewer) is either side. */
import type { FollowEvent } from '../../events/events.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { upstreamCost } from '../cost/upstreamCost.js';
import { UserRef } from '../refs.js';
import { liveEvents } from '../subscriptions/liveEvents.js';
import { assertValidId } from '../validation.js';
import { authError, viewerId } from '../writes/auth.js';

const FollowEventKind = builder.enumType('FollowEventKind', {
  description: 'What happened between two users.',
  values: {
    FOLLOWED: { description: '`follower` started following `followee`.' },
    UNFOLLOWED: { description: '`follower` stopped following `followee`.' },
  } as const,
});

const FollowEventRef = builder.objectRef<FollowEvent>('FollowEvent').implement({
  description: 'A follow or unfollow, from a Tencent callback or from a write made through this API.',
  fields: (t) => ({
    kind: t.field({
      type: FollowEventKind,
      description: 'Followed or unfollowed.',
      extensions: upstreamCost(),
      resolve: (event) => event.change,
    }),
    follower: t.field({
      type: UserRef,
      description: 'The user who followed or unfollowed (fields read after the event).',
      extensions: upstreamCost({ returns: 'one' }),
      resolve: (event) => ({ id: event.follower }),
    }),
    followee: t.field({
      type: UserRef,
      description: 'The user who was followed or unfollowed (fields read after the event).',
      extensions: upstreamCost({ returns: 'one' }),
      resolve: (event) => ({ id: event.followee }),
    }),
    at: t.field({
      type: 'DateTime',
      description: "When it happened (Tencent's event time for changes reported by callback).",
      extensions: upstreamCost(),
      resolve: (event) => new Date(event.at),
    }),
  }),
});

/** Your own events: signed in. Anyone's: admin, unless PUBLIC_EVENT_SUBSCRIPTIONS. */
function whoseEvents(userId: string | number | null | undefined, ctx: GraphQLContext) {
  if (userId === null || userId === undefined || String(userId) === ctx.viewer?.id) return { loggedIn: true };
  return ctx.settings.publicEventSubscriptions ? true : { admin: true };
}

builder.subscriptionField('followEvents', (t) =>
  t.field({
    type: FollowEventRef,
    description:
      'Each follow or unfollow where the user (default: the viewer) is either side, as it happens. ' +
      'Anyone but yourself needs the admin role unless the server allows public event subscriptions.',
    args: {
      userId: t.arg.id({
        required: false,
        description: 'Whose follow graph to watch (default: the viewer).',
      }),
    },
    extensions: upstreamCost({ returns: 'one' }),
    authScopes: (_root, { userId }, ctx) => whoseEvents(userId, ctx),
    unauthorizedError: (_root, _args, ctx) =>
      authError(
        ctx,
        'Sign in to follow your follow events.',
        "Following another user's events requires the admin role.",
      ),
    subscribe: (_root, { userId }, ctx) => {
      const user = userId === null || userId === undefined ? viewerId(ctx) : String(userId);
      assertValidId(user, 'userId');
      return liveEvents(
        ctx,
        (event): event is FollowEvent =>
          event.type === 'follow' && (event.follower === user || event.followee === user),
      );
    },
    resolve: (event) => event,
  }),
);
