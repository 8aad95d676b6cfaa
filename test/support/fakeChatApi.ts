/**
 * An in-memory ChatApi for schema-level specs: no HTTP, no emulator.
 *
 * The typed methods behave like the real client's (src/tencent/client.ts): batch methods split their
 * input at the documented maxima (LIMITS), batch reads throw when a chunk fails, batch writes keep a
 * failed chunk's error on its own items, and every chunk goes through `call(command, body)` with the
 * exact wire request body. `call` records the command and body, then answers from, in this order:
 *   1. a whole-call failure set with `fail()` (a TencentError, as the transport throws for FAIL answers),
 *   2. a one-shot script (`once()`), then a standing script (`on()`),
 *   3. the default: a small in-memory graph (`graph`: users, follow edges, profiles, official accounts),
 *      with per-item overrides from `itemCode()` / `subscriberResult()`.
 * An answer whose envelope says FAIL (or a non-zero ErrorCode) is thrown as a TencentError, like the
 * transport does. There are no retries and no rate limiting: one `call` is one recorded attempt.
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
} from '../../src/tencent/api.js';
import { chunk, mapConcurrent } from '../../src/tencent/batch.js';
import { readWholeList } from '../../src/tencent/client.js';
import { TencentError } from '../../src/tencent/errors.js';
import type { CommandBudget } from '../../src/tencent/rateLimiter.js';
import {
  type BoundedFollowListType,
  type Command,
  type CreateOfficialAccountRequest,
  type Envelope,
  ErrorCodes,
  type FollowCheckResultItem,
  type FollowGetItem,
  type FollowInfoItem,
  FollowListType,
  type FollowResultItem,
  LIMITS,
  type ModifyOfficialAccountRequest,
  OFFICIAL_ACCOUNT_FIELDS,
  type OfficialAccountField,
  type OfficialAccountInfo,
  type OfficialAccountInfoItem,
  type ProfileItem,
  type RequestOf,
  type ResponseOf,
  type SubscribedOfficialAccount,
  type SubscriberResultItem,
  type UserProfileItem,
} from '../../src/tencent/wire.js';

/** One upstream call the fake received. */
export interface RecordedCall<C extends Command = Command> {
  command: C;
  /** A copy of the request body as it was sent. */
  body: RequestOf<C>;
}

export interface ScriptContext<C extends Command> {
  /** 1-based: this is the n-th call of this command since the fake was made (or `clearCalls()`). */
  n: number;
  /** What the in-memory graph answers (applying its writes), for scripts that change only part of it. */
  fallback: () => ResponseOf<C>;
}

/** A scripted answer; throw a TencentError (see `apiError`) to fail the whole call. */
export type Script<C extends Command> = (
  body: RequestOf<C>,
  ctx: ScriptContext<C>,
) => ResponseOf<C> | Promise<ResponseOf<C>>;

/** Leave the account out of the answer altogether (as if upstream forgot it). */
export const OMIT = 'omit' as const;
export type ItemOverride = number | typeof OMIT;

/** Commands whose answers carry a per-item ResultCode. */
export type ItemCodeCommand =
  | 'follow/follow_add'
  | 'follow/follow_delete'
  | 'follow/follow_check'
  | 'follow/follow_get_info'
  | 'profile/portrait_get';

export type SubscriberWriteCommand =
  | 'official_account_open_http_svc/add_subscriber'
  | 'official_account_open_http_svc/delete_subscriber';

/** A whole-call failure with a Tencent ErrorCode, as the transport throws it for an ActionStatus FAIL. */
export function apiError(command: Command, code: number, info = 'scripted failure'): TencentError {
  return new TencentError('api', command, `${command} failed with ErrorCode ${code}: ${info}`, code);
}

const ok = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' } as const;

// ---------- the in-memory graph ----------

export interface FakeOfficialAccount {
  id: string;
  owner: string;
  name: string;
  introduction: string;
  faceUrl: string;
  organization: string;
  customString: string;
  createTime: number;
  lastMsgTime: number;
  maxSubscriberNum: number;
  /** Subscriber -> SubscribeTime, in subscription order. */
  subscribers: Map<string, number>;
}

interface Timed {
  id: string;
  time: number;
  seq: number;
}

