/**
 * The follow lists of a user (followers, following, mutuals) as Relay connections: `totalCount` from
 * the batched counts (follow_get_info), the page from one follow_get read only when edges, nodes or
 * pageInfo are selected. Filtered lists are read whole instead (followListFilter.ts).
 */
import type { FollowCounts, FollowPageKey } from '../../loaders/index.js';
import { type FollowGetItem, FollowListType, LIMITS } from '../../tencent/wire.js';
import { connectionArgs, connectionType } from '../connections/connection.js';
import type { CursorScope } from '../connections/cursor.js';
import {
  type ConnectionArgs,
  type ConnectionSource,
  type PageItems,
  type PageRequest,
  type PageSlice,
  readPageArgs,
  sliceTokenPage,
  upstreamPageSize,
} from '../connections/paging.js';
import type { GraphQLContext, SchemaSettings } from '../context.js';
import { upstreamCost } from '../cost/upstreamCost.js';
import { UserRef, type UserShape } from '../refs.js';
import { pageReads } from '../user/pageReads.js';
import { listConnectionCosts } from './followListFilter.js';

export const UserConnection = connectionType<UserShape>({
  name: 'User',
  node: UserRef,
  description:
    'A page of a follow list (followers, following or mutuals), newest first as upstream orders it.',
  edgeDescription: 'One user in a follow list.',
  nodeDescription: 'The user in the list.',
  totalCountDescription: 'Length of the whole list (from follow_get_info), not of this page.',
  timeField: 'followedAt',
  timeDescription: 'When the follow began.',
  timeNullable: false,
  // A filtered list (followListFilter.ts) is read whole by its field: its count and page cost nothing more.
  costs: listConnectionCosts,
  pageReads,
});

/** The field arguments and cost every follow list shares. */
export const followListField = {
  type: UserConnection,
  extensions: upstreamCost({ returns: 'connection' }),
} as const;

export { connectionArgs };

/** Each follow list and the follow_get list type that reads it. */
export const FOLLOW_LISTS: Readonly<Record<keyof FollowCounts, FollowListType>> = {
  followers: FollowListType.Fans,
  following: FollowListType.Follows,
  mutuals: FollowListType.Mutual,
};

export type FollowListName = keyof FollowCounts;

export const FOLLOW_LIST_NAMES: ReadonlySet<string> = new Set(Object.keys(FOLLOW_LISTS));

function followPageKey(userId: string, list: FollowListName, request: PageRequest): FollowPageKey {
  return {
    user: userId,
    type: FOLLOW_LISTS[list],
    cursor: request.start.token,
    wantNum: upstreamPageSize(request, LIMITS.followGetWantNumMax),
  };
}

/** The page a follow list with these arguments reads (throws BAD_USER_INPUT for bad arguments). */
export function followPageRequest(
  userId: string,
  list: FollowListName,
  args: ConnectionArgs,
  settings: SchemaSettings,
): { key: FollowPageKey } {
  const request = readPageArgs(args, { list, owner: userId, key: settings.cursorKey }, settings);
  return { key: followPageKey(userId, list, request) };
}

const FOLLOW_ITEMS: PageItems<FollowGetItem, UserShape> = {
  node: (item) => ({ id: item.To_Account }),
  at: (item) => item.FollowTime,
};

/**
 * A follow list of a user; nothing is read until a connection field asks. A class rather than closures:
 * a page of users with three counts each makes hundreds of these per request.
 */
class FollowListConnection implements ConnectionSource<UserShape> {
  private count: Promise<number> | undefined;
  private slice: Promise<PageSlice<UserShape>> | undefined;
  private readonly scope: CursorScope;
  private readonly request: PageRequest;

  constructor(
    private readonly userId: string,
    private readonly list: FollowListName,
    args: ConnectionArgs,
    private readonly ctx: GraphQLContext,
  ) {
    // Bad arguments fail the connection field itself, whatever it selects.
    this.scope = { list, owner: userId, key: ctx.settings.cursorKey };
    this.request = readPageArgs(args, this.scope, ctx.settings);
  }

  totalCount(): number | Promise<number> {
    const settled = this.ctx.loaders.settled.counts.get(this.userId);
    if (settled instanceof Error) throw settled;
    if (settled) return settled[this.list];
    this.count ??= this.ctx.loaders.countsOf(this.userId).then((counts) => counts[this.list]);
    return this.count;
  }

  page(): Promise<PageSlice<UserShape>> {
    this.slice ??= this.readPage();
    return this.slice;
  }

  private async readPage(): Promise<PageSlice<UserShape>> {
    const key = followPageKey(this.userId, this.list, this.request);
    const page = await this.ctx.loaders.followPages.load(key);
    return sliceTokenPage(this.scope, this.request, page.items, page.nextCursor, FOLLOW_ITEMS);
  }
}

/** A follow list of `user` (throws BAD_USER_INPUT for bad arguments). */
export function followList(
  user: UserShape,
  list: FollowListName,
  args: ConnectionArgs,
  ctx: GraphQLContext,
): ConnectionSource<UserShape> {
  return new FollowListConnection(user.id, list, args, ctx);
}
