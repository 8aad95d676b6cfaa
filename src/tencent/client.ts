/**
 * Typed methods for every command the product uses, on top of the Transport. Batch methods split at the
 * documented maxima and merge per-item results back in input order.
 */
import type {
  ChatApi,
  FollowListEntry,
  FollowPage,
  FollowWriteOutcome,
  SubscribedAccountsPage,
  SubscriberPage,
  SubscriberWriteOutcome,
  UpstreamObserver,
} from './api.js';
import { chunk, mapConcurrent } from './batch.js';
import type { TencentConfig } from './config.js';
import { TencentError } from './errors.js';
import type { CommandBudget, UpstreamRateLimiter } from './rateLimiter.js';
import { Transport } from './transport.js';
import {
  type BoundedFollowListType,
  type Command,
  type CreateOfficialAccountRequest,
  ErrorCodes,
  type FollowCheckResultItem,
  type FollowGetItem,
  type FollowInfoItem,
  type FollowListType,
  type FollowResultItem,
  LIMITS,
  type ModifyOfficialAccountRequest,
  type OfficialAccountField,
  type OfficialAccountInfoItem,
  type ProfileItem,
  type RequestOf,
  type ResponseOf,
  type SubscriberResultItem,
  type UserProfileItem,
} from './wire.js';

/** Chunks of one batch call in flight at once: fast, yet far from the 200/s limit. */
const CHUNK_CONCURRENCY = 4;

/** Pages of 1,000 that hold a whole following list (Tencent caps follows at 5,000 per user). */
export const WHOLE_LIST_PAGES = Math.ceil(LIMITS.maxFollowingPerUser / LIMITS.followGetWantNumMax);

/** A whole list through `api.followGet`: pages of 1,000, at most WHOLE_LIST_PAGES (else undefined). */
export async function readWholeList(
  api: Pick<ChatApi, 'followGet'>,
  user: string,
  type: BoundedFollowListType,
): Promise<FollowListEntry[] | undefined> {
  const items: FollowListEntry[] = [];
  let cursor = '';
  for (let page = 0; page < WHOLE_LIST_PAGES; page++) {
    const read = await api.followGet(user, type, cursor, LIMITS.followGetWantNumMax);
    for (const item of read.items) items.push(listEntry(item));
    if (read.nextCursor === '') return items;
    cursor = read.nextCursor;
  }
  return undefined;
}

export interface TencentClient extends ChatApi {
  close(): Promise<void>;
}

/** `limiter`: a rate budget shared by replicas (default: this process's share, see Transport). */
export function createTencentClient(
  config: TencentConfig,
  observer?: UpstreamObserver,
  limiter?: UpstreamRateLimiter,
): TencentClient {
  const transport = new Transport(config, limiter);
  const client = new Client(transport, config.adminIdentifier, observer ? [observer] : []);
  return Object.assign(client, { close: () => transport.close() });
}

class Client implements ChatApi {
  constructor(
    private readonly transport: Transport,
    /** The admin account the REST calls are signed as; the default From_Account of read-only calls. */
    private readonly admin: string,
    private readonly observers: readonly UpstreamObserver[],
  ) {}

  observed(observer: UpstreamObserver): ChatApi {
    return new Client(this.transport, this.admin, [...this.observers, observer]);
  }

  call<C extends Command>(command: C, body: RequestOf<C>): Promise<ResponseOf<C>> {
    return this.transport.call(command, body, this.observers);
  }

  budget(command: Command): Promise<CommandBudget> {
    return this.transport.budget(command);
  }

  // ---------- follow ----------

  followAdd(from: string, to: string[]): Promise<FollowWriteOutcome[]> {
    return this.followWrite(to, LIMITS.followAddTargets, (part) =>
      this.call('follow/follow_add', {
        From_Account: from,
        FollowItem: part.map((To_Account) => ({ To_Account })),
      }),
    );
  }

  followDelete(from: string, to: string[]): Promise<FollowWriteOutcome[]> {
    return this.followWrite(to, LIMITS.followDeleteTargets, (part) =>
      this.call('follow/follow_delete', { From_Account: from, To_Account: part }),
    );
  }

  private async followWrite(
    targets: string[],
    size: number,
    send: (part: string[]) => Promise<{ ResultItem?: FollowResultItem[] }>,
  ): Promise<FollowWriteOutcome[]> {
    const parts = await mapConcurrent(chunk(targets, size), CHUNK_CONCURRENCY, async (part) => {
      try {
        const res = await send(part);
        const byAccount = new Map((res.ResultItem ?? []).map((r) => [r.To_Account, r]));
        return part.map((account): FollowWriteOutcome => {
          const r = byAccount.get(account);
          return r
            ? { account, resultCode: r.ResultCode, resultInfo: r.ResultInfo ?? '' }
            : { account, resultCode: -1, resultInfo: 'no result for this account in the upstream answer' };
        });
      } catch (err) {
        const error = asTencentError(err);
        return part.map((account) => ({
          account,
          resultCode: error.code ?? -1,
          resultInfo: error.message,
          error,
        }));
      }
    });
    return parts.flat();
  }

