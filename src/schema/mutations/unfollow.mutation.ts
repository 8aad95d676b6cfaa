/** `unfollowUsers`: follow_delete for the viewer (or, for admins, `asUserId`), one result per distinct id. */
import type { FollowWriteOutcome } from '../../tencent/api.js';
import { ErrorCodes } from '../../tencent/wire.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { UserRef } from '../refs.js';
import { type ActorInput, actorScopes, resolveActor } from './actor.js';
import {
  authError,
  chunkFailure,
  clearAfterWrite,
  countFields,
  distinctIds,
  type ItemResult,
  itemCodeMessage,
  MutationItemResultRef,
  requestWideError,
  toRequestError,
} from './results.js';

const UNFOLLOW_STATUSES = {
  UNFOLLOWED: {
    description: 'The actor does not follow the user now (also when they did not before: idempotent).',
  },
  USER_NOT_FOUND: { description: 'No account with this id exists (Tencent 30003).' },
  CANNOT_UNFOLLOW_SELF: { description: 'The id is the actor itself; nothing was sent upstream.' },
  FAILED: {
    description:
      'Not unfollowed for another reason (see `tencentCode` and `message`); includes failures of the ' +
      'upstream call this id was part of.',
  },
} as const;

export type UnfollowStatus = keyof typeof UNFOLLOW_STATUSES;

export const UnfollowStatusEnum = builder.enumType('UnfollowStatus', {
  description: 'Outcome of unfollowing one user.',
  values: UNFOLLOW_STATUSES,
});

type UnfollowItem = ItemResult<UnfollowStatus>;

const UnfollowResultRef = builder.objectRef<UnfollowItem>('UnfollowResult').implement({
  description: 'The outcome of unfollowing one user.',
  interfaces: [MutationItemResultRef],
  isTypeOf: (item) => (item as ItemResult).typeName === 'UnfollowResult',
  fields: (t) => ({
    status: t.field({
      type: UnfollowStatusEnum,
      description: 'What happened.',
      resolve: (item) => item.status,
    }),
  }),
});

interface UnfollowPayloadShape {
  actorId: string;
  results: UnfollowItem[];
}

const UnfollowUsersPayloadRef = builder.objectRef<UnfollowPayloadShape>('UnfollowUsersPayload').implement({
  description: 'Result of `unfollowUsers`.',
  fields: (t) => ({
    actor: t.field({
      type: UserRef,
      description:
        'The user who unfollows (the viewer, or `asUserId`); select `following { totalCount }` here to ' +
        'read the count after the write.',
      resolve: (payload) => ({ id: payload.actorId }),
    }),
    results: t.field({
      type: [UnfollowResultRef],
      description: 'One item per distinct requested id, in first-occurrence order.',
      resolve: (payload) => payload.results,
    }),
    ...countFields(t),
  }),
});

const UnfollowUsersInput = builder.inputType('UnfollowUsersInput', {
  description: 'Whom to unfollow, and on whose behalf.',
  fields: (t) => ({
    userIds: t.idList({
      required: true,
      description:
        'Chat UserIDs to unfollow (duplicates are ignored; at most 1000 by default, split into upstream ' +
        'calls of 20).',
    }),
    asUserId: t.id({
      required: false,
      description: 'Unfollow on behalf of this user instead of the viewer (admin role required).',
    }),
  }),
});

function toItem(userId: string, actor: string, outcome: FollowWriteOutcome | undefined): UnfollowItem {
  const base = { typeName: 'UnfollowResult' as const, userId };
  if (userId === actor) {
    return {
      ...base,
      status: 'CANNOT_UNFOLLOW_SELF',
      ok: false,
      message: 'A user cannot unfollow themselves.',
      tencentCode: null,
      exists: true,
    };
  }
  if (!outcome) {
    return {
      ...base,
      status: 'FAILED',
      ok: false,
      message: itemCodeMessage(-1),
      tencentCode: null,
      exists: true,
    };
  }
  if (outcome.error)
    return { ...base, status: 'FAILED', ok: false, exists: true, ...chunkFailure(outcome.error) };
  if (outcome.resultCode === 0) {
    return { ...base, status: 'UNFOLLOWED', ok: true, message: null, tencentCode: null, exists: true };
  }
  if (outcome.resultCode === ErrorCodes.FollowUserNotFound) {
    return {
      ...base,
      status: 'USER_NOT_FOUND',
      ok: false,
      message: 'No account with this id exists.',
      tencentCode: outcome.resultCode,
      exists: false,
    };
  }
  return {
    ...base,
    status: 'FAILED',
    ok: false,
    message: itemCodeMessage(outcome.resultCode),
    tencentCode: outcome.resultCode >= 0 ? outcome.resultCode : null,
    exists: true,
  };
}

async function unfollowUsers(
  input: ActorInput & { userIds: readonly (string | number)[] },
  ctx: GraphQLContext,
): Promise<UnfollowPayloadShape> {
  const actor = resolveActor(input, ctx);
  const ids = distinctIds(input.userIds, 'input.userIds', ctx);
  const targets = ids.filter((id) => id !== actor);
  const outcomes = targets.length > 0 ? await ctx.api.followDelete(actor, targets) : [];
  clearAfterWrite(ctx, [actor, ...targets]);
  const wide = requestWideError(outcomes.map((o) => o.error));
  if (wide) throw toRequestError(wide, `The acting user ${actor} does not exist.`);
  const byId = new Map(outcomes.map((o) => [o.account, o]));
  return { actorId: actor, results: ids.map((id) => toItem(id, actor, byId.get(id))) };
}

builder.mutationField('unfollowUsers', (t) =>
  t.field({
    type: UnfollowUsersPayloadRef,
    nullable: true,
    description:
      'Makes the viewer (or, for admins, `asUserId`) unfollow users: follow_delete, 20 ids per upstream ' +
      'call. Returns one item per distinct id; one failing upstream call fails only its own items.',
    args: { input: t.arg({ type: UnfollowUsersInput, required: true, description: 'Whom to unfollow.' }) },
    authScopes: (_root, args, ctx) => actorScopes(args.input, ctx),
    unauthorizedError: (_root, _args, ctx) =>
      authError(
        ctx,
        'Sign in to unfollow users.',
        'Unfollowing on behalf of another user requires the admin role.',
      ),
    resolve: (_root, { input }, ctx) => unfollowUsers(input, ctx),
  }),
);
