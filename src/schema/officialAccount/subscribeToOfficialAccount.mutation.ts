/** `subscribeToOfficialAccount`: add_subscriber for the viewer (or, for admins, any users). */
import type { SubscriberWriteOutcome } from '../../tencent/api.js';
import { ErrorCodes, LIMITS } from '../../tencent/wire.js';
import { builder } from '../builder.js';
import { upstreamCost } from '../cost/upstreamCost.js';
import { OfficialAccountRef, UserRef } from '../refs.js';
import { authError } from '../writes/auth.js';
import { type ItemResult, itemResultType, resultListFields } from '../writes/itemResult.js';
import { readBackSubscriptions } from '../writes/readBack.js';
import { chunkFailure, readBackFields, runBatchWrite, type Settled } from '../writes/runBatchWrite.js';
import {
  diagnoseFailures,
  readSubscriptionInput,
  subscriptionScopes,
  subscriptionWriteCost,
  type ZeroCause,
} from './subscriberWrite.js';

const SubscribeStatus = builder.enumType('SubscribeStatus', {
  description: 'Outcome of subscribing one user to an official account.',
  values: {
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
        'upstream call this id was part of, and lost answers whose state, read back, shows no subscription.',
    },
    UNKNOWN: {
      description:
        "Upstream's answer was lost (a timeout, a cut connection) and reading the state back failed " +
        'too: the user may or may not be subscribed. Read the subscriptions before retrying. Only ' +
        'reported when the read-back is impossible within the request deadline.',
    },
  } as const,
});
type SubscribeStatus = typeof SubscribeStatus.$inferType;

const SubscribeResult = itemResultType(
  'SubscribeResult',
  'The outcome of subscribing one user to an official account.',
  SubscribeStatus,
);

const FULL_MESSAGE = 'The official account has reached its maximum number of subscribers.';

/** `cause`: what the diagnosis found out about an upstream Result 0 ("failed", no reason given). */
export function subscribeItem(
  userId: string,
  outcome: Settled<SubscriberWriteOutcome> | undefined,
  cause: ZeroCause | undefined,
): ItemResult<SubscribeStatus> {
  const item = { typeName: 'SubscribeResult', userId, tencentCode: null, exists: true } as const;
  const readBack = readBackFields(outcome, 'SUBSCRIBED');
  if (readBack) return { ...item, ...readBack };
  const error = outcome?.error;
  if (error?.kind === 'api' && error.code === ErrorCodes.OaSubscriberLimit) {
    const tencentCode = error.code;
    return { ...item, status: 'SUBSCRIBER_LIMIT_REACHED', ok: false, message: FULL_MESSAGE, tencentCode };
  }
  if (error) return { ...item, status: 'FAILED', ok: false, ...chunkFailure(error) };
  if (outcome?.result === 1) return { ...item, status: 'SUBSCRIBED', ok: true, message: null };
  if (outcome?.result === 2) return { ...item, status: 'ALREADY_SUBSCRIBED', ok: true, message: null };
  if (cause === 'USER_NOT_FOUND') {
    const message = 'No account with this id exists.';
    return { ...item, status: 'USER_NOT_FOUND', ok: false, message, exists: false };
  }
  if (cause === 'ACCOUNT_FULL') {
    return { ...item, status: 'SUBSCRIBER_LIMIT_REACHED', ok: false, message: FULL_MESSAGE };
  }
  const message = 'Tencent Cloud Chat did not subscribe this user (add_subscriber Result 0).';
  return { ...item, status: 'FAILED', ok: false, message };
}

interface SubscribePayloadShape {
  officialAccountId: string;
  viewerId: string;
  results: ItemResult<SubscribeStatus>[];
}

const SubscribeToOfficialAccountPayload = builder
  .objectRef<SubscribePayloadShape>('SubscribeToOfficialAccountPayload')
  .implement({
    description: 'Result of `subscribeToOfficialAccount`.',
    fields: (t) => ({
      officialAccount: t.field({
        type: OfficialAccountRef,
        nullable: true,
        description:
          'The official account; `subscriberCount` here is read after the write. Null (with an error ' +
          'entry) only when a read below it failed; `results` stand regardless.',
        extensions: upstreamCost(),
        resolve: (payload) => ({ id: payload.officialAccountId }),
      }),
      viewer: t.field({
        type: UserRef,
        nullable: true,
        description:
          'The signed-in user who made the request. Null (with an error entry) only when a read below it ' +
          'failed; `results` stand regardless.',
        extensions: upstreamCost(),
        resolve: (payload) => ({ id: payload.viewerId }),
      }),
      ...resultListFields(t, SubscribeResult),
    }),
  });

const SubscribeToOfficialAccountInput = builder.inputType('SubscribeToOfficialAccountInput', {
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

builder.mutationField('subscribeToOfficialAccount', (t) =>
  t.field({
    type: SubscribeToOfficialAccountPayload,
    nullable: true,
    description:
      'Subscribes the viewer (or, for admins, `userIds`) to an official account: add_subscriber, 100 ids ' +
      'per upstream call. Fails with NOT_FOUND when the official account does not exist.',
    args: {
      input: t.arg({
        type: SubscribeToOfficialAccountInput,
        required: true,
        description: 'Account and subscribers.',
      }),
    },
    extensions: upstreamCost({
      load: subscriptionWriteCost(
        {
          command: 'official_account_open_http_svc/add_subscriber',
          chunksOf: 'input.userIds',
          batch: LIMITS.addSubscriberMax,
        },
        true,
      ),
      returns: { payloadOf: 'input.userIds' },
    }),
    authScopes: (_root, { input }, ctx) => subscriptionScopes(input, ctx),
    unauthorizedError: (_root, _args, ctx) =>
      authError(
        ctx,
        'Sign in to subscribe to official accounts.',
        'Subscribing users other than yourself requires the admin role.',
      ),
    resolve: async (_root, { input }, ctx) => {
      const target = readSubscriptionInput(input, ctx);
      const outcomes = await runBatchWrite(ctx, {
        ids: target.ids,
        send: (part) => ctx.api.addSubscriber(target.accountId, part),
        touches: { users: target.ids, officialAccount: target.accountId },
        notFoundMessage: `Official account ${target.accountId} does not exist.`,
        readBack: (lost) => readBackSubscriptions(ctx, target.accountId, lost),
      });
      const causes = await diagnoseFailures(target, outcomes, ctx, true);
      return {
        officialAccountId: target.accountId,
        viewerId: target.viewer,
        results: target.ids.map((id) => subscribeItem(id, outcomes.get(id), causes.get(id))),
      };
    },
  }),
);
