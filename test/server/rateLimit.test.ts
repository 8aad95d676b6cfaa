/**
 * Rate-limit information for clients, over real HTTP against the emulator: `Query.rateLimit` (the
 * operation's estimated and actual upstream calls, the budget per command now), `extensions.cost` on
 * every response (EXPOSE_COST), and dry runs that price an operation without running it (no upstream
 * call at all, read from the emulator's counters).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CROWD } from '../../src/emulator/index.js';
import { COMMANDS } from '../../src/tencent/wire.js';
import { RateLimitDocument } from '../generated/graphql.js';
import { countCalls, type Harness, startHarness } from '../support/harness.js';

const sum = (calls: Record<string, number>) => Object.values(calls).reduce((a, b) => a + b, 0);

interface CommandRateLimit {
  command: string;
  estimatedCalls: number;
  actualCalls: number;
  limitPerSecond: number | null;
  burst: number | null;
  remaining: number | null;
  waiting: number;
  resetAt: string | null;
}
interface RateLimitData {
  dryRun: boolean;
  estimatedCalls: number;
  actualCalls: number;
  maxCalls: number;
  withinBudget: boolean;
  commands: CommandRateLimit[];
}

const RATE_LIMIT = `rateLimit { dryRun estimatedCalls actualCalls maxCalls withinBudget
  commands { command estimatedCalls actualCalls limitPerSecond burst remaining waiting resetAt } }`;

/** Two hops of 100 with nicknames: about 202 upstream calls, over the default budget of 200. */
const OVERSIZED = `user(id: "alice") {
  followers(first: 100) { nodes { following(first: 100) { nodes { id profile { nickname } } } } } }`;

describe('Query.rateLimit with the client-side limiter on (50 calls/s per command)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ tencent: { rateLimitPerSecond: 50 } });
  });
  afterAll(() => h.close());

  it('reports the estimate, the calls the whole operation made, and per command what is left', async () => {
    const query = `{ user(id: "alice") { followers(first: 30) { totalCount nodes { id followers { totalCount } } } }
      ${RATE_LIMIT} }`;
    const before = Date.now();
    const { result, calls } = await countCalls(h, () =>
      h.gql<{ rateLimit: RateLimitData }>(query, undefined, { 'x-user-id': 'bob' }),
    );
    expect(result.errors).toBeUndefined();
    const rate = result.data!.rateLimit;
    const estimate = result.extensions?.upstreamCallsEstimate as Record<string, number>;
    // 1 follow_get, then alice's count and 30 followers' counts: 2 follow_get_info (20 per call).
    expect(calls).toEqual({ 'follow/follow_get_info': 3, 'follow/follow_get': 1 });
    // actualCalls waited for the fields that resolved after it: every call is in.
    expect(rate).toMatchObject({
      dryRun: false,
      estimatedCalls: sum(estimate),
      actualCalls: 4,
      maxCalls: 200,
      withinBudget: true,
    });
    expect(rate.commands.map((c) => c.command)).toEqual([...COMMANDS]);
    for (const c of rate.commands) {
      expect(c.estimatedCalls, c.command).toBe(estimate[c.command] ?? 0);
      expect(c.actualCalls, c.command).toBe(calls[c.command] ?? 0);
      expect(c).toMatchObject({ limitPerSecond: 50, burst: 2 });
      expect(c.remaining).toBeGreaterThanOrEqual(0);
      expect(c.remaining).toBeLessThanOrEqual(2);
      const resetAt = Date.parse(c.resetAt as string);
      expect(resetAt).toBeGreaterThanOrEqual(before - 1000);
      // A bucket of 3 refills in 60 ms at most, plus the time this test takes on a loaded machine.
      expect(resetAt).toBeLessThanOrEqual(Date.now() + 1000);
    }
    const untouched = rate.commands.find(
      (c) => c.command === 'official_account_open_http_svc/add_subscriber',
    );
    expect(untouched).toMatchObject({ remaining: 2, waiting: 0, estimatedCalls: 0, actualCalls: 0 });

    // extensions.cost says the same.
    const cost = result.extensions?.cost as Record<string, unknown>;
    expect(cost).toMatchObject({
      estimatedCalls: rate.estimatedCalls,
      actualCalls: 4,
      maxCalls: 200,
      dryRun: false,
    });
    expect(Object.keys(cost.commands as object).sort()).toEqual(
      [...new Set([...Object.keys(estimate), ...Object.keys(calls)])].sort(),
    );
    expect((cost.commands as Record<string, unknown>)['follow/follow_get_info']).toMatchObject({
      estimated: estimate['follow/follow_get_info'],
      actual: 3,
      limitPerSecond: 50,
    });
  });
});

