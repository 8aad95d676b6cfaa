/**
 * Factory for the official-account subscription writes (`subscribeToOfficialAccount`,
 * `unsubscribeFromOfficialAccount`): the viewer, or for admins any `userIds`, one item per distinct id.
 */
import type { ChatApi, SubscriberWriteOutcome } from '../../tencent/api.js';
import { ErrorCodes } from '../../tencent/wire.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { OfficialAccountRef, UserRef } from '../refs.js';
import { defineItemResult, failedStatus, resultListFields } from './itemResult.js';
import { chunkFailure, type ItemResult, type ItemTypePrefix } from './results.js';
import {
  diagnoseFailures,
  runSubscriptionWrite,
  type SubscriptionInput,
  subscriptionScopes,
  type ZeroCause,
} from './subscribers.js';
import { capitalize, defineWriteMutationField } from './writeMutationField.js';

interface StatusEntry {
  status: string;
  description: string;
}

export interface SubscriptionWriteDefinition {
  /** Mutation field; capitalised, it names the `…Payload` and `…Input` types. */
  field: string;
  typePrefix: ItemTypePrefix;
  /** Fill in the descriptions and auth messages: "subscribe", "subscribing", "subscribed", "to". */
  verb: string;
  gerund: string;
  participle: string;
  preposition: string;
  /** Upstream API name, for the field description. */
  upstream: string;
  /** Upstream Result 1: the write was applied. */
  succeeded: StatusEntry;
  /** Upstream Result 2: already in the requested state. */
  unchanged: StatusEntry;
  /**
   * For writes a full account can refuse: the status for Tencent 130006 and for Result 0 while the
   * account is at MaxSubscriberNum (checking that costs one extra read, so only when given).
   */
  accountFull?: StatusEntry & { message: string };
  /** Message of upstream Result 0 when no cause was found. */
  failedMessage: string;
  send: (api: ChatApi, accountId: string, userIds: string[]) => Promise<SubscriberWriteOutcome[]>;
}

interface SubscriptionWritePayload {
  officialAccountId: string;
  viewerId: string;
  results: ItemResult[];
}

export function defineSubscriptionWriteMutation(def: SubscriptionWriteDefinition): void {
  const { field, verb, preposition, accountFull } = def;
  const typeName = `${def.typePrefix}Result` as const;
  const outcome = `${def.gerund} one user ${preposition} an official account`;
  // Enum values in this order (introspection lists them so).
  const ResultRef = defineItemResult(def.typePrefix, outcome, {
    [def.succeeded.status]: { description: def.succeeded.description },
    [def.unchanged.status]: { description: def.unchanged.description },
    ...(accountFull && { [accountFull.status]: { description: accountFull.description } }),
    USER_NOT_FOUND: { description: 'No account with this id exists.' },
    FAILED: failedStatus(def.participle),
  });

  const PayloadRef = builder.objectRef<SubscriptionWritePayload>(`${capitalize(field)}Payload`).implement({
    description: `Result of \`${field}\`.`,
    fields: (t) => ({
      officialAccount: t.field({
        type: OfficialAccountRef,
        nullable: true,
        description:
          'The official account; `subscriberCount` here is read after the write. Null (with an error ' +
          'entry) only when a read below it failed; `results` stand regardless.',
        resolve: (payload) => ({ id: payload.officialAccountId }),
      }),
      viewer: t.field({
        type: UserRef,
        nullable: true,
        description:
          'The signed-in user who made the request. Null (with an error entry) only when a read below it ' +
          'failed; `results` stand regardless.',
        resolve: (payload) => ({ id: payload.viewerId }),
      }),
      ...resultListFields(t, ResultRef),
    }),
  });

  const InputRef = builder.inputType(`${capitalize(field)}Input`, {
    description: `Which official account, and who ${verb}s.`,
    fields: (t) => ({
      officialAccountId: t.id({ required: true, description: 'Official account id, e.g. `@TOA#_news`.' }),
      userIds: t.idList({
        required: false,
        description:
          `Chat UserIDs to ${verb}; default: the viewer. Anyone but yourself needs the admin role. ` +
          'Duplicates are ignored; at most 1000 by default, split into upstream calls of 100.',
      }),
    }),
  });

  /** Upstream Result 0 says only "failed"; `cause` is what diagnoseFailures found out. */
  function resultZero(cause: ZeroCause | undefined): Pick<ItemResult, 'status' | 'message' | 'exists'> {
    if (cause === 'USER_NOT_FOUND') {
      return { status: 'USER_NOT_FOUND', message: 'No account with this id exists.', exists: false };
    }
    if (cause === 'ACCOUNT_FULL' && accountFull) {
      return { status: accountFull.status, message: accountFull.message, exists: true };
    }
    return { status: 'FAILED', message: def.failedMessage, exists: true };
  }

  function toItem(
    userId: string,
    outcome: SubscriberWriteOutcome | undefined,
    cause?: ZeroCause,
  ): ItemResult {
    const base = { typeName, userId, tencentCode: null };
    const error = outcome?.error;
    if (error) {
      if (accountFull && error.kind === 'api' && error.code === ErrorCodes.OaSubscriberLimit) {
        const { status, message } = accountFull;
        return { ...base, status, ok: false, message, tencentCode: error.code, exists: true };
      }
      return { ...base, status: 'FAILED', ok: false, exists: true, ...chunkFailure(error) };
    }
    if (outcome?.result === 1)
      return { ...base, status: def.succeeded.status, ok: true, message: null, exists: true };
    if (outcome?.result === 2)
      return { ...base, status: def.unchanged.status, ok: true, message: null, exists: true };
    return { ...base, ...resultZero(cause), ok: false };
  }

  async function resolve(input: SubscriptionInput, ctx: GraphQLContext): Promise<SubscriptionWritePayload> {
    const write = await runSubscriptionWrite(input, ctx, (id, users) => def.send(ctx.api, id, users));
    const causes = await diagnoseFailures(write, ctx, accountFull !== undefined);
    const results = write.ids.map((id) => toItem(id, write.outcomes.get(id), causes.get(id)));
    return { officialAccountId: write.accountId, viewerId: write.viewer, results };
  }

  defineWriteMutationField(field, {
    payload: PayloadRef,
    input: InputRef,
    description:
      `${capitalize(verb)}s the viewer (or, for admins, \`userIds\`) ${preposition} an official account: ` +
      `${def.upstream}, 100 ids per upstream call. Fails with NOT_FOUND when the official account does ` +
      'not exist.',
    inputDescription: 'Account and subscribers.',
    scopes: subscriptionScopes,
    signInMessage: `Sign in to ${verb} ${preposition} official accounts.`,
    adminMessage: `${capitalize(def.gerund)} users other than yourself requires the admin role.`,
    resolve,
  });
}
