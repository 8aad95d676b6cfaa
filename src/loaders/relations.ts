import DataLoader from 'dataloader';
import type { ChatApi } from '../tencent/api.js';
import { type FollowCheckResultItem, LIMITS } from '../tencent/wire.js';
import { type BatchObserver, observeBatches } from './batchObserver.js';
import { itemError } from './itemError.js';
import type { SettledAnswers } from './settled.js';

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
 * call to its own 100 targets and runs the calls without the client's chunk-concurrency cap. Every
 * answer is also kept in `settled`.
 */
export function createRelationsLoader(
  api: ChatApi,
  cacheMap: Map<string, Promise<RelationMask>>,
  settled: SettledAnswers<RelationMask>,
  onBatch?: BatchObserver,
): DataLoader<string, RelationMask> {
  return new DataLoader<string, RelationMask>(
    observeBatches('relations', onBatch, async (keys) => {
      const answers = settled.batch();
      // Each distinct key's position, grouped by `from` (a key loaded again after `clear` repeats).
      const targetsByFrom = new Map<string, { targets: string[]; at: number[] }>();
      const firstAt = new Map<string, number>();
      keys.forEach((key, index) => {
        if (firstAt.has(key)) return;
        firstAt.set(key, index);
        const { from, to } = parseRelationKey(key);
        let group = targetsByFrom.get(from);
        if (!group) {
          group = { targets: [], at: [] };
          targetsByFrom.set(from, group);
        }
        group.targets.push(to);
        group.at.push(index);
      });
      const results: (RelationMask | Error)[] = new Array(keys.length);
      const calls: Promise<void>[] = [];
      for (const [from, { targets, at }] of targetsByFrom) {
        for (let start = 0; start < targets.length; start += LIMITS.followCheckTargets) {
          const end = Math.min(start + LIMITS.followCheckTargets, targets.length);
          calls.push(checkPart(api, from, targets.slice(start, end), at.slice(start, end), results));
        }
      }
      await Promise.all(calls);
      keys.forEach((key, index) => {
        if (results[index] === undefined)
          results[index] = results[firstAt.get(key) as number] as RelationMask;
      });
      return answers.keep(keys, results);
    }),
    { cacheMap },
  );
}

/** One follow_check of `from` against `part`; each answer goes to `results` at its key's position. */
async function checkPart(
  api: ChatApi,
  from: string,
  part: string[],
  positions: number[],
  results: (RelationMask | Error)[],
): Promise<void> {
  let items: FollowCheckResultItem[];
  try {
    items = await api.followCheck(from, part);
  } catch (error) {
    for (const position of positions) results[position] = error as Error;
    return;
  }
  // The client answers in input order; look a target up only where it does not.
  let byTarget: Map<string, FollowCheckResultItem> | undefined;
  part.forEach((to, i) => {
    let item = items[i];
    if (item?.To_Account !== to) {
      byTarget ??= new Map(items.map((found) => [found.To_Account, found]));
      item = byTarget.get(to);
    }
    results[positions[i] as number] = !item
      ? itemError('follow/follow_check', 30003, 'account missing from the answer')
      : item.ResultCode !== 0
        ? itemError('follow/follow_check', item.ResultCode, item.ResultInfo)
        : item.FollowType;
  });
}