describe('Query.rateLimit while calls wait for their turn (1 call/s per command, burst 1)', () => {
  let h: Harness;
  beforeAll(async () => {
    // The third call waits about 2 s for its turn, which these callers allow.
    h = await startHarness({ tencent: { rateLimitPerSecond: 1, rateLimitMaxWaitMs: 5000 } });
  });
  afterAll(() => h.close());

  const followGet = async () => {
    const res = await h.gql<{ rateLimit: RateLimitData }>(RateLimitDocument);
    expect(res.extensions?.upstreamCalls).toEqual({}); // reading the budget calls nothing
    return res.data?.rateLimit.commands.find((c) => c.command === 'follow/follow_get') as CommandRateLimit;
  };

  it('shows the callers waiting, nothing left, and when it is full again', async () => {
    expect(await followGet()).toMatchObject({ limitPerSecond: 1, burst: 1, remaining: 1, waiting: 0 });
    // Three operations at once, one follower page (follow_get) each and nothing else (an entity
    // reference has no existence check): one goes, two wait for their turn.
    const page = (id: string) =>
      h.gql(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { followers(first: 1) { nodes { id } } } } }`,
        { r: [{ __typename: 'User', id }] },
      );
    const running = Promise.all(['alice', 'bob', 'carol'].map(page));
    let seen: CommandRateLimit | undefined;
    for (let i = 0; i < 60 && !(seen && seen.waiting >= 1); i++) {
      seen = await followGet();
      if (seen.waiting < 1) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(seen).toMatchObject({ remaining: 0 });
    expect(seen?.waiting).toBeGreaterThanOrEqual(1);
    // Full again only after the waiting calls have had their turns (about a second each).
    expect(Date.parse(seen?.resetAt as string)).toBeGreaterThan(Date.now() + 500);
    const results = await running;
    expect(results.every((r) => r.errors === undefined)).toBe(true);
  }, 20_000);
});

describe('dry runs: priced, not executed, no upstream call at all', () => {
  let h: Harness;
  let crowd: Harness;
  beforeAll(async () => {
    [h, crowd] = await Promise.all([startHarness(), startHarness({ seed: 'crowd' })]);
  });
  afterAll(async () => {
    await Promise.all([h?.close(), crowd?.close()]);
  });

  it('an operation over the budget is priced (withinBudget false) instead of refused', async () => {
    const refused = await countCalls(h, () => h.gql(`{ ${OVERSIZED} }`, undefined, { 'x-user-id': 'bob' }));
    expect(refused.result.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
    const estimate = Number(refused.result.errors?.[0]?.extensions?.estimate);
    expect(estimate).toBeGreaterThan(200);
    expect(refused.result.extensions?.cost).toMatchObject({ estimatedCalls: estimate, actualCalls: 0 });

    const dry = await countCalls(h, () =>
      h.gql<{ rateLimit: RateLimitData }>(
        `{ ${OVERSIZED} ${RATE_LIMIT.replace('rateLimit', 'rateLimit(dryRun: true)')} }`,
        undefined,
        {
          'x-user-id': 'bob',
        },
      ),
    );
    expect(dry.calls).toEqual({});
    expect(dry.result.errors).toBeUndefined();
    expect(Object.keys(dry.result.data ?? {})).toEqual(['rateLimit']);
    expect(dry.result.data?.rateLimit).toMatchObject({
      dryRun: true,
      estimatedCalls: estimate,
      actualCalls: 0,
      maxCalls: 200,
      withinBudget: false,
    });
    expect(dry.result.extensions?.upstreamCalls).toEqual({});
    expect(dry.result.extensions?.cost).toMatchObject({
      estimatedCalls: estimate,
      actualCalls: 0,
      dryRun: true,
    });
  });

  it('through a variable, an alias and a fragment; false (or skipped) runs the operation', async () => {
    const query = `query Price($dry: Boolean, $skip: Boolean = false) { ...Q }
      fragment Q on Query { price: rateLimit(dryRun: $dry) @skip(if: $skip) { dryRun actualCalls }
        user(id: "alice") { followers { totalCount } } }`;
    const dry = await countCalls(h, () => h.gql(query, { dry: true }));
    expect(dry.calls).toEqual({});
    expect(dry.result.data).toEqual({ price: { dryRun: true, actualCalls: 0 } });

    const real = await countCalls(h, () => h.gql(query, { dry: false }));
    expect(real.calls).toEqual({ 'follow/follow_get_info': 1 });
    expect(real.result.data).toMatchObject({
      price: { dryRun: false, actualCalls: 1 },
      user: { followers: {} },
    });

    const skipped = await countCalls(h, () => h.gql(query, { dry: true, skip: true }));
    expect(skipped.calls).toEqual({ 'follow/follow_get_info': 1 });
    expect(skipped.result.data).toMatchObject({ user: { followers: {} } });
  });

  it('knownFollowers: a dry run prices the worst case without reading the viewer list; a real run, exactly', async () => {
    const query = `{ user(id: "${CROWD.star}") { knownFollowers { totalCount } } rateLimit(dryRun: $dry) { estimatedCalls actualCalls } }`;
    const withVariable = `query($dry: Boolean) ${query}`;
    const viewer = { 'x-user-id': CROWD.viewers.small };
    const dry = await countCalls(crowd, () => crowd.gql(withVariable, { dry: true }, viewer));
    expect(dry.calls).toEqual({});
    expect(dry.result.extensions?.upstreamCallsEstimate).toEqual({
      'profile/portrait_get': 1,
      'follow/follow_get': 5,
      'follow/follow_check': 50,
    });
    expect(dry.result.data).toEqual({ rateLimit: { estimatedCalls: 56, actualCalls: 0 } });

    const real = await countCalls(crowd, () => crowd.gql(withVariable, { dry: false }, viewer));
    const exact = { 'profile/portrait_get': 1, 'follow/follow_get': 1, 'follow/follow_check': 3 };
    expect(real.calls).toEqual(exact);
    expect(real.result.extensions?.upstreamCallsEstimate).toEqual(exact);
    expect(real.result.data).toEqual({
      user: { knownFollowers: { totalCount: 150 } },
      rateLimit: { estimatedCalls: 5, actualCalls: 5 },
    });
  });
});

describe('extensions.cost (EXPOSE_COST)', () => {
  let on: Harness;
  let off: Harness;
  beforeAll(async () => {
    [on, off] = await Promise.all([startHarness(), startHarness({ server: { exposeCost: false } })]);
  });
  afterAll(async () => {
    await Promise.all([on?.close(), off?.close()]);
  });

  it('is on every response when enabled: queries, mutations, partial failures, refusals', async () => {
    const query = await on.gql('{ user(id: "alice") { followers { totalCount } } }');
    expect(query.extensions?.cost).toMatchObject({ estimatedCalls: 1, actualCalls: 1, maxCalls: 200 });
    const mutation = await on.gql(
      'mutation { followUsers(input: { userIds: ["bob"] }) { results { ok } } }',
      undefined,
      { 'x-user-id': 'zed_cost' },
    );
    expect(mutation.extensions?.cost).toMatchObject({
      estimatedCalls: 1,
      actualCalls: 1,
      commands: { 'follow/follow_add': { estimated: 1, actual: 1 } },
    });
    // Refused before execution (validation): it cost nothing, and says so.
    const invalid = await on.gql('{ user(id: "alice") { nope } }');
    expect(invalid.errors?.[0]?.message).toContain('nope');
    expect(invalid.extensions?.cost).toEqual({
      estimatedCalls: 0,
      actualCalls: 0,
      maxCalls: 200,
      dryRun: false,
      commands: {},
    });
    await on.setFaults([{ command: 'profile/portrait_get', probability: 1, errorCode: 70169 }]);
    try {
      const failed = await on.gql('{ user(id: "alice") { id } }');
      expect(failed.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
      const cost = failed.extensions?.cost as { actualCalls: number } | undefined;
      expect(cost?.actualCalls).toBeGreaterThanOrEqual(1);
    } finally {
      await on.clearFaults();
    }
  });

  it('is absent when disabled; rateLimit still answers', async () => {
    const res = await off.gql<{ rateLimit: { estimatedCalls: number; actualCalls: number } }>(
      '{ user(id: "alice") { followers { totalCount } } rateLimit { estimatedCalls actualCalls } }',
    );
    expect(res.extensions?.cost).toBeUndefined();
    expect(res.data?.rateLimit).toEqual({ estimatedCalls: 1, actualCalls: 1 });
  });
});
