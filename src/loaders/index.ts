/**
 * Per-request DataLoaders over the upstream client: one loader per upstream batch command with
 * maxBatchSize = its documented limit, plus per-request memos of paged reads. Created fresh for every
 * GraphQL request (never shared: the cache is the request's consistent view of upstream).
 */
import type DataLoader from 'dataloader';
import type {
  ChatApi,
  FollowListEntry,
  FollowPage,
  SubscribedAccountsPage,
  SubscriberPage,
} from '../tencent/api.js';
import type { FollowGetItem, OfficialAccountInfo } from '../tencent/wire.js';
import type { BatchObserver } from './batchObserver.js';
import { createCountsLoader, type FollowCounts } from './counts.js';
import { createOfficialAccountsLoader, isCompleteInfo } from './officialAccounts.js';
import {
  createFollowingLoader,
  createFollowListLoader,
  createFollowPageLoader,
  createSubscribedAccountsPageLoader,
  createSubscriberPageLoader,
  type FollowListKey,
  type FollowPageKey,
  pageOwner,
  type SubscribedAccountsPageKey,
  type SubscriberPageKey,
} from './pages.js';
import { createProfilesLoader, type ProfileSnapshot, snapshotOf } from './profiles.js';
import { profileTagList, StandardTag } from './profileTags.js';
import { createRelationsLoader, parseRelationKey, type RelationMask } from './relations.js';

export {
  type BatchedLoad,
  LOADER_COSTS,
  type PagedLoad,
  type PerObjectLoad,
  type PerOperationLoad,
  WHOLE_LIST_COSTS,
  WHOLE_LIST_MAX_CALLS,
  wholeListCalls,
} from './costs.js';
export type { FollowCounts } from './counts.js';
export { ItemError } from './itemError.js';
export type {
  FollowListKey,
  FollowPageKey,
  SubscribedAccountsPageKey,
  SubscriberPageKey,
} from './pages.js';
export type { ProfileSnapshot } from './profiles.js';
export { CUSTOM_TAG_PREFIX, StandardTag } from './profileTags.js';
export { FROM_FOLLOWS_TO, type RelationMask, relationKey, TO_FOLLOWS_FROM } from './relations.js';

export interface LoaderOptions {
  /** Custom profile tags (`Tag_Profile_Custom_*`) requested with every portrait_get. */
  customProfileTags: readonly string[];
  /**
   * Answer "does the viewer follow X" from the viewer's whole following list (worth it when a shared
   * cache keeps that list for the viewer's next requests; else one follow_check per 100 is cheaper).
   */
  followingLists?: boolean;
  /** Told the size of every batch of the batching loaders (metrics). */
  onBatch?: BatchObserver;
}

export interface Loaders {
  counts: DataLoader<string, FollowCounts>;
  /** Keyed by `relationKey(from, to)`. */
  relations: DataLoader<string, RelationMask>;
  /** Full profiles; null = the account does not exist. */
  profiles: DataLoader<string, ProfileSnapshot | null>;
  /**
   * Partial profiles that arrived inside follow_get items, used before asking portrait_get. Items that
   * carry every tag of the TagList prime `profiles` instead.
   */
  profileHints: Map<string, ProfileSnapshot>;
  officialAccounts: DataLoader<string, OfficialAccountInfo | null>;
  /**
   * Everyone a user follows (the viewer's list answers `viewerIsFollowing`); undefined when too long,
   * or when lists are not used (LoaderOptions.followingLists). Read through `followLists`.
   */
  following: DataLoader<string, ReadonlySet<string> | undefined, string>;
  /**
   * Whole lists bounded by Tencent's cap (follows, mutuals), in upstream order: `knownFollowers` and
   * filtered lists read them; undefined when longer than the cap allows.
   */
  followLists: DataLoader<FollowListKey, FollowListEntry[] | undefined, string>;
  /**
   * Puts the nicknames that came with whole-list entries where `profile` finds them (a partial
   * profile: other tags still load through portrait_get). Richer profile data already known stays.
   */
  primeNicknames(entries: readonly FollowListEntry[]): void;
  followPages: DataLoader<FollowPageKey, FollowPage, string>;
  subscriberPages: DataLoader<SubscriberPageKey, SubscriberPage, string>;
  subscribedAccountsPages: DataLoader<SubscribedAccountsPageKey, SubscribedAccountsPage, string>;
  /** The caches behind the loaders that `clearUser` scans. */
  caches: {
    relations: Map<string, Promise<RelationMask>>;
    following: Map<string, Promise<ReadonlySet<string> | undefined>>;
    followLists: Map<string, Promise<FollowListEntry[] | undefined>>;
    followPages: Map<string, Promise<FollowPage>>;
    subscriberPages: Map<string, Promise<SubscriberPage>>;
    subscribedAccountsPages: Map<string, Promise<SubscribedAccountsPage>>;
  };
}

