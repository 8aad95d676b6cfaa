import DataLoader from 'dataloader';
import type { ChatApi } from '../tencent/api.js';
import { ErrorCodes, LIMITS, type OfficialAccountInfo } from '../tencent/wire.js';
import { type BatchObserver, observeBatches } from './batchObserver.js';
import { itemError } from './itemError.js';

/** The base-info fields the OfficialAccount type reads. */
export const OFFICIAL_ACCOUNT_FIELDS_READ = [
  'Name',
  'Introduction',
  'FaceUrl',
  'Organization',
  'CustomString',
  'CreateTime',
  'LastMsgTime',
  'SubscriberNum',
  'MaxSubscriberNum',
  'Owner_Account',
] as const satisfies readonly (keyof OfficialAccountInfo)[];

/**
 * True when `info` carries every field the OfficialAccount type reads, so it can stand in for a
 * get_official_account_info answer (get_subscribed_official_account_list's filter, for one, documents
 * no MaxSubscriberNum).
 */
export function isCompleteInfo(info: OfficialAccountInfo): boolean {
  return OFFICIAL_ACCOUNT_FIELDS_READ.every((field) => info[field] !== undefined);
}

/**
 * Official account base info (get_official_account_info, at most 50 ids per call). Resolves to null for
 * accounts that do not exist.
 */
export function createOfficialAccountsLoader(
  api: ChatApi,
  onBatch?: BatchObserver,
): DataLoader<string, OfficialAccountInfo | null> {
  return new DataLoader<string, OfficialAccountInfo | null>(
    observeBatches('officialAccounts', onBatch, async (ids) => {
      const items = await api.getOfficialAccountInfo([...ids]);
      const byId = new Map(items.map((item) => [item.Official_Account, item]));
      return ids.map((id) => {
        const item = byId.get(id);
        if (!item || item.ErrorCode === ErrorCodes.OaNotFound) return null;
        if (item.ErrorCode !== 0 || item.ActionStatus === 'FAIL') {
          return itemError(
            'official_account_open_http_svc/get_official_account_info',
            item.ErrorCode,
            item.ErrorInfo,
          );
        }
        const { ActionStatus: _s, ErrorCode: _c, ErrorInfo: _i, ErrorDisplay: _d, ...info } = item;
        return info;
      });
    }),
    { maxBatchSize: LIMITS.officialAccountInfoIds },
  );
}
