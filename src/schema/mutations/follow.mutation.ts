/** `followUsers`: follow_add for the viewer (or, for admins, `asUserId`), one result per distinct id. */
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

const FOLLOW_STATUSES = {
  FOLLOWED: {
    description: 'The actor follows the user now (also when they already did: following is idempotent).',
  },
  USER_NOT_FOUND: { description: 'No account with this id exists (Tencent 30003).' },
  CANNOT_FOLLOW_SELF: { description: 'The id is the actor itself; nothing was sent upstream.' },
  FOLLOWING_LIMIT_REACHED: {
    description: 'The actor follows the maximum number of users (5000; Tencent 32100).',
  },
  FOLLOWER_LIMIT_REACHED: { description: 'The user has the maximum number of followers (Tencent 32101).' },
  MUTUAL_LIMIT_REACHED: {
    description: 'The actor or the user has the maximum number of mutual follows (Tencent 32102 / 32103).',
  },
  FAILED: {
    description:
      'Not followed for another reason (see `tencentCode` and `message`); includes failures of the ' +
      'upstream call this id was part of.',
  },
} as const;

export type FollowStatus = keyof typeof FOLLOW_STATUSES;

export const FollowStatusEnum = builder.enumType('FollowStatus', {
  description: 'Outcome of following one user.',
  values: FOLLOW_STATUSES,
});

const CODE_STATUS: ReadonlyMap<number, FollowStatus> = new Map<number, FollowStatus>([
  [ErrorCodes.FollowUserNotFound, 'USER_NOT_FOUND'],
  [ErrorCodes.FollowingLimit, 'FOLLOWING_LIMIT_REACHED'],
  [ErrorCodes.FollowerLimit, 'FOLLOWER_LIMIT_REACHED'],
  [ErrorCodes.FromMutualLimit, 'MUTUAL_LIMIT_REACHED'],
  [ErrorCodes.ToMutualLimit, 'MUTUAL_LIMIT_REACHED'],
]);

const MESSAGES: Partial<Record<FollowStatus, string>> = {
  USER_NOT_FOUND: 'No account with this id exists.',
  CANNOT_FOLLOW_SELF: 'A user cannot follow themselves.',
  FOLLOWING_LIMIT_REACHED: 'The acting user already follows the maximum number of users.',
  FOLLOWER_LIMIT_REACHED: 'This user already has the maximum number of followers.',
  MUTUAL_LIMIT_REACHED: 'The mutual-follow limit of the acting user or of this user is reached.',
};

type FollowItem = ItemResult<FollowStatus>;

const FollowResultRef = builder.objectRef<FollowItem>('FollowResult').implement({
  description: 'The outcome of following one user.',
  interfaces: [MutationItemResultRef],
  isTypeOf: (item) => (item as ItemResult).typeName === 'FollowResult',
  fields: (t) => ({
    status: t.field({
      type: FollowStatusEnum,
      description: 'What happened.',
      resolve: (item) => item.status,
    }),
  }),
});

export interface FollowPayloadShape {
  actorId: string;
  results: FollowItem[];
}

const FollowUsersPayloadRef = builder.objectRef<FollowPayloadShape>('FollowUsersPayload').implement({
  description: 'Result of `followUsers`.',
  fields: (t) => ({
    actor: t.field({
      type: UserRef,
      description:
        'The user who follows (the viewer, or `asUserId`); select `following { totalCount }` here to ' +
        'read the count after the write.',
      resolve: (payload) => ({ id: payload.actorId }),
    }),
    results: t.field({
      type: [FollowResultRef],
      description: 'One item per distinct requested id, in first-occurrence order.',
      resolve: (payload) => payload.results,
    }),
    ...countFields(t),
  }),
});

export const FollowUsersInput = builder.inputType('FollowUsersInput', {
  description: 'Whom to follow, and on whose behalf.',
  fields: (t) => ({
    userIds: t.idList({
      required: true,
      description:
        'Chat UserIDs to follow (duplicates are ignored; at most 1000 by default, split into upstream ' +
        'calls of 20).',
    }),
    asUserId: t.id({
      required: false,
      description: 'Follow on behalf of this user instead of the viewer (admin role required).',
    }),
  }),
});

function toItem(userId: string, actor: string, outcome: FollowWriteOutcome | undefined): FollowItem {
  const base = { typeName: 'FollowResult' as const, userId };
  if (userId === actor) {
    const status = 'CANNOT_FOLLOW_SELF';
    return { ...base, status, ok: false, message: MESSAGES[status] ?? null, tencentCode: null, exists: true };
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
    return { ...base, status: 'FOLLOWED', ok: true, message: null, tencentCode: null, exists: true };
  }
  const status = CODE_STATUS.get(outcome.resultCode) ?? 'FAILED';
  return {
    ...base,
    status,
    ok: false,
    message: MESSAGES[status] ?? itemCodeMessage(outcome.resultCode),
    tencentCode: outcome.resultCode >= 0 ? outcome.resultCode : null,
    exists: status !== 'USER_NOT_FOUND',
  };
}

async function followUsers(
  input: ActorInput & { userIds: readonly (string | number)[] },
  ctx: GraphQLContext,
): Promise<FollowPayloadShape> {
  const actor = resolveActor(input, ctx);
  const ids = distinctIds(input.userIds, 'input.userIds', ctx);
  const targets = ids.filter((id) => id !== actor);
  const outcomes = targets.length > 0 ? await ctx.api.followAdd(actor, targets) : [];
  clearAfterWrite(ctx, [actor, ...targets]);
  const wide = requestWideError(outcomes.map((o) => o.error));
  if (wide) throw toRequestError(wide, `The acting user ${actor} does not exist.`);
  const byId = new Map(outcomes.map((o) => [o.account, o]));
  return { actorId: actor, results: ids.map((id) => toItem(id, actor, byId.get(id))) };
}

builder.mutationField('followUsers', (t) =>
  t.field({
    type: FollowUsersPayloadRef,
    nullable: true,
    description:
      'Makes the viewer (or, for admins, `asUserId`) follow users: follow_add, 20 ids per upstream call. ' +
      'Returns one item per distinct id; one failing upstream call fails only its own items.',
    args: { input: t.arg({ type: FollowUsersInput, required: true, description: 'Whom to follow.' }) },
    authScopes: (_root, args, ctx) => actorScopes(args.input, ctx),
    unauthorizedError: (_root, _args, ctx) =>
      authError(
        ctx,
        'Sign in to follow users.',
        'Following on behalf of another user requires the admin role.',
      ),
    resolve: (_root, { input }, ctx) => followUsers(input, ctx),
  }),
);
