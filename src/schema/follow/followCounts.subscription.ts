/**
 * `followCounts`: a user's follower / following / mutual counts, now and whenever they change. A burst
 * of follows (a popular user) is coalesced: at most one message per SUBSCRIPTION_COUNTS_INTERVAL_MS, read
 * after the burst, and only when the counts differ from the last message.
 */
import type { DomainEvent, FollowEvent } from '../../events/events.js';
import type { FollowCounts } from '../../loaders/index.js';
import { LOADER_COSTS } from '../../loaders/index.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { upstreamCost } from '../cost/upstreamCost.js';
import { toClientError } from '../errors.js';
import { liveEvents, waitOrEnd } from '../subscriptions/liveEvents.js';
import { assertValidId } from '../validation.js';

interface CountsMessage extends FollowCounts {
  userId: string;
}

const FollowCountsRef = builder.objectRef<CountsMessage>('FollowCounts').implement({
  description: "A user's follow counts at one moment.",
  fields: (t) => ({
    userId: t.exposeID('userId', { description: 'Whose counts these are.' }),
    followers: t.exposeInt('followers', { description: 'Users who follow the user.' }),
    following: t.exposeInt('following', { description: 'Users the user follows.' }),
    mutuals: t.exposeInt('mutuals', { description: 'Users who follow the user and whom the user follows.' }),
  }),
});

const same = (a: FollowCounts | undefined, b: FollowCounts) =>
  a !== undefined && a.followers === b.followers && a.following === b.following && a.mutuals === b.mutuals;

/** The counts now, then after every change (coalesced), until the subscription ends. */
function countsOf(user: string, ctx: GraphQLContext): AsyncIterableIterator<CountsMessage> {
  const changes = liveEvents(
    ctx,
    (event: DomainEvent): event is FollowEvent =>
      event.type === 'follow' && (event.follower === user || event.followee === user),
  );
  let last: FollowCounts | undefined;
  let lastSentAt = Number.NEGATIVE_INFINITY;
  const read = async (): Promise<CountsMessage> => {
    ctx.renewLoaders();
    try {
      return { userId: user, ...(await ctx.loaders.counts.load(user)) };
    } catch (error) {
      throw toClientError(error);
    }
  };
  const iterator: AsyncIterableIterator<CountsMessage> = {
    async next() {
      if (last === undefined) {
        const now = await read();
        last = now;
        lastSentAt = Date.now();
        return { value: now, done: false };
      }
      for (;;) {
        const change = await changes.next();
        if (change.done) return { value: undefined, done: true };
        // Let the rest of a burst arrive; its changes are in the counts read after it.
        const cut = await waitOrEnd(lastSentAt + ctx.settings.countsIntervalMs - Date.now(), changes.ended);
        if (cut) return { value: undefined, done: true };
        changes.drain();
        const now = await read();
        if (same(last, now)) continue;
        last = now;
        lastSentAt = Date.now();
        return { value: now, done: false };
      }
    },
    async return() {
      await changes.return?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

builder.subscriptionField('followCounts', (t) =>
  t.field({
    type: FollowCountsRef,
    description:
      "A user's follower / following / mutual counts: sent at once, then again whenever they change (at " +
      'most one message per configured interval; a burst of changes is one message).',
    args: { userId: t.arg.id({ required: true, description: 'Chat UserID.' }) },
    extensions: upstreamCost({ load: LOADER_COSTS.counts, returns: 'one' }),
    subscribe: (_root, { userId }, ctx) => {
      const user = String(userId);
      assertValidId(user, 'userId');
      return countsOf(user, ctx);
    },
    resolve: (message) => message,
  }),
);
