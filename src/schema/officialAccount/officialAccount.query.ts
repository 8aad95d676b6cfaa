import { LOADER_COSTS } from '../../loaders/index.js';
import { builder } from '../builder.js';
import { pageFinder } from '../connections/selectedPage.js';
import type { GraphQLContext } from '../context.js';
import { upstreamCost } from '../cost/upstreamCost.js';
import { OfficialAccountRef } from '../refs.js';
import { assertValidId } from '../validation.js';
import { subscriberPageRequest } from './subscribers.field.js';

const selectedSubscriberPage = pageFinder(new Set(['subscribers']));

/**
 * Starts the subscriber page the query selects, so that it is read together with the account's info
 * rather than after it. Its outcome is memoised for the `subscribers` field, failures included.
 */
function startSubscriberPage(accountId: string, args: Record<string, unknown>, ctx: GraphQLContext): void {
  let key: ReturnType<typeof subscriberPageRequest>['key'];
  try {
    key = subscriberPageRequest(accountId, args, ctx.settings).key;
  } catch {
    return; // bad arguments: the field reports them
  }
  ctx.loaders.subscriberPages.load(key).catch(() => undefined);
}

builder.queryField('officialAccount', (t) =>
  t.field({
    type: OfficialAccountRef,
    nullable: true,
    description: 'An official account by id; null when it does not exist.',
    args: { id: t.arg.id({ required: true, description: 'Official account id, e.g. `@TOA#_news`.' }) },
    extensions: upstreamCost({ load: LOADER_COSTS.officialAccounts, loadOnResult: true, returns: 'one' }),
    resolve: async (_root, { id }, ctx, info) => {
      const accountId = String(id);
      assertValidId(accountId, 'id');
      const page = selectedSubscriberPage(info);
      if (page) startSubscriberPage(accountId, page.args, ctx);
      return (await ctx.loaders.officialAccounts.load(accountId)) ? { id: accountId } : null;
    },
  }),
);
