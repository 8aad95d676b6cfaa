/**
 * followUsers / unfollowUsers at the schema level, over the fake upstream: how each per-item ResultCode
 * and each whole-chunk failure becomes a result item (status, ok, message, tencentCode, user), one item
 * per distinct id, chunking, request-wide failures, authorization and input limits.
 */
import { GraphQLEnumType } from 'graphql';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Viewer } from '../../src/schema/context.js';
import { TencentError } from '../../src/tencent/errors.js';
import { FollowUsersDocument, UnfollowUsersDocument } from '../generated/graphql.js';
import { apiError, FakeChatApi, OMIT } from '../support/fakeChatApi.js';
import { admin, CMD, codes, run, schema, user } from '../support/schemaHarness.js';

const ACTOR = 'alice';
let fake: FakeChatApi;
beforeEach(() => {
  fake = new FakeChatApi();
  fake.graph.addUsers(ACTOR, 'bob', 'carol', 'dave');
});

function follow(userIds: string[], viewer: Viewer | null = user(ACTOR), asUserId?: string) {
  return run(fake, FollowUsersDocument, {
    viewer,
    variables: { input: { userIds, ...(asUserId !== undefined && { asUserId }) } },
  });
}

function unfollow(userIds: string[], viewer: Viewer | null = user(ACTOR), asUserId?: string) {
  return run(fake, UnfollowUsersDocument, {
    viewer,
    variables: { input: { userIds, ...(asUserId !== undefined && { asUserId }) } },
  });
}

function enumValues(name: string): string[] {
  const type = schema.getType(name);
  if (!(type instanceof GraphQLEnumType)) throw new Error(`${name} is not an enum`);
  return type.getValues().map((v) => v.name);
}

/** The targets of each follow_add / follow_delete call, in call order. */
function sentTargets() {
  return [
    ...fake.bodies(CMD.followAdd).map((b) => b.FollowItem.map((i) => i.To_Account)),
    ...fake.bodies(CMD.followDelete).map((b) => b.To_Account),
  ];
}

const ids = (prefix: string, n: number) => fake.graph.addNumberedUsers(prefix, n);

