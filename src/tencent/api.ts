/**
 * The upstream client's public surface: one typed method per command, in Tencent's vocabulary.
 * Loaders and the emulator-seeding code depend on this interface, not on the HTTP implementation.
 *
 * Batch reads split their input at the documented maxima, run the chunks with bounded concurrency and
 * return results in input order; they throw a TencentError if any chunk fails.
 * Batch writes never throw for a chunk failure: that chunk's items carry the error instead, so other
 * chunks' results are kept.
 */
import type { CircuitState } from './circuitBreaker.js';
import type { TencentError } from './errors.js';
import type { CommandBudget } from './rateLimiter.js';
import type {
  BoundedFollowListType,
  Command,
  CreateOfficialAccountRequest,
  FollowCheckResultItem,
  FollowGetItem,
  FollowInfoItem,
  FollowListType,
  ModifyOfficialAccountRequest,
  OfficialAccountField,
  OfficialAccountInfoItem,
  ProfileItem,
  RequestOf,
  ResponseOf,
  SubscribedOfficialAccount,
  SubscriberInfo,
  UserProfileItem,
} from './wire.js';

export interface FollowPage {
  items: FollowGetItem[];
  /** Empty when there is nothing more. */
  nextCursor: string;
}

/**
 * One user of a whole list: who, since when (Unix seconds), and the nickname follow_get returned with
 * them. Compact on purpose: a viewer's list is kept in the shared cache and read by every request of
 * that viewer (up to 5,000 entries).
 */
export interface FollowListEntry {
  To_Account: string;
  FollowTime: number;
  /** `Tag_Profile_IM_Nick` from the item's ProfileItem, when upstream sent one. */
  Nick?: string;
}

export interface SubscriberPage {
  items: SubscriberInfo[];
  /** Empty when there is nothing more. */
  next: string;
  total: number;
}

export interface SubscribedAccountsPage {
  items: SubscribedOfficialAccount[];
  total: number;
  complete: boolean;
  /** Offset of the next page. */
  next: number;
}

/** Outcome of one target of a follow_add / follow_delete. */
export interface FollowWriteOutcome {
  account: string;
  /** Upstream per-item ResultCode, or the chunk's error code when the whole chunk failed. */
  resultCode: number;
  resultInfo: string;
  /** Set when the chunk this item was in failed as a whole. */
  error?: TencentError;
}

/** Outcome of one subscriber of an add_subscriber / delete_subscriber. */
export interface SubscriberWriteOutcome {
  account: string;
  /** 0 failed, 1 ok, 2 already subscribed (add) / not subscribed (delete); 0 when the chunk failed. */
  result: number;
  error?: TencentError;
}

/** One finished upstream HTTP exchange (an attempt), reported to observers for metrics and call counts. */
export interface UpstreamCallEvent {
  command: Command;
  durationMs: number;
  attempt: number;
  /** Undefined on success. */
  error?: TencentError;
  willRetry: boolean;
}

/** What an observer keeps for one attempt from its start (e.g. a tracing span). */
export interface AttemptScope {
  /** Extra request headers for this attempt (e.g. W3C `traceparent`). Never logged. */
  headers?: Record<string, string>;
  /** The attempt is over (same event as `onCall`). */
  end(event: UpstreamCallEvent): void;
}

export interface UpstreamObserver {
  onCall?(event: UpstreamCallEvent): void;
  /** An HTTP attempt is about to start (after any rate-limit wait). */
  onAttemptStart?(command: Command, attempt: number): AttemptScope | undefined;
  /** Time spent waiting for the client-side rate limiter. */
  onRateLimitWait?(command: Command, waitedMs: number): void;
  /** A call failed at once, with nothing sent: limiter queue too long, deadline passed, circuit open. */
  onRefused?(command: Command, reason: 'rate-limited' | 'deadline' | 'circuit-open'): void;
  /** The circuit breaker of `command` changed state. */
  onCircuitChange?(command: Command, state: CircuitState): void;
}

export interface ChatApi {
  /** Raw call with the envelope checked; retries and rate limiting applied. */
  call<C extends Command>(command: C, body: RequestOf<C>): Promise<ResponseOf<C>>;

  followAdd(from: string, to: string[]): Promise<FollowWriteOutcome[]>;
  followDelete(from: string, to: string[]): Promise<FollowWriteOutcome[]>;
  followCheck(from: string, to: string[]): Promise<FollowCheckResultItem[]>;
  followGet(from: string, type: FollowListType, cursor: string, wantNum: number): Promise<FollowPage>;
  /** Counts of each user; `from` (required upstream) defaults to the admin identifier. */
  followGetInfo(users: string[], from?: string): Promise<FollowInfoItem[]>;
  /**
   * A whole list that Tencent's cap bounds, in upstream order (newest first): everyone `user` follows
   * (type 2) or their mutual follows (type 3). follow_get pages of 1,000, at most 5 (Tencent caps
   * follows at 5,000); undefined if the list is longer than that.
   */
  followList(user: string, type: BoundedFollowListType): Promise<FollowListEntry[] | undefined>;

  portraitGet(users: string[], tags: string[]): Promise<UserProfileItem[]>;
  portraitSet(user: string, items: ProfileItem[]): Promise<void>;
  accountImport(user: string, nick?: string, faceUrl?: string): Promise<void>;
  /** Returns the accounts that failed. */
  multiAccountImport(users: string[]): Promise<string[]>;

  createOfficialAccount(req: CreateOfficialAccountRequest): Promise<string>;
  destroyOfficialAccount(id: string): Promise<void>;
  modifyOfficialAccount(req: ModifyOfficialAccountRequest): Promise<void>;
  getOfficialAccountInfo(ids: string[], fields?: OfficialAccountField[]): Promise<OfficialAccountInfoItem[]>;
  getSubscriberInfo(id: string, next: string, limit: number): Promise<SubscriberPage>;
  addSubscriber(id: string, users: string[]): Promise<SubscriberWriteOutcome[]>;
  deleteSubscriber(id: string, users: string[]): Promise<SubscriberWriteOutcome[]>;
  getSubscribedOfficialAccountList(
    user: string,
    offset: number,
    limit: number,
  ): Promise<SubscribedAccountsPage>;

  /**
   * What is left of `command`'s client-side rate-limit budget now. Read-only: it takes nothing from
   * the budget and calls nothing upstream.
   */
  budget(command: Command): Promise<CommandBudget>;

  /** A view of this client whose calls are also reported to `observer` (e.g. per-request call counts). */
  observed(observer: UpstreamObserver): ChatApi;
}