  async followCheck(from: string, to: string[]): Promise<FollowCheckResultItem[]> {
    return this.readChunks(to, LIMITS.followCheckTargets, async (part) => {
      const res = await this.call('follow/follow_check', { From_Account: from, To_Account: part });
      return inInputOrder(part, res.ResultItem ?? [], (r) => r.To_Account, missingFollowItem);
    });
  }

  async followGet(from: string, type: FollowListType, cursor: string, wantNum: number): Promise<FollowPage> {
    const res = await this.call('follow/follow_get', {
      From_Account: from,
      FollowType: type,
      StartCursor: cursor,
      WantNum: wantNum,
    });
    return { items: res.FollowItem ?? [], nextCursor: res.NextCursor ?? '' };
  }

  followList(user: string, type: BoundedFollowListType): Promise<FollowListEntry[] | undefined> {
    return readWholeList(this, user, type);
  }

  /**
   * Counts of `users`. From_Account defaults to the admin identifier (an account that always exists):
   * if upstream validates From_Account as it does for follow_add, using one of the targets would fail
   * the whole chunk when that target does not exist.
   */
  async followGetInfo(users: string[], from: string = this.admin): Promise<FollowInfoItem[]> {
    return this.readChunks(users, LIMITS.followGetInfoTargets, async (part) => {
      const res = await this.call('follow/follow_get_info', {
        From_Account: from,
        To_Account: part,
      });
      return inInputOrder(
        part,
        res.FollowInfo ?? [],
        (r) => r.To_Account,
        (account) => ({
          ...missingFollowItem(account),
          FollowerCount: 0,
          FollowingCount: 0,
          MutualFollowingCount: 0,
        }),
      );
    });
  }

  // ---------- profile and accounts ----------

  async portraitGet(users: string[], tags: string[]): Promise<UserProfileItem[]> {
    return this.readChunks(users, LIMITS.portraitGetAccounts, async (part) => {
      const res = await this.call('profile/portrait_get', { To_Account: part, TagList: tags });
      return inInputOrder(
        part,
        res.UserProfileItem ?? [],
        (r) => r.To_Account,
        (account) => ({
          To_Account: account,
          ProfileItem: [],
          ResultCode: ErrorCodes.ProfileUserNotFound,
          ResultInfo: 'account not found',
        }),
      );
    });
  }

  async portraitSet(user: string, items: ProfileItem[]): Promise<void> {
    await this.call('profile/portrait_set', { From_Account: user, ProfileItem: items });
  }

  async accountImport(user: string, nick?: string, faceUrl?: string): Promise<void> {
    await this.call('im_open_login_svc/account_import', {
      UserID: user,
      ...(nick !== undefined && { Nick: nick }),
      ...(faceUrl !== undefined && { FaceUrl: faceUrl }),
    });
  }

  async multiAccountImport(users: string[]): Promise<string[]> {
    const failed = await mapConcurrent(
      chunk(users, LIMITS.multiAccountImport),
      CHUNK_CONCURRENCY,
      async (part) => {
        const res = await this.call('im_open_login_svc/multiaccount_import', { Accounts: part });
        return res.FailAccounts ?? [];
      },
    );
    return failed.flat();
  }

  // ---------- official accounts ----------

  async createOfficialAccount(req: CreateOfficialAccountRequest): Promise<string> {
    const res = await this.call('official_account_open_http_svc/create_official_account', req);
    return res.OfficialAccountUserID ?? req.OfficialAccountUserID ?? '';
  }

  async destroyOfficialAccount(id: string): Promise<void> {
    await this.call('official_account_open_http_svc/destroy_official_account', { Official_Account: id });
  }

  async modifyOfficialAccount(req: ModifyOfficialAccountRequest): Promise<void> {
    await this.call('official_account_open_http_svc/modify_official_account_base_info', req);
  }