describe('followUsers: one item per id', () => {
  it('maps every per-item follow_add code to its status, with ok, message, tencentCode and user', async () => {
    fake.graph.addUsers('full', 'popular', 'mut_from', 'mut_to', 'odd', 'forgotten');
    fake
      .itemCode(CMD.followAdd, 'full', 32100)
      .itemCode(CMD.followAdd, 'popular', 32101)
      .itemCode(CMD.followAdd, 'mut_from', 32102)
      .itemCode(CMD.followAdd, 'mut_to', 32103)
      .itemCode(CMD.followAdd, 'odd', 31999)
      .itemCode(CMD.followAdd, 'forgotten', OMIT);
    const input = ['bob', 'ghost', 'full', 'popular', 'mut_from', 'mut_to', 'odd', 'forgotten', ACTOR];
    const res = await follow(input);
    expect(res.errors).toBeUndefined();
    const payload = res.data!.followUsers!;
    const item = (
      userId: string,
      status: string,
      tencentCode: number | null,
      message: RegExp | null,
      exists = true,
    ) => ({
      userId,
      status,
      ok: status === 'FOLLOWED',
      tencentCode,
      message: message === null ? null : expect.stringMatching(message),
      user: exists ? { id: userId } : null,
    });
    expect(payload.results).toEqual([
      item('bob', 'FOLLOWED', null, null),
      item('ghost', 'USER_NOT_FOUND', 30003, /no account/i, false),
      item('full', 'FOLLOWING_LIMIT_REACHED', 32100, /acting user .*maximum/i),
      item('popular', 'FOLLOWER_LIMIT_REACHED', 32101, /maximum number of followers/i),
      item('mut_from', 'MUTUAL_LIMIT_REACHED', 32102, /mutual-follow limit/i),
      item('mut_to', 'MUTUAL_LIMIT_REACHED', 32103, /mutual-follow limit/i),
      item('odd', 'FAILED', 31999, /refused this id with error 31999/),
      // Left out of the answer: its state is read back (follow_check), and shows no follow.
      item('forgotten', 'FAILED', null, /no result .*read back, shows it was not applied/i),
      item(ACTOR, 'CANNOT_FOLLOW_SELF', null, /cannot follow themselves/i),
    ]);
    expect([payload.succeededCount, payload.failedCount]).toEqual([1, 8]);
    expect(payload.actor).toEqual({ id: ACTOR });
    // The actor's own id was never sent; everything else went in one call (and the read-back in one).
    expect(res.calls).toEqual({ [CMD.followAdd]: 1, [CMD.followCheck]: 1 });
    expect(fake.bodies(CMD.followCheck)).toEqual([{ From_Account: ACTOR, To_Account: ['forgotten'] }]);
    expect(fake.bodies(CMD.followAdd)[0]?.From_Account).toBe(ACTOR);
    expect(sentTargets()).toEqual([input.slice(0, -1)]);
    // Every value of the enum was reached (a new status needs a case here).
    // UNKNOWN: see the lost-answer specs (lostAnswers.spec.ts).
    const reached = new Set(payload.results.map((r) => r.status));
    expect(reached).toEqual(new Set(enumValues('FollowStatus').filter((s) => s !== 'UNKNOWN')));
  });

  it('one item per distinct id, in first-occurrence order; duplicates and the actor are not sent', async () => {
    const res = await follow(['carol', 'bob', 'carol', ACTOR, 'dave', 'bob', ACTOR]);
    expect(res.data?.followUsers?.results.map((r) => [r.userId, r.status])).toEqual([
      ['carol', 'FOLLOWED'],
      ['bob', 'FOLLOWED'],
      [ACTOR, 'CANNOT_FOLLOW_SELF'],
      ['dave', 'FOLLOWED'],
    ]);
    expect(sentTargets()).toEqual([['carol', 'bob', 'dave']]);
  });

  it('45 ids -> 3 follow_add calls of at most 20, the ids in order', async () => {
    const targets = ids('t', 45);
    const res = await follow(targets);
    expect(res.errors).toBeUndefined();
    expect(res.calls).toEqual({ [CMD.followAdd]: 3 });
    const sent = sentTargets();
    expect(sent.map((part) => part.length)).toEqual([20, 20, 5]);
    expect(sent.flat()).toEqual(targets);
    expect(res.data?.followUsers?.results.map((r) => r.userId)).toEqual(targets);
    expect(res.data?.followUsers?.succeededCount).toBe(45);
    // The server's call record (through the observed view) agrees with the fake's log.
    expect(res.upstreamCalls).toEqual(res.calls);
  });

  it('only the actor: CANNOT_FOLLOW_SELF and no upstream call', async () => {
    const res = await follow([ACTOR, ACTOR]);
    expect(res.errors).toBeUndefined();
    expect(res.data?.followUsers?.results).toEqual([
      expect.objectContaining({ userId: ACTOR, status: 'CANNOT_FOLLOW_SELF', ok: false, tencentCode: null }),
    ]);
    expect(res.calls).toEqual({});
  });

  it('reads in the payload see the write: actor and result users are read after it, batched', async () => {
    const res = await run<{
      followUsers: {
        actor: { following: { totalCount: number } };
        results: { user: { followers: { totalCount: number } } }[];
      };
    }>(
      fake,
      `mutation { followUsers(input: { userIds: ["bob", "carol"] }) {
         actor { following { totalCount } } results { user { followers { totalCount } } } } }`,
      { viewer: user(ACTOR) },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.followUsers.actor.following.totalCount).toBe(2);
    expect(res.data?.followUsers.results.map((r) => r.user.followers.totalCount)).toEqual([1, 1]);
    expect(res.calls).toEqual({ [CMD.followAdd]: 1, [CMD.followGetInfo]: 1 });
  });
  it('a second write in the same request sees fresh reads, not what the first one cached', async () => {
    const selection =
      'actor { following { totalCount } } results { user { followers { totalCount } viewerIsFollowing } }';
    const res = await run<Record<'a' | 'b', unknown>>(
      fake,
      `mutation {
        a: followUsers(input: { userIds: ["bob", "carol"] }) { ${selection} }
        b: unfollowUsers(input: { userIds: ["bob"] }) { ${selection} }
      }`,
      { viewer: user(ACTOR) },
    );
    expect(res.errors).toBeUndefined();
    const followed = { user: { followers: { totalCount: 1 }, viewerIsFollowing: true } };
    expect(res.data).toEqual({
      a: { actor: { following: { totalCount: 2 } }, results: [followed, followed] },
      b: {
        actor: { following: { totalCount: 1 } },
        results: [{ user: { followers: { totalCount: 0 }, viewerIsFollowing: false } }],
      },
    });
    // Counts and relations once per mutation (batched), read again after the second write.
    expect(res.calls).toEqual({
      [CMD.followAdd]: 1,
      [CMD.followDelete]: 1,
      [CMD.followGetInfo]: 2,
      [CMD.followCheck]: 2,
    });
  });
});

