/**
 * The per-request faces of SharedReads, each a ChatApi whose calls are reported to an observer:
 * - `DirectView`, when there is nothing to share (CACHE=off and SHARED_BATCHING=false): reads go
 *   straight to the client, with no cache lookup, batcher or extra promise per call;
 * - `SharedView`: reads through the cache and the cross-request batcher.
 * Writes are the same in both: upstream, then invalidate (read-your-writes) and publish the confirmed
 * changes on the bus before their outcome is returned.
 */
import type { DomainEvent, OfficialAccountEvent } from '../events/events.js';
import type {
  ChatApi,
  FollowListEntry,
  FollowPage,
  FollowWriteOutcome,
  SubscribedAccountsPage,
  SubscriberPage,
  SubscriberWriteOutcome,
  UpstreamObserver,
} from '../tencent/api.js';
import { fanOut } from '../tencent/observers.js';
import type { CommandBudget } from '../tencent/rateLimiter.js';
import type {
  BoundedFollowListType,
  Command,
  CreateOfficialAccountRequest,
  FollowCheckResultItem,
  FollowInfoItem,
  ModifyOfficialAccountRequest,
  OfficialAccountField,
  OfficialAccountInfoItem,
  ProfileItem,
  RequestOf,
  ResponseOf,
  UserProfileItem,
} from '../tencent/wire.js';
import { FollowListType } from '../tencent/wire.js';
import { keys } from './keys.js';
import type { SharedReads } from './sharedReads.js';

function orThrow<T>(values: readonly (T | Error)[]): T[] {
  const failed = values.find((value): value is Error => value instanceof Error);
  if (failed) throw failed;
  return values as T[];
}

const followEvent = (
  change: 'FOLLOWED' | 'UNFOLLOWED',
  follower: string,
  followee: string,
  at: number,
): DomainEvent => ({
  type: 'follow',
  change,
  follower,
  followee,
  at,
  source: 'api',
});

const subscriptionEvent = (
  change: 'SUBSCRIBED' | 'UNSUBSCRIBED',
  officialAccount: string,
  user: string,
  at: number,
): DomainEvent => ({
  type: 'subscription',
  change,
  officialAccount,
  user,
  at,
  source: 'api',
});

/** Reads straight to the client (nothing is cached or shared); writes invalidate, then publish. */
export class DirectView implements ChatApi {
  /** The client, reporting to `observer`: made once per view, not once per call. */
  protected readonly api: ChatApi;

  constructor(
    protected readonly shared: SharedReads,
    protected readonly observer: UpstreamObserver | undefined,
  ) {
    this.api = shared.api(observer);
  }

  observed(observer: UpstreamObserver): ChatApi {
    return this.shared.view(this.observer ? fanOut([this.observer, observer]) : observer);
  }

  call<C extends Command>(command: C, body: RequestOf<C>): Promise<ResponseOf<C>> {
    return this.api.call(command, body);
  }

  // ---------- reads ----------

  followGetInfo(users: string[], from?: string): Promise<FollowInfoItem[]> {
    return this.api.followGetInfo(users, from);
  }

  followCheck(from: string, to: string[]): Promise<FollowCheckResultItem[]> {
    return this.api.followCheck(from, to);
  }

  portraitGet(users: string[], tags: string[]): Promise<UserProfileItem[]> {
    return this.api.portraitGet(users, tags);
  }

  getOfficialAccountInfo(ids: string[], fields?: OfficialAccountField[]): Promise<OfficialAccountInfoItem[]> {
    return this.api.getOfficialAccountInfo(ids, fields);
  }

  followList(user: string, type: BoundedFollowListType): Promise<FollowListEntry[] | undefined> {
    return this.api.followList(user, type);
  }

  budget(command: Command): Promise<CommandBudget> {
    return this.api.budget(command);
  }

  followGet(from: string, type: FollowListType, cursor: string, wantNum: number): Promise<FollowPage> {
    return this.api.followGet(from, type, cursor, wantNum);
  }

  getSubscriberInfo(id: string, next: string, limit: number): Promise<SubscriberPage> {
    return this.api.getSubscriberInfo(id, next, limit);
  }

  getSubscribedOfficialAccountList(
    user: string,
    offset: number,
    limit: number,
  ): Promise<SubscribedAccountsPage> {
    return this.api.getSubscribedOfficialAccountList(user, offset, limit);
  }

  // ---------- writes: invalidate, then publish ----------

  async followAdd(from: string, to: string[]): Promise<FollowWriteOutcome[]> {
    return this.followWrite('FOLLOWED', from, await this.api.followAdd(from, to));
  }

  async followDelete(from: string, to: string[]): Promise<FollowWriteOutcome[]> {
    return this.followWrite('UNFOLLOWED', from, await this.api.followDelete(from, to));
  }