/** Newest first: time descending, then the later-created first (as the emulator orders follow lists). */
function newestFirst(entries: Timed[]): string[] {
  return entries.sort((a, b) => b.time - a.time || b.seq - a.seq).map((e) => e.id);
}

export class FakeGraph {
  /** Unix seconds handed out to follows and subscriptions (one second apart, in creation order). */
  private clock = 1_700_000_000;
  private seq = 0;
  /** User id -> profile tags. */
  readonly users = new Map<string, Map<string, string | number>>();
  /** From -> (to -> [FollowTime, creation sequence]). */
  private readonly edges = new Map<string, Map<string, [number, number]>>();
  readonly officialAccounts = new Map<string, FakeOfficialAccount>();

  tick(): number {
    return ++this.clock;
  }

  addUsers(...ids: string[]): this {
    for (const id of ids) if (!this.users.has(id)) this.users.set(id, new Map());
    return this;
  }

  /** `prefix_001` .. `prefix_<n>` (zero-padded to 3 digits), imported; returns the ids. */
  addNumberedUsers(prefix: string, n: number): string[] {
    const ids = Array.from({ length: n }, (_, i) => `${prefix}_${String(i + 1).padStart(3, '0')}`);
    this.addUsers(...ids);
    return ids;
  }

  hasUser(id: string): boolean {
    return this.users.has(id);
  }

  setProfile(id: string, tags: Record<string, string | number>): this {
    this.addUsers(id);
    const profile = this.users.get(id)!;
    for (const [tag, value] of Object.entries(tags)) profile.set(tag, value);
    return this;
  }

  /** `from` follows each of `to` (creating the accounts); idempotent, the first FollowTime is kept. */
  follow(from: string, ...to: string[]): this {
    this.addUsers(from, ...to);
    let out = this.edges.get(from);
    if (!out) {
      out = new Map();
      this.edges.set(from, out);
    }
    for (const id of to) if (!out.has(id)) out.set(id, [this.tick(), ++this.seq]);
    return this;
  }

  unfollow(from: string, to: string): this {
    this.edges.get(from)?.delete(to);
    return this;
  }

  follows(from: string, to: string): boolean {
    return this.edges.get(from)?.has(to) ?? false;
  }

  /** follow_check's bitmask: 1 = `to` follows `from`, 2 = `from` follows `to`. */
  relation(from: string, to: string): number {
    if (from === to) return 0;
    return (this.follows(to, from) ? 1 : 0) | (this.follows(from, to) ? 2 : 0);
  }

  private followingEntries(id: string): Timed[] {
    return [...(this.edges.get(id) ?? [])].map(([to, [time, seq]]) => ({ id: to, time, seq }));
  }

  private followerEntries(id: string): Timed[] {
    const out: Timed[] = [];
    for (const [from, targets] of this.edges) {
      const edge = targets.get(id);
      if (edge) out.push({ id: from, time: edge[0], seq: edge[1] });
    }
    return out;
  }

  /** A follow list, newest first (a mutual's time is the later of the two follows). */
  list(id: string, type: FollowListType): string[] {
    if (type === FollowListType.Follows) return newestFirst(this.followingEntries(id));
    if (type === FollowListType.Fans) return newestFirst(this.followerEntries(id));
    const fans = new Map(this.followerEntries(id).map((e) => [e.id, e]));
    const mutual: Timed[] = [];
    for (const e of this.followingEntries(id)) {
      const back = fans.get(e.id);
      if (back) mutual.push(back.time > e.time ? back : e);
    }
    return newestFirst(mutual);
  }

  followTime(from: string, to: string): number {
    return this.edges.get(from)?.get(to)?.[0] ?? 0;
  }

  addOfficialAccount(
    id: string,
    options: Partial<Omit<FakeOfficialAccount, 'id' | 'subscribers'>> & { owner?: string } = {},
  ): FakeOfficialAccount {
    const owner = options.owner ?? 'oa_owner';
    this.addUsers(owner);
    const account: FakeOfficialAccount = {
      id,
      owner,
      name: options.name ?? `Account ${id}`,
      introduction: options.introduction ?? '',
      faceUrl: options.faceUrl ?? '',
      organization: options.organization ?? '',
      customString: options.customString ?? '',
      createTime: options.createTime ?? this.tick(),
      lastMsgTime: options.lastMsgTime ?? 0,
      maxSubscriberNum: options.maxSubscriberNum ?? LIMITS.defaultMaxSubscriberNum,
      subscribers: new Map(),
    };
    this.officialAccounts.set(id, account);
    return account;
  }

