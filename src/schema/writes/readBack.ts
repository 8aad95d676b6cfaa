/**
 * After a write whose answer was lost (a timeout, a connection cut after sending, an unreadable answer,
 * a gateway's 5xx, an "internal error, retry" code), nobody knows whether upstream applied it. Instead
 * of reporting a plain failure, read the real state back, within what is left of the request's
 * deadline (the transport keeps a reserve of it free of write attempts), and report what is true:
 *
 * - follows: follow_check from the actor (100 targets per call);
 * - subscriptions: the official account's subscriber list (get_subscriber_info, 200 per page) while
 *   that is cheaper than asking per user, else each user's subscribed accounts
 *   (get_subscribed_official_account_list, 200 per page).
 *
 * Each id ends `holds` (the requested end state is true now), `does-not-hold`, or `unknown` (the read
 * failed or ran out of time). A `does-not-hold` after a timeout that gave up before upstream's own
 * processing limit (3 s) is `unknown` too: upstream may still have been working on the write.
 */

import { mapConcurrent } from '../../tencent/batch.js';
import type { TencentError } from '../../tencent/errors.js';
import { LIMITS, UPSTREAM_PROCESSING_LIMIT_MS } from '../../tencent/wire.js';
import type { GraphQLContext } from '../context.js';

export type ReadBack = 'holds' | 'does-not-hold' | 'unknown';

/** Pages of a user's subscribed accounts read per user at most (1,000 accounts). */
const MAX_SUBSCRIBED_PAGES = 5;
/** Reads of a read-back in flight at once. */
const CONCURRENCY = 4;

/** True when `error` leaves unknown whether the write it failed was applied. */
export function isLostAnswer(error: TencentError | undefined): error is TencentError {
  return error?.outcomeUnknown === true;
}

/** A `does-not-hold` that upstream may still turn into `holds`: see the header. */
export function settle(state: boolean | undefined, error: TencentError | undefined): ReadBack {
  if (state === undefined) return 'unknown';
  if (state) return 'holds';
  const cutShort =
    error?.kind === 'timeout' &&
    error.elapsedMs !== undefined &&
    error.elapsedMs < UPSTREAM_PROCESSING_LIMIT_MS;
  return cutShort ? 'unknown' : 'does-not-hold';
}

/**
 * Whether `from` follows each of `ids` now (`following`), or does not (`!following`, for unfollows):
 * true/false per id; ids whose check failed are missing.
 */
export async function readBackFollows(
  ctx: GraphQLContext,
  from: string,
  ids: readonly string[],
): Promise<Map<string, boolean>> {
  const out = new Map<string, boolean>();
  try {
    const items = await ctx.api.followCheck(from, [...ids]);
    items.forEach((item, i) => {
      const id = ids[i] as string;
      // Bit 2: From follows To. An unknown target (30003) follows nobody and is followed by nobody.
      if (item.ResultCode === 0) out.set(id, (item.FollowType & 2) !== 0);
      else if (item.ResultCode === 30003) out.set(id, false);
    });
  } catch {
    // Unknown: nothing is set.
  }
  return out;
}

/** Whether each of `ids` is subscribed to `accountId` now; ids whose check failed are missing. */
export async function readBackSubscriptions(
  ctx: GraphQLContext,
  accountId: string,
  ids: readonly string[],
): Promise<Map<string, boolean>> {
  const out = new Map<string, boolean>();
  const wanted = new Set(ids);
  // The account's list first: one page may settle everything, and its total says what the rest costs.
  try {
    let next = '';
    let pages = 0;
    for (;;) {
      const page = await ctx.api.getSubscriberInfo(accountId, next, LIMITS.subscriberPageMax);
      pages++;
      for (const item of page.items) {
        if (wanted.has(item.Subscriber_Account)) out.set(item.Subscriber_Account, true);
      }
      next = page.next;
      if (next === '') {
        for (const id of ids) if (!out.has(id)) out.set(id, false);
        return out;
      }
      const pagesLeft = Math.ceil(
        Math.max(0, page.total - pages * LIMITS.subscriberPageMax) / LIMITS.subscriberPageMax,
      );
      const open = ids.filter((id) => !out.has(id));
      if (open.length === 0 || pagesLeft > open.length) break;
    }
  } catch {
    // Go on per user.
  }
  const open = ids.filter((id) => !out.has(id));
  await mapConcurrent(open, CONCURRENCY, async (id) => {
    try {
      let offset = 0;
      for (let page = 0; page < MAX_SUBSCRIBED_PAGES; page++) {
        const list = await ctx.api.getSubscribedOfficialAccountList(id, offset, LIMITS.subscribedListPageMax);
        if (list.items.some((item) => item.Official_Account === accountId)) {
          out.set(id, true);
          return;
        }
        if (list.complete || list.items.length === 0) {
          out.set(id, false);
          return;
        }
        offset = list.next;
      }
    } catch {
      // Unknown for this id.
    }
  });
  return out;
}
