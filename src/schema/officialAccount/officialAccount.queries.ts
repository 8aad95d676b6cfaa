import { builder } from '../builder.js';
import { OfficialAccountRef } from '../refs.js';
import { assertValidId } from '../validation.js';

builder.queryFields((t) => ({
  officialAccount: t.field({
    type: OfficialAccountRef,
    nullable: true,
    description: 'An official account by id; null when it does not exist.',
    args: { id: t.arg.id({ required: true, description: 'Official account id, e.g. `@TOA#_news`.' }) },
    resolve: async (_root, { id }, ctx) => {
      const accountId = String(id);
      assertValidId(accountId, 'id');
      return (await ctx.loaders.officialAccounts.load(accountId)) ? { id: accountId } : null;
    },
  }),
}));
