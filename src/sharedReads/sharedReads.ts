/**
 * Reads shared by every request of a server (and, with CACHE=redis, by every replica): a cache of
 * upstream answers kept current by our own writes and by Tencent's callbacks, and cross-request
 * batching of the keyed reads. `view()` is a ChatApi (views.ts), so the per-request DataLoaders stay
 * the request's own consistent view on top of it.
 *
 * Writes go straight upstream; before their outcome is returned, the scopes they touch are
 * invalidated (read-your-writes) and their changes are published on the event bus (so other replicas
 * and subscribers learn of them without a callback).
 */

import { randomUUID } from 'node:crypto';
import type { EventBus } from '../events/bus.js';
import type { DomainEvent } from '../events/events.js';
import type { ChatApi, UpstreamObserver } from '../tencent/api.js';
import { currentDeadline, raceDeadline } from '../tencent/deadline.js';
import type {
  Command,
  FollowCheckResultItem,
  FollowInfoItem,
  OfficialAccountInfoItem,
  UserProfileItem,
} from '../tencent/wire.js';
import { LIMITS } from '../tencent/wire.js';
import { Batcher, type BatchItem } from './batcher.js';
import type { CacheRef, CacheWrite, SharedCache } from './cache.js';
import { keys, orderedPair, scopesChangedBy } from './keys.js';
import { groupPairs } from './relationGroups.js';
import { DirectView, SharedView } from './views.js';

/** How long each kind of read may be served from the cache (ms). */
export interface CacheTtls {
  counts: number;
  relations: number;
  profiles: number;
  officialAccounts: number;
  pages: number;
}

export type ReadKind =
  | 'counts'
  | 'relations'
  | 'following'
  | 'mutuals'
  | 'profiles'
  | 'officialAccounts'
  | 'pages';

/** Told of cache hits and misses, invalidations and shared batches (for metrics). */
export interface SharedReadsObserver {
  onLookup?(kind: ReadKind, hits: number, misses: number): void;
  onInvalidate?(scopes: number, source: DomainEvent['source']): void;
  onBatch?(kind: ReadKind, size: number): void;
}

export interface SharedReadsOptions {
  cache: SharedCache;
  ttl: CacheTtls;
  /** Concurrent requests' keys share upstream calls. */
  batching: boolean;
  /** How long the first key of a shared batch waits for others (ms). */
  windowMs: number;
  /** Our writes are published here; changes it carries reach `changed()`. */
  bus: EventBus;
  observer?: SharedReadsObserver;
}

/** A relation between the ids of an ordered pair, from the first id's side (follow_check's bitmask). */
type PairMask = number;

/** follow_check's mask seen from the other side: bit 0 and bit 1 swap. */
function flip(mask: number): number {
  return ((mask & 1) << 1) | ((mask & 2) >> 1);
}

/** A cached pair's answer as `from` asked it about `to`. */
function seenFrom(item: FollowCheckResultItem, to: string, mask: number): FollowCheckResultItem {
  return { ...item, To_Account: to, FollowType: mask };
}

type Fetch<I, V> = (batch: readonly BatchItem<I>[], api: ChatApi) => Promise<Map<string, V | Error>>;

/** One kind of keyed read: its shared batcher, how a batch is fetched, what may be kept and how long. */
interface KeyedKind<I, V> {
  kind: ReadKind;
  batcher: Batcher<I, V>;
  fetch: Fetch<I, V>;
  cacheable: (value: V) => boolean;
  ttl: number;
}

export class SharedReads {
  private readonly counts: KeyedKind<string, FollowInfoItem>;
  private readonly relations: KeyedKind<readonly [string, string], FollowCheckResultItem>;
  /** By the profile tags asked for. */
  private readonly profiles = new Map<string, KeyedKind<string, UserProfileItem>>();
  private readonly officialAccounts: KeyedKind<string, OfficialAccountInfoItem>;
  private readonly pagesInFlight = new Map<string, { gen: number; promise: Promise<unknown> }>();
  /** Marks the changes this process made, which it has invalidated already. */
  readonly origin = randomUUID();
  /** Nothing to share: no values stored, no cross-request batching. */
  private readonly direct: boolean;

