/**
 * Chaos against the real stack (server, client, emulator): upstream faults of every kind, lost answers
 * to writes, upstream down and back, a stalled upstream and a flood. What must hold:
 * - every answer comes within the request deadline (plus a margin), never as a 5xx, with a stable code
 *   on every error and no secret in it;
 * - no write is reported as what it is not: FOLLOWED / UNFOLLOWED only when the emulator's state says
 *   so, FAILED only when it does not, and no UNKNOWN while the state can be read back;
 * - while upstream is down, the circuit breaker answers at once and the server comes back with it;
 * - a flood beyond the client-side limiter is refused at once with a retry hint.
 * Bounds are loose (a shared machine): they tell "bounded by the deadline" from "waits for retries".
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CIRCUIT_BREAKER_DEFAULTS } from '../../src/tencent/circuitBreaker.js';
import { createTencentClient, type TencentClient } from '../../src/tencent/client.js';
import { configForUpstream } from '../../src/tencent/config.js';
import { API_CODES } from '../support/errorCodes.js';
import { type GqlResponse, type Harness, startHarness } from '../support/harness.js';

/**
 * The server's request deadline (the default). Writes may use it up to its last second, the read-back
 * reserve: enough to outlast upstream's own 3 s, so that a read-back after a timeout is conclusive.
 */
const DEADLINE_MS = 5000;
/** An answer may come this much after the deadline (serialisation, a loaded machine). */
const MARGIN_MS = 1500;

/**
 * The stack the tests of a describe block run against: a fresh server, client and emulator (so that
 * one block's circuits and cache do not carry into the next), with the server's upstream calls counted.
 */
let h: Harness;
/** Upstream calls the server's client made, per command. */
let serverCalls: Record<string, number> = {};
/** The test's own view of upstream: reads the emulator's real state (faults are set on writes only). */
let truth: TencentClient;

function useStack(circuitOpenMs = CIRCUIT_BREAKER_DEFAULTS.openMs): void {
  beforeAll(async () => {
    serverCalls = {};
    h = await startHarness({
      seed: 'demo',
      server: { requestDeadlineMs: DEADLINE_MS },
      // The shortest timeout allowed (above Tencent's 3 s), so lost answers cost seconds, not tens.
      tencent: {
        timeoutMs: 3100,
        maxRetries: 2,
        circuitBreaker: { ...CIRCUIT_BREAKER_DEFAULTS, openMs: circuitOpenMs },
      },
      sharedReads: { cache: 'memory' },
      observer: {
        onCall: (event) => {
          serverCalls[event.command] = (serverCalls[event.command] ?? 0) + 1;
        },
      },
    });
    truth = createTencentClient(configForUpstream(h.emulator, { rateLimitPerSecond: 0 }));
  });
  afterEach(() => h.clearFaults());
  afterAll(async () => {
    await truth?.close();
    await h?.close();
  });
}

