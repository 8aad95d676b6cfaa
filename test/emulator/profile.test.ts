import { beforeAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulatorRest.js';

const fx = useEmulator();

const code = async (cmd: string, body: unknown) => (await fx.rest.call(cmd, body)).ErrorCode;

describe('account import', () => {
  it('imports with UserID or legacy Identifier, idempotently', async () => {
    await fx.rest.ok('im_open_login_svc/account_import', {
      UserID: 'test',
      Nick: 'test',
      FaceUrl: 'http://www.qq.com',
    });
    await fx.rest.ok('im_open_login_svc/account_import', { Identifier: 'legacy' });
    await fx.rest.ok('im_open_login_svc/account_import', { UserID: 'test' });
    const out = await fx.rest.ok('profile/portrait_get', {
      To_Account: ['test', 'legacy'],
      TagList: ['Tag_Profile_IM_Nick', 'Tag_Profile_IM_Image'],
    });
    expect(out.UserProfileItem).toEqual([
      {
        To_Account: 'test',
        ProfileItem: [
          { Tag: 'Tag_Profile_IM_Nick', Value: 'test' },
          { Tag: 'Tag_Profile_IM_Image', Value: 'http://www.qq.com' },
        ],
        ResultCode: 0,
        ResultInfo: '',
      },
      { To_Account: 'legacy', ProfileItem: [], ResultCode: 0, ResultInfo: '' },
    ]);
    expect(out.Fail_Account).toBeUndefined();
  });

  it('multiaccount_import takes Accounts or AccountList and reports FailAccounts', async () => {
    const a = await fx.rest.ok('im_open_login_svc/multiaccount_import', {
      Accounts: ['m1', 'm2', 'x'.repeat(33)],
    });
    expect(a.FailAccounts).toEqual(['x'.repeat(33)]);
    const b = await fx.rest.ok('im_open_login_svc/multiaccount_import', {
      AccountList: [{ UserID: 'm3', Nick: 'Em Three' }, { UserID: 'm4' }],
    });
    expect(b.FailAccounts).toEqual([]);
    const nick = await fx.rest.ok('profile/portrait_get', {
      To_Account: ['m3'],
      TagList: ['Tag_Profile_IM_Nick'],
    });
    expect(nick.UserProfileItem[0].ProfileItem).toEqual([{ Tag: 'Tag_Profile_IM_Nick', Value: 'Em Three' }]);
  });

  it('rejects bad import parameters with 70402 and long values with 40601', async () => {
    expect(await code('im_open_login_svc/account_import', {})).toBe(70402);
    expect(await code('im_open_login_svc/account_import', { UserID: 42 })).toBe(70402);
    expect(await code('im_open_login_svc/account_import', { UserID: 'x'.repeat(33) })).toBe(70402);
    expect(await code('im_open_login_svc/account_import', { UserID: 'ok', Nick: 5 })).toBe(70402);
    expect(await code('im_open_login_svc/account_import', { UserID: 'ok', Nick: 'n'.repeat(501) })).toBe(
      40601,
    );
    const many = Array.from({ length: 101 }, (_, i) => `a${i}`);
    expect(await code('im_open_login_svc/multiaccount_import', { Accounts: many })).toBe(70402);
    expect(await code('im_open_login_svc/multiaccount_import', { Accounts: 'a' })).toBe(70402);
    expect(await code('im_open_login_svc/multiaccount_import', {})).toBe(70402);
  });
});

describe('profiles', () => {
  beforeAll(async () => {
    await fx.rest.ok('im_open_login_svc/multiaccount_import', { Accounts: ['p1', 'p2'] });
  });

  it('portrait_set then portrait_get returns only requested tags that are set, typed', async () => {
    await fx.rest.ok('profile/portrait_set', {
      From_Account: 'p1',
      ProfileItem: [
        { Tag: 'Tag_Profile_IM_Nick', Value: 'MyNickName' },
        { Tag: 'Tag_Profile_IM_AllowType', Value: 'AllowType_Type_DenyAny' },
        { Tag: 'Tag_Profile_IM_Level', Value: 7 },
        { Tag: 'Tag_Profile_Custom_Test', Value: 'Custom Data' },
      ],
    });
    const out = await fx.rest.ok('profile/portrait_get', {
      To_Account: ['p1', 'ghost', 'p2'],
      TagList: [
        'Tag_Profile_IM_Nick',
        'Tag_Profile_IM_Level',
        'Tag_Profile_IM_Gender',
        'Tag_Profile_Custom_Test',
      ],
    });
    expect(out.UserProfileItem[0]).toEqual({
      To_Account: 'p1',
      ProfileItem: [
        { Tag: 'Tag_Profile_IM_Nick', Value: 'MyNickName' },
        { Tag: 'Tag_Profile_IM_Level', Value: 7 },
        { Tag: 'Tag_Profile_Custom_Test', Value: 'Custom Data' },
      ],
      ResultCode: 0,
      ResultInfo: '',
    });
    expect(out.UserProfileItem[1]).toMatchObject({ To_Account: 'ghost', ResultCode: 40003, ProfileItem: [] });
    expect(out.UserProfileItem[2]).toMatchObject({ To_Account: 'p2', ResultCode: 0, ProfileItem: [] });
    expect(out.Fail_Account).toEqual(['ghost']);
  });

  it('answers the documented portrait_set / portrait_get errors', async () => {
    const set = (ProfileItem: unknown, From_Account: unknown = 'p2') =>
      code('profile/portrait_set', { From_Account, ProfileItem });
    expect(await set('nope')).toBe(40001);
    expect(await set([])).toBe(40001);
    expect(await set([{ Tag: 'Tag_Profile_IM_Nick', Value: 'x' }], 5)).toBe(40001);
    expect(await set([{ Tag: 'Tag_Profile_IM_Nick', Value: { a: 1 } }])).toBe(40001);
    expect(await set([{ Tag: 'Tag_Profile_IM_Nick', Value: 'x' }], 'ghost')).toBe(40003);
    expect(await set([{ Tag: 'Tag_Profile_IM_Nickname', Value: 'x' }])).toBe(40009);
    expect(await set([{ Tag: 'Tag_Profile_Custom_TooLongKey', Value: 'x' }])).toBe(40009);
    expect(await set([{ Tag: 'Tag_Profile_Custom_Ab1', Value: 'x' }])).toBe(40009);
    expect(await set([{ Tag: 'Tag_Profile_IM_SelfSignature', Value: 's'.repeat(501) }])).toBe(40601);
    expect(await set([{ Tag: 'Tag_Profile_Custom_Bio', Value: 'é'.repeat(251) }])).toBe(40601);
    expect(await set([{ Tag: 'Tag_Profile_IM_Gender', Value: 'Gender_Type_Robot' }])).toBe(40605);
    expect(await set([{ Tag: 'Tag_Profile_IM_Level', Value: 'high' }])).toBe(40610);
    // Nothing was written by the failed calls (all-or-nothing).
    const out = await fx.rest.ok('profile/portrait_get', {
      To_Account: ['p2'],
      TagList: ['Tag_Profile_IM_Nick', 'Tag_Profile_IM_SelfSignature', 'Tag_Profile_Custom_Bio'],
    });
    expect(out.UserProfileItem[0].ProfileItem).toEqual([]);

    const get = (body: unknown) => code('profile/portrait_get', body);
    expect(await get({ To_Account: 'p1', TagList: ['Tag_Profile_IM_Nick'] })).toBe(40001);
    expect(await get({ To_Account: ['p1'], TagList: [] })).toBe(40001);
    expect(await get({ To_Account: Array(101).fill('p1'), TagList: ['Tag_Profile_IM_Nick'] })).toBe(40001);
    expect(await get({ To_Account: ['p1'], TagList: ['Tag_Nope'] })).toBe(40009);
  });
});
