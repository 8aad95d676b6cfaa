/**
 * Lists read whole: a user's following or mutuals list (bounded by Tencent's cap of 5,000 follows, so
 * at most 5 follow_get of 1,000 each, memoised per request by `loaders.followLists` and kept by the
 * shared cache), filtered or derived here, and paged with the same opaque cursors as the other lists.
 */
import type { FollowListEntry } from '../../tencent/api.js';
import { type BoundedFollowListType, LIMITS } from '../../tencent/wire.js';
import type { CursorScope } from '../connections/cursor.js';
import type { ConnectionArgs, ConnectionSource, WholeListItem } from '../connections/paging.js';
import { lazy, readPageArgs, sliceWholeList } from '../connections/paging.js';
import type { GraphQLContext } from '../context.js';
import type { UserShape } from '../refs.js';

/**
 * The whole list, in upstream order (newest first). Longer than Tencent's cap allows can only mean
 * upstream broke its own limit: an internal error (logged), not a partial answer.
 */
export async function readWholeList(
  ctx: GraphQLContext,
  user: string,
  type: BoundedFollowListType,
): Promise<FollowListEntry[]> {
  const items = await ctx.loaders.followLists.load({ user, type });
  if (!items) {
    throw new Error(
      `follow_get list ${type} of ${user} is longer than ${LIMITS.maxFollowingPerUser} (Tencent's cap)`,
    );
  }
  return items;
}

/**
 * A connection over items that are known only once a whole list has been read (`items`, read at most
 * once, when `totalCount` or the page is asked). The page's nicknames, which came with the list, are
 * primed for `profile`.
 */
export function wholeListConnection(
  scope: CursorScope,
  args: ConnectionArgs,
  ctx: GraphQLContext,
  items: () => Promise<readonly FollowListEntry[]>,
  /** Where an item sits in the list's order (default: its FollowTime). */
  timeOf: (item: FollowListEntry) => number = (item) => item.FollowTime,
): ConnectionSource<UserShape> {
  const request = readPageArgs(args, scope, ctx.settings);
  const read = lazy(items);
  return {
    totalCount: async () => (await read()).length,
    page: lazy(async () => {
      const all = await read();
      const entries: WholeListItem<UserShape>[] = all.map((item) => ({
        key: item.To_Account,
        at: timeOf(item),
        node: { id: item.To_Account },
      }));
      const slice = sliceWholeList(scope, request, entries);
      const shown = new Set(slice.edges.map((edge) => edge.node.id));
      ctx.loaders.profileHints.addNicknames(all.filter((item) => shown.has(item.To_Account)));
      return slice;
    }),
  };
}

/** An empty connection (arguments still checked), for lists that have nothing without a viewer. */
export function emptyConnection(
  scope: CursorScope,
  args: ConnectionArgs,
  ctx: GraphQLContext,
): ConnectionSource<UserShape> {
  return wholeListConnection(scope, args, ctx, async () => []);
}
