/**
 * What one load through each loader costs upstream: the command, and how many keys share one call.
 * Fields declare their upstream cost in these terms (src/schema/cost), so the estimate follows the
 * loaders' real batching.
 */

import { WHOLE_LIST_PAGES } from '../tencent/client.js';
import { type Command, LIMITS } from '../tencent/wire.js';

/** One call per `batch` keys loaded in the same tick (a DataLoader with maxBatchSize = batch). */
export interface BatchedLoad {
  command: Command;
  batch: number;
}

/** One call per page read (memoised per request, not batched). */
export interface PagedLoad {
  command: Command;
  perInstance: true;
}

/** At most `calls` calls per operation, however many objects ask (e.g. the viewer's own list). */
export interface PerOperationLoad {
  command: Command;
  perOperation: number;
}

/**
 * `perObject` calls for every object the load runs on, charged once per object however many fields
 * ask for it (`memo` names what they share, e.g. one user's whole following list).
 */
export interface PerObjectLoad {
  command: Command;
  perObject: number;
  memo: string;
}

export const LOADER_COSTS = {
  counts: { command: 'follow/follow_get_info', batch: LIMITS.followGetInfoTargets },
  relations: { command: 'follow/follow_check', batch: LIMITS.followCheckTargets },
  profiles: { command: 'profile/portrait_get', batch: LIMITS.portraitGetAccounts },
  officialAccounts: {
    command: 'official_account_open_http_svc/get_official_account_info',
    batch: LIMITS.officialAccountInfoIds,
  },
  followPages: { command: 'follow/follow_get', perInstance: true },
  /** The viewer's whole following list (viewerIsFollowing with a cache; knownFollowers). */
  following: {
    command: 'follow/follow_get',
    perOperation: WHOLE_LIST_PAGES,
  },
  subscriberPages: { command: 'official_account_open_http_svc/get_subscriber_info', perInstance: true },
  subscribedAccountsPages: {
    command: 'official_account_open_http_svc/get_subscribed_official_account_list',
    perInstance: true,
  },
} as const satisfies Record<string, BatchedLoad | PagedLoad | PerOperationLoad>;

/** follow_get calls that read a whole list of `length` items (pages of 1,000; an empty list is one). */
export function wholeListCalls(length: number): number {
  return Math.max(1, Math.ceil(length / LIMITS.followGetWantNumMax));
}

/** Pages a whole list bounded by Tencent's cap can take (5: the client reads no more). */
export const WHOLE_LIST_MAX_CALLS = WHOLE_LIST_PAGES;

/** Whole-list reads of a user (loaders.followLists): at most 5 follow_get per user and list. */
export const WHOLE_LIST_COSTS = {
  following: { command: 'follow/follow_get', perObject: WHOLE_LIST_MAX_CALLS, memo: 'list:following' },
  mutuals: { command: 'follow/follow_get', perObject: WHOLE_LIST_MAX_CALLS, memo: 'list:mutuals' },
} as const satisfies Record<string, PerObjectLoad>;