describe('followUsers: a chunk that fails as a whole', () => {
  it('fails only its own items (the chunk code, a message for people, the user kept); others stand', async () => {
    const targets = ids('t', 45);
    fake.fail(CMD.followAdd, 30006, { calls: [2] });
    const res = await follow(targets);
    expect(res.errors).toBeUndefined();
    // 30006 ("internal error, retry") leaves unknown whether it was applied: one follow_check reads back.
    expect(res.calls).toEqual({ [CMD.followAdd]: 3, [CMD.followCheck]: 1 });
    const results = res.data!.followUsers!.results;
    expect(results.map((r) => r.userId)).toEqual(targets);
    results.forEach((r, i) => {
      if (i >= 20 && i < 40) {
        expect(r).toEqual({
          userId: r.userId,
          status: 'FAILED',
          ok: false,
          tencentCode: 30006,
          message: expect.stringMatching(/internal error \(30006\); retry later/),
          user: { id: r.userId },
        });
      } else {
        expect(r).toMatchObject({ status: 'FOLLOWED', ok: true, tencentCode: null, message: null });
      }
    });
    expect([res.data?.followUsers?.succeededCount, res.data?.followUsers?.failedCount]).toEqual([25, 20]);
  });

  it.each([
    [
      'a refusal (30001)',
      apiError(CMD.followAdd, 30001),
      30001,
      /refused follow\/follow_add with error 30001/,
    ],
    ['rate limiting (60007)', apiError(CMD.followAdd, 60007), 60007, /rate limiting us; retry later/],
    ['the feature switch (30005) on one chunk only', apiError(CMD.followAdd, 30005), 30005, /not enabled/],
    // A whole-call 30003 on one chunk only is not "the actor does not exist" for the request.
    ['30003 on one chunk only', apiError(CMD.followAdd, 30003), 30003, /does not exist/],
    ['a timeout', new TencentError('timeout', CMD.followAdd, 'no answer'), null, /did not answer/],
    ['a refused connection', new TencentError('connect', CMD.followAdd, 'refused'), null, /unavailable/],
  ])('%s: FAILED items of that chunk only', async (_label, error, tencentCode, message) => {
    const targets = ids('t', 25);
    fake.once(CMD.followAdd, () => {
      throw error;
    });
    const res = await follow(targets);
    expect(res.errors).toBeUndefined();
    const results = res.data!.followUsers!.results;
    for (const r of results.slice(0, 20)) {
      expect(r).toEqual({
        userId: r.userId,
        status: 'FAILED',
        ok: false,
        tencentCode,
        message: expect.stringMatching(message),
        user: { id: r.userId },
      });
    }
    expect(results.slice(20).map((r) => r.status)).toEqual(Array(5).fill('FOLLOWED'));
  });
});

describe('followUsers: failures that apply to the whole request', () => {
  it('the actor does not exist (30003 on every chunk): one NOT_FOUND naming the actor, no items', async () => {
    const targets = ids('t', 45);
    const res = await follow(targets, admin(), 'ghost_actor');
    expect(codes(res)).toEqual(['NOT_FOUND']);
    const [error] = res.errors!;
    expect(error?.message).toBe('The acting user ghost_actor does not exist.');
    expect(error?.extensions).toMatchObject({ tencentCode: 30003, upstreamCommand: CMD.followAdd });
    expect(error?.path).toEqual(['followUsers']);
    expect(res.data).toEqual({ followUsers: null });
    // Every chunk was tried (each could have been answered).
    expect(res.calls).toEqual({ [CMD.followAdd]: 3 });
    expect(fake.bodies(CMD.followAdd).every((b) => b.From_Account === 'ghost_actor')).toBe(true);
  });

  it('the follow feature disabled (30005 on every chunk): one FEATURE_NOT_ENABLED', async () => {
    fake.fail(CMD.followAdd, 30005);
    const res = await follow(ids('t', 25));
    expect(codes(res)).toEqual(['FEATURE_NOT_ENABLED']);
    expect(res.errors?.[0]?.extensions?.tencentCode).toBe(30005);
    expect(res.data).toEqual({ followUsers: null });
    expect(res.calls).toEqual({ [CMD.followAdd]: 2 });
  });

  it.each([
    ['an auth failure (70001)', 70001, 'UPSTREAM_ERROR'],
    ['admin required (30004)', 30004, 'UPSTREAM_ERROR'],
  ])('%s on every chunk: one GraphQL error %s', async (_label, code, expected) => {
    fake.fail(CMD.followAdd, code);
    const res = await follow(['bob']);
    expect(codes(res)).toEqual([expected]);
    expect(res.errors?.[0]?.extensions?.tencentCode).toBe(code);
  });

  it('different request-wide codes on different chunks stay per item', async () => {
    fake.fail(CMD.followAdd, 30005, { calls: [1] }).fail(CMD.followAdd, 30004, { calls: [2] });
    const res = await follow(ids('t', 25));
    expect(res.errors).toBeUndefined();
    const codesByItem = res.data!.followUsers!.results.map((r) => r.tencentCode);
    expect(codesByItem).toEqual([...Array(20).fill(30005), ...Array(5).fill(30004)]);
  });

  it('a transient code on every chunk stays per item (the items say what happened)', async () => {
    fake.fail(CMD.followAdd, 30006);
    const res = await follow(ids('t', 25));
    expect(res.errors).toBeUndefined();
    expect(res.data?.followUsers?.failedCount).toBe(25);
  });
});