  subscribe(accountId: string, ...users: string[]): this {
    const account = this.officialAccounts.get(accountId);
    if (!account) throw new Error(`fake: no official account ${accountId}`);
    this.addUsers(...users);
    for (const user of users) if (!account.subscribers.has(user)) account.subscribers.set(user, this.tick());
    return this;
  }

  /** Every field of get_official_account_info (a complete answer). */
  info(account: FakeOfficialAccount, fields: readonly OfficialAccountField[] = OFFICIAL_ACCOUNT_FIELDS) {
    const all: Required<Omit<OfficialAccountInfo, 'Official_Account'>> = {
      CreateTime: account.createTime,
      Name: account.name,
      Owner_Account: account.owner,
      LastMsgTime: account.lastMsgTime,
      SubscriberNum: account.subscribers.size,
      MaxSubscriberNum: account.maxSubscriberNum,
      Introduction: account.introduction,
      FaceUrl: account.faceUrl,
      Organization: account.organization,
      CustomString: account.customString,
    };
    const out: OfficialAccountInfo = { Official_Account: account.id };
    for (const field of fields) (out as unknown as Record<string, unknown>)[field] = all[field];
    return out;
  }
}

// ---------- the typed methods (as the real client builds them on `call`) ----------

/** Chunks in flight at once, as in the real client. */
const CHUNK_CONCURRENCY = 4;

function asTencentError(err: unknown): TencentError {
  return err instanceof TencentError ? err : new TencentError('network', 'unknown', 'request failed');
}

function inInputOrder<T>(keys: string[], items: T[], keyOf: (item: T) => string, missing: (k: string) => T) {
  const byKey = new Map(items.map((item) => [keyOf(item), item]));
  return keys.map((k) => byKey.get(k) ?? missing(k));
}

function missingFollowItem(account: string) {
  return {
    To_Account: account,
    ResultCode: ErrorCodes.FollowUserNotFound,
    ResultInfo: 'no result for this account in the upstream answer',
    FollowType: 0,
  };
}

abstract class TypedChatApi implements ChatApi {
  protected abstract readonly admin: string;
  abstract call<C extends Command>(command: C, body: RequestOf<C>): Promise<ResponseOf<C>>;
  abstract observed(observer: UpstreamObserver): ChatApi;

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

