import { beforeEach, describe, expect, it } from 'vitest';
import { ErrorCodes, LIMITS, OFFICIAL_ACCOUNT_TEXT_BYTES } from '../../src/tencent/wire.js';
import { type Any, ids, useEmulator } from '../support/emulatorRest.js';

const SVC = 'official_account_open_http_svc';
const fx = useEmulator();
beforeEach(async () => {
  await fx.rest.control('POST', 'reset');
  await fx.rest.importUsers(['owner', ...ids('s', 250)]);
});

const call = (cmd: string, body: unknown): Promise<Any> => fx.rest.call(`${SVC}/${cmd}`, body);
const create = (extra: object = {}) =>
  call('create_official_account', { Owner_Account: 'owner', Name: 'test_official_account', ...extra });
const add = (oa: string, accounts: string[]) =>
  call('add_subscriber', {
    Official_Account: oa,
    SubscriberList: accounts.map((a) => ({ Subscriber_Account: a })),
  });

describe('official accounts', () => {
  it('creates with a custom or generated id and reads it back, honouring ResponseFilter', async () => {
    const custom = await create({
      OfficialAccountUserID: '@TOA#_test_id',
      CustomString: 'test_custom_string',
      FaceUrl: 'http://this.is.face.url',
      Introduction: 'This is test Introduction',
      MaxSubscriberNum: 1000,
      Organization: 'test_organization',
    });
    expect(custom).toMatchObject({
      ActionStatus: 'OK',
      ErrorCode: 0,
      OfficialAccountUserID: '@TOA#_test_id',
    });
    const generated = await create();
    expect(generated.OfficialAccountUserID).toMatch(/^@TOA#_@TOA#[A-Za-z]{4}$/);

    const info = await call('get_official_account_info', {
      OfficialAccountIdList: [
        { Official_Account: '@TOA#_test_id' },
        { Official_Account: '@TOA#_missing' },
        { Official_Account: generated.OfficialAccountUserID },
      ],
    });
    expect(info.ActionStatus).toBe('OK');
    const [a, missing, g] = info.OfficialAccountInfoList;
    expect(a).toMatchObject({
      Official_Account: '@TOA#_test_id',
      ActionStatus: 'OK',
      ErrorCode: 0,
      Name: 'test_official_account',
      Owner_Account: 'owner',
      SubscriberNum: 0,
      MaxSubscriberNum: 1000,
      Introduction: 'This is test Introduction',
      FaceUrl: 'http://this.is.face.url',
      Organization: 'test_organization',
      CustomString: 'test_custom_string',
      LastMsgTime: 0,
    });
    expect(Math.abs(a.CreateTime - Date.now() / 1000)).toBeLessThan(120);
    expect(missing).toMatchObject({
      Official_Account: '@TOA#_missing',
      ActionStatus: 'FAIL',
      ErrorCode: 130004,
    });
    expect(g.MaxSubscriberNum).toBe(100000);

    const filtered = await call('get_official_account_info', {
      OfficialAccountIdList: [{ Official_Account: '@TOA#_test_id' }],
      ResponseFilter: { OfficialAccountBaseInfoFilter: ['Name', 'SubscriberNum'] },
    });
    expect(filtered.OfficialAccountInfoList[0]).toEqual({
      Official_Account: '@TOA#_test_id',
      Name: 'test_official_account',
      SubscriberNum: 0,
      ActionStatus: 'OK',
      ErrorCode: 0,
      ErrorInfo: '',
      ErrorDisplay: '',
    });

    expect((await call('destroy_official_account', { Official_Account: '@TOA#_test_id' })).ErrorCode).toBe(0);
    expect((await call('destroy_official_account', { Official_Account: '@TOA#_test_id' })).ErrorCode).toBe(
      130004,
    );
  });

  it('answers create errors: 6017, 70107, 130007', async () => {
    expect((await create({ OfficialAccountUserID: 'no_prefix' })).ErrorCode).toBe(6017);
    expect((await create({ Name: '' })).ErrorCode).toBe(6017);
    expect((await create({ Name: 'n'.repeat(151) })).ErrorCode).toBe(6017);
    expect((await create({ Name: 7 })).ErrorCode).toBe(6017);
    expect((await create({ Introduction: 'i'.repeat(401) })).ErrorCode).toBe(6017);
    expect((await create({ CustomString: 'c'.repeat(3001) })).ErrorCode).toBe(6017);
    expect((await create({ MaxSubscriberNum: 0 })).ErrorCode).toBe(6017);
    expect((await create({ Owner_Account: 'ghost' })).ErrorCode).toBe(70107);
    expect((await create({ OfficialAccountUserID: '@TOA#_dup' })).ErrorCode).toBe(0);
    expect((await create({ OfficialAccountUserID: '@TOA#_dup' })).ErrorCode).toBe(130007);
    const list = Array.from({ length: 51 }, () => ({ Official_Account: '@TOA#_dup' }));
    expect((await call('get_official_account_info', { OfficialAccountIdList: list })).ErrorCode).toBe(6017);
    expect(
      (
        await call('get_official_account_info', {
          OfficialAccountIdList: [{ Official_Account: '@TOA#_dup' }],
          ResponseFilter: { OfficialAccountBaseInfoFilter: ['Nope'] },
        })
      ).ErrorCode,
    ).toBe(6017);
  });

  it.each(Object.entries(OFFICIAL_ACCOUNT_TEXT_BYTES))(
    'create: %s at most %i bytes (UTF-8 bytes, not characters), as documented',
    async (field, max) => {
      const id = (n: number) => `@TOA#_len_${field.slice(0, 4)}${n}`;
      expect((await create({ OfficialAccountUserID: id(1), [field]: 'x'.repeat(max) })).ErrorCode).toBe(0);
      expect((await create({ OfficialAccountUserID: id(2), [field]: 'x'.repeat(max + 1) })).ErrorCode).toBe(
        ErrorCodes.OaBadParam,
      );
      // Three bytes a character: a third of the limit, plus one character, is too many bytes.
      const wide = '中'.repeat(Math.floor(max / 3) + 1);
      expect((await create({ OfficialAccountUserID: id(3), [field]: wide })).ErrorCode).toBe(
        ErrorCodes.OaBadParam,
      );
      const fits = '中'.repeat(Math.floor(max / 3));
      expect((await create({ OfficialAccountUserID: id(4), [field]: fits })).ErrorCode).toBe(0);
      const info = await call('get_official_account_info', {
        OfficialAccountIdList: [{ Official_Account: id(4) }, { Official_Account: id(2) }],
      });
      expect(info.OfficialAccountInfoList[0][field]).toBe(fits);
      // A refused create made nothing.
      expect(info.OfficialAccountInfoList[1].ErrorCode).toBe(ErrorCodes.OaNotFound);
    },
  );

  it('create: MaxSubscriberNum from 1 to the cap; the id is at most 32 bytes and not just the prefix', async () => {
    expect((await create({ MaxSubscriberNum: 1 })).ErrorCode).toBe(0);
    expect((await create({ MaxSubscriberNum: LIMITS.maxSubscriberNumCap })).ErrorCode).toBe(0);
    for (const bad of [LIMITS.maxSubscriberNumCap + 1, -5, 2.5, '10', null]) {
      expect((await create({ MaxSubscriberNum: bad })).ErrorCode, String(bad)).toBe(ErrorCodes.OaBadParam);
    }
    expect((await create({ OfficialAccountUserID: '@TOA#_' })).ErrorCode).toBe(ErrorCodes.OaBadParam);
    const longest = `@TOA#_${'a'.repeat(26)}`;
    expect((await create({ OfficialAccountUserID: longest })).ErrorCode).toBe(0);
    expect((await create({ OfficialAccountUserID: `${longest}b` })).ErrorCode).toBe(ErrorCodes.OaBadParam);
    expect((await create({ Owner_Account: '' })).ErrorCode).toBe(ErrorCodes.OaBadParam);
  });

  it('fields are checked before accounts: 6017 before 70107 (owner) and 130004 (modify)', async () => {
    expect((await create({ Owner_Account: 'ghost', Name: '' })).ErrorCode).toBe(ErrorCodes.OaBadParam);
    expect((await create({ Owner_Account: 'ghost' })).ErrorCode).toBe(ErrorCodes.AccountNotImported);
    const modify = (body: object) =>
      call('modify_official_account_base_info', { Official_Account: '@TOA#_none', ...body });
    expect((await modify({ Introduction: 'i'.repeat(401) })).ErrorCode).toBe(ErrorCodes.OaBadParam);
    expect((await modify({ MaxSubscriberNum: 0 })).ErrorCode).toBe(ErrorCodes.OaBadParam);
    expect((await modify({ Introduction: 'ok' })).ErrorCode).toBe(ErrorCodes.OaNotFound);
    expect((await call('destroy_official_account', {})).ErrorCode).toBe(ErrorCodes.OaBadParam);
  });

  it('add_subscriber gives Result 1, 2 and 0 and enforces MaxSubscriberNum', async () => {
    await create({ OfficialAccountUserID: '@TOA#_small', MaxSubscriberNum: 3 });
    const first = await add('@TOA#_small', ['s0001', 's0002']);
    expect(first.SubscriberList).toEqual([
      { Subscriber_Account: 's0001', Result: 1 },
      { Subscriber_Account: 's0002', Result: 1 },
    ]);
    const second = await add('@TOA#_small', ['s0001', 'ghost', 's0003', 's0004']);
    expect(second.ActionStatus).toBe('OK');
    expect(second.SubscriberList.map((x: Any) => x.Result)).toEqual([2, 0, 1, 0]);
    expect((await add('@TOA#_small', ['s0005'])).ErrorCode).toBe(130006);
    expect((await add('@TOA#_none', ['s0005'])).ErrorCode).toBe(130004);
    expect((await add('@TOA#_small', ids('s', 101))).ErrorCode).toBe(6017);
    expect(
      (await call('add_subscriber', { Official_Account: '@TOA#_small', SubscriberList: ['s1'] })).ErrorCode,
    ).toBe(6017);

    const del = await call('delete_subscriber', {
      Official_Account: '@TOA#_small',
      SubscriberToDel_Account: ['s0001', 's0001', 's0009', 'ghost'],
    });
    expect(del.SubscriberList.map((x: Any) => x.Result)).toEqual([1, 2, 2, 0]);
    expect((await add('@TOA#_small', ['s0005'])).SubscriberList[0].Result).toBe(1);
    expect(
      (
        await call('delete_subscriber', {
          Official_Account: '@TOA#_none',
          SubscriberToDel_Account: ['s0001'],
        })
      ).ErrorCode,
    ).toBe(130004);
    expect(
      (
        await call('delete_subscriber', {
          Official_Account: '@TOA#_small',
          SubscriberToDel_Account: ids('s', 101),
        })
      ).ErrorCode,
    ).toBe(6017);
  });

  it('get_subscriber_info pages with an opaque, stable Next', async () => {
    await create({ OfficialAccountUserID: '@TOA#_big' });
    const subs = ids('s', 250);
    await add('@TOA#_big', subs.slice(0, 100));
    await add('@TOA#_big', subs.slice(100, 200));
    await add('@TOA#_big', subs.slice(200, 230));
    const seen: string[] = [];
    let next = '';
    let calls = 0;
    do {
      const page = await call('get_subscriber_info', {
        Official_Account: '@TOA#_big',
        Limit: 100,
        Next: next,
      });
      expect(page.ErrorCode).toBe(0);
      expect(page.SubscriberNum).toBe(230 + Math.min(calls, 1) * 10);
      for (const s of page.SubscriberList) {
        expect(s).toMatchObject({ CustomString: '', MsgFlag: 'AcceptAndNotify', LastSendMsgTime: 0 });
        expect(typeof s.SubscribeTime).toBe('number');
        seen.push(s.Subscriber_Account);
      }
      next = page.Next;
      calls++;
      // Newcomers between pages do not shift or duplicate later pages.
      if (calls === 1) await add('@TOA#_big', subs.slice(230, 240));
    } while (next !== '');
    expect(calls).toBe(3);
    expect(seen.length).toBe(230);
    expect(new Set(seen)).toEqual(new Set(subs.slice(0, 230)));

    const all = await call('get_subscriber_info', { Official_Account: '@TOA#_big', Next: '' });
    expect(all.SubscriberList.length).toBe(200);
    expect(all.Next).not.toBe('');
    const bad = (body: object) =>
      call('get_subscriber_info', { Official_Account: '@TOA#_big', Next: '', ...body });
    expect((await bad({ Limit: 201 })).ErrorCode).toBe(6017);
    expect((await bad({ Limit: 0 })).ErrorCode).toBe(6017);
    expect((await bad({ Next: 'garbage!' })).ErrorCode).toBe(6017);
    expect((await bad({ Official_Account: '@TOA#_none' })).ErrorCode).toBe(130004);
  });

  it('get_subscribed_official_account_list pages by offset with CompleteFlag', async () => {
    for (let i = 0; i < 5; i++) {
      await create({ OfficialAccountUserID: `@TOA#_oa${i}`, Name: `OA ${i}` });
      await add(`@TOA#_oa${i}`, ['s0001']);
    }
    const page = (Offset: number, Limit: number, extra: object = {}) =>
      call('get_subscribed_official_account_list', { Subscriber_Account: 's0001', Limit, Offset, ...extra });
    const p1 = await page(0, 2);
    expect(p1).toMatchObject({ ErrorCode: 0, TotalCount: 5, CompleteFlag: 0, Next: 2 });
    expect(p1.OfficialAccountInfoList.map((x: Any) => x.Official_Account)).toEqual([
      '@TOA#_oa0',
      '@TOA#_oa1',
    ]);
    expect(p1.OfficialAccountInfoList[0]).toMatchObject({
      Name: 'OA 0',
      Owner_Account: 'owner',
      SubscriberNum: 1,
    });
    expect(typeof p1.OfficialAccountInfoList[0].SelfInfo.SubscribeTime).toBe('number');
    expect(p1.OfficialAccountInfoList[0].SelfInfo.CustomString).toBe('');
    const p2 = await page(2, 2);
    expect(p2).toMatchObject({ CompleteFlag: 0, Next: 4 });
    const p3 = await page(4, 2);
    expect(p3).toMatchObject({ CompleteFlag: 1, Next: 5 });
    expect(p3.OfficialAccountInfoList.map((x: Any) => x.Official_Account)).toEqual(['@TOA#_oa4']);
    const filtered = await page(0, 200, {
      ResponseFilter: { OfficialAccountBaseInfoFilter: ['Name'], SelfInfoFilter: ['SubscribeTime'] },
    });
    expect(filtered.CompleteFlag).toBe(1);
    expect(Object.keys(filtered.OfficialAccountInfoList[0]).sort()).toEqual([
      'Name',
      'Official_Account',
      'SelfInfo',
    ]);
    expect(Object.keys(filtered.OfficialAccountInfoList[0].SelfInfo)).toEqual(['SubscribeTime']);
    expect((await page(0, 201)).ErrorCode).toBe(6017);
    expect((await page(-1, 10)).ErrorCode).toBe(6017);
    const none = await call('get_subscribed_official_account_list', { Subscriber_Account: 's0002' });
    expect(none).toMatchObject({ OfficialAccountInfoList: [], TotalCount: 0, CompleteFlag: 1, Next: 0 });

    // Destroying an account removes it from its subscribers' lists.
    await call('destroy_official_account', { Official_Account: '@TOA#_oa0' });
    expect((await page(0, 200)).TotalCount).toBe(4);
  });
});
