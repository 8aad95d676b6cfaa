import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Any, ids, pool, useEmulator } from '../support/emulatorRest.js';

const fx = useEmulator();

const info = async (accounts: string[]) =>
  (await fx.rest.ok('follow/follow_get_info', { From_Account: accounts[0], To_Account: accounts }))
    .FollowInfo;
const check = async (from: string, to: string[]) =>
  (await fx.rest.ok('follow/follow_check', { From_Account: from, To_Account: to })).ResultItem;

describe('follow contract (upstream doc samples)', () => {
  beforeEach(async () => {
    await fx.rest.control('POST', 'reset');
    await fx.rest.importUsers(['UserID_001', 'UserID_002', 'UserID_003']);
  });

  it('follow_add then follow_get_info gives the exact counts', async () => {
    const add = await fx.rest.ok('follow/follow_add', {
      From_Account: 'UserID_001',
      FollowItem: [{ To_Account: 'UserID_002' }, { To_Account: 'UserID_003' }],
    });
    expect(add).toEqual({
      ResultItem: [
        { To_Account: 'UserID_002', ResultCode: 0, ResultInfo: '' },
        { To_Account: 'UserID_003', ResultCode: 0, ResultInfo: '' },
      ],
      ActionStatus: 'OK',
      ErrorCode: 0,
      ErrorInfo: '',
      ErrorDisplay: '',
    });
    expect(await info(['UserID_001', 'UserID_002', 'UserID_003'])).toEqual([
      {
        To_Account: 'UserID_001',
        ResultCode: 0,
        ResultInfo: '',
        FollowerCount: 0,
        FollowingCount: 2,
        MutualFollowingCount: 0,
      },
      {
        To_Account: 'UserID_002',
        ResultCode: 0,
        ResultInfo: '',
        FollowerCount: 1,
        FollowingCount: 0,
        MutualFollowingCount: 0,
      },
      {
        To_Account: 'UserID_003',
        ResultCode: 0,
        ResultInfo: '',
        FollowerCount: 1,
        FollowingCount: 0,
        MutualFollowingCount: 0,
      },
    ]);
    await fx.rest.follow('UserID_002', ['UserID_001']);
    const counts = await info(['UserID_001', 'UserID_002']);
    expect(counts[0]).toMatchObject({ FollowerCount: 1, FollowingCount: 2, MutualFollowingCount: 1 });
    expect(counts[1]).toMatchObject({ FollowerCount: 1, FollowingCount: 1, MutualFollowingCount: 1 });
  });

  it('follow_check gives FollowType 0, 1, 2 and 3', async () => {
    await fx.rest.importUsers(['UserID_004']);
    // 001 follows 003 and 004; 002 and 004 follow 001.
    await fx.rest.follow('UserID_001', ['UserID_003', 'UserID_004']);
    await fx.rest.follow('UserID_002', ['UserID_001']);
    await fx.rest.follow('UserID_004', ['UserID_001']);
    const items = await check('UserID_001', ['UserID_005x', 'UserID_002', 'UserID_003', 'UserID_004']);
    expect(items.map((x: Any) => [x.To_Account, x.ResultCode, x.FollowType])).toEqual([
      ['UserID_005x', 30003, 0],
      ['UserID_002', 0, 1],
      ['UserID_003', 0, 2],
      ['UserID_004', 0, 3],
    ]);
    expect((await check('UserID_003', ['UserID_002']))[0].FollowType).toBe(0);
  });

  it('follow_delete removes edges, is idempotent, and keeps FollowTime on re-add', async () => {
    await fx.rest.follow('UserID_001', ['UserID_002', 'UserID_003']);
    await fx.rest.follow('UserID_002', ['UserID_001']);
    const first = await fx.rest.ok('follow/follow_get', {
      From_Account: 'UserID_001',
      FollowType: 2,
      StartCursor: '',
      WantNum: 10,
    });
    const del = await fx.rest.ok('follow/follow_delete', {
      From_Account: 'UserID_001',
      To_Account: ['UserID_002', 'UserID_002', 'nobody', 'UserID_001'],
    });
    expect(del.ResultItem.map((x: Any) => x.ResultCode)).toEqual([0, 0, 30003, 30001]);
    expect(await info(['UserID_001', 'UserID_002'])).toMatchObject([
      { FollowingCount: 1, FollowerCount: 1, MutualFollowingCount: 0 },
      { FollowingCount: 1, FollowerCount: 0, MutualFollowingCount: 0 },
    ]);
    expect((await check('UserID_001', ['UserID_002']))[0].FollowType).toBe(1);
    // Re-adding an existing edge is a no-op that keeps the original FollowTime.
    await fx.rest.follow('UserID_001', ['UserID_003']);
    const again = await fx.rest.ok('follow/follow_get', {
      From_Account: 'UserID_001',
      FollowType: 2,
      StartCursor: '',
      WantNum: 10,
    });
    const t = (page: Any) => page.FollowItem.find((x: Any) => x.To_Account === 'UserID_003').FollowTime;
    expect(t(again)).toBe(t(first));
  });

  it('per-item and whole-request follow errors', async () => {
    const add = await fx.rest.ok('follow/follow_add', {
      From_Account: 'UserID_001',
      FollowItem: [{ To_Account: 'UserID_001' }, { To_Account: 'ghost' }, { To_Account: 'UserID_002' }],
    });
    expect(add.ResultItem.map((x: Any) => x.ResultCode)).toEqual([30001, 30003, 0]);
    const code = async (cmd: string, body: unknown) => (await fx.rest.call(cmd, body)).ErrorCode;
    const twentyOne = ids('u', 21).map((id) => ({ To_Account: id }));
    expect(await code('follow/follow_add', { From_Account: 'UserID_001', FollowItem: twentyOne })).toBe(
      30001,
    );
    expect(await code('follow/follow_add', { From_Account: 'UserID_001', FollowItem: [] })).toBe(30001);
    expect(await code('follow/follow_add', { From_Account: 'UserID_001', FollowItem: 'UserID_002' })).toBe(
      30001,
    );
    expect(
      await code('follow/follow_add', { From_Account: 7, FollowItem: [{ To_Account: 'UserID_002' }] }),
    ).toBe(30001);
    expect(
      await code('follow/follow_add', { From_Account: 'ghost', FollowItem: [{ To_Account: 'UserID_002' }] }),
    ).toBe(30003);
    expect(await code('follow/follow_delete', { From_Account: 'UserID_001', To_Account: ids('u', 21) })).toBe(
      30001,
    );
    expect(await code('follow/follow_check', { From_Account: 'UserID_001', To_Account: ids('u', 101) })).toBe(
      30001,
    );
    expect(await code('follow/follow_check', { From_Account: 'UserID_001', To_Account: ids('u', 100) })).toBe(
      0,
    );
    expect(await code('follow/follow_check', { From_Account: 'ghost', To_Account: ['UserID_001'] })).toBe(
      30003,
    );
    expect(
      await code('follow/follow_get_info', { From_Account: 'UserID_001', To_Account: ids('u', 21) }),
    ).toBe(30001);
    const get = (extra: object) => ({ From_Account: 'UserID_001', FollowType: 1, StartCursor: '', ...extra });
    expect(await code('follow/follow_get', get({ WantNum: 0 }))).toBe(30001);
    expect(await code('follow/follow_get', get({ WantNum: 1001 }))).toBe(30001);
    expect(await code('follow/follow_get', get({ WantNum: '10' }))).toBe(30001);
    expect(await code('follow/follow_get', get({ FollowType: 4 }))).toBe(30001);
    expect(await code('follow/follow_get', get({ StartCursor: 'garbage!' }))).toBe(30001);
    expect(await code('follow/follow_get', get({ From_Account: 'ghost' }))).toBe(30003);
    expect(await code('follow/follow_get', get({ WantNum: 1000 }))).toBe(0);
  });
});

