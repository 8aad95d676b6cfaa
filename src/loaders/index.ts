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
import type { OfficialAccountInfo, ProfileItem } from '../tencent/wire.js';
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
import { SettledAnswers } from './settled.js';

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
export type { SettledAnswers } from './settled.js';

export interface LoaderOptions {
  /** Custom profile tags (`Tag_Profile_Custom_*`) requested with every portrait_get. */
  customProfileTags: readonly string[];
  /** Told the size of every batch of the batching loaders (metrics). */
  onBatch?: BatchObserver;
}

/**
 * Profiles that came inside follow_get items, kept as they came and turned into snapshots only when a
 * query reads one (most pages are read for their ids). A complete one also primes the profiles loader;
 * a partial one is a hint, completed by portrait_get only for a tag it lacks.
 */
export class PageProfiles {
  // Made when a page with profiles arrives (most requests read none).
  private raw: Map<string, ProfileItem[]> | undefined;
  private hints: Map<string, ProfileSnapshot> | undefined;

  constructor(
    private readonly tagList: readonly string[],
    private readonly prime: (userId: string, profile: ProfileSnapshot) => void,
  ) {}

  add(page: FollowPage): void {
    for (const item of page.items) {
      if (item.ProfileItem && item.ProfileItem.length > 0) {
        this.raw ??= new Map();
        this.raw.set(item.To_Account, item.ProfileItem);
      }
    }
  }

  /**
   * The nicknames that came with whole-list entries, as partial profiles (other tags still load through
   * portrait_get); richer profile data already known stays.
   */
  addNicknames(entries: readonly FollowListEntry[]): void {
    for (const entry of entries) {
      if (entry.Nick === undefined || this.raw?.has(entry.To_Account) || this.hints?.has(entry.To_Account)) {
        continue;
      }
      const tags = [{ Tag: StandardTag.Nick, Value: entry.Nick }];
      this.hints ??= new Map();
      this.hints.set(entry.To_Account, snapshotOf(entry.To_Account, tags, false));
    }
  }

  /** The profile of `userId` that came with a page, if any: complete (then also primed) or partial. */
  get(userId: string): ProfileSnapshot | undefined {
    const items = this.raw?.get(userId);
    if (items) {
      this.raw?.delete(userId);
      let profile = snapshotOf(userId, items, false);
      if (this.tagList.every((tag) => profile.tags.has(tag))) {
        profile = { ...profile, complete: true };
        this.prime(userId, profile);
      }
      this.hints ??= new Map();
      this.hints.set(userId, profile);
      return profile;
    }
    return this.hints?.get(userId);
  }
}

export interface Loaders {
  counts: DataLoader<string, FollowCounts>;
  /** Keyed by `relationKey(from, to)`. */
  relations: DataLoader<string, RelationMask>;
  /** Full profiles; null = the account does not exist. */
  profiles: DataLoader<string, ProfileSnapshot | null>;
  /**
   * Profiles that arrived inside follow_get items, used before asking portrait_get. Items that carry
   * every tag of the TagList are complete and also prime `profiles` (when first asked for).
   */
  profileHints: PageProfiles;
  officialAccounts: DataLoader<string, OfficialAccountInfo | null>;
  /**
   * Everyone a user follows (the viewer's list answers `viewerIsFollowing` when the settings say so:
   * SchemaSettings.followingLists); undefined when too long. Read through `followLists`.
   */
  following: DataLoader<string, ReadonlySet<string> | undefined, string>;
  /**
   * Whole lists bounded by Tencent's cap (follows, mutuals), in upstream order: `knownFollowers` and
   * filtered lists read them; undefined when longer than the cap allows.
   */
  followLists: DataLoader<FollowListKey, FollowListEntry[] | undefined, string>;
  followPages: DataLoader<FollowPageKey, FollowPage, string>;
  subscriberPages: DataLoader<SubscriberPageKey, SubscriberPage, string>;
  subscribedAccountsPages: DataLoader<SubscribedAccountsPageKey, SubscribedAccountsPage, string>;
  /**
   * `counts.load(userId)`, read from the loader's cache first (a plain promise). A query reads up to
   * three counts of every user it shows, and each of DataLoader's cache hits costs a promise and a batch.
   */
  countsOf(userId: string): Promise<FollowCounts>;
  /**
   * What the batches have answered so far, as plain values (an Error for a failed key): a field whose
   * answer has arrived returns it without a promise. Keyed like their loaders.
   */
  settled: SettledLoads;
  /** The caches behind the loaders that `clearUser` scans. */
  caches: LoaderCaches;
}

export interface LoaderCaches {
  counts: Map<string, Promise<FollowCounts>>;
  relations: Map<string, Promise<RelationMask>>;
  following: Map<string, Promise<ReadonlySet<string> | undefined>>;
  followLists: Map<string, Promise<FollowListEntry[] | undefined>>;
  followPages: Map<string, Promise<FollowPage>>;
  subscriberPages: Map<string, Promise<SubscriberPage>>;
  subscribedAccountsPages: Map<string, Promise<SubscribedAccountsPage>>;
}

