/**
 * Whether an account exists, for `user(id)`, `users(ids)` and `viewer`, proven by a read the query
 * makes anyway whenever it can:
 * - a follow list page (`followers`, `following` or `mutuals` with edges, nodes or pageInfo): follow_get
 *   answers 30003 for an unknown account, and the page is the one the connection shows (for a filtered
 *   list, the whole list it reads). When the query also asks for a count, the counts read starts
 *   together with the page;
 * - else a follow count: follow_get_info (per-item 30003 for unknown accounts; 20 ids per call);
 * - else portrait_get (100 ids per call), which also serves `profile`.
 */
import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import { ItemError, LOADER_COSTS } from '../../loaders/index.js';
import { TencentError } from '../../tencent/errors.js';
import { type BoundedFollowListType, ErrorCodes } from '../../tencent/wire.js';
import type { ConnectionArgs } from '../connections/paging.js';
import { findPageField, pageFinder } from '../connections/selectedPage.js';
import type { GraphQLContext } from '../context.js';
import { type UpstreamCost, upstreamCost } from '../cost/upstreamCost.js';
import { toClientError } from '../errors.js';
import {
  FOLLOW_LIST_NAMES,
  FOLLOW_LISTS,
  type FollowListName,
  followPageRequest,
} from '../follow/followList.js';
import { readFilter } from '../follow/followListFilter.js';
import { type FragmentMap, perFieldNode, someField } from '../selection.js';
import { allSettled } from '../settle.js';

export type ExistenceProbe =
  | { by: 'page'; list: FollowListName; args: ConnectionArgs; withCounts: boolean }
  | { by: 'wholeList'; list: FollowListName }
  | { by: 'counts' }
  | { by: 'profiles' };

/** True when a selection on User asks for `followers`, `following` or `mutuals` `{ totalCount }`. */
export function selectsFollowCount(selectionSet: SelectionSetNode, fragments: FragmentMap): boolean {
  return someField(
    selectionSet,
    fragments,
    'User',
    (field) =>
      FOLLOW_LIST_NAMES.has(field.name.value) &&
      field.selectionSet !== undefined &&
      someField(
        field.selectionSet,
        fragments,
        'UserConnection',
        (inner) => inner.name.value === 'totalCount',
      ),
  );
}

/** True when a selection on User reads a page of a follow list. */
export function selectsFollowPage(selectionSet: SelectionSetNode, fragments: FragmentMap): boolean {
  return findPageField(selectionSet, fragments, 'User', FOLLOW_LIST_NAMES) !== undefined;
}

const selectedFollowPage = pageFinder(FOLLOW_LIST_NAMES);
const selectsCount = perFieldNode((info) =>
  info.fieldNodes.some(
    (node) => node.selectionSet !== undefined && selectsFollowCount(node.selectionSet, info.fragments),
  ),
);

/**
 * The probe for the root field being resolved (all its field nodes, as merged by execution). What the
 * selection holds is worked out once per field node of a (cached) document.
 */
export function probeFor(info: GraphQLResolveInfo): ExistenceProbe {
  const counts = selectsCount(info);
  const page = selectedFollowPage(info);
  if (page) {
    const list = page.field as FollowListName;
    // A filtered list reads the whole list instead of a page: that read proves it. (Bad filters fail
    // the list field before it reads anything: prove existence another way then.)
    const filtered = filteredListProbe(list, page.args.filter);
    if (filtered) return filtered;
    if (filtered === null) return counts ? { by: 'counts' } : { by: 'profiles' };
    return { by: 'page', list, args: page.args, withCounts: counts };
  }
  return counts ? { by: 'counts' } : { by: 'profiles' };
}

/**
 * The upstream cost of a field that returns users after proving they exist. A page probe costs nothing
 * of its own: the connection's page fields declare that read.
 */
export function existenceCost(returns: UpstreamCost['returns']) {
  return upstreamCost({
    returns,
    probeLoads: [LOADER_COSTS.counts, LOADER_COSTS.profiles],
    probe: (selection, fragments) => {
      if (selection === undefined) return LOADER_COSTS.profiles;
      if (selectsFollowPage(selection, fragments)) return undefined;
      return selectsFollowCount(selection, fragments) ? LOADER_COSTS.counts : LOADER_COSTS.profiles;
    },
  });
}

const isUnknownAccount = (error: unknown) =>
  error instanceof TencentError && error.kind === 'api' && error.code === ErrorCodes.FollowUserNotFound;

async function existsByProfile(id: string, ctx: GraphQLContext): Promise<boolean> {
  return (await ctx.loaders.profiles.load(id)) !== null;
}

/**
 * A probe failed in a way that says nothing about the account (the follow feature disabled, upstream
 * down): ask portrait_get instead. Except when the request was shed (our limiter's queue is longer
 * than the request can wait, or its deadline passed): asking another command then would only add load
 * where there is too much already, for a request that cannot be served in time. That failure is the
 * answer.
 */
