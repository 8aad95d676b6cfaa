import { builder } from '../builder.js';
import { UserRef } from '../refs.js';
import { assertValidId, assertValidIdList } from '../validation.js';
import { existingUser, existingUsers, probeFor } from './existence.js';

// Each root field checks that the account exists (null if not): through follow_get_info when the query
// selects a follow count of the user anyway, else through portrait_get (see existence.ts).
builder.queryFields((t) => ({
  user: t.field({
    type: UserRef,
    nullable: true,
    description: 'A user by Chat UserID; null when the account does not exist.',
    args: {
      id: t.arg.id({ required: true, description: 'Chat UserID (at most 32 bytes, printable ASCII).' }),
    },
    resolve: (_root, { id }, ctx, info) => {
      assertValidId(String(id), 'id');
      return existingUser(String(id), ctx, probeFor(info));
    },
  }),
  users: t.field({
    type: [UserRef],
    nullable: { list: false, items: true },
    description: 'Users by Chat UserID, in input order; null entries for accounts that do not exist.',
    args: { ids: t.arg.idList({ required: true, description: 'At most 100 Chat UserIDs.' }) },
    resolve: (_root, { ids }, ctx, info) => {
      const userIds = ids.map(String);
      assertValidIdList(userIds, 'ids');
      return existingUsers(userIds, ctx, probeFor(info));
    },
  }),
  viewer: t.field({
    type: UserRef,
    nullable: true,
    description: 'The signed-in user; null when not signed in or when the account does not exist.',
    resolve: (_root, _args, ctx, info) =>
      ctx.viewer ? existingUser(ctx.viewer.id, ctx, probeFor(info)) : null,
  }),
}));
