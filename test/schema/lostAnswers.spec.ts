/**
 * Writes whose answer is lost (a timeout, a connection cut after sending, an "internal error, retry"
 * code) are read back and reported as what is true: the success status when the change holds, FAILED
 * when it does not, and UNKNOWN only when the read-back fails too. Over the fake upstream, whose
 * scripts can apply a write (`fallback()`) and then lose its answer.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { TencentError } from '../../src/tencent/errors.js';
import { apiError, FakeChatApi } from '../support/fakeChatApi.js';
import { admin, CMD, run, user } from '../support/schemaHarness.js';

const ACTOR = 'alice';
const OA = '@TOA#_news';
let fake: FakeChatApi;
beforeEach(() => {
  fake = new FakeChatApi();
  fake.graph.addUsers(ACTOR, 'bob', 'carol', 'dave');
  fake.graph.addOfficialAccount(OA, { owner: ACTOR, name: 'News', maxSubscriberNum: 1000 });
});

interface Item {
  userId: string;
  status: string;
  ok: boolean;
  message: string | null;
  tencentCode: number | null;
}
const ITEM = 'results { userId status ok message tencentCode }';

async function mutate(field: string, input: string, viewer = user(ACTOR)): Promise<Item[]> {
  const res = await run<Record<string, { results: Item[] }>>(
    fake,
    `mutation { ${field}(input: ${input}) { ${ITEM} } }`,
    {
      viewer,
    },
  );
  expect(res.errors).toBeUndefined();
  return res.data?.[field]?.results ?? [];
}

const lost = (command: string, elapsedMs = 4000) =>
  new TencentError('timeout', command, 'no answer', undefined, undefined, undefined, elapsedMs);
const reset = (command: string) => new TencentError('network', command, 'connection reset');

describe('followUsers and unfollowUsers after a lost answer', () => {
  it('applied, answer lost: read back as FOLLOWED; not applied: FAILED, safe to retry', async () => {
    fake.once(CMD.followAdd, (_body, { fallback }) => {
      fallback();
      throw lost(CMD.followAdd);
    });
    const applied = await mutate('followUsers', '{ userIds: ["bob", "carol"] }');
    expect(applied.map((r) => [r.status, r.ok])).toEqual([
      ['FOLLOWED', true],
      ['FOLLOWED', true],
    ]);
    expect(fake.bodies(CMD.followCheck)).toEqual([{ From_Account: ACTOR, To_Account: ['bob', 'carol'] }]);

    fake.once(CMD.followAdd, () => {
      throw reset(CMD.followAdd);
    });
    const [notApplied] = await mutate('followUsers', '{ userIds: ["dave"] }');
    expect(notApplied).toMatchObject({ status: 'FAILED', ok: false, tencentCode: null });
    expect(notApplied?.message).toMatch(/read back, shows it was not applied: it is safe to retry/);
    expect(fake.graph.follows(ACTOR, 'dave')).toBe(false);
  });

  it('the read-back fails too: UNKNOWN, with the advice to read before retrying', async () => {
    fake.once(CMD.followAdd, (_body, { fallback }) => {
      fallback();
      throw reset(CMD.followAdd);
    });
    fake.fail(CMD.followCheck, 30006);
    const [item] = await mutate('followUsers', '{ userIds: ["bob"] }');
    expect(item).toMatchObject({ userId: 'bob', status: 'UNKNOWN', ok: false, tencentCode: null });
    expect(item?.message).toMatch(/may or may not have been applied/);
  });

  it('a timeout that gave up before upstream had to be done: "not applied" is not proof (UNKNOWN), "applied" is', async () => {
    fake.once(CMD.followAdd, () => {
      throw lost(CMD.followAdd, 800);
    });
    const [early] = await mutate('followUsers', '{ userIds: ["bob"] }');
    expect(early?.status).toBe('UNKNOWN');
    fake.once(CMD.followAdd, (_body, { fallback }) => {
      fallback();
      throw lost(CMD.followAdd, 800);
    });
    const [made] = await mutate('followUsers', '{ userIds: ["carol"] }');
    expect(made?.status).toBe('FOLLOWED');
  });

  it('an "internal error, retry" code on one chunk: only that chunk is read back, and keeps its code', async () => {
    const many = fake.graph.addNumberedUsers('t', 30);
    fake.once(CMD.followAdd, () => {
      throw apiError(CMD.followAdd, 30006);
    });
    const results = await mutate('followUsers', `{ userIds: ${JSON.stringify(many)} }`);
    expect(results.slice(0, 20).every((r) => r.status === 'FAILED' && r.tencentCode === 30006)).toBe(true);
    expect(results.slice(20).every((r) => r.status === 'FOLLOWED')).toBe(true);
    expect(fake.bodies(CMD.followCheck).map((b) => b.To_Account)).toEqual([many.slice(0, 20)]);
  });

  it('unfollow: applied then lost reads back as UNFOLLOWED; still following: FAILED; unreadable: UNKNOWN', async () => {
    fake.graph.follow(ACTOR, 'bob', 'carol', 'dave');
    fake.once(CMD.followDelete, (_body, { fallback }) => {
      fallback();
      throw lost(CMD.followDelete);
    });
    expect((await mutate('unfollowUsers', '{ userIds: ["bob"] }')).map((r) => r.status)).toEqual([
      'UNFOLLOWED',
    ]);
    fake.once(CMD.followDelete, () => {
      throw reset(CMD.followDelete);
    });
    expect((await mutate('unfollowUsers', '{ userIds: ["carol"] }')).map((r) => r.status)).toEqual([
      'FAILED',
    ]);
    fake.once(CMD.followDelete, () => {
      throw reset(CMD.followDelete);
    });
    fake.fail(CMD.followCheck, 30006);
    expect((await mutate('unfollowUsers', '{ userIds: ["dave"] }')).map((r) => r.status)).toEqual([
      'UNKNOWN',
    ]);
  });
});

describe('subscribeToOfficialAccount and unsubscribeFromOfficialAccount after a lost answer', () => {
  it('a small account: its subscriber list (one page) settles every lost id', async () => {
    fake.graph.subscribe(OA, 'dave');
    fake.once(CMD.addSubscriber, (_body, { fallback }) => {
      fallback();
      throw reset(CMD.addSubscriber);
    });
    const results = await mutate(
      'subscribeToOfficialAccount',
      `{ officialAccountId: "${OA}", userIds: ["bob", "carol"] }`,
      admin(),
    );
    expect(results.map((r) => r.status)).toEqual(['SUBSCRIBED', 'SUBSCRIBED']);
    expect(fake.count(CMD.subscriberInfo)).toBe(1);
    expect(fake.count(CMD.subscribedList)).toBe(0);
  });

  it('a large account: each lost user is looked up in their own subscriptions instead', async () => {
    const crowd = fake.graph.addNumberedUsers('s', 650);
    fake.graph.subscribe(OA, ...crowd);
    fake.once(CMD.addSubscriber, () => {
      throw lost(CMD.addSubscriber);
    });
    const [item] = await mutate(
      'subscribeToOfficialAccount',
      `{ officialAccountId: "${OA}", userIds: ["bob"] }`,
      admin(),
    );
    expect(item?.status).toBe('FAILED');
    expect(item?.message).toMatch(/not applied/);
    // One page of the account's 650 subscribers shows 3 more pages would cost more than 1 user lookup.
    expect(fake.count(CMD.subscriberInfo)).toBe(1);
    expect(fake.bodies(CMD.subscribedList).map((b) => b.Subscriber_Account)).toEqual(['bob']);
  });

  it('both reads fail: UNKNOWN', async () => {
    fake.once(CMD.addSubscriber, () => {
      throw reset(CMD.addSubscriber);
    });
    fake.fail(CMD.subscriberInfo, 10004).fail(CMD.subscribedList, 10004);
    const [item] = await mutate('subscribeToOfficialAccount', `{ officialAccountId: "${OA}" }`);
    expect(item).toMatchObject({ userId: ACTOR, status: 'UNKNOWN', ok: false });
  });

  it('unsubscribe: applied then lost reads back as UNSUBSCRIBED; not applied: FAILED', async () => {
    fake.graph.subscribe(OA, 'bob', 'carol');
    fake.once(CMD.deleteSubscriber, (_body, { fallback }) => {
      fallback();
      throw lost(CMD.deleteSubscriber);
    });
    const done = await mutate(
      'unsubscribeFromOfficialAccount',
      `{ officialAccountId: "${OA}", userIds: ["bob"] }`,
      admin(),
    );
    expect(done.map((r) => r.status)).toEqual(['UNSUBSCRIBED']);
    fake.once(CMD.deleteSubscriber, () => {
      throw lost(CMD.deleteSubscriber);
    });
    const kept = await mutate(
      'unsubscribeFromOfficialAccount',
      `{ officialAccountId: "${OA}", userIds: ["carol"] }`,
      admin(),
    );
    expect(kept.map((r) => r.status)).toEqual(['FAILED']);
  });
});
