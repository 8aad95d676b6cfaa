import DataLoader from 'dataloader';
import type { ChatApi } from '../tencent/api.js';
import { LIMITS } from '../tencent/wire.js';
import { type BatchObserver, observeBatches } from './batchObserver.js';
import { itemError } from './itemError.js';
import type { SettledAnswers } from './settled.js';

export interface FollowCounts {
  followers: number;
  following: number;
  mutuals: number;
}

/**
 * Follower / following / mutual counts per user: follow_get_info, at most 20 users per call. A failed
 * call fails each of its keys (rather than rejecting the batch), so the failure stays cached for the
 * request: `user(id)` probing existence through this loader and then `totalCount` do not call twice.
 * Every answer is also kept in `settled`, for readers that can use it without a promise.
 */
export function createCountsLoader(
  api: ChatApi,
  cacheMap: Map<string, Promise<FollowCounts>>,
  settled: SettledAnswers<FollowCounts>,
  onBatch?: BatchObserver,
): DataLoader<string, FollowCounts> {
  return new DataLoader<string, FollowCounts>(
    observeBatches('counts', onBatch, async (users) => {
      const answers = settled.batch();
      let items: Awaited<ReturnType<ChatApi['followGetInfo']>>;
      try {
        items = await api.followGetInfo([...users]);
      } catch (error) {
        return answers.keep(
          users,
          users.map(() => error as Error),
        );
      }
      // The client answers in input order; look an account up only where it does not.
      let byUser: Map<string, (typeof items)[number]> | undefined;
      const itemOf = (user: string, index: number) => {
        const item = items[index];
        if (item?.To_Account === user) return item;
        byUser ??= new Map(items.map((found) => [found.To_Account, found]));
        return byUser.get(user);
      };
      return answers.keep(
        users,
        users.map((user, index) => {
          const item = itemOf(user, index);
          if (!item) return itemError('follow/follow_get_info', 30003, 'account missing from the answer');
          if (item.ResultCode !== 0)
            return itemError('follow/follow_get_info', item.ResultCode, item.ResultInfo);
          return {
            followers: item.FollowerCount,
            following: item.FollowingCount,
            mutuals: item.MutualFollowingCount,
          };
        }),
      );
    }),
    { maxBatchSize: LIMITS.followGetInfoTargets, cacheMap },
  );
}
