/** `subscribeToOfficialAccount`: add_subscriber for the viewer (or, for admins, any users). */
import { ErrorCodes } from '../../tencent/wire.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { OfficialAccountRef, UserRef } from '../refs.js';
import { authError, chunkFailure, countFields, type ItemResult, MutationItemResultRef } from './results.js';
import {
  diagnoseFailures,
  runSubscriptionWrite,
  type SubscriptionInput,
  subscriptionScopes,
  type ZeroCause,
} from './subscribers.js';

const SUBSCRIBE_STATUSES = {
  SUBSCRIBED: { description: 'The user is subscribed now (add_subscriber Result 1).' },
  ALREADY_SUBSCRIBED: {
    description: 'The user was subscribed already; nothing changed (Result 2). Counts as ok.',
  },
  SUBSCRIBER_LIMIT_REACHED: {
    description:
      'The official account has its maximum number of subscribers (MaxSubscriberNum; Tencent 130006 ' +
      'when the account was full before the call).',
  },
  USER_NOT_FOUND: { description: 'No account with this id exists.' },
  FAILED: {
    description:
      'Not subscribed for another reason (see `tencentCode` and `message`); includes failures of the ' +
      'upstream call this id was part of.',
  },
} as const;

export type SubscribeStatus = keyof typeof SUBSCRIBE_STATUSES;

const SubscribeStatusEnum = builder.enumType('SubscribeStatus', {
  description: 'Outcome of subscribing one user to an official account.',
  values: SUBSCRIBE_STATUSES,
});

type SubscribeItem = ItemResult<SubscribeStatus>;

const SubscribeResultRef = builder.objectRef<SubscribeItem>('SubscribeResult').implement({
  description: 'The outcome of subscribing one user to an official account.',
  interfaces: [MutationItemResultRef],
  isTypeOf: (item) => (item as ItemResult).typeName === 'SubscribeResult',
  fields: (t) => ({
    status: t.field({
      type: SubscribeStatusEnum,
      description: 'What happened.',
      resolve: (item) => item.status,
    }),
  }),
});

export interface SubscriptionPayloadShape<I extends ItemResult> {
  officialAccountId: string;
  viewerId: string;
  results: I[];
}

const SubscribePayloadRef = builder
  .objectRef<SubscriptionPayloadShape<SubscribeItem>>('SubscribeToOfficialAccountPayload')
  .implement({
    description: 'Result of `subscribeToOfficialAccount`.',
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
        type: [SubscribeResultRef],
        description: 'One item per distinct requested id, in first-occurrence order.',
        resolve: (payload) => payload.results,
      }),
      ...countFields(t),
    }),
  });

const SubscribeInput = builder.inputType('SubscribeToOfficialAccountInput', {
  description: 'Which official account, and who subscribes.',
  fields: (t) => ({
    officialAccountId: t.id({ required: true, description: 'Official account id, e.g. `@TOA#_news`.' }),
    userIds: t.idList({
      required: false,
      description:
        'Chat UserIDs to subscribe; default: the viewer. Anyone but yourself needs the admin role. ' +
        'Duplicates are ignored; at most 1000 by default, split into upstream calls of 100.',
    }),
  }),
});

const ZERO_ITEMS: Record<ZeroCause, Pick<SubscribeItem, 'status' | 'message' | 'exists'>> = {
  USER_NOT_FOUND: { status: 'USER_NOT_FOUND', message: 'No account with this id exists.', exists: false },
  ACCOUNT_FULL: {
    status: 'SUBSCRIBER_LIMIT_REACHED',
    message: 'The official account has reached its maximum number of subscribers.',
    exists: true,
  },
  UNKNOWN: {
    status: 'FAILED',
    message: 'Tencent Cloud Chat did not subscribe this user (add_subscriber Result 0).',
    exists: true,
  },
};

async function subscribe(
  input: SubscriptionInput,
  ctx: GraphQLContext,
): Promise<SubscriptionPayloadShape<SubscribeItem>> {
  const write = await runSubscriptionWrite(input, ctx, (id, users) => ctx.api.addSubscriber(id, users));
  const causes = await diagnoseFailures(write, ctx, true);
  const results = write.ids.map((userId): SubscribeItem => {
    const base = { typeName: 'SubscribeResult' as const, userId, tencentCode: null };
    const outcome = write.outcomes.get(userId);
    if (outcome?.error) {
      if (outcome.error.kind === 'api' && outcome.error.code === ErrorCodes.OaSubscriberLimit) {
        return { ...base, ...ZERO_ITEMS.ACCOUNT_FULL, ok: false, tencentCode: outcome.error.code };
      }
      return { ...base, status: 'FAILED', ok: false, exists: true, ...chunkFailure(outcome.error) };
    }
    if (outcome?.result === 1)
      return { ...base, status: 'SUBSCRIBED', ok: true, message: null, exists: true };
    if (outcome?.result === 2) {
      return { ...base, status: 'ALREADY_SUBSCRIBED', ok: true, message: null, exists: true };
    }
    return { ...base, ...ZERO_ITEMS[causes.get(userId) ?? 'UNKNOWN'], ok: false };
  });
  return { officialAccountId: write.accountId, viewerId: write.viewer, results };
}

builder.mutationField('subscribeToOfficialAccount', (t) =>
  t.field({
    type: SubscribePayloadRef,
    nullable: true,
    description:
      'Subscribes the viewer (or, for admins, `userIds`) to an official account: add_subscriber, 100 ids ' +
      'per upstream call. Fails with NOT_FOUND when the official account does not exist.',
    args: {
      input: t.arg({ type: SubscribeInput, required: true, description: 'Account and subscribers.' }),
    },
    authScopes: (_root, args, ctx) => subscriptionScopes(args.input, ctx),
    unauthorizedError: (_root, _args, ctx) =>
      authError(
        ctx,
        'Sign in to subscribe to official accounts.',
        'Subscribing users other than yourself requires the admin role.',
      ),
    resolve: (_root, { input }, ctx) => subscribe(input, ctx),
  }),
);
