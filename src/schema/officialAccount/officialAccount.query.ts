import { LOADER_COSTS } from '../../loaders/index.js';
import { builder } from '../builder.js';
import { upstreamCost } from '../cost/upstreamCost.js';
import { OfficialAccountRef } from '../refs.js';
import { assertValidId } from '../validation.js';

builder.queryField('officialAccount', (t) =>
  t.field({
    type: OfficialAccountRef,
    nullable: true,
    description: 'An official account by id; null when it does not exist.',
    args: { id: t.arg.id({ required: true, description: 'Official account id, e.g. `@TOA#_news`.' }) },
    extensions: upstreamCost({ load: LOADER_COSTS.officialAccounts, loadOnResult: true, returns: 'one' }),
    resolve: async (_root, { id }, ctx) => {
      const accountId = String(id);
      assertValidId(accountId, 'id');
      return (await ctx.loaders.officialAccounts.load(accountId)) ? { id: accountId } : null;
    },
  }),
);
