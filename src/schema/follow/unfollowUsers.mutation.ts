/** `unfollowUsers`: follow_delete for the viewer (or, for admins, `asUserId`), one result per distinct id. */
import type { FollowWriteOutcome } from '../../tencent/api.js';
import { ErrorCodes, LIMITS } from '../../tencent/wire.js';
import { builder } from '../builder.js';
import { upstreamCost } from '../cost/upstreamCost.js';
import { UserRef } from '../refs.js';
import { authError } from '../writes/auth.js';
import { distinctIds } from '../writes/ids.js';
import { type ItemResult, itemResultType, resultListFields } from '../writes/itemResult.js';
import { readBackFollows } from '../writes/readBack.js';
import {
  chunkFailure,
  itemCodeMessage,
  readBackFields,
  runBatchWrite,
  type Settled,
} from '../writes/runBatchWrite.js';
import { actorScopes, resolveActor } from './actor.js';
import { lostFollowAnswer } from './followUsers.mutation.js';

const UnfollowStatus = builder.enumType('UnfollowStatus', {
  description: 'Outcome of unfollowing one user.',
  values: {
    UNFOLLOWED: {
      description: 'The actor does not follow the user now (also when they did not before: idempotent).',
    },
    USER_NOT_FOUND: { description: 'No account with this id exists (Tencent 30003).' },
    CANNOT_UNFOLLOW_SELF: { description: 'The id is the actor itself; nothing was sent upstream.' },
    FAILED: {
      description:
        'Not unfollowed for another reason (see `tencentCode` and `message`); includes failures of the ' +
        'upstream call this id was part of, and lost answers whose state, read back, shows the follow stands.',
    },
    UNKNOWN: {
      description:
        "Upstream's answer was lost (a timeout, a cut connection) and reading the state back failed " +
        'too: the unfollow may or may not have been made. Read `viewerIsFollowing` (or the list) before ' +
        'retrying. Only reported when the read-back is impossible within the request deadline.',
    },
  } as const,
});
type UnfollowStatus = typeof UnfollowStatus.$inferType;

const UnfollowResult = itemResultType(
  'UnfollowResult',
  'The outcome of unfollowing one user.',
  UnfollowStatus,
);

export function unfollowItem(
  userId: string,
  actor: string,
  outcome: Settled<FollowWriteOutcome> | undefined,
): ItemResult<UnfollowStatus> {
  const item = { typeName: 'UnfollowResult', userId, exists: true } as const;
  if (userId === actor) {
    const message = 'A user cannot unfollow themselves.';
    return { ...item, status: 'CANNOT_UNFOLLOW_SELF', ok: false, message, tencentCode: null };
  }
  const readBack = readBackFields(outcome, 'UNFOLLOWED');
  if (readBack) return { ...item, ...readBack };
  if (outcome?.error) return { ...item, status: 'FAILED', ok: false, ...chunkFailure(outcome.error) };
  if (outcome?.resultCode === 0) {
    return { ...item, status: 'UNFOLLOWED', ok: true, message: null, tencentCode: null };
  }
  const code = outcome?.resultCode ?? -1;
  if (code === ErrorCodes.FollowUserNotFound) {
    const message = 'No account with this id exists.';
    return { ...item, status: 'USER_NOT_FOUND', ok: false, message, tencentCode: code, exists: false };
  }
  const tencentCode = code >= 0 ? code : null;
  return { ...item, status: 'FAILED', ok: false, message: itemCodeMessage(code), tencentCode };
}

interface UnfollowUsersPayloadShape {
  actorId: string;
  results: ItemResult<UnfollowStatus>[];
}

const UnfollowUsersPayload = builder.objectRef<UnfollowUsersPayloadShape>('UnfollowUsersPayload').implement({
  description: 'Result of `unfollowUsers`.',
  fields: (t) => ({
    actor: t.field({
      type: UserRef,
      nullable: true,
      description:
        'The user who unfollows (the viewer, or `asUserId`); select `following { totalCount }` here to ' +
        'read the count after the write. Null (with an error entry) only when a read below it failed; ' +
        '`results` stand regardless.',
      extensions: upstreamCost(),
      resolve: (payload) => ({ id: payload.actorId }),
    }),
    ...resultListFields(t, UnfollowResult),
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

builder.mutationField('unfollowUsers', (t) =>
  t.field({
    type: UnfollowUsersPayload,
    nullable: true,
    description:
      'Makes the viewer (or, for admins, `asUserId`) unfollow users: follow_delete, 20 ids per upstream ' +
      'call. Returns one item per distinct id; one failing upstream call fails only its own items.',
    args: { input: t.arg({ type: UnfollowUsersInput, required: true, description: 'Whom to unfollow.' }) },
    extensions: upstreamCost({
      load: { command: 'follow/follow_delete', chunksOf: 'input.userIds', batch: LIMITS.followDeleteTargets },
      returns: { payloadOf: 'input.userIds' },
    }),
    authScopes: (_root, { input }, ctx) => actorScopes(input, ctx),
    unauthorizedError: (_root, _args, ctx) =>
      authError(
        ctx,
        'Sign in to unfollow users.',
        'Unfollowing on behalf of another user requires the admin role.',
      ),
    resolve: async (_root, { input }, ctx) => {
      const actor = resolveActor(input, ctx);
      const ids = distinctIds(input.userIds, 'input.userIds', ctx);
      const targets = ids.filter((id) => id !== actor);
      const outcomes = await runBatchWrite(ctx, {
        ids: targets,
        send: (part) => ctx.api.followDelete(actor, part),
        touches: { users: [actor, ...targets] },
        notFoundMessage: `The acting user ${actor} does not exist.`,
        // The end state of an unfollow is "not following".
        readBack: async (lost) =>
          new Map([...(await readBackFollows(ctx, actor, lost))].map(([id, follows]) => [id, !follows])),
        lost: lostFollowAnswer,
      });
      return { actorId: actor, results: ids.map((id) => unfollowItem(id, actor, outcomes.get(id))) };
    },
  }),
);
