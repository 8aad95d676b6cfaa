/** Loader behaviour against a fake ChatApi: batch sizes, per-item errors, priming and clearing. */
import { describe, expect, it } from 'vitest';
import { clearUser, createLoaders, ItemError, relationKey } from '../../src/loaders/index.js';
import type { ChatApi } from '../../src/tencent/api.js';
import { TencentError } from '../../src/tencent/errors.js';
import type { OfficialAccountInfo } from '../../src/tencent/wire.js';

const FULL_INFO = (id: string): Required<OfficialAccountInfo> => ({
  Official_Account: id,
  CreateTime: 1,
  Name: `Name of ${id}`,
  Owner_Account: 'alice',
  LastMsgTime: 2,
  SubscriberNum: 3,
  MaxSubscriberNum: 4,
  Introduction: 'intro',
  FaceUrl: 'https://example.com/a.png',
  Organization: 'org',
  CustomString: 'custom',
});

function fakeApi() {
  const calls: { method: string; args: unknown[] }[] = [];
  const record = (method: string, ...args: unknown[]) => calls.push({ method, args });
  const api = {
    followGetInfo: async (users: string[]) => {
      record('followGetInfo', users);
      if (users.includes('down')) throw new TencentError('timeout', 'follow/follow_get_info', 'timed out');
      return users.map((u) => ({
        To_Account: u,
        ResultCode: u.startsWith('bad') ? 30003 : 0,
        ResultInfo: '',
        FollowerCount: u.length,
        FollowingCount: 1,
        MutualFollowingCount: 0,
      }));
    },
    followCheck: async (from: string, to: string[]) => {
      record('followCheck', from, to);
      if (to.includes('down')) throw new TencentError('timeout', 'follow/follow_check', 'timed out');
      return to.map((t) => ({ To_Account: t, ResultCode: 0, ResultInfo: '', FollowType: 2 }));
    },
    portraitGet: async (users: string[], tags: string[]) => {
      record('portraitGet', users, tags);
      return users.map((u) => ({
        To_Account: u,
        ResultCode: u.startsWith('ghost') ? 40003 : 0,
        ResultInfo: '',
        ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: `nick ${u}` }],
      }));
    },
    followGet: async (from: string, type: number, cursor: string, wantNum: number) => {
      record('followGet', from, type, cursor, wantNum);
      if (from === 'down') throw new TencentError('timeout', 'follow/follow_get', 'timed out');
      return {
        items: [
          { To_Account: 'x1', FollowTime: 1, ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: 'X1' }] },
        ],
        nextCursor: '',
      };
    },
    followList: async (user: string, type: number) => {
      record('followList', user, type);
      return [
        { To_Account: `${user}_a`, FollowTime: 2 },
        { To_Account: `${user}_b`, FollowTime: 1 },
      ];
    },
    getSubscribedOfficialAccountList: async (user: string, offset: number, limit: number) => {
      record('getSubscribedOfficialAccountList', user, offset, limit);
      const { MaxSubscriberNum: _max, ...partial } = FULL_INFO('@TOA#_partial');
      return {
        items: [
          { ...FULL_INFO('@TOA#_full'), SelfInfo: { SubscribeTime: 5 } },
          { ...partial, SelfInfo: { SubscribeTime: 6 } },
        ],
        total: 2,
        complete: true,
        next: 2,
      };
    },
    getOfficialAccountInfo: async (ids: string[]) => {
      record('getOfficialAccountInfo', ids);
      return ids.map((id) => ({ ...FULL_INFO(id), ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' }));
    },
  } as unknown as ChatApi;
  return { api, calls };
}

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('loaders', () => {
  it('splits counts at 20 and gives failing items their own error', async () => {
    const { api, calls } = fakeApi();
    const loaders = createLoaders(api, { customProfileTags: [] });
    const results = await Promise.allSettled([...ids('u', 41), 'bad1'].map((id) => loaders.counts.load(id)));
    expect(calls.map((c) => (c.args[0] as string[]).length)).toEqual([20, 20, 2]);
    expect(results.slice(0, 41).every((r) => r.status === 'fulfilled')).toBe(true);
    const failed = results[41] as PromiseRejectedResult;
    expect(failed.reason).toBeInstanceOf(ItemError);
    expect(failed.reason.code).toBe(30003);
  });

  it('a failed follow_get_info call fails each of its keys, and stays cached for the request', async () => {
    const { api, calls } = fakeApi();
    const loaders = createLoaders(api, { customProfileTags: [] });
    const first = await Promise.allSettled(['u1', 'down'].map((id) => loaders.counts.load(id)));
    expect(first.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    const reason = (first[0] as PromiseRejectedResult).reason;
    expect(reason).toBeInstanceOf(TencentError);
    // A failure of the whole call is not a per-item answer: it says nothing about the account.
    expect(reason).not.toBeInstanceOf(ItemError);
    await expect(loaders.counts.load('u1')).rejects.toBe(reason);
    expect(calls).toHaveLength(1);
  });

  it('groups relation keys by `from`, 100 targets per follow_check', async () => {
    const { api, calls } = fakeApi();
    const loaders = createLoaders(api, { customProfileTags: [] });
    await Promise.all([
      ...ids('t', 150).map((to) => loaders.relations.load(relationKey('me', to))),
      loaders.relations.load(relationKey('other', 't1')),
    ]);
    const sizes = calls.map((c) => [c.args[0], (c.args[1] as string[]).length]);
    expect(sizes).toEqual([
      ['me', 100],
      ['me', 50],
      ['other', 1],
    ]);
  });

  it('a failed follow_check call fails only its own 100 targets', async () => {
    const { api } = fakeApi();
    const loaders = createLoaders(api, { customProfileTags: [] });
    const targets = [...ids('t', 100), 'down', ...ids('v', 20)];
    const results = await Promise.allSettled(
      targets.map((to) => loaders.relations.load(relationKey('me', to))),
    );
    expect(results.slice(0, 100).every((r) => r.status === 'fulfilled')).toBe(true);
    expect(results.slice(100).every((r) => r.status === 'rejected')).toBe(true);
  });

  it('subscribed-account items prime the official-account loader only when they carry every field read', async () => {
    const { api, calls } = fakeApi();
    const loaders = createLoaders(api, { customProfileTags: [] });
    await loaders.subscribedAccountsPages.load({ user: 'me', offset: 0, limit: 10 });
    expect((await loaders.officialAccounts.load('@TOA#_full'))?.Name).toBe('Name of @TOA#_full');
    // The partial item (no MaxSubscriberNum, as get_subscribed_official_account_list documents) is read.
    expect((await loaders.officialAccounts.load('@TOA#_partial'))?.MaxSubscriberNum).toBe(4);
    expect(calls.map((c) => [c.method, c.args[0]])).toEqual([
      ['getSubscribedOfficialAccountList', 'me'],
      ['getOfficialAccountInfo', ['@TOA#_partial']],
    ]);
  });

  it('portrait_get: 100 per call, unknown accounts are null, custom tags are requested', async () => {
    const { api, calls } = fakeApi();
    const loaders = createLoaders(api, { customProfileTags: ['Tag_Profile_Custom_City'] });
    const profiles = await Promise.all([...ids('u', 120), 'ghost'].map((id) => loaders.profiles.load(id)));
    expect(calls.map((c) => (c.args[0] as string[]).length)).toEqual([100, 21]);
    expect(calls[0]?.args[1]).toContain('Tag_Profile_Custom_City');
    expect(calls[0]?.args[1]).toContain('Tag_Profile_IM_Nick');
    expect(profiles.at(-1)).toBeNull();
    expect(profiles[0]?.tags.get('Tag_Profile_IM_Nick')).toBe('nick u0');
  });

  it('follow_get items leave partial profile hints; pages are memoised; clearUser forgets them', async () => {
    const { api, calls } = fakeApi();
    const loaders = createLoaders(api, { customProfileTags: [] });
    const key = { user: 'me', type: 1 as const, cursor: '', wantNum: 10 };
    await loaders.followPages.load(key);
    await loaders.followPages.load(key);
    expect(calls.filter((c) => c.method === 'followGet')).toHaveLength(1);
    expect(loaders.profileHints.get('x1')?.tags.get('Tag_Profile_IM_Nick')).toBe('X1');
    expect(loaders.profileHints.get('x1')?.complete).toBe(false);

    await loaders.counts.load('me');
    await loaders.relations.load(relationKey('viewer', 'me'));
    clearUser(loaders, 'me');
    await loaders.followPages.load(key);
    await loaders.counts.load('me');
    await loaders.relations.load(relationKey('viewer', 'me'));
    expect(calls.map((c) => c.method)).toEqual([
      'followGet',
      'followGetInfo',
      'followCheck',
      'followGet',
      'followGetInfo',
      'followCheck',
    ]);
  });

  it("a failed page read stays cached for the request, like the batch loaders' failures", async () => {
    // A page read that proved (or failed to prove) an account's existence is not sent again by the
    // fields that show the page: they report the same failure.
    const { api, calls } = fakeApi();
    const loaders = createLoaders(api, { customProfileTags: [] });
    const key = { user: 'down', type: 1 as const, cursor: '', wantNum: 10 };
    await expect(loaders.followPages.load(key)).rejects.toBeInstanceOf(TencentError);
    await expect(loaders.followPages.load(key)).rejects.toBeInstanceOf(TencentError);
    expect(calls).toHaveLength(1);
    clearUser(loaders, 'down');
    await expect(loaders.followPages.load(key)).rejects.toBeInstanceOf(TencentError);
    expect(calls).toHaveLength(2);
  });

  it('whole lists: read once per request per (user, list); `following` is that list as a set; clearUser forgets both', async () => {
    const { api, calls } = fakeApi();
    const loaders = createLoaders(api, { customProfileTags: [] });
    const following = await loaders.following.load('me');
    expect([...(following ?? [])]).toEqual(['me_a', 'me_b']);
    expect((await loaders.followLists.load({ user: 'me', type: 2 }))?.map((i) => i.To_Account)).toEqual([
      'me_a',
      'me_b',
    ]);
    await loaders.followLists.load({ user: 'me', type: 3 });
    await loaders.following.load('me');
    expect(calls.map((c) => c.args)).toEqual([
      ['me', 2],
      ['me', 3],
    ]);
    clearUser(loaders, 'me');
    await loaders.following.load('me');
    expect(calls).toHaveLength(3);
  });

  it('whole-list entries are compact (id, time, nickname); their nicknames prime partial profiles only', async () => {
    const { listEntry } = await import('../../src/tencent/client.js');
    expect(
      listEntry({
        To_Account: 'n1',
        FollowTime: 5,
        ProfileItem: [
          { Tag: 'Tag_Profile_IM_Image', Value: 'https://example.com/n1.png' },
          { Tag: 'Tag_Profile_IM_Nick', Value: 'Nina' },
        ],
        profile_sequence: 3,
      }),
    ).toEqual({ To_Account: 'n1', FollowTime: 5, Nick: 'Nina' });
    expect(listEntry({ To_Account: 'n2', FollowTime: 6 })).toEqual({ To_Account: 'n2', FollowTime: 6 });

    const { api } = fakeApi();
    const loaders = createLoaders(api, { customProfileTags: [] });
    await loaders.followPages.load({ user: 'me', type: 1, cursor: '', wantNum: 10 }); // hint for x1: X1
    loaders.profileHints.addNicknames([
      { To_Account: 'n1', FollowTime: 5, Nick: 'Nina' },
      { To_Account: 'n2', FollowTime: 6 },
      { To_Account: 'x1', FollowTime: 7, Nick: 'other' },
    ]);
    expect(loaders.profileHints.get('n1')).toMatchObject({ complete: false });
    expect(loaders.profileHints.get('n1')?.tags.get('Tag_Profile_IM_Nick')).toBe('Nina');
    expect(loaders.profileHints.get('n2')).toBeUndefined();
    expect(loaders.profileHints.get('x1')?.tags.get('Tag_Profile_IM_Nick')).toBe('X1');
  });
});
