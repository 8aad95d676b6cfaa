/** `followUsers`: follow_add for the viewer (or, for admins, `asUserId`), one result per distinct id. */
import { ErrorCodes } from '../../tencent/wire.js';
import { defineFollowWriteMutation } from './followWrite.js';

defineFollowWriteMutation({
  field: 'followUsers',
  typePrefix: 'Follow',
  verb: 'follow',
  upstream: 'follow_add',
  succeeded: {
    status: 'FOLLOWED',
    description: 'The actor follows the user now (also when they already did: following is idempotent).',
  },
  self: { status: 'CANNOT_FOLLOW_SELF', message: 'A user cannot follow themselves.' },
  refusals: {
    FOLLOWING_LIMIT_REACHED: {
      description: 'The actor follows the maximum number of users (5000; Tencent 32100).',
      codes: [ErrorCodes.FollowingLimit],
      message: 'The acting user already follows the maximum number of users.',
    },
    FOLLOWER_LIMIT_REACHED: {
      description: 'The user has the maximum number of followers (Tencent 32101).',
      codes: [ErrorCodes.FollowerLimit],
      message: 'This user already has the maximum number of followers.',
    },
    MUTUAL_LIMIT_REACHED: {
      description: 'The actor or the user has the maximum number of mutual follows (Tencent 32102 / 32103).',
      codes: [ErrorCodes.FromMutualLimit, ErrorCodes.ToMutualLimit],
      message: 'The mutual-follow limit of the acting user or of this user is reached.',
    },
  },
  send: (api, actor, targets) => api.followAdd(actor, targets),
});
