import DataLoader from 'dataloader';
import type { ChatApi } from '../tencent/api.js';
import { LIMITS } from '../tencent/wire.js';
import { type BatchObserver, observeBatches } from './batchObserver.js';
import { itemError } from './itemError.js';

export interface FollowCounts {
  followers: number;
  following: number;
  mutuals: number;
}

/**
 * Follower / following / mutual counts per user: follow_get_info, at most 20 users per call. A failed
 * call fails each of its keys (rather than rejecting the batch), so the failure stays cached for the
 * request: `user(id)` probing existence through this loader and then `totalCount` do not call twice.
 */
export function createCountsLoader(api: ChatApi, onBatch?: BatchObserver): DataLoader<string, FollowCounts> {
  return new DataLoader<string, FollowCounts>(
    observeBatches('counts', onBatch, async (users) => {
      let items: Awaited<ReturnType<ChatApi['followGetInfo']>>;
      try {
        items = await api.followGetInfo([...users]);
      } catch (error) {
        return users.map(() => error as Error);
      }
      const byUser = new Map(items.map((item) => [item.To_Account, item]));
      return users.map((user) => {
        const item = byUser.get(user);
        if (!item) return itemError('follow/follow_get_info', 30003, 'account missing from the answer');
        if (item.ResultCode !== 0)
          return itemError('follow/follow_get_info', item.ResultCode, item.ResultInfo);
        return {
          followers: item.FollowerCount,
          following: item.FollowingCount,
          mutuals: item.MutualFollowingCount,
        };
      });
    }),
    { maxBatchSize: LIMITS.followGetInfoTargets },
  );
}