  followCheck(from: string, to: string[]): Promise<FollowCheckResultItem[]> {
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

  /** As the real client: follow_get pages of 1,000, at most 5. */
  followList(user: string, type: BoundedFollowListType): Promise<FollowListEntry[] | undefined> {
    return readWholeList(this, user, type);
  }

  /** The client-side budget: whole and idle unless a test sets `budgets` (no limiter in the fake). */
  async budget(command: Command): Promise<CommandBudget> {
    return (
      this.budgets.get(command) ?? {
        ratePerSecond: 200,
        capacity: 10,
        remaining: 10,
        waiting: 0,
        fullInMs: 0,
      }
    );
  }

  /** Budgets `budget()` answers, per command (tests set them). */
  protected abstract readonly budgets: Map<Command, CommandBudget>;

  followGetInfo(users: string[], from: string = this.admin): Promise<FollowInfoItem[]> {
    return this.readChunks(users, LIMITS.followGetInfoTargets, async (part) => {
      const res = await this.call('follow/follow_get_info', { From_Account: from, To_Account: part });
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

  portraitGet(users: string[], tags: string[]): Promise<UserProfileItem[]> {
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

  getOfficialAccountInfo(ids: string[], fields?: OfficialAccountField[]): Promise<OfficialAccountInfoItem[]> {
    return this.readChunks(ids, LIMITS.officialAccountInfoIds, async (part) => {
      const res = await this.call('official_account_open_http_svc/get_official_account_info', {
        OfficialAccountIdList: part.map((Official_Account) => ({ Official_Account })),
        ...(fields && { ResponseFilter: { OfficialAccountBaseInfoFilter: fields } }),
      });
      return inInputOrder(
        part,
        res.OfficialAccountInfoList ?? [],
        (r) => r.Official_Account,
        (id): OfficialAccountInfoItem => ({
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

  private async readChunks<T>(keys: string[], size: number, read: (part: string[]) => Promise<T[]>) {
    const parts = await mapConcurrent(chunk(keys, size), CHUNK_CONCURRENCY, read);
    return parts.flat();
  }
}

// ---------- the fake ----------

interface FailureRule {
  command: Command;
  code: number;
  info: string;
  /** Only these call numbers (1-based, per command); undefined = every call. */
  calls?: ReadonlySet<number>;
}

type AnyScript = (body: unknown, ctx: ScriptContext<Command>) => unknown;

export interface FakeChatApiOptions {
  /** The admin identifier (From_Account of follow_get_info); default `administrator`. */
  admin?: string;
}

export class FakeChatApi extends TypedChatApi {
  protected readonly admin: string;
  readonly budgets = new Map<Command, CommandBudget>();
  readonly graph = new FakeGraph();
  /** Every call received, in order. */
  readonly log: RecordedCall[] = [];
  private readonly perCommand = new Map<Command, number>();
  private readonly failures: FailureRule[] = [];
  private readonly onceScripts = new Map<Command, AnyScript[]>();
  private readonly scripts = new Map<Command, AnyScript>();
  private readonly itemCodes = new Map<Command, Map<string, ItemOverride>>();

  constructor(options: FakeChatApiOptions = {}) {
    super();
    this.admin = options.admin ?? 'administrator';
  }

  get adminIdentifier(): string {
    return this.admin;
  }

  call<C extends Command>(command: C, body: RequestOf<C>): Promise<ResponseOf<C>> {
    return this.dispatch(command, body, []);
  }

  observed(observer: UpstreamObserver): ChatApi {
    return new ObservedFake(this, [observer]);
  }

  // ----- scripting -----

  /** Answers every later call of `command` with `script` (replacing an earlier `on` for it). */
  on<C extends Command>(command: C, script: Script<C>): this {
    this.scripts.set(command, script as unknown as AnyScript);
    return this;
  }

  /** Answers only the next call of `command` with `script` (one-shot scripts queue up, before `on`). */
  once<C extends Command>(command: C, script: Script<C>): this {
    const queue = this.onceScripts.get(command) ?? [];
    queue.push(script as unknown as AnyScript);
    this.onceScripts.set(command, queue);
    return this;
  }

  /**
   * Fails calls of `command` as a whole with Tencent ErrorCode `code` (ActionStatus FAIL): every call,
   * or only the calls numbered in `calls` (1-based, counted per command).
   */
  fail(command: Command, code: number, options: { calls?: number[]; info?: string } = {}): this {
    this.failures.push({
      command,
      code,
      info: options.info ?? 'scripted failure',
      ...(options.calls && { calls: new Set(options.calls) }),
    });
    return this;
  }

  /** Per-item ResultCode `code` for `account` in every default answer of `command` (or OMIT it). */
  itemCode(command: ItemCodeCommand, account: string, code: ItemOverride): this {
    return this.override(command, account, code);
  }

  /** Per-item Result (0 failed, 1 ok, 2 already / not subscribed) for `account` (or OMIT it). */
  subscriberResult(command: SubscriberWriteCommand, account: string, result: ItemOverride): this {
    return this.override(command, account, result);
  }

  /**
   * Answers follow_get from these pages, keyed by StartCursor (whoever's list is asked): each page's
   * users (FollowTime descending from a fixed epoch) and NextCursor (default '', the end).
   */
  followPages(pages: Record<string, { ids: readonly string[]; next?: string }>): this {
    return this.on('follow/follow_get', (body) => {
      const page = pages[body.StartCursor];
      if (!page) throw apiError('follow/follow_get', ErrorCodes.FollowBadParam, 'invalid StartCursor');
      if (page.ids.length > body.WantNum) {
        throw new Error(`fake: scripted page ${body.StartCursor} exceeds WantNum ${body.WantNum}`);
      }
      return {
        ...ok,
        FollowItem: page.ids.map((id, i) => ({ To_Account: id, FollowTime: 1_700_000_000 - i })),
        NextCursor: page.next ?? '',
      };
    });
  }

  private override(command: Command, account: string, value: ItemOverride): this {
    const map = this.itemCodes.get(command) ?? new Map<string, ItemOverride>();
    map.set(account, value);
    this.itemCodes.set(command, map);
    return this;
  }

  // ----- what was called -----

  /** Number of calls of `command` since the fake was made (or `clearCalls()`). */
  count(command: Command): number {
    return this.perCommand.get(command) ?? 0;
  }

  /** Calls per command, only commands that were called (like the server's upstreamCalls). */
  counts(from = 0): Record<string, number> {
    return countCalls(this.log.slice(from));
  }

  /** Request bodies of `command`, in call order. */
  bodies<C extends Command>(command: C): RequestOf<C>[] {
    return this.log.filter((c) => c.command === command).map((c) => c.body as RequestOf<C>);
  }

  clearCalls(): void {
    this.log.length = 0;
    this.perCommand.clear();
  }

  // ----- dispatch -----

  /** Records and answers one call; reports it to `observers` like the transport does. */
  async dispatch<C extends Command>(
    command: C,
    body: RequestOf<C>,
    observers: readonly UpstreamObserver[],
  ): Promise<ResponseOf<C>> {
    const n = this.count(command) + 1;
    this.perCommand.set(command, n);
    this.log.push({ command, body: structuredClone(body) } as RecordedCall);
    const report = (error?: TencentError) => {
      for (const o of observers) {
        o.onCall?.({ command, durationMs: 0, attempt: 1, willRetry: false, ...(error && { error }) });
      }
    };
    try {
      const response = (await this.answer(command, body, n)) as ResponseOf<C> & Envelope;
      if (response.ActionStatus !== 'OK' || response.ErrorCode !== 0) {
        throw apiError(command, response.ErrorCode, response.ErrorInfo);
      }
      report();
      return response;
    } catch (err) {
      // A plain Error from a script is a bug in the spec: let it surface as it is.
      if (err instanceof TencentError) report(err);
      throw err;
    }
  }

  private async answer(command: Command, body: unknown, n: number): Promise<unknown> {
    const failure = this.failures.find((f) => f.command === command && (!f.calls || f.calls.has(n)));
    if (failure) throw apiError(command, failure.code, failure.info);
    const fallback = () => this.defaultAnswer(command, body) as ResponseOf<Command>;
    const once = this.onceScripts.get(command)?.shift();
    if (once) return once(body, { n, fallback });
    const script = this.scripts.get(command);
    if (script) return script(body, { n, fallback });
    return fallback();
  }

  /** What an item override says for `account` (undefined: none). */
  private overrideOf(command: Command, account: string): ItemOverride | undefined {
    return this.itemCodes.get(command)?.get(account);
  }

  /** Per-item answers with overrides applied: OMIT drops the item, a code replaces ResultCode. */
  private withItemCodes<T extends { ResultCode: number; ResultInfo: string }>(
    command: Command,
    accounts: readonly string[],
    item: (account: string) => T,
  ): T[] {
    const out: T[] = [];
    for (const account of accounts) {
      const override = this.overrideOf(command, account);
      if (override === OMIT) continue;
      const answer = item(account);
      out.push(
        override === undefined
          ? answer
          : { ...answer, ResultCode: override, ResultInfo: `scripted ${override}` },
      );
    }
    return out;
  }

  private defaultAnswer(command: Command, rawBody: unknown): unknown {
    const g = this.graph;
    const requireUser = (id: string) => {
      if (!g.hasUser(id))
        throw apiError(command, ErrorCodes.FollowUserNotFound, `account ${id} does not exist`);
    };
    switch (command) {
      case 'follow/follow_add': {
        const body = rawBody as RequestOf<typeof command>;
        requireUser(body.From_Account);
        const targets = body.FollowItem.map((i) => i.To_Account);
        const ResultItem = this.withItemCodes(command, targets, (id) => {
          if (id === body.From_Account) return followResult(id, ErrorCodes.FollowBadParam);
          if (!g.hasUser(id)) return followResult(id, ErrorCodes.FollowUserNotFound);
          return followResult(id, 0);
        });
        for (const item of ResultItem)
          if (item.ResultCode === 0 && g.hasUser(item.To_Account)) {
            g.follow(body.From_Account, item.To_Account);
          }
        return { ...ok, ResultItem };
      }
      case 'follow/follow_delete': {
        const body = rawBody as RequestOf<typeof command>;
        requireUser(body.From_Account);
        const ResultItem = this.withItemCodes(command, body.To_Account, (id) => {
          if (id === body.From_Account) return followResult(id, ErrorCodes.FollowBadParam);
          if (!g.hasUser(id)) return followResult(id, ErrorCodes.FollowUserNotFound);
          return followResult(id, 0);
        });
        for (const item of ResultItem)
          if (item.ResultCode === 0) g.unfollow(body.From_Account, item.To_Account);
        return { ...ok, ResultItem };
      }
      case 'follow/follow_check': {
        const body = rawBody as RequestOf<typeof command>;
        requireUser(body.From_Account);
        const ResultItem = this.withItemCodes(command, body.To_Account, (id) =>
          g.hasUser(id)
            ? { ...followResult(id, 0), FollowType: g.relation(body.From_Account, id) }
            : { ...followResult(id, ErrorCodes.FollowUserNotFound), FollowType: 0 },
        );
        return { ...ok, ResultItem };
      }
      case 'follow/follow_get': {
        const body = rawBody as RequestOf<typeof command>;
        requireUser(body.From_Account);
        const offset = decodeToken(body.StartCursor, 'F');
        if (offset === undefined) {
          throw apiError(command, ErrorCodes.FollowBadParam, 'invalid StartCursor');
        }
        const list = g.list(body.From_Account, body.FollowType);
        const ids = list.slice(offset, offset + body.WantNum);
        const FollowItem: FollowGetItem[] = ids.map((id) => ({
          To_Account: id,
          FollowTime: followTimeIn(g, body.From_Account, id, body.FollowType),
        }));
        const end = offset + ids.length;
        return { ...ok, FollowItem, NextCursor: end < list.length ? encodeToken('F', end) : '' };
      }
      case 'follow/follow_get_info': {
        const body = rawBody as RequestOf<typeof command>;
        const FollowInfo = this.withItemCodes(command, body.To_Account, (id) => ({
          ...followResult(id, g.hasUser(id) ? 0 : ErrorCodes.FollowUserNotFound),
          FollowerCount: g.hasUser(id) ? g.list(id, FollowListType.Fans).length : 0,
          FollowingCount: g.hasUser(id) ? g.list(id, FollowListType.Follows).length : 0,
          MutualFollowingCount: g.hasUser(id) ? g.list(id, FollowListType.Mutual).length : 0,
        }));
        return { ...ok, FollowInfo };
      }
      case 'profile/portrait_get': {
        const body = rawBody as RequestOf<typeof command>;
        const UserProfileItem = this.withItemCodes(command, body.To_Account, (id): UserProfileItem => {
          const profile = g.users.get(id);
          if (!profile) {
            return {
              To_Account: id,
              ProfileItem: [],
              ResultCode: ErrorCodes.ProfileUserNotFound,
              ResultInfo: 'account not found',
            };
          }
          const ProfileItem = body.TagList.flatMap((Tag) => {
            const Value = profile.get(Tag);
            return Value === undefined ? [] : [{ Tag, Value }];
          });
          return { To_Account: id, ProfileItem, ResultCode: 0, ResultInfo: '' };
        });
        return { ...ok, UserProfileItem };
      }
      case 'profile/portrait_set': {
        const body = rawBody as RequestOf<typeof command>;
        if (!g.hasUser(body.From_Account)) throw apiError(command, ErrorCodes.ProfileUserNotFound);
        g.setProfile(body.From_Account, Object.fromEntries(body.ProfileItem.map((p) => [p.Tag, p.Value])));
        return { ...ok };
      }
      case 'im_open_login_svc/account_import': {
        const body = rawBody as RequestOf<typeof command>;
        const id = body.UserID ?? body.Identifier ?? '';
        g.addUsers(id);
        if (body.Nick !== undefined) g.setProfile(id, { Tag_Profile_IM_Nick: body.Nick });
        if (body.FaceUrl !== undefined) g.setProfile(id, { Tag_Profile_IM_Image: body.FaceUrl });
        return { ...ok };
      }
      case 'im_open_login_svc/multiaccount_import': {
        const body = rawBody as RequestOf<typeof command>;
        g.addUsers(...(body.Accounts ?? []), ...(body.AccountList ?? []).map((a) => a.UserID));
        return { ...ok, FailAccounts: [] };
      }
      case 'official_account_open_http_svc/create_official_account': {
        const body = rawBody as RequestOf<typeof command>;
        const id = body.OfficialAccountUserID ?? `@TOA#_fake${g.officialAccounts.size + 1}`;
        if (g.officialAccounts.has(id)) throw apiError(command, ErrorCodes.OaAlreadyExists);
        g.addOfficialAccount(id, {
          owner: body.Owner_Account,
          name: body.Name,
          ...(body.MaxSubscriberNum !== undefined && { maxSubscriberNum: body.MaxSubscriberNum }),
        });
        return { ...ok, OfficialAccountUserID: id };
      }
      case 'official_account_open_http_svc/destroy_official_account': {
        const body = rawBody as RequestOf<typeof command>;
        if (!g.officialAccounts.delete(body.Official_Account)) throw apiError(command, ErrorCodes.OaNotFound);
        return { ...ok };
      }
      case 'official_account_open_http_svc/modify_official_account_base_info': {
        const body = rawBody as RequestOf<typeof command>;
        const account = this.accountOf(command, body.Official_Account);
        if (body.Name !== undefined) account.name = body.Name;
        if (body.Introduction !== undefined) account.introduction = body.Introduction;
        if (body.FaceUrl !== undefined) account.faceUrl = body.FaceUrl;
        if (body.Organization !== undefined) account.organization = body.Organization;
        if (body.CustomString !== undefined) account.customString = body.CustomString;
        if (body.MaxSubscriberNum !== undefined) account.maxSubscriberNum = body.MaxSubscriberNum;
        return { ...ok };
      }
      case 'official_account_open_http_svc/get_official_account_info': {
        const body = rawBody as RequestOf<typeof command>;
        const fields = body.ResponseFilter?.OfficialAccountBaseInfoFilter;
        const OfficialAccountInfoList = body.OfficialAccountIdList.map(({ Official_Account: id }) => {
          const account = g.officialAccounts.get(id);
          if (!account) {
            return {
              Official_Account: id,
              ActionStatus: 'FAIL',
              ErrorCode: ErrorCodes.OaNotFound,
              ErrorInfo: 'official account does not exist',
            } satisfies OfficialAccountInfoItem;
          }
          return { ...g.info(account, fields), ...ok } satisfies OfficialAccountInfoItem;
        });
        return { ...ok, OfficialAccountInfoList };
      }
      case 'official_account_open_http_svc/get_subscriber_info': {
        const body = rawBody as RequestOf<typeof command>;
        const account = this.accountOf(command, body.Official_Account);
        const offset = decodeToken(body.Next, 'S');
        if (offset === undefined) throw apiError(command, ErrorCodes.OaBadParam, 'invalid Next');
        const limit = body.Limit ?? LIMITS.subscriberPageMax;
        const all = [...account.subscribers].reverse(); // newest first
        const page = all.slice(offset, offset + limit);
        const end = offset + page.length;
        return {
          ...ok,
          Next: end < all.length ? encodeToken('S', end) : '',
          SubscriberNum: all.length,
          SubscriberList: page.map(([id, time]) => ({
            Subscriber_Account: id,
            SubscribeTime: time,
            CustomString: '',
            MsgFlag: 'AcceptAndNotify',
            LastSendMsgTime: 0,
          })),
        };
      }
      case 'official_account_open_http_svc/add_subscriber': {
        const body = rawBody as RequestOf<typeof command>;
        const account = this.accountOf(command, body.Official_Account);
        if (account.subscribers.size >= account.maxSubscriberNum) {
          throw apiError(command, ErrorCodes.OaSubscriberLimit, 'subscriber count reached MaxSubscriberNum');
        }
        const SubscriberList = this.subscriberResults(
          command,
          body.SubscriberList.map((s) => s.Subscriber_Account),
          (id) => {
            if (!g.hasUser(id)) return 0;
            if (account.subscribers.has(id)) return 2;
            if (account.subscribers.size >= account.maxSubscriberNum) return 0;
            account.subscribers.set(id, g.tick());
            return 1;
          },
        );
        return { ...ok, SubscriberList };
      }
      case 'official_account_open_http_svc/delete_subscriber': {
        const body = rawBody as RequestOf<typeof command>;
        const account = this.accountOf(command, body.Official_Account);
        const SubscriberList = this.subscriberResults(command, body.SubscriberToDel_Account, (id) => {
          if (!g.hasUser(id)) return 0;
          return account.subscribers.delete(id) ? 1 : 2;
        });
        return { ...ok, SubscriberList };
      }
      case 'official_account_open_http_svc/get_subscribed_official_account_list': {
        const body = rawBody as RequestOf<typeof command>;
        if (!g.hasUser(body.Subscriber_Account)) throw apiError(command, ErrorCodes.AccountNotImported);
        const offset = body.Offset ?? 0;
        const limit = body.Limit ?? LIMITS.subscribedListPageMax;
        const subscribed = [...g.officialAccounts.values()].filter((a) =>
          a.subscribers.has(body.Subscriber_Account),
        );
        const page = subscribed.slice(offset, offset + limit);
        const next = Math.min(offset + limit, subscribed.length);
        const OfficialAccountInfoList: SubscribedOfficialAccount[] = page.map((account) => ({
          ...g.info(account),
          SelfInfo: {
            SubscribeTime: account.subscribers.get(body.Subscriber_Account) ?? 0,
            CustomString: '',
          },
        }));
        return {
          ...ok,
          OfficialAccountInfoList,
          TotalCount: subscribed.length,
          CompleteFlag: next >= subscribed.length ? 1 : 0,
          Next: next,
        };
      }
      default:
        throw new Error(`fake: no default answer for ${command satisfies never}`);
    }
  }

  private accountOf(command: Command, id: string): FakeOfficialAccount {
    const account = this.graph.officialAccounts.get(id);
    if (!account) throw apiError(command, ErrorCodes.OaNotFound, `official account ${id} does not exist`);
    return account;
  }

  /** Subscriber write results; an override replaces the graph's answer (the graph is left unchanged). */
  private subscriberResults(
    command: Command,
    accounts: readonly string[],
    apply: (account: string) => number,
  ): SubscriberResultItem[] {
    const out: SubscriberResultItem[] = [];
    for (const account of accounts) {
      const override = this.overrideOf(command, account);
      if (override === OMIT) continue;
      out.push({ Subscriber_Account: account, Result: override ?? apply(account) });
    }
    return out;
  }
}

/** The same fake, with calls also reported to more observers (what `observed()` returns). */
class ObservedFake extends TypedChatApi {
  constructor(
    private readonly fake: FakeChatApi,
    private readonly observers: readonly UpstreamObserver[],
  ) {
    super();
  }

  protected get admin(): string {
    return this.fake.adminIdentifier;
  }

  protected get budgets(): Map<Command, CommandBudget> {
    return this.fake.budgets;
  }

  call<C extends Command>(command: C, body: RequestOf<C>): Promise<ResponseOf<C>> {
    return this.fake.dispatch(command, body, this.observers);
  }

  observed(observer: UpstreamObserver): ChatApi {
    return new ObservedFake(this.fake, [...this.observers, observer]);
  }
}

function followResult(account: string, code: number): FollowResultItem {
  return { To_Account: account, ResultCode: code, ResultInfo: code === 0 ? '' : `error ${code}` };
}

function followTimeIn(g: FakeGraph, owner: string, other: string, type: FollowListType): number {
  if (type === FollowListType.Follows) return g.followTime(owner, other);
  if (type === FollowListType.Fans) return g.followTime(other, owner);
  return Math.max(g.followTime(owner, other), g.followTime(other, owner));
}

/** Page tokens of the default answers: `<kind>:<offset>`; '' is the start. */
function encodeToken(kind: string, offset: number): string {
  return `${kind}:${offset}`;
}

function decodeToken(token: string, kind: string): number | undefined {
  if (token === '') return 0;
  const match = /^([A-Z]):(\d+)$/.exec(token);
  if (!match || match[1] !== kind) return undefined;
  return Number(match[2]);
}

/** Calls per command of a slice of the log. */
export function countCalls(calls: readonly RecordedCall[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const { command } of calls) out[command] = (out[command] ?? 0) + 1;
  return out;
}