  private async followWrite(change: 'FOLLOWED' | 'UNFOLLOWED', from: string, outcomes: FollowWriteOutcome[]) {
    const at = Date.now();
    const touched = outcomes.map((o) => followEvent(change, from, o.account, at));
    const made = outcomes.flatMap((o) =>
      !o.error && o.resultCode === 0 ? [followEvent(change, from, o.account, at)] : [],
    );
    await this.shared.afterWrite(touched, made);
    return outcomes;
  }

  async addSubscriber(id: string, users: string[]): Promise<SubscriberWriteOutcome[]> {
    return this.subscriberWrite('SUBSCRIBED', id, await this.api.addSubscriber(id, users));
  }

  async deleteSubscriber(id: string, users: string[]): Promise<SubscriberWriteOutcome[]> {
    return this.subscriberWrite('UNSUBSCRIBED', id, await this.api.deleteSubscriber(id, users));
  }

  private async subscriberWrite(
    change: 'SUBSCRIBED' | 'UNSUBSCRIBED',
    id: string,
    outcomes: SubscriberWriteOutcome[],
  ) {
    const at = Date.now();
    const touched = outcomes.map((o) => subscriptionEvent(change, id, o.account, at));
    const made = outcomes.flatMap((o) =>
      !o.error && o.result === 1 ? [subscriptionEvent(change, id, o.account, at)] : [],
    );
    await this.shared.afterWrite(touched, made);
    return outcomes;
  }

  // ---------- not cached ----------

  portraitSet(user: string, items: ProfileItem[]): Promise<void> {
    return this.api.portraitSet(user, items);
  }

  accountImport(user: string, nick?: string, faceUrl?: string): Promise<void> {
    return this.api.accountImport(user, nick, faceUrl);
  }

  multiAccountImport(users: string[]): Promise<string[]> {
    return this.api.multiAccountImport(users);
  }

  // ---------- official accounts: invalidate, then publish ----------

  async createOfficialAccount(req: CreateOfficialAccountRequest): Promise<string> {
    const id = await this.api.createOfficialAccount(req);
    await this.accountChanged('CREATED', id);
    return id;
  }

  async modifyOfficialAccount(req: ModifyOfficialAccountRequest): Promise<void> {
    await this.api.modifyOfficialAccount(req);
    await this.accountChanged('INFO_CHANGED', req.Official_Account);
  }

  async destroyOfficialAccount(id: string): Promise<void> {
    await this.api.destroyOfficialAccount(id);
    await this.accountChanged('DESTROYED', id);
  }

  private async accountChanged(
    change: OfficialAccountEvent['change'],
    officialAccount: string,
  ): Promise<void> {
    const event: DomainEvent = {
      type: 'officialAccount',
      change,
      officialAccount,
      at: Date.now(),
      source: 'api',
    };
    await this.shared.afterWrite([event], [event]);
  }
}

/** Reads through the shared cache and the cross-request batcher; writes as DirectView's. */
export class SharedView extends DirectView {
  override async followGetInfo(users: string[], from?: string): Promise<FollowInfoItem[]> {
    if (from !== undefined) return this.api.followGetInfo(users, from);
    return orThrow(await this.shared.readCounts(users, this.observer));
  }

  override async followCheck(from: string, to: string[]): Promise<FollowCheckResultItem[]> {
    return orThrow(await this.shared.readRelations(from, to, this.observer));
  }

  override async portraitGet(users: string[], tags: string[]): Promise<UserProfileItem[]> {
    return orThrow(await this.shared.readProfiles(users, tags, this.observer));
  }

  override async getOfficialAccountInfo(
    ids: string[],
    fields?: OfficialAccountField[],
  ): Promise<OfficialAccountInfoItem[]> {
    if (fields !== undefined) return this.api.getOfficialAccountInfo(ids, fields);
    return orThrow(await this.shared.readOfficialAccounts(ids, this.observer));
  }

  override followList(user: string, type: BoundedFollowListType): Promise<FollowListEntry[] | undefined> {
    return this.shared.single(
      keys.followList(user, type),
      () => this.api.followList(user, type),
      type === FollowListType.Follows ? 'following' : 'mutuals',
      this.shared.ttl.relations,
    );
  }

  override followGet(
    from: string,
    type: FollowListType,
    cursor: string,
    wantNum: number,
  ): Promise<FollowPage> {
    return this.shared.single(keys.followPage(from, type, cursor, wantNum), () =>
      this.api.followGet(from, type, cursor, wantNum),
    );
  }

  override getSubscriberInfo(id: string, next: string, limit: number): Promise<SubscriberPage> {
    return this.shared.single(keys.subscriberPage(id, next, limit), () =>
      this.api.getSubscriberInfo(id, next, limit),
    );
  }

  override getSubscribedOfficialAccountList(
    user: string,
    offset: number,
    limit: number,
  ): Promise<SubscribedAccountsPage> {
    return this.shared.single(keys.subscribedPage(user, offset, limit), () =>
      this.api.getSubscribedOfficialAccountList(user, offset, limit),
    );
  }
}
