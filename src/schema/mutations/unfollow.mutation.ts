/** `unfollowUsers`: follow_delete for the viewer (or, for admins, `asUserId`), one result per distinct id. */
import { defineFollowWriteMutation } from './followWrite.js';

defineFollowWriteMutation({
  field: 'unfollowUsers',
  typePrefix: 'Unfollow',
  verb: 'unfollow',
  upstream: 'follow_delete',
  succeeded: {
    status: 'UNFOLLOWED',
    description: 'The actor does not follow the user now (also when they did not before: idempotent).',
  },
  self: { status: 'CANNOT_UNFOLLOW_SELF', message: 'A user cannot unfollow themselves.' },
  send: (api, actor, targets) => api.followDelete(actor, targets),
});
