import { LOADER_COSTS } from '../../loaders/index.js';
import { LIMITS, type SubscriberInfo } from '../../tencent/wire.js';
import { builder } from '../builder.js';
import { connectionArgs, connectionType } from '../connections/connection.js';
import {
  type ConnectionArgs,
  lazy,
  type PageItems,
  readPageArgs,
  sliceTokenPage,
  upstreamPageSize,
} from '../connections/paging.js';
import type { SchemaSettings } from '../context.js';
import { upstreamCost } from '../cost/upstreamCost.js';
import { OfficialAccountRef, UserRef, type UserShape } from '../refs.js';
import { pageReads } from '../user/pageReads.js';
import { accountInfo } from './officialAccount.type.js';

const SubscriberConnection = connectionType<UserShape>({
  name: 'OfficialAccountSubscriber',
  node: UserRef,
  description: 'A page of the users subscribed to an official account.',
  edgeDescription: 'One subscriber of an official account.',
  nodeDescription: 'The subscribed user.',
  totalCountDescription: 'Number of subscribers of the account (SubscriberNum), not of this page.',
  timeField: 'subscribedAt',
  timeDescription: 'When the user subscribed.',
  timeNullable: false,
  costs: { totalCount: LOADER_COSTS.officialAccounts, page: LOADER_COSTS.subscriberPages },
  pageReads,
});

const SUBSCRIBER_ITEMS: PageItems<SubscriberInfo, UserShape> = {
  node: (item) => ({ id: item.Subscriber_Account }),
  at: (item) => item.SubscribeTime,
};

/** The subscriber page a `subscribers` field with these arguments reads (throws BAD_USER_INPUT). */
export function subscriberPageRequest(accountId: string, args: ConnectionArgs, settings: SchemaSettings) {
  const scope = { list: 'subscribers', owner: accountId, key: settings.cursorKey } as const;
  const request = readPageArgs(args, scope, settings);
  const key = {
    officialAccount: accountId,
    next: request.start.token,
    limit: upstreamPageSize(request, LIMITS.subscriberPageMax),
  };
  return { scope, request, key };
}

builder.objectField(OfficialAccountRef, 'subscribers', (t) =>
  t.field({
    type: SubscriberConnection,
    description: 'Users subscribed to this account (get_subscriber_info, at most 200 per upstream page).',
    args: connectionArgs(t.arg),
    extensions: upstreamCost({ returns: 'connection' }),
    resolve: (account, args, ctx) => {
      const { scope, request, key } = subscriberPageRequest(account.id, args, ctx.settings);
      return {
        totalCount: lazy(async () => (await accountInfo(account, ctx)).SubscriberNum ?? 0),
        page: lazy(async () => {
          const page = await ctx.loaders.subscriberPages.load(key);
          return sliceTokenPage(scope, request, page.items, page.next, SUBSCRIBER_ITEMS);
        }),
      };
    },
  }),
);
