/**
 * SharedReads (src/sharedReads/sharedReads.ts) over the fake ChatApi: cache hits make no upstream call,
 * writes through a view invalidate before they return and publish only confirmed changes, events from
 * others invalidate, concurrent views share batched calls (and each is told of them), CACHE=off stores
 * nothing.
 */
import { describe, expect, it } from 'vitest';
import { LocalEventBus } from '../../src/events/bus.js';
import type { DomainEvent } from '../../src/events/events.js';
import type { SharedCache } from '../../src/sharedReads/cache.js';
import { GenerationsOnly } from '../../src/sharedReads/generations.js';
import { DEFAULT_SHARED_READS, SharedReads } from '../../src/sharedReads/index.js';
import { MemoryCache } from '../../src/sharedReads/memoryCache.js';
import type { ChatApi, UpstreamCallEvent, UpstreamObserver } from '../../src/tencent/api.js';
import { type Command, ErrorCodes, FollowListType } from '../../src/tencent/wire.js';
import { apiError, FakeChatApi } from '../support/fakeChatApi.js';

/** A domain event without its time and source. */
type EventDraft = DomainEvent extends infer E
  ? E extends DomainEvent
    ? Omit<E, 'at' | 'source'>
    : never
  : never;

const NICK = 'Tag_Profile_IM_Nick';
const OA = '@TOA#_news';

interface Setup {
  fake: FakeChatApi;
  bus: LocalEventBus;
  /** What was published on the bus, in order. */
  published: DomainEvent[];
  shared: SharedReads;
  view: ChatApi;
  /** Upstream calls of `command` made since `mark()`. */
  calls(command: Command): number;
  mark(): void;
}

/**
 * alice -> bob, carol -> bob, alice <-> dave; the official account @TOA#_news with bob subscribed.
 */
function setup(
  options: {
    cache?: 'memory' | 'off';
    batching?: boolean;
    windowMs?: number;
    ttl?: Partial<typeof DEFAULT_SHARED_READS.ttl>;
  } = {},
): Setup {
  const fake = new FakeChatApi();
  fake.graph
    .addUsers('alice', 'bob', 'carol', 'dave', 'erin')
    .follow('alice', 'bob', 'dave')
    .follow('carol', 'bob')
    .follow('dave', 'alice')
    .setProfile('alice', { [NICK]: 'Alice' })
    .setProfile('bob', { [NICK]: 'Bob' });
  fake.graph.addOfficialAccount(OA, { name: 'News', maxSubscriberNum: 1000 });
  fake.graph.subscribe(OA, 'bob');
  const bus = new LocalEventBus((error) => {
    throw error;
  });
  const cache: SharedCache =
    options.cache === 'off'
      ? new GenerationsOnly()
      : new MemoryCache({ maxEntries: 10_000, maxTtlMs: 120_000 });
  const shared = new SharedReads(fake, {
    cache,
    ttl: { ...DEFAULT_SHARED_READS.ttl, ...options.ttl },
    batching: options.batching ?? true,
    windowMs: options.windowMs ?? 1,
    bus,
  });
  // As the server wires it: changes on the bus (callbacks, other replicas) reach the shared reads.
  bus.subscribe((events) => void shared.changed(events));
  const published: DomainEvent[] = [];
  // Our own changes are marked with this process's origin (so it does not invalidate them twice).
  bus.subscribe((events) => {
    for (const { origin, ...event } of events) {
      if (origin !== undefined && origin !== shared.origin) throw new Error(`foreign origin ${origin}`);
      if (event.source === 'api' && origin !== shared.origin)
        throw new Error('an api event without our origin');
      published.push(event);
    }
  });
  let from = 0;
  return {
    fake,
    bus,
    published,
    shared,
    view: shared.view(),
    calls: (command) => fake.log.slice(from).filter((c) => c.command === command).length,
    mark: () => {
      from = fake.log.length;
    },
  };
}

function recorder() {
  const calls: UpstreamCallEvent[] = [];
  const observer: UpstreamObserver = { onCall: (event) => calls.push(event) };
  return { observer, calls, commands: () => calls.map((c) => c.command) };
}

