/** `unsubscribeFromOfficialAccount`: delete_subscriber for the viewer (or, for admins, any users). */
import type { SubscriberWriteOutcome } from '../../tencent/api.js';
import { LIMITS } from '../../tencent/wire.js';
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

const UnsubscribeStatus = builder.enumType('UnsubscribeStatus', {
  description: 'Outcome of unsubscribing one user from an official account.',
  values: {
    UNSUBSCRIBED: {
      description: 'The user was subscribed and is not any more (delete_subscriber Result 1).',
    },
    NOT_SUBSCRIBED: { description: 'The user was not subscribed; nothing changed (Result 2). Counts as ok.' },
    USER_NOT_FOUND: { description: 'No account with this id exists.' },
    FAILED: {
      description:
        'Not unsubscribed for another reason (see `tencentCode` and `message`); includes failures of the ' +
        'upstream call this id was part of, and lost answers whose state, read back, shows the subscription stands.',
    },
    UNKNOWN: {
      description:
        "Upstream's answer was lost (a timeout, a cut connection) and reading the state back failed " +
        'too: the user may or may not still be subscribed. Read the subscriptions before retrying. Only ' +
        'reported when the read-back is impossible within the request deadline.',
    },
  } as const,
});
type UnsubscribeStatus = typeof UnsubscribeStatus.$inferType;

const UnsubscribeResult = itemResultType(
  'UnsubscribeResult',
  'The outcome of unsubscribing one user from an official account.',
  UnsubscribeStatus,
);

/** `cause`: what the diagnosis found out about an upstream Result 0 ("failed", no reason given). */
export function unsubscribeItem(
  userId: string,
  outcome: Settled<SubscriberWriteOutcome> | undefined,
  cause: ZeroCause | undefined,
): ItemResult<UnsubscribeStatus> {
  const item = { typeName: 'UnsubscribeResult', userId, tencentCode: null, exists: true } as const;
  const readBack = readBackFields(outcome, 'UNSUBSCRIBED');
  if (readBack) return { ...item, ...readBack };
  if (outcome?.error) return { ...item, status: 'FAILED', ok: false, ...chunkFailure(outcome.error) };
  if (outcome?.result === 1) return { ...item, status: 'UNSUBSCRIBED', ok: true, message: null };
  if (outcome?.result === 2) return { ...item, status: 'NOT_SUBSCRIBED', ok: true, message: null };
  if (cause === 'USER_NOT_FOUND') {
    const message = 'No account with this id exists.';
    return { ...item, status: 'USER_NOT_FOUND', ok: false, message, exists: false };
  }
  const message = 'Tencent Cloud Chat did not unsubscribe this user (delete_subscriber Result 0).';
  return { ...item, status: 'FAILED', ok: false, message };
}

interface UnsubscribePayloadShape {
  officialAccountId: string;
  viewerId: string;
  results: ItemResult<UnsubscribeStatus>[];
}

const UnsubscribeFromOfficialAccountPayload = builder
  .objectRef<UnsubscribePayloadShape>('UnsubscribeFromOfficialAccountPayload')
  .implement({
    description: 'Result of `unsubscribeFromOfficialAccount`.',
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
      ...resultListFields(t, UnsubscribeResult),
    }),
  });

const UnsubscribeFromOfficialAccountInput = builder.inputType('UnsubscribeFromOfficialAccountInput', {
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

builder.mutationField('unsubscribeFromOfficialAccount', (t) =>
  t.field({
    type: UnsubscribeFromOfficialAccountPayload,
    nullable: true,
    description:
      'Unsubscribes the viewer (or, for admins, `userIds`) from an official account: delete_subscriber, ' +
      '100 ids per upstream call. Fails with NOT_FOUND when the official account does not exist.',
    args: {
      input: t.arg({
        type: UnsubscribeFromOfficialAccountInput,
        required: true,
        description: 'Account and subscribers.',
      }),
    },
    extensions: upstreamCost({
      load: subscriptionWriteCost(
        {
          command: 'official_account_open_http_svc/delete_subscriber',
          chunksOf: 'input.userIds',
          batch: LIMITS.deleteSubscriberMax,
        },
        false,
      ),
      returns: { payloadOf: 'input.userIds' },
    }),
    authScopes: (_root, { input }, ctx) => subscriptionScopes(input, ctx),
    unauthorizedError: (_root, _args, ctx) =>
      authError(
        ctx,
        'Sign in to unsubscribe from official accounts.',
        'Unsubscribing users other than yourself requires the admin role.',
      ),
    resolve: async (_root, { input }, ctx) => {
      const target = readSubscriptionInput(input, ctx);
      const outcomes = await runBatchWrite(ctx, {
        ids: target.ids,
        send: (part) => ctx.api.deleteSubscriber(target.accountId, part),
        touches: { users: target.ids, officialAccount: target.accountId },
        notFoundMessage: `Official account ${target.accountId} does not exist.`,
        // The end state of an unsubscribe is "not subscribed".
        readBack: async (lost) =>
          new Map(
            [...(await readBackSubscriptions(ctx, target.accountId, lost))].map(([id, on]) => [id, !on]),
          ),
      });
      const causes = await diagnoseFailures(target, outcomes, ctx, false);
      return {
        officialAccountId: target.accountId,
        viewerId: target.viewer,
        results: target.ids.map((id) => unsubscribeItem(id, outcomes.get(id), causes.get(id))),
      };
    },
  }),
);
