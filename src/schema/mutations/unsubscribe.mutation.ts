/** `unsubscribeFromOfficialAccount`: delete_subscriber for the viewer (or, for admins, any users). */
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { OfficialAccountRef, UserRef } from '../refs.js';
import { authError, chunkFailure, countFields, type ItemResult, MutationItemResultRef } from './results.js';
import type { SubscriptionPayloadShape } from './subscribe.mutation.js';
import {
  diagnoseFailures,
  runSubscriptionWrite,
  type SubscriptionInput,
  subscriptionScopes,
} from './subscribers.js';

const UNSUBSCRIBE_STATUSES = {
  UNSUBSCRIBED: { description: 'The user was subscribed and is not any more (delete_subscriber Result 1).' },
  NOT_SUBSCRIBED: {
    description: 'The user was not subscribed; nothing changed (Result 2). Counts as ok.',
  },
  USER_NOT_FOUND: { description: 'No account with this id exists.' },
  FAILED: {
    description:
      'Not unsubscribed for another reason (see `tencentCode` and `message`); includes failures of the ' +
      'upstream call this id was part of.',
  },
} as const;

export type UnsubscribeStatus = keyof typeof UNSUBSCRIBE_STATUSES;

const UnsubscribeStatusEnum = builder.enumType('UnsubscribeStatus', {
  description: 'Outcome of unsubscribing one user from an official account.',
  values: UNSUBSCRIBE_STATUSES,
});

type UnsubscribeItem = ItemResult<UnsubscribeStatus>;

const UnsubscribeResultRef = builder.objectRef<UnsubscribeItem>('UnsubscribeResult').implement({
  description: 'The outcome of unsubscribing one user from an official account.',
  interfaces: [MutationItemResultRef],
  isTypeOf: (item) => (item as ItemResult).typeName === 'UnsubscribeResult',
  fields: (t) => ({
    status: t.field({
      type: UnsubscribeStatusEnum,
      description: 'What happened.',
      resolve: (item) => item.status,
    }),
  }),
});

const UnsubscribePayloadRef = builder
  .objectRef<SubscriptionPayloadShape<UnsubscribeItem>>('UnsubscribeFromOfficialAccountPayload')
  .implement({
    description: 'Result of `unsubscribeFromOfficialAccount`.',
    fields: (t) => ({
      officialAccount: t.field({
        type: OfficialAccountRef,
        description: 'The official account; `subscriberCount` here is read after the write.',
        resolve: (payload) => ({ id: payload.officialAccountId }),
      }),
      viewer: t.field({
        type: UserRef,
        description: 'The signed-in user who made the request.',
        resolve: (payload) => ({ id: payload.viewerId }),
      }),
      results: t.field({
        type: [UnsubscribeResultRef],
        description: 'One item per distinct requested id, in first-occurrence order.',
        resolve: (payload) => payload.results,
      }),
      ...countFields(t),
    }),
  });

const UnsubscribeInput = builder.inputType('UnsubscribeFromOfficialAccountInput', {
  description: 'Which official account, and who unsubscribes.',
  fields: (t) => ({
    officialAccountId: t.id({ required: true, description: 'Official account id, e.g. `@TOA#_news`.' }),
    userIds: t.idList({
      required: false,
      description:
        'Chat UserIDs to unsubscribe; default: the viewer. Anyone but yourself needs the admin role. ' +
        'Duplicates are ignored; at most 1000 by default, split into upstream calls of 100.',
    }),
  }),
});

async function unsubscribe(
  input: SubscriptionInput,
  ctx: GraphQLContext,
): Promise<SubscriptionPayloadShape<UnsubscribeItem>> {
  const write = await runSubscriptionWrite(input, ctx, (id, users) => ctx.api.deleteSubscriber(id, users));
  const causes = await diagnoseFailures(write, ctx, false);
  const results = write.ids.map((userId): UnsubscribeItem => {
    const base = { typeName: 'UnsubscribeResult' as const, userId, tencentCode: null };
    const outcome = write.outcomes.get(userId);
    if (outcome?.error)
      return { ...base, status: 'FAILED', ok: false, exists: true, ...chunkFailure(outcome.error) };
    if (outcome?.result === 1)
      return { ...base, status: 'UNSUBSCRIBED', ok: true, message: null, exists: true };
    if (outcome?.result === 2)
      return { ...base, status: 'NOT_SUBSCRIBED', ok: true, message: null, exists: true };
    if (causes.get(userId) === 'USER_NOT_FOUND') {
      return {
        ...base,
        status: 'USER_NOT_FOUND',
        ok: false,
        message: 'No account with this id exists.',
        exists: false,
      };
    }
    return {
      ...base,
      status: 'FAILED',
      ok: false,
      message: 'Tencent Cloud Chat did not unsubscribe this user (delete_subscriber Result 0).',
      exists: true,
    };
  });
  return { officialAccountId: write.accountId, viewerId: write.viewer, results };
}

builder.mutationField('unsubscribeFromOfficialAccount', (t) =>
  t.field({
    type: UnsubscribePayloadRef,
    nullable: true,
    description:
      'Unsubscribes the viewer (or, for admins, `userIds`) from an official account: delete_subscriber, ' +
      '100 ids per upstream call. Fails with NOT_FOUND when the official account does not exist.',
    args: {
      input: t.arg({ type: UnsubscribeInput, required: true, description: 'Account and subscribers.' }),
    },
    authScopes: (_root, args, ctx) => subscriptionScopes(args.input, ctx),
    unauthorizedError: (_root, _args, ctx) =>
      authError(
        ctx,
        'Sign in to unsubscribe from official accounts.',
        'Unsubscribing users other than yourself requires the admin role.',
      ),
    resolve: (_root, { input }, ctx) => unsubscribe(input, ctx),
  }),
);