  constructor(
    private readonly base: ChatApi,
    private readonly options: SharedReadsOptions,
  ) {
    this.direct = options.cache.storesNothing === true && !options.batching;
    this.counts = this.keyedKind(
      'counts',
      'follow/follow_get_info',
      LIMITS.followGetInfoTargets,
      (batch, api) => this.fetchCounts(batch, api),
      (v) => v.ResultCode === 0,
      options.ttl.counts,
    );
    // Pairs are grouped into calls at flush time, so a batch may hold many calls' worth.
    this.relations = this.keyedKind(
      'relations',
      'follow/follow_check',
      LIMITS.followCheckTargets * 10,
      (batch, api) => this.fetchRelations(batch, api),
      (v) => v.ResultCode === 0,
      options.ttl.relations,
    );
    this.officialAccounts = this.keyedKind(
      'officialAccounts',
      'official_account_open_http_svc/get_official_account_info',
      LIMITS.officialAccountInfoIds,
      (batch, api) => this.fetchOfficialAccounts(batch, api),
      (v) => v.ErrorCode === 0 && v.ActionStatus !== 'FAIL',
      options.ttl.officialAccounts,
    );
  }

  private keyedKind<I, V>(
    kind: ReadKind,
    command: Command,
    maxBatch: number,
    fetch: Fetch<I, V>,
    cacheable: (value: V) => boolean,
    ttl: number,
  ): KeyedKind<I, V> {
    const batcher = new Batcher<I, V>({
      command,
      maxBatch,
      windowMs: this.options.windowMs,
      fetch: (batch, observer) => fetch(batch, this.api(observer)),
      onAnswers: (answers) =>
        this.store(
          answers
            .filter(({ value }) => cacheable(value))
            .map(({ key, scope, gen, value }) => ({ key, scope, gen, value, ttlMs: ttl })),
        ),
      onBatch: (size) => this.options.observer?.onBatch?.(kind, size),
    });
    return { kind, batcher, fetch, cacheable, ttl };
  }

  /** Writes what may be kept: a kind whose TTL is 0 is never stored (its reads still see generations). */
  private store(entries: readonly CacheWrite[]): void {
    const kept = entries.filter((entry) => entry.ttlMs > 0);
    if (kept.length > 0) void this.options.cache.write(kept);
  }

  /** Forgets what changes reported on the bus (callbacks, other replicas) make stale. */
  async changed(events: readonly DomainEvent[]): Promise<void> {
    const others = events.filter((event) => event.origin !== this.origin);
    if (others.length > 0) await this.invalidate(others);
  }

  get ttl(): CacheTtls {
    return this.options.ttl;
  }

  /**
   * A ChatApi over the shared reads; `observer` learns of the upstream calls made for it. With nothing
   * to share (no cache, no cross-request batching) the shared reads step aside: reads go straight to the
   * client, and writes only publish their changes (there is nothing to invalidate).
   */
  view(observer?: UpstreamObserver): ChatApi {
    return this.direct ? new DirectView(this, observer) : new SharedView(this, observer);
  }

  /** The base client, reporting to `observer`. */
  api(observer: UpstreamObserver | undefined): ChatApi {
    return observer ? this.base.observed(observer) : this.base;
  }

  // ---------- writes ----------

  /** Forgets what `events` make stale, everywhere the cache is shared. */
  async invalidate(events: readonly DomainEvent[]): Promise<void> {
    if (this.direct) return;
    const scopes = [...new Set(events.flatMap(scopesChangedBy))];
    if (scopes.length === 0) return;
    await this.options.cache.invalidate(scopes);
    this.options.observer?.onInvalidate?.(scopes.length, events[0]?.source ?? 'api');
  }

