/** `followUsers`: follow_add for the viewer (or, for admins, `asUserId`), one result per distinct id. */
import type { FollowWriteOutcome } from '../../tencent/api.js';
import { ErrorCodes, LIMITS } from '../../tencent/wire.js';
import { builder } from '../builder.js';
import { upstreamCost } from '../cost/upstreamCost.js';
import { UserRef } from '../refs.js';
import { authError } from '../writes/auth.js';
import { distinctIds } from '../writes/ids.js';
import { type ItemResult, itemResultType, resultListFields } from '../writes/itemResult.js';
import { isLostAnswer, readBackFollows } from '../writes/readBack.js';
import {
  chunkFailure,
  itemCodeMessage,
  readBackFields,
  runBatchWrite,
  type Settled,
} from '../writes/runBatchWrite.js';
import { actorScopes, resolveActor } from './actor.js';

const FollowStatus = builder.enumType('FollowStatus', {
  description: 'Outcome of following one user.',
  values: {
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
        'upstream call this id was part of, and lost answers whose state, read back, shows no follow.',
    },
    UNKNOWN: {
      description:
        "Upstream's answer was lost (a timeout, a cut connection) and reading the state back failed " +
        'too: the follow may or may not have been made. Read `viewerIsFollowing` (or the list) before ' +
        'retrying. Only reported when the read-back is impossible within the request deadline.',
    },
  } as const,
});
type FollowStatus = typeof FollowStatus.$inferType;

const FollowResult = itemResultType('FollowResult', 'The outcome of following one user.', FollowStatus);

/** Per-item follow_add codes with a status of their own; any other code is FAILED. */
const REFUSALS: ReadonlyMap<number, { status: FollowStatus; message: string }> = new Map<
  number,
  { status: FollowStatus; message: string }
>([
  [ErrorCodes.FollowUserNotFound, { status: 'USER_NOT_FOUND', message: 'No account with this id exists.' }],
  [
    ErrorCodes.FollowingLimit,
    {
      status: 'FOLLOWING_LIMIT_REACHED',
      message: 'The acting user already follows the maximum number of users.',
    },
  ],
  [
    ErrorCodes.FollowerLimit,
    { status: 'FOLLOWER_LIMIT_REACHED', message: 'This user already has the maximum number of followers.' },
  ],
  ...[ErrorCodes.FromMutualLimit, ErrorCodes.ToMutualLimit].map(
    (code) =>
      [
        code,
        {
          status: 'MUTUAL_LIMIT_REACHED' as const,
          message: 'The mutual-follow limit of the acting user or of this user is reached.',
        },
      ] as const,
  ),
]);

export function followItem(
  userId: string,
  actor: string,
  outcome: Settled<FollowWriteOutcome> | undefined,
): ItemResult<FollowStatus> {
  const item = { typeName: 'FollowResult', userId, exists: true } as const;
  if (userId === actor) {
    const message = 'A user cannot follow themselves.';
    return { ...item, status: 'CANNOT_FOLLOW_SELF', ok: false, message, tencentCode: null };
  }
  const readBack = readBackFields(outcome, 'FOLLOWED');
  if (readBack) return { ...item, ...readBack };
  if (outcome?.error) return { ...item, status: 'FAILED', ok: false, ...chunkFailure(outcome.error) };
  if (outcome?.resultCode === 0)
    return { ...item, status: 'FOLLOWED', ok: true, message: null, tencentCode: null };
  const code = outcome?.resultCode ?? -1;
  const refusal = REFUSALS.get(code);
  if (refusal) {
    return { ...item, ...refusal, ok: false, tencentCode: code, exists: refusal.status !== 'USER_NOT_FOUND' };
  }
  const tencentCode = code >= 0 ? code : null;
  return { ...item, status: 'FAILED', ok: false, message: itemCodeMessage(code), tencentCode };
}

/** A chunk's answer was lost, or upstream's answer left this id out. */
export function lostFollowAnswer(outcome: FollowWriteOutcome): boolean {
  return isLostAnswer(outcome.error) || (!outcome.error && outcome.resultCode === -1);
}

interface FollowUsersPayloadShape {
  actorId: string;
  results: ItemResult<FollowStatus>[];
}

const FollowUsersPayload = builder.objectRef<FollowUsersPayloadShape>('FollowUsersPayload').implement({
  description: 'Result of `followUsers`.',
  fields: (t) => ({
    actor: t.field({
      type: UserRef,
      nullable: true,
      description:
        'The user who follows (the viewer, or `asUserId`); select `following { totalCount }` here to ' +
        'read the count after the write. Null (with an error entry) only when a read below it failed; ' +
        '`results` stand regardless.',
      extensions: upstreamCost(),
      resolve: (payload) => ({ id: payload.actorId }),
    }),
    ...resultListFields(t, FollowResult),
  }),
});

const FollowUsersInput = builder.inputType('FollowUsersInput', {
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

builder.mutationField('followUsers', (t) =>
  t.field({
    type: FollowUsersPayload,
    nullable: true,
    description:
      'Makes the viewer (or, for admins, `asUserId`) follow users: follow_add, 20 ids per upstream ' +
      'call. Returns one item per distinct id; one failing upstream call fails only its own items.',
    args: { input: t.arg({ type: FollowUsersInput, required: true, description: 'Whom to follow.' }) },
    extensions: upstreamCost({
      load: { command: 'follow/follow_add', chunksOf: 'input.userIds', batch: LIMITS.followAddTargets },
      returns: { payloadOf: 'input.userIds' },
    }),
    authScopes: (_root, { input }, ctx) => actorScopes(input, ctx),
    unauthorizedError: (_root, _args, ctx) =>
      authError(
        ctx,
        'Sign in to follow users.',
        'Following on behalf of another user requires the admin role.',
      ),
    resolve: async (_root, { input }, ctx) => {
      const actor = resolveActor(input, ctx);
      const ids = distinctIds(input.userIds, 'input.userIds', ctx);
      const targets = ids.filter((id) => id !== actor);
      const outcomes = await runBatchWrite(ctx, {
        ids: targets,
        send: (part) => ctx.api.followAdd(actor, part),
        touches: { users: [actor, ...targets] },
        notFoundMessage: `The acting user ${actor} does not exist.`,
        readBack: (lost) => readBackFollows(ctx, actor, lost),
        lost: lostFollowAnswer,
      });
      return { actorId: actor, results: ids.map((id) => followItem(id, actor, outcomes.get(id))) };
    },
  }),
);
