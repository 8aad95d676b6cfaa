/** `officialAccountEvents`: subscribers added and removed, the account full, changed or destroyed. */
import type { OfficialAccountEvent, SubscriptionEvent } from '../../events/events.js';
import { builder } from '../builder.js';
import { upstreamCost } from '../cost/upstreamCost.js';
import { OfficialAccountRef, UserRef } from '../refs.js';
import { liveEvents } from '../subscriptions/liveEvents.js';
import { assertValidId } from '../validation.js';
import { authError } from '../writes/auth.js';

type AccountEvent = OfficialAccountEvent | SubscriptionEvent;

const OfficialAccountEventKind = builder.enumType('OfficialAccountEventKind', {
  description: 'What happened to an official account.',
  values: {
    SUBSCRIBER_ADDED: { description: '`user` subscribed.' },
    SUBSCRIBER_REMOVED: { description: '`user` unsubscribed (or was unsubscribed).' },
    FULL: { description: 'The account reached its maximum number of subscribers.' },
    INFO_CHANGED: { description: 'Its name, introduction or other base info changed.' },
    DESTROYED: { description: 'The account was destroyed; no more events follow for it.' },
  } as const,
});

function kindOf(event: AccountEvent): typeof OfficialAccountEventKind.$inferType {
  if (event.type === 'subscription')
    return event.change === 'SUBSCRIBED' ? 'SUBSCRIBER_ADDED' : 'SUBSCRIBER_REMOVED';
  return event.change === 'CREATED' ? 'INFO_CHANGED' : event.change;
}

const OfficialAccountEventRef = builder.objectRef<AccountEvent>('OfficialAccountEvent').implement({
  description: 'A change of an official account or of its subscribers.',
  fields: (t) => ({
    kind: t.field({
      type: OfficialAccountEventKind,
      description: 'What happened.',
      extensions: upstreamCost(),
      resolve: kindOf,
    }),
    officialAccountId: t.id({
      description: 'The official account.',
      extensions: upstreamCost(),
      resolve: (event) => event.officialAccount,
    }),
    officialAccount: t.field({
      type: OfficialAccountRef,
      nullable: true,
      description: 'The official account as it is after the event; null once it is destroyed.',
      extensions: upstreamCost({ returns: 'one' }),
      resolve: (event) =>
        event.type === 'officialAccount' && event.change === 'DESTROYED'
          ? null
          : { id: event.officialAccount },
    }),
    user: t.field({
      type: UserRef,
      nullable: true,
      description: 'The subscriber added or removed; null for other kinds.',
      extensions: upstreamCost({ returns: 'one' }),
      resolve: (event) => (event.type === 'subscription' ? { id: event.user } : null),
    }),
    at: t.field({
      type: 'DateTime',
      description: "When it happened (Tencent's event time for changes reported by callback).",
      extensions: upstreamCost(),
      resolve: (event) => new Date(event.at),
    }),
  }),
});

builder.subscriptionField('officialAccountEvents', (t) =>
  t.field({
    type: OfficialAccountEventRef,
    description:
      'Changes of an official account as they happen: subscribers added and removed, full, info changed, ' +
      'destroyed. Needs the admin role unless the server allows public event subscriptions.',
    args: {
      officialAccountId: t.arg.id({ required: true, description: 'Official account id, e.g. `@TOA#_news`.' }),
    },
    extensions: upstreamCost({ returns: 'one' }),
    authScopes: (_root, _args, ctx) => (ctx.settings.publicEventSubscriptions ? true : { admin: true }),
    unauthorizedError: (_root, _args, ctx) =>
      authError(
        ctx,
        'Sign in to follow official-account events.',
        'Official-account events require the admin role.',
      ),
    subscribe: (_root, { officialAccountId }, ctx) => {
      const account = String(officialAccountId);
      assertValidId(account, 'officialAccountId');
      return liveEvents(
        ctx,
        (event): event is AccountEvent =>
          (event.type === 'subscription' ||
            (event.type === 'officialAccount' && event.change !== 'CREATED')) &&
          event.officialAccount === account,
      );
    },
    resolve: (event) => event,
  }),
);