  /**
   * After a write: `touched` are the changes it may have made (including items whose answer was lost,
   * which may have been applied), `made` the ones upstream confirmed.
   */
  async afterWrite(touched: readonly DomainEvent[], made: readonly DomainEvent[]): Promise<void> {
    await this.invalidate(touched);
    this.options.bus.publish(made.map((event) => ({ ...event, origin: this.origin })));
  }

  // ---------- keyed reads ----------

  /** Cached values where current; the rest through the shared batcher (or straight upstream). */
  private async keyed<I, V>(
    { kind, batcher, fetch, cacheable, ttl }: KeyedKind<I, V>,
    refs: readonly (CacheRef & { item: I })[],
    observer: UpstreamObserver | undefined,
  ): Promise<(V | Error)[]> {
    // Read even a kind that is never stored (TTL 0): the generations keep in-flight reads honest.
    const cached = await this.options.cache.read<V>(refs);
    const out: (V | Error | undefined)[] = cached.map((c) => c.value);
    const misses = refs.flatMap((ref, i) =>
      out[i] === undefined ? [{ ...ref, index: i, gen: cached[i]?.gen ?? 0 }] : [],
    );
    this.options.observer?.onLookup?.(kind, refs.length - misses.length, misses.length);
    if (misses.length === 0) return out as (V | Error)[];
    if (this.options.batching) {
      const settled = await Promise.allSettled(misses.map((m) => batcher.load(m, m.item, m.gen, observer)));
      settled.forEach((result, i) => {
        const miss = misses[i] as (typeof misses)[number];
        out[miss.index] = result.status === 'fulfilled' ? result.value : toError(result.reason);
      });
      return out as (V | Error)[];
    }
    let answers: Map<string, V | Error>;
    try {
      answers = await fetch(
        misses.map(({ key, item }) => ({ key, item })),
        this.api(observer),
      );
    } catch (error) {
      answers = new Map(misses.map((m) => [m.key, toError(error)]));
    }
    const writes = [];
    for (const miss of misses) {
      const answer = answers.get(miss.key) ?? new Error(`no answer for ${miss.key}`);
      out[miss.index] = answer;
      if (!(answer instanceof Error) && cacheable(answer)) {
        writes.push({ key: miss.key, scope: miss.scope, gen: miss.gen, value: answer, ttlMs: ttl });
      }
    }
    this.store(writes);
    return out as (V | Error)[];
  }

  async fetchCounts(batch: readonly BatchItem<string>[], api: ChatApi) {
    const items = await api.followGetInfo(batch.map((b) => b.item));
    return new Map(batch.map((b, i) => [b.key, items[i] as FollowInfoItem]));
  }

  async fetchRelations(batch: readonly BatchItem<readonly [string, string]>[], api: ChatApi) {
    const answers = new Map<string, FollowCheckResultItem | Error>();
    const keyOf = new Map(batch.map((b) => [`${b.item[0]}\u0000${b.item[1]}`, b.key]));
    const calls = groupPairs(
      batch.map((b) => b.item),
      LIMITS.followCheckTargets,
    );
    await Promise.all(
      calls.map(async ({ from, to }) => {
        let items: FollowCheckResultItem[];
        try {
          items = await api.followCheck(from, to);
        } catch (error) {
          for (const other of to) answers.set(this.pairKey(keyOf, from, other), toError(error));
          return;
        }
        to.forEach((other, i) => {
          const item = items[i] as FollowCheckResultItem;
          // Stored from the ordered pair's first id: flip when that is the other id.
          const [first] = orderedPair(from, other);
          const mask: PairMask = first === from ? item.FollowType : flip(item.FollowType);
          answers.set(this.pairKey(keyOf, from, other), { ...item, FollowType: mask });
        });
      }),
    );
    return answers;
  }

  private pairKey(keyOf: Map<string, string>, a: string, b: string): string {
    const [x, y] = orderedPair(a, b);
    return keyOf.get(`${x}\u0000${y}`) ?? '';
  }

