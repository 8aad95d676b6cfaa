import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CROWD, DEMO, type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { type Any, Rest } from '../support/emulatorRest.js';

let a: RunningEmulator;
let b: RunningEmulator;
let ra: Rest;
let rb: Rest;
beforeAll(async () => {
  [a, b] = await Promise.all([
    startEmulator({ port: 0, seed: 'demo', rateLimitPerSecond: 0 }),
    startEmulator({ port: 0, seed: 'demo', rateLimitPerSecond: 0 }),
  ]);
  ra = new Rest(a);
  rb = new Rest(b);
});
afterAll(() => Promise.all([a.close(), b.close()]));

const pages = async (rest: Rest, type: number) => {
  const out: Any[] = [];
  let cursor = '';
  do {
    const page = await rest.ok('follow/follow_get', {
      From_Account: 'alice',
      FollowType: type,
      StartCursor: cursor,
      WantNum: 100,
    });
    out.push(page);
    cursor = page.NextCursor;
  } while (cursor !== '');
  return out;
};

describe('demo seed', () => {
  it('has the documented shape', () => {
    expect(DEMO.userCount).toBe(300);
    expect(DEMO.wellKnownUsers).toEqual(['alice', 'bob', 'carol', 'dave', 'erin', 'frank']);
    expect(DEMO.users).toContain('user_294');
    expect(DEMO.alice.followers).toBe(250);
    expect(DEMO.alice.following).toBe(40);
    expect(DEMO.alice.mutuals).toBeGreaterThanOrEqual(2);
    expect(DEMO.officialAccounts.news).toMatchObject({ id: '@TOA#_news', subscribers: 150, max: 100000 });
    expect(DEMO.officialAccounts.sports).toMatchObject({ id: '@TOA#_sports', subscribers: 60, max: 1000 });
  });

  it('is deterministic: two emulators serve identical pages', async () => {
    for (const type of [1, 2, 3]) {
      const [pa, pb] = await Promise.all([pages(ra, type), pages(rb, type)]);
      expect(pa).toEqual(pb);
    }
    const fans = await pages(ra, 1);
    expect(fans.length).toBe(3);
    const all = fans.flatMap((p) => p.FollowItem);
    expect(all.length).toBe(DEMO.alice.followers);
    // Newest first, times in the year after the epoch.
    const times = all.map((x: Any) => x.FollowTime);
    expect([...times].sort((x, y) => y - x)).toEqual(times);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(DEMO.epoch);
    const bob = all.find((x: Any) => x.To_Account === 'bob');
    expect(bob.ProfileItem).toEqual(
      expect.arrayContaining([
        { Tag: 'Tag_Profile_IM_Nick', Value: DEMO.wellKnownNicks.bob },
        { Tag: 'Tag_Profile_IM_Image', Value: 'https://avatars.example.com/bob.png' },
      ]),
    );
  });

  it('serves the well-known counts and official accounts', async () => {
    const info = await ra.ok('follow/follow_get_info', {
      From_Account: 'alice',
      To_Account: ['alice', 'bob'],
    });
    expect(info.FollowInfo[0]).toMatchObject({
      FollowerCount: DEMO.alice.followers,
      FollowingCount: DEMO.alice.following,
      MutualFollowingCount: DEMO.alice.mutuals,
    });
    expect(info.FollowInfo[1]).toMatchObject({
      FollowerCount: DEMO.bob.followers,
      FollowingCount: DEMO.bob.following,
      MutualFollowingCount: DEMO.bob.mutuals,
    });
    const check = await ra.ok('follow/follow_check', { From_Account: 'alice', To_Account: ['bob', 'carol'] });
    expect(check.ResultItem.map((x: Any) => x.FollowType)).toEqual([3, 3]);
    const oa = await ra.ok('official_account_open_http_svc/get_official_account_info', {
      OfficialAccountIdList: [{ Official_Account: '@TOA#_news' }, { Official_Account: '@TOA#_sports' }],
    });
    expect(oa.OfficialAccountInfoList).toMatchObject([
      { Name: 'Daily News', Owner_Account: 'alice', SubscriberNum: 150, MaxSubscriberNum: 100000 },
      { Name: 'Sports Desk', Owner_Account: 'bob', SubscriberNum: 60, MaxSubscriberNum: 1000 },
    ]);
    const subs = await ra.ok('official_account_open_http_svc/get_subscribed_official_account_list', {
      Subscriber_Account: 'alice',
    });
    expect(subs.TotalCount).toBe(2);
  });
});

describe('crowd seed', () => {
  let crowd: RunningEmulator;
  let rest: Rest;
  beforeAll(async () => {
    crowd = await startEmulator({ port: 0, seed: 'crowd', rateLimitPerSecond: 0 });
    rest = new Rest(crowd);
  });
  afterAll(() => crowd.close());

  it('holds the documented counts (follow_get_info)', async () => {
    const { FollowInfo } = await rest.ok('follow/follow_get_info', {
      From_Account: 'administrator',
      To_Account: [CROWD.star, CROWD.viewers.none, CROWD.viewers.small, CROWD.viewers.full],
    });
    expect(FollowInfo.map((i: Any) => [i.FollowerCount, i.FollowingCount, i.MutualFollowingCount])).toEqual([
      [10_000, 0, 0],
      [0, 0, 0],
      [36, 250, 36],
      [1000, 5000, 1000],
    ]);
  });

  it("lists crowd_v250's follows newest first, as CROWD.smallFollows() says, with nicknames", async () => {
    const page = await rest.ok('follow/follow_get', {
      From_Account: CROWD.viewers.small,
      FollowType: 2,
      StartCursor: '',
      WantNum: 1000,
    });
    expect(page.FollowItem.map((i: Any) => i.To_Account)).toEqual(CROWD.smallFollows().reverse());
    expect(page.FollowItem[0].ProfileItem).toContainEqual({
      Tag: 'Tag_Profile_IM_Nick',
      Value: 'Passer-by 100',
    });
    expect(page.NextCursor).toBe('');
    // follow_check from the star: every member follows it, no passer-by does.
    const check = await rest.ok('follow/follow_check', {
      From_Account: CROWD.star,
      To_Account: [CROWD.member(1), CROWD.member(10_000), CROWD.passerBy(1), CROWD.viewers.small],
    });
    expect(check.ResultItem.map((i: Any) => i.FollowType)).toEqual([1, 1, 0, 0]);
  });
});