describe('followUsers: authorization', () => {
  it('anonymous -> UNAUTHENTICATED, no upstream call', async () => {
    const res = await follow(['bob'], null);
    expect(codes(res)).toEqual(['UNAUTHENTICATED']);
    expect(res.errors?.[0]?.message).toMatch(/sign in/i);
    expect(res.data).toEqual({ followUsers: null });
    const asOther = await follow(['bob'], null, 'carol');
    expect(codes(asOther)).toEqual(['UNAUTHENTICATED']);
    expect(fake.log).toEqual([]);
  });

  it('asUserId naming someone else without the admin role -> FORBIDDEN, no upstream call', async () => {
    const res = await follow(['bob'], user('carol'), ACTOR);
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(res.errors?.[0]?.message).toMatch(/admin/);
    expect(fake.log).toEqual([]);
  });

  it('asUserId naming yourself needs no role; an admin acts as asUserId', async () => {
    const self = await follow(['bob'], user(ACTOR), ACTOR);
    expect(self.errors).toBeUndefined();
    const asCarol = await follow(['bob'], admin(), 'carol');
    expect(asCarol.errors).toBeUndefined();
    expect(asCarol.data?.followUsers?.actor).toEqual({ id: 'carol' });
    const itself = await follow(['bob'], admin('dave'));
    expect(itself.data?.followUsers?.actor).toEqual({ id: 'dave' });
    expect(fake.bodies(CMD.followAdd).map((b) => b.From_Account)).toEqual([ACTOR, 'carol', 'dave']);
  });
});

describe('followUsers: input validation (BAD_USER_INPUT, no upstream call)', () => {
  it.each([
    ['an empty list', [], 'input.userIds'],
    ['1001 ids', Array.from({ length: 1001 }, (_, i) => `u${i}`), 'input.userIds'],
    ['an empty id', ['bob', ''], 'input.userIds[1]'],
    ['an id over 32 bytes', ['x'.repeat(33)], 'input.userIds[0]'],
    ['a control character', ['bob', 'carol', 'a\tb'], 'input.userIds[2]'],
  ])('%s', async (_label, input, argument) => {
    const res = await follow(input);
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors?.[0]?.extensions?.argument).toBe(argument);
    expect(res.data).toEqual({ followUsers: null });
    expect(fake.log).toEqual([]);
  });

  it('an invalid asUserId', async () => {
    const res = await follow(['bob'], admin(), '');
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors?.[0]?.extensions?.argument).toBe('input.asUserId');
    expect(fake.log).toEqual([]);
  });

  it('MUTATION_MAX_IDS counts the list as given, duplicates included', async () => {
    const settings = { mutationMaxIds: 3 };
    const over = await run(fake, FollowUsersDocument, {
      viewer: user(ACTOR),
      settings,
      variables: { input: { userIds: ['bob', 'bob', 'bob', 'bob'] } },
    });
    expect(codes(over)).toEqual(['BAD_USER_INPUT']);
    expect(over.errors?.[0]?.message).toMatch(/at most 3 ids .*got 4/);
    const atMax = await run(fake, FollowUsersDocument, {
      viewer: user(ACTOR),
      settings,
      variables: { input: { userIds: ['bob', 'carol', 'bob'] } },
    });
    expect(atMax.errors).toBeUndefined();
    expect(atMax.data?.followUsers?.results.map((r) => r.userId)).toEqual(['bob', 'carol']);
    expect(fake.count(CMD.followAdd)).toBe(1);
  });
});

