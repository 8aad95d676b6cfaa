import DataLoader from 'dataloader';
import type {
  ChatApi,
  FollowListEntry,
  FollowPage,
  SubscribedAccountsPage,
  SubscriberPage,
} from '../tencent/api.js';
import { type BoundedFollowListType, FollowListType } from '../tencent/wire.js';

const SEPARATOR = '\u0000';

/** Cache key of a page: its owner first, so that `clearUser` can drop every page of one owner. */
export function pageKey(owner: string, ...rest: (string | number)[]): string {
  return [owner, ...rest].join(SEPARATOR);
}

export function pageOwner(key: string): string {
  return key.slice(0, key.indexOf(SEPARATOR));
}

/**
 * A per-request memo of single upstream reads: the same page asked twice in one request is fetched once.
 * A failed read stays cached too (as the batch loaders' failures do), so that a page read that also
 * proved an account's existence is not sent again by the fields that show it.
 */
function memoLoader<K, V>(
  keyOf: (key: K) => string,
  fetch: (key: K) => Promise<V>,
  cacheMap: Map<string, Promise<V>>,
): DataLoader<K, V, string> {
  return new DataLoader<K, V, string>(
    async ([key]) => {
      try {
        return [await fetch(key as K)];
      } catch (error) {
        return [error instanceof Error ? error : new Error(String(error))];
      }
    },
    {
      batch: false,
      cacheKeyFn: keyOf,
      cacheMap,
    },
  );
}

export interface FollowListKey {
  user: string;
  type: BoundedFollowListType;
}

/**
 * A whole list bounded by Tencent's cap (everyone a user follows, or their mutuals), read once per
 * request: at most 5 follow_get of 1,000. Undefined when longer than the cap allows.
 */
export function createFollowListLoader(
  api: ChatApi,
  cacheMap: Map<string, Promise<FollowListEntry[] | undefined>>,
): DataLoader<FollowListKey, FollowListEntry[] | undefined, string> {
  return memoLoader(
    (k) => pageKey(k.user, 'list', k.type),
    (k) => api.followList(k.user, k.type),
    cacheMap,
  );
}

/** Everyone a user follows as a set, from the whole list above (undefined: too long). */
export function createFollowingLoader(
  lists: DataLoader<FollowListKey, FollowListEntry[] | undefined, string>,
  cacheMap: Map<string, Promise<ReadonlySet<string> | undefined>>,
): DataLoader<string, ReadonlySet<string> | undefined, string> {
  return memoLoader(
    (user) => pageKey(user, 'following'),
    async (user) => {
      const items = await lists.load({ user, type: FollowListType.Follows });
      return items && new Set(items.map((item) => item.To_Account));
    },
    cacheMap,
  );
}

export interface FollowPageKey {
  user: string;
  type: FollowListType;
  cursor: string;
  wantNum: number;
}

export function createFollowPageLoader(
  api: ChatApi,
  cacheMap: Map<string, Promise<FollowPage>>,
  onPage: (page: FollowPage) => void,
): DataLoader<FollowPageKey, FollowPage, string> {
  return memoLoader(
    (k) => pageKey(k.user, k.type, k.cursor, k.wantNum),
    async (k) => {
      const page = await api.followGet(k.user, k.type, k.cursor, k.wantNum);
      onPage(page);
      return page;
    },
    cacheMap,
  );
}

export interface SubscriberPageKey {
  officialAccount: string;
  next: string;
  limit: number;
}

export function createSubscriberPageLoader(
  api: ChatApi,
  cacheMap: Map<string, Promise<SubscriberPage>>,
): DataLoader<SubscriberPageKey, SubscriberPage, string> {
  return memoLoader(
    (k) => pageKey(k.officialAccount, k.next, k.limit),
    (k) => api.getSubscriberInfo(k.officialAccount, k.next, k.limit),
    cacheMap,
  );
}

export interface SubscribedAccountsPageKey {
  user: string;
  offset: number;
  limit: number;
}

export function createSubscribedAccountsPageLoader(
  api: ChatApi,
  cacheMap: Map<string, Promise<SubscribedAccountsPage>>,
  onPage: (page: SubscribedAccountsPage) => void,
): DataLoader<SubscribedAccountsPageKey, SubscribedAccountsPage, string> {
  return memoLoader(
    (k) => pageKey(k.user, k.offset, k.limit),
    async (k) => {
      const page = await api.getSubscribedOfficialAccountList(k.user, k.offset, k.limit);
      onPage(page);
      return page;
    },
    cacheMap,
  );
}