function gate() {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

const counts = async (view: ChatApi, user: string) => {
  const [item] = await view.followGetInfo([user]);
  return item!;
};
const followerCount = async (view: ChatApi, user: string) => (await counts(view, user)).FollowerCount;
const relation = async (view: ChatApi, from: string, to: string) =>
  (await view.followCheck(from, [to]))[0]!.FollowType;
const fans = async (view: ChatApi, user: string) =>
  (await view.followGet(user, FollowListType.Fans, '', 100)).items.map((i) => i.To_Account);
const following = async (view: ChatApi, user: string) =>
  (await view.followGet(user, FollowListType.Follows, '', 100)).items.map((i) => i.To_Account);
const accountInfo = async (view: ChatApi, id = OA) => (await view.getOfficialAccountInfo([id]))[0]!;
const subscribers = async (view: ChatApi, id = OA) => {
  const page = await view.getSubscriberInfo(id, '', 100);
  return { total: page.total, ids: page.items.map((i) => i.Subscriber_Account) };
};
const subscribed = async (view: ChatApi, user: string) =>
  (await view.getSubscribedOfficialAccountList(user, 0, 100)).items.map((i) => i.Official_Account);

describe('cache hits make no upstream call', () => {
  it('counts: a second read, from any view, is served from the cache', async () => {
    const s = setup();
    const first = await s.view.followGetInfo(['bob', 'alice']);
    expect(
      first.map((i) => [i.To_Account, i.FollowerCount, i.FollowingCount, i.MutualFollowingCount]),
    ).toEqual([
      ['bob', 2, 0, 0],
      ['alice', 1, 2, 1],
    ]);
    expect(s.calls('follow/follow_get_info')).toBe(1);
    s.mark();
    expect(await s.view.followGetInfo(['bob', 'alice'])).toEqual(first);
    expect(await s.shared.view().followGetInfo(['alice'])).toEqual([first[1]]);
    expect(s.calls('follow/follow_get_info')).toBe(0);
    // Only the missing key goes upstream.
    await s.view.followGetInfo(['bob', 'carol']);
    expect(s.fake.bodies('follow/follow_get_info').at(-1)?.To_Account).toEqual(['carol']);
  });

  it('a kind whose TTL is 0 is never cached; the others still are', async () => {
    const s = setup({ ttl: { counts: 0 } });
    await followerCount(s.view, 'bob');
    await followerCount(s.view, 'bob');
    expect(s.calls('follow/follow_get_info')).toBe(2);
    await relation(s.view, 'alice', 'bob');
    await relation(s.view, 'alice', 'bob');
    expect(s.calls('follow/follow_check')).toBe(1);
  });

  it('counts asked with an explicit From_Account bypass the cache', async () => {
    const s = setup();
    await s.view.followGetInfo(['bob'], 'alice');
    await s.view.followGetInfo(['bob'], 'alice');
    expect(s.calls('follow/follow_get_info')).toBe(2);
    expect(s.fake.bodies('follow/follow_get_info').map((b) => b.From_Account)).toEqual(['alice', 'alice']);
  });

  it('relations: the flipped direction is served from the same cached pair', async () => {
    const s = setup();
    // alice follows bob: 2 from alice's side, 1 from bob's.
    expect(await relation(s.view, 'alice', 'bob')).toBe(2);
    expect(s.calls('follow/follow_check')).toBe(1);
    expect(await relation(s.view, 'bob', 'alice')).toBe(1);
    expect(await relation(s.view, 'alice', 'bob')).toBe(2);
    expect(s.calls('follow/follow_check')).toBe(1);

    // First asked from the side that sorts last: carol follows bob.
    expect(await relation(s.view, 'carol', 'bob')).toBe(2);
    expect(await relation(s.view, 'bob', 'carol')).toBe(1);
    // Mutual and none look the same from both sides.
    expect(await relation(s.view, 'dave', 'alice')).toBe(3);
    expect(await relation(s.view, 'alice', 'dave')).toBe(3);
    expect(await relation(s.view, 'erin', 'bob')).toBe(0);
    expect(await relation(s.view, 'bob', 'erin')).toBe(0);
    expect(s.calls('follow/follow_check')).toBe(4);

    // Answers keep the caller's To_Account and input order.
    const items = await s.view.followCheck('bob', ['carol', 'alice', 'erin']);
    expect(items.map((i) => [i.To_Account, i.FollowType])).toEqual([
      ['carol', 1],
      ['alice', 1],
      ['erin', 0],
    ]);
    expect(s.calls('follow/follow_check')).toBe(4);
  });

  it('profiles: cached per user and tag list', async () => {
    const s = setup();
    const [alice] = await s.view.portraitGet(['alice'], [NICK]);
    expect(alice?.ProfileItem).toEqual([{ Tag: NICK, Value: 'Alice' }]);
    expect(await s.view.portraitGet(['alice'], [NICK])).toEqual([alice]);
    expect(s.calls('profile/portrait_get')).toBe(1);
    await s.view.portraitGet(['alice'], [NICK, 'Tag_Profile_IM_Image']);
    expect(s.calls('profile/portrait_get')).toBe(2);
  });

  it('official accounts: cached without a field filter, asked every time with one', async () => {
    const s = setup();
    const info = await accountInfo(s.view);
    expect(info).toMatchObject({ Official_Account: OA, Name: 'News', SubscriberNum: 1 });
    expect(await accountInfo(s.view)).toEqual(info);
    expect(s.calls('official_account_open_http_svc/get_official_account_info')).toBe(1);
    await s.view.getOfficialAccountInfo([OA], ['Name']);
    await s.view.getOfficialAccountInfo([OA], ['Name']);
    expect(s.calls('official_account_open_http_svc/get_official_account_info')).toBe(3);
  });

  it('pages: follow lists, subscriber lists and subscribed lists, per page', async () => {
    const s = setup();
    expect(await fans(s.view, 'bob')).toEqual(['carol', 'alice']);
    expect(await fans(s.view, 'bob')).toEqual(['carol', 'alice']);
    expect(s.calls('follow/follow_get')).toBe(1);
    // Another list, cursor or size is another page.
    await following(s.view, 'bob');
    await s.view.followGet('bob', FollowListType.Fans, '', 1);
    expect(s.calls('follow/follow_get')).toBe(3);

    expect(await subscribers(s.view)).toEqual({ total: 1, ids: ['bob'] });
    expect(await subscribers(s.view)).toEqual({ total: 1, ids: ['bob'] });
    expect(s.calls('official_account_open_http_svc/get_subscriber_info')).toBe(1);

    expect(await subscribed(s.view, 'bob')).toEqual([OA]);
    expect(await subscribed(s.view, 'bob')).toEqual([OA]);
    expect(s.calls('official_account_open_http_svc/get_subscribed_official_account_list')).toBe(1);
  });

  it('failed items and failed calls are not cached', async () => {
    const s = setup();
    expect((await counts(s.view, 'ghost')).ResultCode).toBe(ErrorCodes.FollowUserNotFound);
    expect((await counts(s.view, 'ghost')).ResultCode).toBe(ErrorCodes.FollowUserNotFound);
    expect(s.calls('follow/follow_get_info')).toBe(2);

    expect((await accountInfo(s.view, '@TOA#_none')).ErrorCode).toBe(ErrorCodes.OaNotFound);
    await accountInfo(s.view, '@TOA#_none');
    expect(s.calls('official_account_open_http_svc/get_official_account_info')).toBe(2);

    // Likewise when each request reads on its own (no shared batches).
    const alone = setup({ batching: false });
    await counts(alone.view, 'ghost');
    await counts(alone.view, 'ghost');
    expect(alone.calls('follow/follow_get_info')).toBe(2);

    s.fake.fail('follow/follow_check', ErrorCodes.FollowInternal, { calls: [1] });
    await expect(relation(s.view, 'alice', 'bob')).rejects.toMatchObject({ code: ErrorCodes.FollowInternal });
    expect(await relation(s.view, 'alice', 'bob')).toBe(2);
    expect(s.calls('follow/follow_check')).toBe(2);
  });
});

describe('writes through a view invalidate before they return', () => {
  it('followAdd: counts, the relation and both follow lists are fresh at once; one FOLLOWED event', async () => {
    const s = setup();
    expect(await followerCount(s.view, 'erin')).toBe(0);
    expect((await counts(s.view, 'carol')).FollowingCount).toBe(1);
    expect(await relation(s.view, 'carol', 'erin')).toBe(0);
    expect(await fans(s.view, 'erin')).toEqual([]);
    expect(await following(s.view, 'carol')).toEqual(['bob']);
    expect(await followerCount(s.view, 'alice')).toBe(1);

    const outcomes = await s.view.followAdd('carol', ['erin']);
    expect(outcomes).toMatchObject([{ account: 'erin', resultCode: 0 }]);
    s.mark();
    expect(await followerCount(s.view, 'erin')).toBe(1);
    expect((await counts(s.view, 'carol')).FollowingCount).toBe(2);
    expect(await relation(s.view, 'erin', 'carol')).toBe(1);
    expect(await fans(s.view, 'erin')).toEqual(['carol']);
    expect(await following(s.view, 'carol')).toEqual(['erin', 'bob']);
    expect(s.calls('follow/follow_get_info')).toBe(2);
    expect(s.calls('follow/follow_check')).toBe(1);
    expect(s.calls('follow/follow_get')).toBe(2);
    // Untouched entries stay cached.
    expect(await followerCount(s.view, 'alice')).toBe(1);
    expect(s.calls('follow/follow_get_info')).toBe(2);

    expect(s.published).toEqual([
      {
        type: 'follow',
        change: 'FOLLOWED',
        follower: 'carol',
        followee: 'erin',
        at: expect.any(Number),
        source: 'api',
      },
    ]);
  });

  it('publishes only the targets upstream confirmed', async () => {
    const s = setup();
    s.fake.itemCode('follow/follow_add', 'dave', ErrorCodes.FollowInternal);
    const outcomes = await s.view.followAdd('erin', ['bob', 'ghost', 'dave', 'erin']);
    expect(outcomes.map((o) => o.resultCode)).toEqual([
      0,
      ErrorCodes.FollowUserNotFound,
      ErrorCodes.FollowInternal,
      ErrorCodes.FollowBadParam,
    ]);
    expect(s.published.map((e) => e.type === 'follow' && [e.follower, e.followee])).toEqual([
      ['erin', 'bob'],
    ]);
  });

  it('a write whose answer was lost (it may have been applied) invalidates but publishes nothing', async () => {
    const s = setup();
    expect(await followerCount(s.view, 'erin')).toBe(0);
    s.fake.once('follow/follow_add', (_body, ctx) => {
      ctx.fallback(); // applied upstream...
      throw apiError('follow/follow_add', ErrorCodes.FollowTimeout); // ...but the answer is an error
    });
    const [outcome] = await s.view.followAdd('carol', ['erin']);
    expect(outcome?.error).toBeDefined();
    expect(await followerCount(s.view, 'erin')).toBe(1);
    expect(s.published).toEqual([]);
  });

  it('followDelete: fresh counts, relation and lists; one UNFOLLOWED event', async () => {
    const s = setup();
    expect(await followerCount(s.view, 'bob')).toBe(2);
    expect(await relation(s.view, 'bob', 'alice')).toBe(1);
    expect(await fans(s.view, 'bob')).toEqual(['carol', 'alice']);
    expect(await following(s.view, 'alice')).toEqual(['dave', 'bob']);
    await s.view.followDelete('alice', ['bob']);
    expect(await followerCount(s.view, 'bob')).toBe(1);
    expect(await relation(s.view, 'bob', 'alice')).toBe(0);
    expect(await fans(s.view, 'bob')).toEqual(['carol']);
    expect(await following(s.view, 'alice')).toEqual(['dave']);
    expect(s.published).toEqual([
      {
        type: 'follow',
        change: 'UNFOLLOWED',
        follower: 'alice',
        followee: 'bob',
        at: expect.any(Number),
        source: 'api',
      },
    ]);
  });

  it('addSubscriber: account info, its subscriber list and the user’s subscribed list are fresh; only new subscribers published', async () => {
    const s = setup();
    expect((await accountInfo(s.view)).SubscriberNum).toBe(1);
    expect(await subscribers(s.view)).toEqual({ total: 1, ids: ['bob'] });
    expect(await subscribed(s.view, 'alice')).toEqual([]);
    const outcomes = await s.view.addSubscriber(OA, ['alice', 'bob']);
    expect(outcomes.map((o) => o.result)).toEqual([1, 2]);
    expect((await accountInfo(s.view)).SubscriberNum).toBe(2);
    expect(await subscribers(s.view)).toEqual({ total: 2, ids: ['alice', 'bob'] });
    expect(await subscribed(s.view, 'alice')).toEqual([OA]);
    expect(s.published).toEqual([
      {
        type: 'subscription',
        change: 'SUBSCRIBED',
        officialAccount: OA,
        user: 'alice',
        at: expect.any(Number),
        source: 'api',
      },
    ]);
  });

  it('deleteSubscriber: the same reads are fresh; only removed subscribers published', async () => {
    const s = setup();
    expect((await accountInfo(s.view)).SubscriberNum).toBe(1);
    expect(await subscribers(s.view)).toEqual({ total: 1, ids: ['bob'] });
    expect(await subscribed(s.view, 'bob')).toEqual([OA]);
    const outcomes = await s.view.deleteSubscriber(OA, ['bob', 'carol']);
    expect(outcomes.map((o) => o.result)).toEqual([1, 2]);
    expect((await accountInfo(s.view)).SubscriberNum).toBe(0);
    expect(await subscribers(s.view)).toEqual({ total: 0, ids: [] });
    expect(await subscribed(s.view, 'bob')).toEqual([]);
    expect(s.published).toEqual([
      {
        type: 'subscription',
        change: 'UNSUBSCRIBED',
        officialAccount: OA,
        user: 'bob',
        at: expect.any(Number),
        source: 'api',
      },
    ]);
  });

  it('modifyOfficialAccount: the account info is fresh; one INFO_CHANGED event', async () => {
    const s = setup();
    expect((await accountInfo(s.view)).Name).toBe('News');
    await s.view.modifyOfficialAccount({ Official_Account: OA, Name: 'Daily News' });
    expect((await accountInfo(s.view)).Name).toBe('Daily News');
    expect(s.published).toEqual([
      {
        type: 'officialAccount',
        change: 'INFO_CHANGED',
        officialAccount: OA,
        at: expect.any(Number),
        source: 'api',
      },
    ]);
  });

  it('destroyOfficialAccount: the account is gone at once, its subscriber list too; one DESTROYED event', async () => {
    const s = setup();
    expect((await accountInfo(s.view)).ErrorCode).toBe(0);
    expect((await subscribers(s.view)).total).toBe(1);
    await s.view.destroyOfficialAccount(OA);
    expect((await accountInfo(s.view)).ErrorCode).toBe(ErrorCodes.OaNotFound);
    await expect(subscribers(s.view)).rejects.toMatchObject({ code: ErrorCodes.OaNotFound });
    expect(s.published).toEqual([
      {
        type: 'officialAccount',
        change: 'DESTROYED',
        officialAccount: OA,
        at: expect.any(Number),
        source: 'api',
      },
    ]);
  });

  it('createOfficialAccount publishes CREATED; a write upstream refuses publishes nothing', async () => {
    const s = setup();
    const id = await s.view.createOfficialAccount({
      Owner_Account: 'alice',
      Name: 'Fresh',
      OfficialAccountUserID: '@TOA#_fresh',
    });
    expect(id).toBe('@TOA#_fresh');
    expect(s.published).toEqual([
      {
        type: 'officialAccount',
        change: 'CREATED',
        officialAccount: '@TOA#_fresh',
        at: expect.any(Number),
        source: 'api',
      },
    ]);
    s.published.length = 0;
    await expect(
      s.view.modifyOfficialAccount({ Official_Account: '@TOA#_none', Name: 'x' }),
    ).rejects.toThrow();
    await expect(s.view.destroyOfficialAccount('@TOA#_none')).rejects.toThrow();
    expect(s.published).toEqual([]);
  });

  it('a read in flight while a write lands is not cached, and a read started after it does not join it', async () => {
    const s = setup();
    const hold = gate();
    s.fake.once('follow/follow_get_info', async (_body, ctx) => {
      const before = ctx.fallback();
      await hold.promise;
      return before;
    });
    const early = s.view.followGetInfo(['erin']);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(s.calls('follow/follow_get_info')).toBe(1);
    await s.view.followAdd('carol', ['erin']);
    // Started after the write: its own call, the new count.
    expect(await followerCount(s.view, 'erin')).toBe(1);
    hold.open();
    expect((await early)[0]?.FollowerCount).toBe(0);
    // The early (stale) answer is not served. (It does overwrite the fresh entry, so this read may go
    // upstream again: a lost cache entry, not a stale read.)
    expect(await followerCount(s.view, 'erin')).toBe(1);
    expect(s.calls('follow/follow_get_info')).toBeGreaterThanOrEqual(2);
  });
});

describe('events published on the bus by others invalidate', () => {
  const webhook = (event: EventDraft): DomainEvent => ({ ...event, at: Date.now(), source: 'webhook' });

  it('whole lists (follows, mutuals) are cached per user and list; a follow invalidates both sides', async () => {
    const s = setup();
    const list = async (user: string, type: 2 | 3) =>
      (await s.view.followList(user, type))?.map((i) => i.To_Account);
    expect(await list('alice', FollowListType.Follows)).toEqual(['dave', 'bob']);
    expect(await list('alice', FollowListType.Mutual)).toEqual(['dave']);
    expect(await list('bob', FollowListType.Mutual)).toEqual([]);
    s.mark();
    expect(await list('alice', FollowListType.Follows)).toEqual(['dave', 'bob']);
    expect(await list('alice', FollowListType.Mutual)).toEqual(['dave']);
    expect(await list('bob', FollowListType.Mutual)).toEqual([]);
    expect(s.calls('follow/follow_get')).toBe(0);

    // bob follows alice back (made elsewhere): alice's mutuals and bob's lists change; alice's follows not.
    s.fake.graph.follow('bob', 'alice');
    s.bus.publish([webhook({ type: 'follow', change: 'FOLLOWED', follower: 'bob', followee: 'alice' })]);
    s.mark();
    expect(await list('alice', FollowListType.Mutual)).toEqual(['bob', 'dave']);
    expect(await list('bob', FollowListType.Mutual)).toEqual(['alice']);
    expect(s.calls('follow/follow_get')).toBe(2);
    expect(await list('alice', FollowListType.Follows)).toEqual(['dave', 'bob']);
    expect(s.calls('follow/follow_get')).toBe(2);
  });

  it('a follow event: counts of both, their relation and both follow lists; nothing else', async () => {
    const s = setup();
    const warm = async () => {
      await counts(s.view, 'erin');
      await counts(s.view, 'dave');
      await counts(s.view, 'bob');
      await relation(s.view, 'dave', 'erin');
      await relation(s.view, 'alice', 'bob');
      await fans(s.view, 'erin');
      await following(s.view, 'dave');
      await fans(s.view, 'bob');
    };
    await warm();
    s.mark();
    await warm();
    expect(
      s.calls('follow/follow_get_info') + s.calls('follow/follow_check') + s.calls('follow/follow_get'),
    ).toBe(0);

    // Made elsewhere (a client SDK), learned from a callback.
    s.fake.graph.follow('dave', 'erin');
    s.bus.publish([webhook({ type: 'follow', change: 'FOLLOWED', follower: 'dave', followee: 'erin' })]);
    s.mark();
    expect(await followerCount(s.view, 'erin')).toBe(1);
    expect((await counts(s.view, 'dave')).FollowingCount).toBe(2);
    expect(await relation(s.view, 'erin', 'dave')).toBe(1);
    expect(await fans(s.view, 'erin')).toEqual(['dave']);
    expect(await following(s.view, 'dave')).toEqual(['erin', 'alice']);
    expect(s.calls('follow/follow_get_info')).toBe(2);
    expect(s.calls('follow/follow_check')).toBe(1);
    expect(s.calls('follow/follow_get')).toBe(2);
    // Unrelated entries are still cached.
    await counts(s.view, 'bob');
    await relation(s.view, 'alice', 'bob');
    await fans(s.view, 'bob');
    expect(s.calls('follow/follow_get_info')).toBe(2);
    expect(s.calls('follow/follow_check')).toBe(1);
    expect(s.calls('follow/follow_get')).toBe(2);
  });

  it('a subscription event: the account info, its subscribers and the user’s subscribed list', async () => {
    const s = setup();
    await accountInfo(s.view);
    await subscribers(s.view);
    await subscribed(s.view, 'carol');
    await subscribed(s.view, 'bob');
    s.fake.graph.subscribe(OA, 'carol');
    s.bus.publish([
      webhook({ type: 'subscription', change: 'SUBSCRIBED', officialAccount: OA, user: 'carol' }),
    ]);
    s.mark();
    expect((await accountInfo(s.view)).SubscriberNum).toBe(2);
    expect((await subscribers(s.view)).total).toBe(2);
    expect(await subscribed(s.view, 'carol')).toEqual([OA]);
    await subscribed(s.view, 'bob');
    expect(s.calls('official_account_open_http_svc/get_official_account_info')).toBe(1);
    expect(s.calls('official_account_open_http_svc/get_subscriber_info')).toBe(1);
    expect(s.calls('official_account_open_http_svc/get_subscribed_official_account_list')).toBe(1);
  });

  it.each(['INFO_CHANGED', 'FULL', 'DESTROYED', 'CREATED'] as const)(
    'an official-account event (%s): the account info and its subscribers',
    async (change) => {
      const s = setup();
      await accountInfo(s.view);
      await subscribers(s.view);
      s.bus.publish([webhook({ type: 'officialAccount', change, officialAccount: OA })]);
      s.mark();
      await accountInfo(s.view);
      await subscribers(s.view);
      expect(s.calls('official_account_open_http_svc/get_official_account_info')).toBe(1);
      expect(s.calls('official_account_open_http_svc/get_subscriber_info')).toBe(1);
    },
  );
});

describe('cross-request batching', () => {
  it('two concurrent views’ count reads share one follow_get_info; each view’s observer is told of it', async () => {
    const s = setup();
    const r1 = recorder();
    const r2 = recorder();
    const [a, b] = await Promise.all([
      s.shared.view(r1.observer).followGetInfo(['alice']),
      s.shared.view(r2.observer).followGetInfo(['bob', 'carol']),
    ]);
    expect(a.map((i) => i.To_Account)).toEqual(['alice']);
    expect(b.map((i) => i.To_Account)).toEqual(['bob', 'carol']);
    expect(s.calls('follow/follow_get_info')).toBe(1);
    expect(s.fake.bodies('follow/follow_get_info')[0]?.To_Account.sort()).toEqual(['alice', 'bob', 'carol']);
    expect(r1.commands()).toEqual(['follow/follow_get_info']);
    expect(r2.commands()).toEqual(['follow/follow_get_info']);
  });

  it('with batching off, the same reads make one call each, each told only of its own', async () => {
    const s = setup({ batching: false });
    const r1 = recorder();
    const r2 = recorder();
    await Promise.all([
      s.shared.view(r1.observer).followGetInfo(['alice']),
      s.shared.view(r2.observer).followGetInfo(['bob']),
    ]);
    expect(s.calls('follow/follow_get_info')).toBe(2);
    expect(r1.commands()).toEqual(['follow/follow_get_info']);
    expect(r2.commands()).toEqual(['follow/follow_get_info']);
    // ... but their answers are still cached.
    await s.view.followGetInfo(['alice', 'bob']);
    expect(s.calls('follow/follow_get_info')).toBe(2);
  });

  it('a key in flight is not asked again by another view', async () => {
    const s = setup();
    const hold = gate();
    s.fake.once('follow/follow_get_info', async (_body, ctx) => {
      await hold.promise;
      return ctx.fallback();
    });
    const first = s.shared.view().followGetInfo(['bob']);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = s.shared.view().followGetInfo(['bob']);
    await new Promise((resolve) => setTimeout(resolve, 20));
    hold.open();
    expect((await first)[0]?.FollowerCount).toBe(2);
    expect((await second)[0]?.FollowerCount).toBe(2);
    expect(s.calls('follow/follow_get_info')).toBe(1);
  });

  it('many viewers’ relations to one popular user: one follow_check from that user, each answer from its viewer’s side', async () => {
    const s = setup();
    // alice and carol follow bob; dave does not; bob follows carol back.
    s.fake.graph.follow('bob', 'carol');
    const answers = await Promise.all(
      ['alice', 'carol', 'dave'].map((viewer) => s.shared.view().followCheck(viewer, ['bob'])),
    );
    expect(answers.map((a) => a[0]?.FollowType)).toEqual([2, 3, 0]);
    expect(answers.map((a) => a[0]?.To_Account)).toEqual(['bob', 'bob', 'bob']);
    expect(s.fake.bodies('follow/follow_check')).toEqual([
      { From_Account: 'bob', To_Account: ['alice', 'carol', 'dave'] },
    ]);
  });

  it('concurrent reads of the same page share one call, not with batching off', async () => {
    const on = setup();
    await Promise.all([fans(on.shared.view(), 'bob'), fans(on.shared.view(), 'bob')]);
    expect(on.calls('follow/follow_get')).toBe(1);
    const off = setup({ batching: false, cache: 'off' });
    await Promise.all([fans(off.shared.view(), 'bob'), fans(off.shared.view(), 'bob')]);
    expect(off.calls('follow/follow_get')).toBe(2);
  });
});

describe('CACHE=off (GenerationsOnly)', () => {
  it('stores nothing: every read goes upstream', async () => {
    const s = setup({ cache: 'off' });
    for (let i = 0; i < 2; i++) {
      await counts(s.view, 'bob');
      await relation(s.view, 'alice', 'bob');
      await s.view.portraitGet(['alice'], [NICK]);
      await accountInfo(s.view);
      await fans(s.view, 'bob');
      await subscribers(s.view);
      await subscribed(s.view, 'bob');
    }
    expect(s.fake.counts()).toEqual({
      'follow/follow_get_info': 2,
      'follow/follow_check': 2,
      'profile/portrait_get': 2,
      'official_account_open_http_svc/get_official_account_info': 2,
      'follow/follow_get': 2,
      'official_account_open_http_svc/get_subscriber_info': 2,
      'official_account_open_http_svc/get_subscribed_official_account_list': 2,
    });
  });

  it('still shares concurrent reads when batching is on', async () => {
    const s = setup({ cache: 'off' });
    await Promise.all([counts(s.shared.view(), 'alice'), counts(s.shared.view(), 'bob')]);
    expect(s.calls('follow/follow_get_info')).toBe(1);
  });
});

describe('nothing to share (CACHE=off, batching off): reads go straight upstream', () => {
  it('every read is one upstream call with the same answers, reported to the view’s observers', async () => {
    const s = setup({ cache: 'off', batching: false });
    const r1 = recorder();
    const r2 = recorder();
    const view = s.shared.view(r1.observer).observed(r2.observer);
    expect((await view.followGetInfo(['bob', 'alice'])).map((i) => i.FollowerCount)).toEqual([2, 1]);
    expect((await view.followCheck('alice', ['bob', 'dave'])).map((i) => i.FollowType)).toEqual([2, 3]);
    expect(await fans(view, 'bob')).toEqual(['carol', 'alice']);
    expect((await accountInfo(view)).Name).toBe('News');
    expect(await fans(view, 'bob')).toEqual(['carol', 'alice']);
    expect(s.fake.counts()).toEqual({
      'follow/follow_get_info': 1,
      'follow/follow_check': 1,
      'follow/follow_get': 2,
      'official_account_open_http_svc/get_official_account_info': 1,
    });
    expect(r1.commands()).toEqual(r2.commands());
    expect(r1.commands()).toHaveLength(5);
  });

  it('writes still publish only the confirmed changes, and reads after them are fresh', async () => {
    const s = setup({ cache: 'off', batching: false });
    expect(await followerCount(s.view, 'erin')).toBe(0);
    const outcomes = await s.view.followAdd('carol', ['erin', 'ghost']);
    expect(outcomes.map((o) => o.resultCode)).toEqual([0, ErrorCodes.FollowUserNotFound]);
    expect(await followerCount(s.view, 'erin')).toBe(1);
    await s.view.addSubscriber(OA, ['erin']);
    expect(s.published).toEqual([
      {
        type: 'follow',
        change: 'FOLLOWED',
        follower: 'carol',
        followee: 'erin',
        at: expect.any(Number),
        source: 'api',
      },
      {
        type: 'subscription',
        change: 'SUBSCRIBED',
        officialAccount: OA,
        user: 'erin',
        at: expect.any(Number),
        source: 'api',
      },
    ]);
  });
});
