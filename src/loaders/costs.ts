/**
 * What one load through each loader costs upstream: the command, and how many keys share one call.
 * Fields declare their upstream cost in these terms (src/schema/cost), so the estimate follows the
 * loaders' real batching.
 */
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

export const LOADER_COSTS = {
  counts: { command: 'follow/follow_get_info', batch: LIMITS.followGetInfoTargets },
  relations: { command: 'follow/follow_check', batch: LIMITS.followCheckTargets },
  profiles: { command: 'profile/portrait_get', batch: LIMITS.portraitGetAccounts },
  officialAccounts: {
    command: 'official_account_open_http_svc/get_official_account_info',
    batch: LIMITS.officialAccountInfoIds,
  },
  followPages: { command: 'follow/follow_get', perInstance: true },
  following: {
    command: 'follow/follow_get',
    perOperation: Math.ceil(LIMITS.maxFollowingPerUser / LIMITS.followGetWantNumMax),
  },
  subscriberPages: { command: 'official_account_open_http_svc/get_subscriber_info', perInstance: true },
  subscribedAccountsPages: {
    command: 'official_account_open_http_svc/get_subscribed_official_account_list',
    perInstance: true,
  },
} as const satisfies Record<string, BatchedLoad | PagedLoad | PerOperationLoad>;