describe('unfollowUsers', () => {
  it('maps follow_delete codes: 0 UNFOLLOWED, 30003 USER_NOT_FOUND, any other FAILED; self not sent', async () => {
    fake.graph.addUsers('limited', 'forgotten').follow(ACTOR, 'bob', 'forgotten');
    fake.itemCode(CMD.followDelete, 'limited', 32100).itemCode(CMD.followDelete, 'forgotten', OMIT);
    const input = ['bob', 'ghost', ACTOR, 'carol', 'limited', 'forgotten', 'bob'];
    const res = await unfollow(input);
    expect(res.errors).toBeUndefined();
    const payload = res.data!.unfollowUsers!;
    expect(payload.results).toEqual([
      {
        userId: 'bob',
        status: 'UNFOLLOWED',
        ok: true,
        message: null,
        tencentCode: null,
        user: { id: 'bob' },
      },
      {
        userId: 'ghost',
        status: 'USER_NOT_FOUND',
        ok: false,
        message: expect.stringMatching(/no account/i),
        tencentCode: 30003,
        user: null,
      },
      {
        userId: ACTOR,
        status: 'CANNOT_UNFOLLOW_SELF',
        ok: false,
        message: expect.stringMatching(/cannot unfollow themselves/),
        tencentCode: null,
        user: { id: ACTOR },
      },
      // Not following carol: upstream answers 0 (idempotent).
      {
        userId: 'carol',
        status: 'UNFOLLOWED',
        ok: true,
        message: null,
        tencentCode: null,
        user: { id: 'carol' },
      },
      // Follow limits mean nothing to an unfollow: no status of their own.
      {
        userId: 'limited',
        status: 'FAILED',
        ok: false,
        message: expect.stringMatching(/error 32100/),
        tencentCode: 32100,
        user: { id: 'limited' },
      },
      // Left out of the answer: read back, the follow still stands.
      {
        userId: 'forgotten',
        status: 'FAILED',
        ok: false,
        message: expect.stringMatching(/no result .*read back/),
        tencentCode: null,
        user: { id: 'forgotten' },
      },
    ]);
    expect([payload.succeededCount, payload.failedCount]).toEqual([2, 4]);
    // Read after the write: alice follows only the one whose unfollow was not applied.
    expect(payload.actor?.following.totalCount).toBe(1);
    expect(sentTargets()).toEqual([['bob', 'ghost', 'carol', 'limited', 'forgotten']]);
    // UNKNOWN: see the lost-answer specs (lostAnswers.spec.ts).
    const reached = new Set(payload.results.map((r) => r.status));
    expect(reached).toEqual(new Set(enumValues('UnfollowStatus').filter((s) => s !== 'UNKNOWN')));
  });

  it('25 ids -> 2 follow_delete calls (20 + 5); a failed chunk fails only its items', async () => {
    const targets = ids('t', 25);
    fake.fail(CMD.followDelete, 30001, { calls: [2] });
    const res = await unfollow(targets);
    expect(res.errors).toBeUndefined();
    expect(sentTargets().map((p) => p.length)).toEqual([20, 5]);
    const results = res.data!.unfollowUsers!.results;
    expect(results.slice(0, 20).every((r) => r.status === 'UNFOLLOWED')).toBe(true);
    for (const r of results.slice(20)) {
      expect(r).toMatchObject({ status: 'FAILED', ok: false, tencentCode: 30001, user: { id: r.userId } });
      expect(r.message).toMatch(/refused follow\/follow_delete/);
    }
  });

  it('request-wide: a missing actor -> NOT_FOUND naming it; the feature off -> FEATURE_NOT_ENABLED', async () => {
    const missing = await unfollow(['bob'], admin(), 'nobody');
    expect(codes(missing)).toEqual(['NOT_FOUND']);
    expect(missing.errors?.[0]?.message).toContain('nobody');
    expect(missing.data).toEqual({ unfollowUsers: null });
    fake.fail(CMD.followDelete, 30005);
    const off = await unfollow(['bob', 'carol']);
    expect(codes(off)).toEqual(['FEATURE_NOT_ENABLED']);
  });

  it('authorization and input: UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT, no upstream call', async () => {
    expect(codes(await unfollow(['bob'], null))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await unfollow(['bob'], user('bob'), ACTOR))).toEqual(['FORBIDDEN']);
    expect(codes(await unfollow([]))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await unfollow(['ok', 'x'.repeat(40)]))).toEqual(['BAD_USER_INPUT']);
    expect(fake.log).toEqual([]);
    const self = await unfollow([ACTOR]);
    expect(self.data?.unfollowUsers?.results.map((r) => r.status)).toEqual(['CANNOT_UNFOLLOW_SELF']);
    // Nothing written; the only call is the payload's `actor { following { totalCount } }`.
    expect(self.calls).toEqual({ [CMD.followGetInfo]: 1 });
  });
});