const as = (id: string) => ({ 'x-user-id': id });
let prefixes = 0;
async function freshUsers(n: number): Promise<{ actor: string; users: string[] }> {
  const prefix = `ch${++prefixes}`;
  const users = Array.from({ length: n }, (_, i) => `${prefix}_${i}`);
  expect(await truth.multiAccountImport([`${prefix}_actor`, ...users])).toEqual([]);
  return { actor: `${prefix}_actor`, users };
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

function expectCodedAnswer(res: GqlResponse<unknown>, ms: number, label: string) {
  expect(res.status, `${label}: HTTP ${res.status}`).toBeLessThan(500);
  expect(ms, `${label}: ${Math.round(ms)} ms`).toBeLessThan(DEADLINE_MS + MARGIN_MS);
  for (const error of res.errors ?? []) {
    expect(API_CODES.has(error.extensions?.code as string), `${label}: ${JSON.stringify(error)}`).toBe(true);
  }
  expect(res.text).not.toContain(h.emulator.secretKey);
  expect(res.text.toLowerCase()).not.toContain('usersig');
}

const READ = `query($id: ID!) { user(id: $id) { id profile { nickname } viewerIsFollowing
  followers(first: 5) { totalCount nodes { id followers { totalCount } } } } }`;
const FOLLOW = `mutation($ids: [ID!]!) { followUsers(input: { userIds: $ids }) {
  results { userId status ok tencentCode } actor { following { totalCount } } } }`;

describe('upstream faults of every kind', () => {
  // A short circuit pause: the fault cases follow one another.
  useStack(300);
  const FAULTS: [string, Record<string, unknown>][] = [
    ['an internal error code (30006)', { errorCode: 30006 }],
    ['a refusal code (30001)', { errorCode: 30001 }],
    ['upstream rate limiting (60007)', { errorCode: 60007 }],
    ['HTTP 502', { httpStatus: 502 }],
    ['HTTP 429', { httpStatus: 429 }],
    ['a malformed answer', { malformed: true }],
    ['a reset connection', { reset: true }],
    ['no answer before the deadline', { delayMs: DEADLINE_MS + 2000 }],
    ['applied, then the answer dropped', { apply: true, reset: true }],
    ['applied, then the answer late', { apply: true, delayMs: DEADLINE_MS + 2000 }],
    ['half the calls fail', { errorCode: 30006, probability: 0.5 }],
  ];

  it.each(FAULTS)(
    '%s on every command: coded answers within the deadline; then back to normal',
    async (label, fault) => {
      const { actor, users } = await freshUsers(3);
      await h.setFaults([{ command: '*', ...fault }]);
      const [read, write] = await Promise.all([
        timed(() => h.gql(READ, { id: 'alice' }, as('bob'))),
        timed(() => h.gql(FOLLOW, { ids: users }, as(actor))),
      ]);
      expectCodedAnswer(read.value, read.ms, `${label}: read`);
      expectCodedAnswer(write.value, write.ms, `${label}: write`);
      await h.clearFaults();
      // Whatever the items say is true now (the emulator's state, read past the server).
      const items = (
        write.value.data as { followUsers?: { results: { userId: string; status: string }[] } } | null
      )?.followUsers?.results;
      if (items) {
        const checks = await truth.followCheck(actor, users);
        for (const item of items) {
          const follows = ((checks[users.indexOf(item.userId)]?.FollowType ?? 0) & 2) !== 0;
          if (item.status === 'FOLLOWED') expect(follows, `${label}: ${item.userId} FOLLOWED`).toBe(true);
          if (item.status === 'FAILED') expect(follows, `${label}: ${item.userId} FAILED`).toBe(false);
        }
      }
      // Back to normal once the faults are gone (after the circuit, if it opened, lets a probe through).
      await recovered();
    },
  );
});

/** Waits (bounded) until a plain read answers without errors again. */
async function recovered(withinMs = 4000): Promise<void> {
  const until = performance.now() + withinMs;
  for (;;) {
    const res = await h.gql('{ user(id: "alice") { id followers { totalCount } } }', {}, as('bob'));
    if (res.errors === undefined) return;
    if (performance.now() > until) throw new Error(`not recovered: ${JSON.stringify(res.errors)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('lost answers to writes', () => {
  useStack();
  it('every item of 40 follow / unfollow batches under a lossy network is reported as what is true; none UNKNOWN', async () => {
    const { actor, users } = await freshUsers(60);
    const lossy = (command: string) => [
      { command, probability: 0.2, apply: true, reset: true },
      { command, probability: 0.1, reset: true },
      { command, probability: 0.08, apply: true, delayMs: 3600 },
      { command, probability: 0.05, delayMs: 3600 },
      { command, probability: 0.1, errorCode: 30006 },
      { command, probability: 0.05, apply: true, httpStatus: 502 },
    ];
    await h.setFaults([...lossy('follow/follow_add'), ...lossy('follow/follow_delete')]);
    const readBacksBefore = serverCalls['follow/follow_check'] ?? 0;
    const statuses: Record<string, number> = {};
    const misreported: string[] = [];
    for (let round = 0; round < 10; round++) {
      // Four batches at once, each of its own 15 users, alternating follow and unfollow.
      await Promise.all(
        [0, 1, 2, 3].map(async (part) => {
          const ids = users.slice(part * 15, part * 15 + 15);
          const unfollow = (round + part) % 2 === 1;
          const field = unfollow ? 'unfollowUsers' : 'followUsers';
          const mutation = `mutation($ids: [ID!]!) { ${field}(input: { userIds: $ids }) { results { userId status } } }`;
          const follows = async () =>
            (await truth.followCheck(actor, ids)).map((check) => ((check.FollowType ?? 0) & 2) !== 0);
          const before = await follows();
          const { value: res, ms } = await timed(() => h.gql(mutation, { ids }, as(actor)));
          expectCodedAnswer(res, ms, `round ${round} part ${part}`);
          const results = (
            res.data as Record<string, { results: { userId: string; status: string }[] }> | null
          )?.[field]?.results;
          expect(results, JSON.stringify(res.errors)).toHaveLength(15);
          const after = await follows();
          for (const item of results ?? []) {
            statuses[item.status] = (statuses[item.status] ?? 0) + 1;
            const i = ids.indexOf(item.userId);
            const [was, is] = [before[i], after[i]];
            // Done: the wanted state holds now. FAILED: nothing changed. Anything else is a misreport.
            const done = item.status === 'FOLLOWED' || item.status === 'UNFOLLOWED';
            const wrong = done ? is !== !unfollow : item.status === 'FAILED' ? is !== was : true;
            if (wrong) misreported.push(`${item.userId}: ${item.status}, before=${was}, after=${is}`);
          }
        }),
      );
    }
    expect(Object.values(statuses).reduce((a, b) => a + b, 0)).toBe(600);
    expect(misreported).toEqual([]);
    expect(statuses.UNKNOWN).toBeUndefined();
    // Answers were lost (some batches failed, some were read back as done), and read back.
    expect(statuses.FAILED ?? 0).toBeGreaterThan(0);
    expect((serverCalls['follow/follow_check'] ?? 0) - readBacksBefore).toBeGreaterThan(0);
  }, 90_000);
});

describe('upstream down, slow, and flooded', () => {
  useStack();
  it('down: the circuit answers at once (UPSTREAM_UNAVAILABLE, retryAfterMs) without calling; back: served again', async () => {
    await h.setFaults([{ command: '*', httpStatus: 503 }]);
    // Enough failing calls to open the circuit of follow_get_info (10 within 10 s).
    for (let i = 0; i < 6; i++)
      await h.gql('{ user(id: "alice") { followers { totalCount } } }', {}, as('bob'));
    const before = serverCalls['follow/follow_get_info'] ?? 0;
    const { value: res, ms } = await timed(() =>
      h.gql('{ user(id: "alice") { followers { totalCount } } }', {}, as('bob')),
    );
    expectCodedAnswer(res, ms, 'circuit open');
    expect(ms).toBeLessThan(500);
    const error = res.errors?.find((e) => e.extensions?.retryAfterMs !== undefined);
    expect(error?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(error?.extensions?.retryAfterMs).toBeGreaterThan(0);
    expect(serverCalls['follow/follow_get_info'] ?? 0).toBe(before);
    expect(JSON.stringify(res.errors)).toContain('keeps failing');
    await h.clearFaults();
    // Back once the circuit's pause is over and its probe succeeds.
    await recovered(CIRCUIT_BREAKER_DEFAULTS.openMs + 4000);
  });

  it('stalled: a read answers at the deadline with UPSTREAM_UNAVAILABLE, not after retries (2 x 10 s before)', async () => {
    const { users } = await freshUsers(1);
    await h.setFaults([{ command: 'follow/follow_get_info', delayMs: 20_000 }]);
    const { value: res, ms } = await timed(() =>
      h.gql('query($id: ID!) { user(id: $id) { id followers { totalCount } } }', { id: users[0] }, as('bob')),
    );
    // Within the deadline (expectCodedAnswer), not after retry budgets in sequence.
    expectCodedAnswer(res, ms, 'stalled');
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['UPSTREAM_UNAVAILABLE']);
  });
});

describe('a flood beyond the client-side limiter', () => {
  let slow: Harness;
  beforeAll(async () => {
    // 20 calls/s per command, a short deadline, and every request for itself (no shared batches): most
    // of 150 concurrent requests cannot be served in time.
    slow = await startHarness({
      seed: 'demo',
      server: { requestDeadlineMs: 1000 },
      tencent: { rateLimitPerSecond: 20 },
      sharedReads: { batching: false },
    });
  });
  afterAll(() => slow?.close());

  it('excess requests are refused at once with RATE_LIMITED, retryAfterMs and Retry-After; the rest within the deadline', async () => {
    const answers = await Promise.all(
      Array.from({ length: 150 }, async (_, i) => {
        const query = `{ user(id: "user_${String(i + 1).padStart(3, '0')}") { followers { totalCount } } }`;
        const started = performance.now();
        const res = await fetch(slow.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-user-id': 'bob' },
          body: JSON.stringify({ query }),
        });
        const body = (await res.json()) as GqlResponse<{ user: unknown }>;
        return { res, body, ms: performance.now() - started };
      }),
    );
    const refused = answers.filter((a) => a.body.errors?.some((e) => e.extensions?.code === 'RATE_LIMITED'));
    const served = answers.filter((a) => a.body.errors === undefined);
    expect(served.length).toBeGreaterThan(5);
    expect(refused.length).toBeGreaterThan(50);
    expect(served.length + refused.length).toBe(150);
    for (const a of answers) expect(a.ms).toBeLessThan(1000 + MARGIN_MS);
    let wholly = 0;
    for (const a of refused) {
      const error = a.body.errors?.find((e) => e.extensions?.code === 'RATE_LIMITED');
      expect(error?.extensions?.retryAfterMs).toBeGreaterThan(0);
      // When the whole response failed (user is null), the hint is in the header too, in seconds; when
      // only the count failed (the existence probe fell back to portrait_get), it is not.
      const failedWholly = (a.body.data as { user: unknown } | null)?.user === null;
      if (failedWholly) wholly++;
      const header = a.res.headers.get('retry-after');
      if (failedWholly) expect(Number(header)).toBeGreaterThanOrEqual(1);
      else expect(header).toBeNull();
    }
    expect(wholly).toBeGreaterThan(0);
  });
});
