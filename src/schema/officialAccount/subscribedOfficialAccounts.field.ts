import { LOADER_COSTS } from '../../loaders/index.js';
import { LIMITS } from '../../tencent/wire.js';
import { builder } from '../builder.js';
import { connectionArgs, connectionType } from '../connections/connection.js';
import {
  type ConnectionArgs,
  lazy,
  readPageArgs,
  sliceOffsetPage,
  upstreamPageSize,
} from '../connections/paging.js';
import type { GraphQLContext } from '../context.js';
import { upstreamCost } from '../cost/upstreamCost.js';
import { OfficialAccountRef, type OfficialAccountShape, UserRef, type UserShape } from '../refs.js';

const SubscribedOfficialAccountConnection = connectionType<OfficialAccountShape>({
  name: 'SubscribedOfficialAccount',
  node: OfficialAccountRef,
  description: 'A page of the official accounts a user subscribes to.',
  edgeDescription: 'One official account a user subscribes to.',
  nodeDescription: 'The official account.',
  totalCountDescription: 'Number of accounts the user subscribes to, not of this page.',
  timeField: 'subscribedAt',
  timeDescription: 'When the user subscribed; null if upstream did not say.',
  timeNullable: true,
  costs: { totalCount: LOADER_COSTS.subscribedAccountsPages, page: LOADER_COSTS.subscribedAccountsPages },
});

/** Offset-paged (get_subscribed_official_account_list); totalCount also comes from that page. */
function subscribedAccounts(user: UserShape, args: ConnectionArgs, ctx: GraphQLContext) {
  const scope = { list: 'subscribed', owner: user.id, key: ctx.settings.cursorKey } as const;
  const request = readPageArgs(args, scope, ctx.settings);
  const page = lazy(() =>
    ctx.loaders.subscribedAccountsPages.load({
      user: user.id,
      offset: request.start.skip,
      limit: upstreamPageSize({ ...request, start: { token: '', skip: 0 } }, LIMITS.subscribedListPageMax),
    }),
  );
  return {
    totalCount: lazy(async () => (await page()).total),
    page: lazy(async () => {
      const { items, complete } = await page();
      return sliceOffsetPage(scope, request, items, complete, {
        node: (item) => ({ id: item.Official_Account }),
        at: (item) => item.SelfInfo?.SubscribeTime ?? null,
      });
    }),
  };
}

builder.objectField(UserRef, 'subscribedOfficialAccounts', (t) =>
  t.field({
    type: SubscribedOfficialAccountConnection,
    description: 'Official accounts this user subscribes to.',
    args: connectionArgs(t.arg),
    extensions: upstreamCost({ returns: 'connection' }),
    resolve: (user, args, ctx) => subscribedAccounts(user, args, ctx),
  }),
);
