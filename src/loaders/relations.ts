import DataLoader from 'dataloader';
import type { ChatApi } from '../tencent/api.js';
import { chunk } from '../tencent/batch.js';
import { LIMITS } from '../tencent/wire.js';
import { type BatchObserver, observeBatches } from './batchObserver.js';
import { itemError } from './itemError.js';

/** follow_check's FollowType bitmask: bit 0 = `to` follows `from`, bit 1 = `from` follows `to`. */
export type RelationMask = number;
export const TO_FOLLOWS_FROM = 1;
export const FROM_FOLLOWS_TO = 2;

const SEPARATOR = '\u0000';

export function relationKey(from: string, to: string): string {
  return `${from}${SEPARATOR}${to}`;
}

export function parseRelationKey(key: string): { from: string; to: string } {
  const at = key.indexOf(SEPARATOR);
  return { from: key.slice(0, at), to: key.slice(at + 1) };
}

/**
 * Relation between two users, keyed by `relationKey(from, to)`. The batch groups keys by `from` (one
 * follow_check call per distinct `from` and per 100 targets); groups run concurrently. ChatApi.followCheck
 * would split at 100 too, but it fails all of its chunks when one fails: splitting here keeps a failed
 * call to its own 100 targets and runs the calls without the client's chunk-concurrency cap.
 */
export function createRelationsLoader(
  api: ChatApi,
  cacheMap: Map<string, Promise<RelationMask>>,
  onBatch?: BatchObserver,
): DataLoader<string, RelationMask> {
  return new DataLoader<string, RelationMask>(
    observeBatches('relations', onBatch, async (keys) => {
      const targetsByFrom = new Map<string, string[]>();
      for (const key of new Set(keys)) {
        const { from, to } = parseRelationKey(key);
        const targets = targetsByFrom.get(from) ?? [];
        targets.push(to);
        targetsByFrom.set(from, targets);
      }
      const results = new Map<string, RelationMask | Error>();
      const calls = [...targetsByFrom].flatMap(([from, targets]) =>
        chunk(targets, LIMITS.followCheckTargets).map(async (part) => {
          try {
            const items = await api.followCheck(from, part);
            const byTarget = new Map(items.map((item) => [item.To_Account, item]));
            for (const to of part) {
              const item = byTarget.get(to);
              results.set(
                relationKey(from, to),
                !item
                  ? itemError('follow/follow_check', 30003, 'account missing from the answer')
                  : item.ResultCode !== 0
                    ? itemError('follow/follow_check', item.ResultCode, item.ResultInfo)
                    : item.FollowType,
              );
            }
          } catch (error) {
            for (const to of part) results.set(relationKey(from, to), error as Error);
          }
        }),
      );
      await Promise.all(calls);
      return keys.map((key) => results.get(key) as RelationMask | Error);
    }),
    { cacheMap },
  );
}
