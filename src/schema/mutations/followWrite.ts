/**
 * Factory for the follow-graph writes (`followUsers`, `unfollowUsers`): the acting user is the viewer or,
 * for admins, `asUserId`. The actor's own id is answered without upstream; the other ids go to one
 * upstream write (chunked by the client) and each distinct id gets one item.
 */
import type { ChatApi, FollowWriteOutcome } from '../../tencent/api.js';
import { ErrorCodes } from '../../tencent/wire.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { UserRef } from '../refs.js';
import { type ActorInput, actorScopes, resolveActor } from './actor.js';
import { defineItemResult, failedStatus, resultListFields } from './itemResult.js';
import {
  chunkFailure,
  clearAfterWrite,
  distinctIds,
  type ItemResult,
  type ItemTypePrefix,
  itemCodeMessage,
  requestWideError,
  toRequestError,
} from './results.js';
import { capitalize, defineWriteMutationField } from './writeMutationField.js';

/** A status for a per-item upstream ResultCode. */
export interface Refusal {
  description: string;
  codes: readonly number[];
  message: string;
}

export interface FollowWriteDefinition {
  /** Mutation field; capitalised, it names the `…Payload` and `…Input` types. */
  field: string;
  typePrefix: ItemTypePrefix;
  /** "follow" / "unfollow": with -s, -ing and -ed it fills in the descriptions and messages. */
  verb: string;
  /** Upstream API name, for the field description. */
  upstream: string;
  /** ResultCode 0. */
  succeeded: { status: string; description: string };
  /** The actor's own id, which is never sent upstream. */
  self: { status: string; message: string };
  /** Per-item codes of this operation beyond 30003 (USER_NOT_FOUND); any other code is FAILED. */
  refusals?: Readonly<Record<string, Refusal>>;
  send: (api: ChatApi, actor: string, targets: string[]) => Promise<FollowWriteOutcome[]>;
}

const USER_NOT_FOUND: Refusal = {
  description: 'No account with this id exists (Tencent 30003).',
  codes: [ErrorCodes.FollowUserNotFound],
  message: 'No account with this id exists.',
};

interface FollowWriteInput extends ActorInput {
  userIds: readonly (string | number)[];
}

interface FollowWritePayload {
  actorId: string;
  results: ItemResult[];
}

export function defineFollowWriteMutation(def: FollowWriteDefinition): void {
  const { field, verb } = def;
  const Verb = capitalize(verb);
  const typeName = `${def.typePrefix}Result` as const;
  const refusals = { USER_NOT_FOUND, ...def.refusals };
  // Enum values in this order (introspection lists them so): succeeded, USER_NOT_FOUND, self, the rest, FAILED.
  const ResultRef = defineItemResult(def.typePrefix, `${verb}ing one user`, {
    [def.succeeded.status]: { description: def.succeeded.description },
    USER_NOT_FOUND: { description: USER_NOT_FOUND.description },
    [def.self.status]: { description: 'The id is the actor itself; nothing was sent upstream.' },
    ...Object.fromEntries(
      Object.entries(def.refusals ?? {}).map(([status, { description }]) => [status, { description }]),
    ),
    FAILED: failedStatus(`${verb}ed`),
  });
  const refusalByCode = new Map(
    Object.entries(refusals).flatMap(([status, { codes, message }]) =>
      codes.map((code) => [code, { status, message }] as const),
    ),
  );

  const PayloadRef = builder.objectRef<FollowWritePayload>(`${capitalize(field)}Payload`).implement({
    description: `Result of \`${field}\`.`,
    fields: (t) => ({
      actor: t.field({
        type: UserRef,
        nullable: true,
        description:
          `The user who ${verb}s (the viewer, or \`asUserId\`); select \`following { totalCount }\` here to ` +
          'read the count after the write. Null (with an error entry) only when a read below it failed; ' +
          '`results` stand regardless.',
        resolve: (payload) => ({ id: payload.actorId }),
      }),
      ...resultListFields(t, ResultRef),
    }),
  });

  const InputRef = builder.inputType(`${capitalize(field)}Input`, {
    description: `Whom to ${verb}, and on whose behalf.`,
    fields: (t) => ({
      userIds: t.idList({
        required: true,
        description:
          `Chat UserIDs to ${verb} (duplicates are ignored; at most 1000 by default, split into upstream ` +
          'calls of 20).',
      }),
      asUserId: t.id({
        required: false,
        description: `${Verb} on behalf of this user instead of the viewer (admin role required).`,
      }),
    }),
  });

  /** A per-item upstream code (negative: no answer for this id). */
  function refused(code: number) {
    const refusal = refusalByCode.get(code);
    if (!refusal) {
      const tencentCode = code >= 0 ? code : null;
      return { status: 'FAILED', ok: false, message: itemCodeMessage(code), tencentCode, exists: true };
    }
    return { ...refusal, ok: false, tencentCode: code, exists: refusal.status !== 'USER_NOT_FOUND' };
  }

  function toItem(userId: string, actor: string, outcome: FollowWriteOutcome | undefined): ItemResult {
    const base = { typeName, userId };
    if (userId === actor) {
      const { status, message } = def.self;
      return { ...base, status, ok: false, message, tencentCode: null, exists: true };
    }
    if (!outcome) return { ...base, ...refused(-1) };
    if (outcome.error) {
      return { ...base, status: 'FAILED', ok: false, exists: true, ...chunkFailure(outcome.error) };
    }
    if (outcome.resultCode === 0) {
      const { status } = def.succeeded;
      return { ...base, status, ok: true, message: null, tencentCode: null, exists: true };
    }
    return { ...base, ...refused(outcome.resultCode) };
  }

  async function resolve(input: FollowWriteInput, ctx: GraphQLContext): Promise<FollowWritePayload> {
    const actor = resolveActor(input, ctx);
    const ids = distinctIds(input.userIds, 'input.userIds', ctx);
    const targets = ids.filter((id) => id !== actor);
    const outcomes = targets.length > 0 ? await def.send(ctx.api, actor, targets) : [];
    clearAfterWrite(ctx, [actor, ...targets]);
    const wide = requestWideError(outcomes.map((o) => o.error));
    if (wide) throw toRequestError(wide, `The acting user ${actor} does not exist.`);
    const byId = new Map(outcomes.map((o) => [o.account, o]));
    return { actorId: actor, results: ids.map((id) => toItem(id, actor, byId.get(id))) };
  }

  defineWriteMutationField(field, {
    payload: PayloadRef,
    input: InputRef,
    description:
      `Makes the viewer (or, for admins, \`asUserId\`) ${verb} users: ${def.upstream}, 20 ids per upstream ` +
      'call. Returns one item per distinct id; one failing upstream call fails only its own items.',
    inputDescription: `Whom to ${verb}.`,
    scopes: actorScopes,
    signInMessage: `Sign in to ${verb} users.`,
    adminMessage: `${Verb}ing on behalf of another user requires the admin role.`,
    resolve,
  });
}