export function createLoaders(api: ChatApi, options: LoaderOptions): Loaders {
  const tagList = profileTagList(options.customProfileTags);
  const caches: Loaders['caches'] = {
    relations: new Map(),
    following: new Map(),
    followLists: new Map(),
    followPages: new Map(),
    subscriberPages: new Map(),
    subscribedAccountsPages: new Map(),
  };
  const profiles = createProfilesLoader(api, tagList, options.onBatch);
  const profileHints = new Map<string, ProfileSnapshot>();
  const officialAccounts = createOfficialAccountsLoader(api, options.onBatch);

  const primeProfiles = (items: readonly FollowGetItem[]) => {
    for (const item of items) {
      if (!item.ProfileItem || item.ProfileItem.length === 0) continue;
      const present = new Set(item.ProfileItem.map((p) => p.Tag));
      if (tagList.every((tag) => present.has(tag))) {
        profiles.prime(item.To_Account, snapshotOf(item.To_Account, item.ProfileItem, true));
      } else {
        profileHints.set(item.To_Account, snapshotOf(item.To_Account, item.ProfileItem, false));
      }
    }
  };
  // Only items that carry every field the OfficialAccount type reads stand in for the loader's read.
  const primeOfficialAccounts = (page: SubscribedAccountsPage) => {
    for (const { SelfInfo: _self, ...info } of page.items) {
      if (isCompleteInfo(info)) officialAccounts.prime(info.Official_Account, info);
    }
  };

  const followLists = createFollowListLoader(api, caches.followLists);
  const primeNicknames = (entries: readonly FollowListEntry[]) => {
    for (const entry of entries) {
      if (entry.Nick === undefined || profileHints.has(entry.To_Account)) continue;
      const tags = [{ Tag: StandardTag.Nick, Value: entry.Nick }];
      profileHints.set(entry.To_Account, snapshotOf(entry.To_Account, tags, false));
    }
  };
  return {
    counts: createCountsLoader(api, options.onBatch),
    relations: createRelationsLoader(api, caches.relations, options.onBatch),
    profiles,
    profileHints,
    officialAccounts,
    following: createFollowingLoader(followLists, caches.following, options.followingLists ?? false),
    followLists,
    primeNicknames,
    followPages: createFollowPageLoader(api, caches.followPages, (page) => primeProfiles(page.items)),
    subscriberPages: createSubscriberPageLoader(api, caches.subscriberPages),
    subscribedAccountsPages: createSubscribedAccountsPageLoader(
      api,
      caches.subscribedAccountsPages,
      primeOfficialAccounts,
    ),
    caches,
  };
}

function deleteWhere<V>(cache: Map<string, V>, drop: (key: string) => boolean): void {
  for (const key of [...cache.keys()]) if (drop(key)) cache.delete(key);
}

/** Forgets everything cached about `userId`'s follow graph and subscriptions (call after a mutation). */
export function clearUser(loaders: Loaders, userId: string): void {
  loaders.counts.clear(userId);
  deleteWhere(loaders.caches.relations, (key) => {
    const { from, to } = parseRelationKey(key);
    return from === userId || to === userId;
  });
  deleteWhere(loaders.caches.followPages, (key) => pageOwner(key) === userId);
  deleteWhere(loaders.caches.following, (key) => pageOwner(key) === userId);
  deleteWhere(loaders.caches.followLists, (key) => pageOwner(key) === userId);
  deleteWhere(loaders.caches.subscribedAccountsPages, (key) => pageOwner(key) === userId);
}

/** Forgets an official account's info and subscriber pages (call after a subscription mutation). */
export function clearOfficialAccount(loaders: Loaders, officialAccountId: string): void {
  loaders.officialAccounts.clear(officialAccountId);
  deleteWhere(loaders.caches.subscriberPages, (key) => pageOwner(key) === officialAccountId);
}