function existsOtherwise(error: unknown, id: string, ctx: GraphQLContext): Promise<boolean> {
  if (error instanceof TencentError && (error.kind === 'rate-limited' || error.kind === 'deadline')) {
    throw error;
  }
  return existsByProfile(id, ctx);
}

/**
 * follow_get_info's per-item 30003 means no such account; other failures: `existsOtherwise`. The
 * failure stays cached in the counts loader, so `totalCount` reports it without calling again.
 */
async function existsByCounts(id: string, ctx: GraphQLContext): Promise<boolean> {
  try {
    await ctx.loaders.countsOf(id);
    return true;
  } catch (error) {
    if (error instanceof ItemError && isUnknownAccount(error)) return false;
    return existsOtherwise(error, id, ctx);
  }
}

/**
 * follow_get answering 30003 means no such account; the page read is the one the connection shows (the
 * page loader memoises it, failures included). Other failures fall back to portrait_get, as above.
 */
async function existsByPage(
  id: string,
  ctx: GraphQLContext,
  probe: Extract<ExistenceProbe, { by: 'page' }>,
): Promise<boolean> {
  let key: ReturnType<typeof followPageRequest>['key'];
  try {
    key = followPageRequest(id, probe.list, probe.args, ctx.settings).key;
  } catch {
    // Bad connection arguments: the connection field reports them; prove existence another way.
    return probe.withCounts ? existsByCounts(id, ctx) : existsByProfile(id, ctx);
  }
  // Independent of the page: start it now. Its failure is cached and reported by `totalCount`.
  if (probe.withCounts) ctx.loaders.countsOf(id).catch(() => undefined);
  try {
    await ctx.loaders.followPages.load(key);
    return true;
  } catch (error) {
    if (isUnknownAccount(error)) return false;
    return existsOtherwise(error, id, ctx);
  }
}

/** A whole-list probe for a list with a filter; undefined without one; null when the filter is bad. */
function filteredListProbe(list: FollowListName, filter: unknown): ExistenceProbe | null | undefined {
  try {
    return readFilter(filter as Parameters<typeof readFilter>[0]) ? { by: 'wholeList', list } : undefined;
  } catch {
    return null;
  }
}

/** The whole list a filtered list reads (followList loader, memoised): 30003 means no such account. */
async function existsByWholeList(
  id: string,
  ctx: GraphQLContext,
  probe: Extract<ExistenceProbe, { by: 'wholeList' }>,
): Promise<boolean> {
  try {
    await ctx.loaders.followLists.load({ user: id, type: FOLLOW_LISTS[probe.list] as BoundedFollowListType });
    return true;
  } catch (error) {
    if (isUnknownAccount(error)) return false;
    return existsOtherwise(error, id, ctx);
  }
}

/** `{ id }` if the account exists, else null. */
export async function existingUser(
  id: string,
  ctx: GraphQLContext,
  probe: ExistenceProbe,
): Promise<{ id: string } | null> {
  const exists =
    probe.by === 'page'
      ? await existsByPage(id, ctx, probe)
      : probe.by === 'wholeList'
        ? await existsByWholeList(id, ctx, probe)
        : probe.by === 'counts'
          ? await existsByCounts(id, ctx)
          : await existsByProfile(id, ctx);
  return exists ? { id } : null;
}

/**
 * `existingUser` for a list, resolved together: follow_get_info answers 20 ids per call, and if each
 * user resolved with its own batch, every batched field below (profiles, relations) would be split into
 * one upstream call per batch. A failed check fails only its own entry (a rejected promise).
 */
export async function existingUsers(
  ids: readonly string[],
  ctx: GraphQLContext,
  probe: ExistenceProbe,
): Promise<({ id: string } | null | Promise<never>)[]> {
  if (probe.by === 'counts') {
    const known = await existingByCounts(ids, ctx);
    if (known) return known;
  }
  const settled = await Promise.allSettled(ids.map((id) => existingUser(id, ctx, probe)));
  return settled.map((result) =>
    result.status === 'fulfilled' ? result.value : Promise.reject(toClientError(result.reason)),
  );
}

/**
 * The counts probe for a list, read from the settled counts once they are all in (no promise per id);
 * undefined when one of them failed otherwise than "no such account" (then each id is proven one by
 * one, falling back to portrait_get, as `existsByCounts` does; the counts failures stay cached).
 */
async function existingByCounts(
  ids: readonly string[],
  ctx: GraphQLContext,
): Promise<({ id: string } | null)[] | undefined> {
  await allSettled(ids.map((id) => ctx.loaders.countsOf(id)));
  const found: ({ id: string } | null)[] = [];
  for (const id of ids) {
    const counts = ctx.loaders.settled.counts.get(id);
    if (counts === undefined) return undefined;
    if (!(counts instanceof Error)) found.push({ id });
    else if (counts instanceof ItemError && isUnknownAccount(counts)) found.push(null);
    else return undefined;
  }
  return found;
}