describe('follow_get paging', () => {
  const target = 'star';
  const fans = ids('fan', 2500);

  // Built once; the tests run in order and account for each other's changes.
  beforeAll(async () => {
    await fx.rest.control('POST', 'reset');
    await fx.rest.importUsers([target, ...fans, ...ids('late', 50)]);
    await pool(fans, 16, async (fan) => fx.rest.follow(fan, [target]));
    // star follows back the first 1000 fans (mutual) and nobody else.
    await fx.rest.follow(target, fans.slice(0, 1000));
  });

  it('pages 2,500 fans in 1000-item pages with no duplicates or gaps', async () => {
    const { ids: got, calls } = await fx.rest.followList(target, 1, 1000);
    expect(calls).toBe(3);
    expect(got.length).toBe(2500);
    expect(new Set(got).size).toBe(2500);
    expect(new Set(got)).toEqual(new Set(fans));
    const counts = await info([target]);
    expect(counts[0]).toMatchObject({
      FollowerCount: 2500,
      FollowingCount: 1000,
      MutualFollowingCount: 1000,
    });
  });

  it('lists mutuals, following, with profiles, times and sequences', async () => {
    const mutual = await fx.rest.followList(target, 3, 300);
    expect(mutual.calls).toBe(4);
    expect(new Set(mutual.ids)).toEqual(new Set(fans.slice(0, 1000)));
    const following = await fx.rest.followList(target, 2, 1000);
    expect(following.ids.length).toBe(1000);
    expect(following.calls).toBe(1);

    await fx.rest.ok('profile/portrait_set', {
      From_Account: 'fan0001',
      ProfileItem: [
        { Tag: 'Tag_Profile_IM_Nick', Value: 'Fan One' },
        { Tag: 'Tag_Profile_IM_Image', Value: 'https://x.example/1.png' },
        { Tag: 'Tag_Profile_Custom_City', Value: 'Oslo' },
        { Tag: 'Tag_Profile_IM_Level', Value: 3 },
      ],
    });
    const page = await fx.rest.ok('follow/follow_get', {
      From_Account: 'fan0001',
      FollowType: 2,
      StartCursor: '',
      WantNum: 10,
    });
    expect(page.NextCursor).toBe('');
    expect(page.FollowItem).toHaveLength(1);
    const item = page.FollowItem[0];
    expect(item.To_Account).toBe(target);
    expect(Number.isInteger(item.FollowTime)).toBe(true);
    expect(Math.abs(item.FollowTime - Date.now() / 1000)).toBeLessThan(120);

    const fanOfStar = await fx.rest.ok('follow/follow_get', {
      From_Account: target,
      FollowType: 3,
      StartCursor: '',
      WantNum: 1000,
    });
    const one = fanOfStar.FollowItem.find((x: Any) => x.To_Account === 'fan0001');
    expect(one.ProfileItem).toEqual([
      { Tag: 'Tag_Profile_IM_Nick', Value: 'Fan One' },
      { Tag: 'Tag_Profile_IM_Image', Value: 'https://x.example/1.png' },
      { Tag: 'Tag_Profile_Custom_City', Value: 'Oslo' },
    ]);
    expect(one.profile_sequence).toBe(4);
  });

  it('pages stay stable while new follows arrive between pages', async () => {
    const seen: string[] = [];
    let cursor = '';
    let calls = 0;
    const late = ids('late', 50);
    do {
      const page = await fx.rest.ok('follow/follow_get', {
        From_Account: target,
        FollowType: 1,
        StartCursor: cursor,
        WantNum: 1000,
      });
      calls++;
      for (const item of page.FollowItem) seen.push(item.To_Account);
      cursor = page.NextCursor;
      // New fans arrive between pages: they sort before the cursor and never shift later pages.
      for (const id of late.slice((calls - 1) * 10, calls * 10)) await fx.rest.follow(id, [target]);
    } while (cursor !== '');
    expect(calls).toBe(3);
    expect(seen.length).toBe(2500);
    expect(new Set(seen)).toEqual(new Set(fans));
    // A fresh read sees the newcomers first (newest first).
    const fresh = await fx.rest.ok('follow/follow_get', {
      From_Account: target,
      FollowType: 1,
      StartCursor: '',
      WantNum: 30,
    });
    expect(fresh.FollowItem.map((x: Any) => x.To_Account)).toEqual(late.slice(0, 30).reverse());
  });

  it('deleted items vanish from later pages without shifting others', async () => {
    const page1 = await fx.rest.ok('follow/follow_get', {
      From_Account: target,
      FollowType: 1,
      StartCursor: '',
      WantNum: 1000,
    });
    const first = page1.FollowItem.map((x: Any) => x.To_Account) as string[];
    const all = [...fans, ...ids('late', 30)];
    const rest2 = all.filter((f) => !first.includes(f));
    const gone = rest2.slice(0, 5);
    await pool(gone, 5, async (id) => {
      await fx.rest.ok('follow/follow_delete', { From_Account: id, To_Account: [target] });
    });
    const tail: string[] = [];
    let cursor = page1.NextCursor as string;
    while (cursor !== '') {
      const page = await fx.rest.ok('follow/follow_get', {
        From_Account: target,
        FollowType: 1,
        StartCursor: cursor,
        WantNum: 1000,
      });
      for (const item of page.FollowItem) tail.push(item.To_Account);
      cursor = page.NextCursor;
    }
    expect(new Set([...first, ...tail])).toEqual(new Set(all.filter((f) => !gone.includes(f))));
    expect(first.length + tail.length).toBe(2530 - 5);
  });
});

describe('following limit', () => {
  it('answers 32100 for the 5001st follow', async () => {
    await fx.rest.control('POST', 'reset');
    const many = ids('m', 5001);
    await fx.rest.importUsers(['hub', ...many]);
    const chunks: string[][] = [];
    for (let i = 0; i < 5000; i += 20) chunks.push(many.slice(i, i + 20));
    await pool(chunks, 8, (chunk) => fx.rest.follow('hub', chunk));
    expect((await info(['hub']))[0].FollowingCount).toBe(5000);
    const out = await fx.rest.ok('follow/follow_add', {
      From_Account: 'hub',
      FollowItem: [{ To_Account: many[5000] }, { To_Account: many[0] }],
    });
    expect(out.ResultItem.map((x: Any) => x.ResultCode)).toEqual([32100, 0]);
    await fx.rest.ok('follow/follow_delete', { From_Account: 'hub', To_Account: [many[1]] });
    const retry = await fx.rest.ok('follow/follow_add', {
      From_Account: 'hub',
      FollowItem: [{ To_Account: many[5000] }],
    });
    expect(retry.ResultItem[0].ResultCode).toBe(0);
  });
});