  async fetchProfiles(batch: readonly BatchItem<string>[], tags: string[], api: ChatApi) {
    const items = await api.portraitGet(
      batch.map((b) => b.item),
      tags,
    );
    return new Map(batch.map((b, i) => [b.key, items[i] as UserProfileItem]));
  }

  async fetchOfficialAccounts(batch: readonly BatchItem<string>[], api: ChatApi) {
    const items = await api.getOfficialAccountInfo(batch.map((b) => b.item));
    return new Map(batch.map((b, i) => [b.key, items[i] as OfficialAccountInfoItem]));
  }

  readCounts(users: string[], observer: UpstreamObserver | undefined): Promise<(FollowInfoItem | Error)[]> {
    const refs = users.map((user) => ({ ...keys.counts(user), item: user }));
    return this.keyed(this.counts, refs, observer);
  }

  async readRelations(
    from: string,
    to: string[],
    observer: UpstreamObserver | undefined,
  ): Promise<(FollowCheckResultItem | Error)[]> {
    const refs = to.map((other) => ({ ...keys.relation(from, other), item: orderedPair(from, other) }));
    const answers = await this.keyed(this.relations, refs, observer);
    // Back to `from`'s side.
    return answers.map((answer, i) => {
      if (answer instanceof Error) return answer;
      const other = to[i] as string;
      const [first] = orderedPair(from, other);
      return seenFrom(answer, other, first === from ? answer.FollowType : flip(answer.FollowType));
    });
  }

  readProfiles(
    users: string[],
    tags: string[],
    observer: UpstreamObserver | undefined,
  ): Promise<(UserProfileItem | Error)[]> {
    const tagsKey = tags.join(',');
    let profiles = this.profiles.get(tagsKey);
    if (!profiles) {
      profiles = this.keyedKind(
        'profiles',
        'profile/portrait_get',
        LIMITS.portraitGetAccounts,
        (batch, api) => this.fetchProfiles(batch, tags, api),
        (v) => v.ResultCode === 0,
        this.options.ttl.profiles,
      );
      this.profiles.set(tagsKey, profiles);
    }
    const refs = users.map((user) => ({ ...keys.profile(user, tagsKey), item: user }));
    return this.keyed(profiles, refs, observer);
  }

  readOfficialAccounts(
    ids: string[],
    observer: UpstreamObserver | undefined,
  ): Promise<(OfficialAccountInfoItem | Error)[]> {
    const refs = ids.map((id) => ({ ...keys.officialAccount(id), item: id }));
    return this.keyed(this.officialAccounts, refs, observer);
  }

  // ---------- pages ----------

  /** One single read (a page, a whole list): cached where current, shared with a request reading it. */
  async single<T>(
    ref: CacheRef,
    read: () => Promise<T>,
    kind: ReadKind = 'pages',
    ttlMs = this.options.ttl.pages,
  ): Promise<T> {
    const [cached] = await this.options.cache.read<T>([ref]);
    const gen = cached?.gen ?? 0;
    if (cached?.value !== undefined) {
      this.options.observer?.onLookup?.(kind, 1, 0);
      return cached.value;
    }
    this.options.observer?.onLookup?.(kind, 0, 1);
    const flying = this.options.batching ? this.pagesInFlight.get(ref.key) : undefined;
    // A read in flight may run under another request's (later) deadline: wait for it until ours.
    if (flying && flying.gen >= gen)
      return raceDeadline(flying.promise as Promise<T>, currentDeadline(), kind);
    const promise = read();
    this.pagesInFlight.set(ref.key, { gen, promise });
    try {
      const value = await promise;
      if (value !== undefined) this.store([{ ...ref, gen, value, ttlMs }]);
      return value;
    } finally {
      if (this.pagesInFlight.get(ref.key)?.promise === promise) this.pagesInFlight.delete(ref.key);
    }
  }
}

function toError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}