  async getOfficialAccountInfo(
    ids: string[],
    fields?: OfficialAccountField[],
  ): Promise<OfficialAccountInfoItem[]> {
    return this.readChunks(ids, LIMITS.officialAccountInfoIds, async (part) => {
      const res = await this.call('official_account_open_http_svc/get_official_account_info', {
        OfficialAccountIdList: part.map((Official_Account) => ({ Official_Account })),
        ...(fields && { ResponseFilter: { OfficialAccountBaseInfoFilter: fields } }),
      });
      return inInputOrder(
        part,
        res.OfficialAccountInfoList ?? [],
        (r) => r.Official_Account,
        (id) => ({
          Official_Account: id,
          ActionStatus: 'FAIL',
          ErrorCode: ErrorCodes.OaNotFound,
          ErrorInfo: 'official account not found',
        }),
      );
    });
  }

  async getSubscriberInfo(id: string, next: string, limit: number): Promise<SubscriberPage> {
    const res = await this.call('official_account_open_http_svc/get_subscriber_info', {
      Official_Account: id,
      Next: next,
      Limit: limit,
    });
    return { items: res.SubscriberList ?? [], next: res.Next ?? '', total: res.SubscriberNum ?? 0 };
  }

  addSubscriber(id: string, users: string[]): Promise<SubscriberWriteOutcome[]> {
    return this.subscriberWrite(users, LIMITS.addSubscriberMax, (part) =>
      this.call('official_account_open_http_svc/add_subscriber', {
        Official_Account: id,
        SubscriberList: part.map((Subscriber_Account) => ({ Subscriber_Account })),
      }),
    );
  }

  deleteSubscriber(id: string, users: string[]): Promise<SubscriberWriteOutcome[]> {
    return this.subscriberWrite(users, LIMITS.deleteSubscriberMax, (part) =>
      this.call('official_account_open_http_svc/delete_subscriber', {
        Official_Account: id,
        SubscriberToDel_Account: part,
      }),
    );
  }

  private async subscriberWrite(
    users: string[],
    size: number,
    send: (part: string[]) => Promise<{ SubscriberList?: SubscriberResultItem[] }>,
  ): Promise<SubscriberWriteOutcome[]> {
    const parts = await mapConcurrent(chunk(users, size), CHUNK_CONCURRENCY, async (part) => {
      try {
        const res = await send(part);
        const byAccount = new Map((res.SubscriberList ?? []).map((r) => [r.Subscriber_Account, r.Result]));
        return part.map((account) => ({ account, result: byAccount.get(account) ?? 0 }));
      } catch (err) {
        const error = asTencentError(err);
        return part.map((account) => ({ account, result: 0, error }));
      }
    });
    return parts.flat();
  }

  async getSubscribedOfficialAccountList(
    user: string,
    offset: number,
    limit: number,
  ): Promise<SubscribedAccountsPage> {
    const res = await this.call('official_account_open_http_svc/get_subscribed_official_account_list', {
      Subscriber_Account: user,
      Offset: offset,
      Limit: limit,
    });
    const items = res.OfficialAccountInfoList ?? [];
    return {
      items,
      total: res.TotalCount ?? items.length,
      complete: res.CompleteFlag === undefined ? items.length < limit : res.CompleteFlag === 1,
      next: res.Next ?? offset + items.length,
    };
  }

  // ---------- helpers ----------

  private async readChunks<T>(
    keys: string[],
    size: number,
    read: (part: string[]) => Promise<T[]>,
  ): Promise<T[]> {
    // The common case (the loaders batch at the maxima): one call, no chunking machinery.
    if (keys.length === 0) return [];
    if (keys.length <= size) return read(keys);
    const parts = await mapConcurrent(chunk(keys, size), CHUNK_CONCURRENCY, read);
    return parts.flat();
  }
}

/** The compact form of a follow_get item kept in whole lists. */
export function listEntry(item: FollowGetItem): FollowListEntry {
  const nick = item.ProfileItem?.find((p) => p.Tag === 'Tag_Profile_IM_Nick')?.Value;
  return {
    To_Account: item.To_Account,
    FollowTime: item.FollowTime,
    ...(nick !== undefined && { Nick: String(nick) }),
  };
}

function asTencentError(err: unknown): TencentError {
  return err instanceof TencentError ? err : new TencentError('network', 'unknown', 'request failed');
}

function missingFollowItem(account: string) {
  return {
    To_Account: account,
    ResultCode: ErrorCodes.FollowUserNotFound,
    ResultInfo: 'no result for this account in the upstream answer',
    FollowType: 0,
  };
}

/** Results in the order of `keys`; upstream may reorder or omit items. */
function inInputOrder<T>(
  keys: string[],
  items: T[],
  keyOf: (item: T) => string,
  missing: (key: string) => T,
): T[] {
  const byKey = new Map(items.map((item) => [keyOf(item), item]));
  return keys.map((k) => byKey.get(k) ?? missing(k));
}
