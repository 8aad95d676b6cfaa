import DataLoader from 'dataloader';
import type { ChatApi } from '../tencent/api.js';
import { ErrorCodes, LIMITS, type ProfileItem } from '../tencent/wire.js';
import { type BatchObserver, observeBatches } from './batchObserver.js';
import { itemError } from './itemError.js';

/** What we know of one user's profile tags. */
export interface ProfileSnapshot {
  userId: string;
  tags: ReadonlyMap<string, string | number>;
  /**
   * True when this came from portrait_get with the full TagList, so a missing tag means "not set".
   * False for profile data that arrived inside follow_get items: a missing tag there means "unknown".
   */
  complete: boolean;
}

/** portrait_get's per-item codes meaning "no such account". */
const UNKNOWN_ACCOUNT_CODES: ReadonlySet<number> = new Set([
  ErrorCodes.ProfileUserNotFound,
  ErrorCodes.AccountNotImported,
  ErrorCodes.FollowUserNotFound,
]);

export function snapshotOf(
  userId: string,
  items: readonly ProfileItem[],
  complete: boolean,
): ProfileSnapshot {
  return { userId, tags: new Map(items.map((item) => [item.Tag, item.Value])), complete };
}

/**
 * Full profiles (portrait_get, at most 100 accounts per call, fixed TagList). Resolves to null for
 * accounts that do not exist, which makes this loader the existence check for `user(id)` / `users`.
 */
export function createProfilesLoader(
  api: ChatApi,
  tagList: readonly string[],
  onBatch?: BatchObserver,
): DataLoader<string, ProfileSnapshot | null> {
  return new DataLoader<string, ProfileSnapshot | null>(
    observeBatches('profiles', onBatch, async (users) => {
      const items = await api.portraitGet([...users], [...tagList]);
      const byUser = new Map(items.map((item) => [item.To_Account, item]));
      return users.map((user) => {
        const item = byUser.get(user);
        if (!item || UNKNOWN_ACCOUNT_CODES.has(item.ResultCode)) return null;
        if (item.ResultCode !== 0) return itemError('profile/portrait_get', item.ResultCode, item.ResultInfo);
        return snapshotOf(user, item.ProfileItem ?? [], true);
      });
    }),
    { maxBatchSize: LIMITS.portraitGetAccounts },
  );
}