/** The caches behind the loaders, each made on first use (a request uses a few of them). */
class RequestCaches implements LoaderCaches {
  private readonly made: Partial<LoaderCaches> = {};

  get counts() {
    this.made.counts ??= new Map();
    return this.made.counts;
  }
  get relations() {
    this.made.relations ??= new Map();
    return this.made.relations;
  }
  get following() {
    this.made.following ??= new Map();
    return this.made.following;
  }
  get followLists() {
    this.made.followLists ??= new Map();
    return this.made.followLists;
  }
  get followPages() {
    this.made.followPages ??= new Map();
    return this.made.followPages;
  }
  get subscriberPages() {
    this.made.subscriberPages ??= new Map();
    return this.made.subscriberPages;
  }
  get subscribedAccountsPages() {
    this.made.subscribedAccountsPages ??= new Map();
    return this.made.subscribedAccountsPages;
  }
}

/** The settled answers of the count and relation loaders, each made on first use. */
export class SettledLoads {
  private countAnswers: SettledAnswers<FollowCounts> | undefined;
  private relationAnswers: SettledAnswers<RelationMask> | undefined;

  get counts(): SettledAnswers<FollowCounts> {
    this.countAnswers ??= new SettledAnswers();
    return this.countAnswers;
  }
  get relations(): SettledAnswers<RelationMask> {
    this.relationAnswers ??= new SettledAnswers();
    return this.relationAnswers;
  }
}

export function createLoaders(api: ChatApi, options: LoaderOptions): Loaders {
  const tagList = profileTagList(options.customProfileTags);
  const { onBatch } = options;
  const caches = new RequestCaches();
  const settled = new SettledLoads();
  const profileHints = new PageProfiles(tagList, (userId, profile) =>
    loaders.profiles.prime(userId, profile),
  );
  const primeProfiles = (page: FollowPage) => profileHints.add(page);
  // Only items that carry every field the OfficialAccount type reads stand in for the loader's read.
  const primeOfficialAccounts = (page: SubscribedAccountsPage) => {
    for (const { SelfInfo: _self, ...info } of page.items) {
      if (isCompleteInfo(info)) loaders.officialAccounts.prime(info.Official_Account, info);
    }
  };

  // Each loader is made on first use: most operations use two or three of them.
  const made: Partial<Omit<Loaders, 'profileHints' | 'caches'>> = {};
  const loaders: Loaders = {
    get counts() {
      made.counts ??= createCountsLoader(api, caches.counts, settled.counts, onBatch);
      return made.counts;
    },
    get relations() {
      made.relations ??= createRelationsLoader(api, caches.relations, settled.relations, onBatch);
      return made.relations;
    },
    get profiles() {
      made.profiles ??= createProfilesLoader(api, tagList, onBatch);
      return made.profiles;
    },
    profileHints,
    get officialAccounts() {
      made.officialAccounts ??= createOfficialAccountsLoader(api, onBatch);
      return made.officialAccounts;
    },
    get following() {
      made.following ??= createFollowingLoader(loaders.followLists, caches.following);
      return made.following;
    },
    get followLists() {
      made.followLists ??= createFollowListLoader(api, caches.followLists);
      return made.followLists;
    },
    get followPages() {
      made.followPages ??= createFollowPageLoader(api, caches.followPages, primeProfiles);
      return made.followPages;
    },
    get subscriberPages() {
      made.subscriberPages ??= createSubscriberPageLoader(api, caches.subscriberPages);
      return made.subscriberPages;
    },
    get subscribedAccountsPages() {
      made.subscribedAccountsPages ??= createSubscribedAccountsPageLoader(
        api,
        caches.subscribedAccountsPages,
        primeOfficialAccounts,
      );
      return made.subscribedAccountsPages;
    },
    countsOf(userId) {
      // The loader's own cache, read first: a DataLoader cache hit costs a promise and a batch.
      return caches.counts.get(userId) ?? loaders.counts.load(userId);
    },
    settled,
    caches,
  };
  return loaders;
}

function deleteWhere<V>(cache: Map<string, V>, drop: (key: string) => boolean): void {
  if (cache.size === 0) return;
  for (const key of [...cache.keys()]) if (drop(key)) cache.delete(key);
}

/** Forgets everything cached about `userId`'s follow graph and subscriptions (call after a mutation). */
export function clearUser(loaders: Loaders, userId: string): void {
  loaders.caches.counts.delete(userId);
  loaders.settled.counts.forget((key) => key === userId);
  const involves = (key: string) => {
    const { from, to } = parseRelationKey(key);
    return from === userId || to === userId;
  };
  deleteWhere(loaders.caches.relations, involves);
  loaders.settled.relations.forget(involves);
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
