import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { UserRef, type UserShape } from '../refs.js';
import { assertValidId, assertValidIdList } from '../validation.js';

/** The user if the account exists (portrait_get doubles as the existence check, 100 ids per call). */
async function existingUser(id: string, ctx: GraphQLContext): Promise<UserShape | null> {
  return (await ctx.loaders.profiles.load(id)) ? { id } : null;
}

builder.queryFields((t) => ({
  user: t.field({
    type: UserRef,
    nullable: true,
    description: 'A user by Chat UserID; null when the account does not exist.',
    args: {
      id: t.arg.id({ required: true, description: 'Chat UserID (at most 32 bytes, printable ASCII).' }),
    },
    resolve: (_root, { id }, ctx) => {
      assertValidId(String(id), 'id');
      return existingUser(String(id), ctx);
    },
  }),
  users: t.field({
    type: [UserRef],
    nullable: { list: false, items: true },
    description: 'Users by Chat UserID, in input order; null entries for accounts that do not exist.',
    args: { ids: t.arg.idList({ required: true, description: 'At most 100 Chat UserIDs.' }) },
    resolve: (_root, { ids }, ctx) => {
      const userIds = ids.map(String);
      assertValidIdList(userIds, 'ids');
      return userIds.map((id) => existingUser(id, ctx));
    },
  }),
  viewer: t.field({
    type: UserRef,
    nullable: true,
    description: 'The signed-in user; null when not signed in or when the account does not exist.',
    resolve: (_root, _args, ctx) => (ctx.viewer ? existingUser(ctx.viewer.id, ctx) : null),
  }),
}));
