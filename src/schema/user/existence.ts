/**
 * Whether an account exists, for `user(id)`, `users(ids)` and `viewer`. Two probes answer it:
 * follow_get_info (per-item 30003 for unknown accounts; 20 ids per call) and portrait_get (100 ids per
 * call). When the query asks for a follow count of the user anyway, follow_get_info is the probe and
 * the counts come with it at no extra cost; otherwise portrait_get is (it also serves `profile`).
 */
import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import { ItemError, LOADER_COSTS } from '../../loaders/index.js';
import { TencentError } from '../../tencent/errors.js';
import { ErrorCodes } from '../../tencent/wire.js';
import type { GraphQLContext } from '../context.js';
import { type UpstreamCost, upstreamCost } from '../cost/upstreamCost.js';
import { toClientError } from '../errors.js';
import { type FragmentMap, someField } from '../selection.js';

export type ExistenceProbe = 'counts' | 'profiles';

const COUNTED_LISTS: ReadonlySet<string> = new Set(['followers', 'following', 'mutuals']);

/** True when a selection on User asks for `followers`, `following` or `mutuals` `{ totalCount }`. */
export function selectsFollowCount(selectionSet: SelectionSetNode, fragments: FragmentMap): boolean {
  return someField(
    selectionSet,
    fragments,
    'User',
    (field) =>
      COUNTED_LISTS.has(field.name.value) &&
      field.selectionSet !== undefined &&
      someField(
        field.selectionSet,
        fragments,
        'UserConnection',
        (inner) => inner.name.value === 'totalCount',
      ),
  );
}

/** The probe for the root field being resolved (all its field nodes, as merged by execution). */
export function probeFor(info: GraphQLResolveInfo): ExistenceProbe {
  const counts = info.fieldNodes.some(
    (node) => node.selectionSet !== undefined && selectsFollowCount(node.selectionSet, info.fragments),
  );
  return counts ? 'counts' : 'profiles';
}

/** The upstream cost of a field that returns users after proving they exist. */
export function existenceCost(returns: UpstreamCost['returns']) {
  return upstreamCost({
    returns,
    probeLoads: [LOADER_COSTS.counts, LOADER_COSTS.profiles],
    probe: (selection, fragments) =>
      selection !== undefined && selectsFollowCount(selection, fragments)
        ? LOADER_COSTS.counts
        : LOADER_COSTS.profiles,
  });
}

async function existsByProfile(id: string, ctx: GraphQLContext): Promise<boolean> {
  return (await ctx.loaders.profiles.load(id)) !== null;
}

/**
 * follow_get_info's per-item 30003 means no such account. Any other failure (the follow feature
 * disabled, upstream down) says nothing about the account: ask portrait_get instead. The failure stays
 * cached in the counts loader, so `totalCount` reports it without calling again.
 *
 * Except when the request was shed (our limiter's queue is longer than the request can wait, or its
 * deadline passed): asking another command then would only add load where there is too much already,
 * for a request that cannot be served in time. That failure is the answer.
 */
async function existsByCounts(id: string, ctx: GraphQLContext): Promise<boolean> {
  try {
    await ctx.loaders.counts.load(id);
    return true;
  } catch (error) {
    if (error instanceof ItemError && error.code === ErrorCodes.FollowUserNotFound) return false;
    if (error instanceof TencentError && (error.kind === 'rate-limited' || error.kind === 'deadline')) {
      throw error;
    }
    return existsByProfile(id, ctx);
  }
}

/** `{ id }` if the account exists, else null. */
export async function existingUser(
  id: string,
  ctx: GraphQLContext,
  probe: ExistenceProbe,
): Promise<{ id: string } | null> {
  const exists = probe === 'counts' ? await existsByCounts(id, ctx) : await existsByProfile(id, ctx);
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
): Promise<Promise<{ id: string } | null>[]> {
  const settled = await Promise.allSettled(ids.map((id) => existingUser(id, ctx, probe)));
  return settled.map((result) =>
    result.status === 'fulfilled'
      ? Promise.resolve(result.value)
      : Promise.reject(toClientError(result.reason)),
  );
}
