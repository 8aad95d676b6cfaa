/**
 * The scale-out run (`npm run bench -- --scenario scale`, and test/scale/scaleOut.test.ts): three
 * replicas of the server (`node dist/main.js`, REDIS_URL, CACHE=redis) behind nginx, one emulator
 * enforcing Tencent's 200 calls/s per command (EMULATOR_RATE_LIMIT=200), one Redis. Clients send the
 * counts workload (`users(20 ids)` with three counts: one follow_get_info each; counts are not cached,
 * CACHE_TTL_COUNTS_S=0, so every operation spends the budget) at about three times what the budget
 * serves, open loop, through nginx, after a 3 s warm-up at the budget's rate. Meanwhile:
 * - a subscription on replica A waits for a follow made directly against the emulator, whose webhook
 *   goes to replica B;
 * - a follow made through replica A is read back through replica C at once;
 * - replica C is killed (SIGKILL); later Redis is killed.
 * What is measured: every response (data, a RATE_LIMITED refusal and how long it took, or a failure,
 * with when it started), the emulator's answers by error code and busiest second per command, and what
 * each replica logged and counted about Redis.
 */
import { randomBytes } from 'node:crypto';
import { Pool } from 'undici';
import { createTencentClient } from '../../src/tencent/client.js';
import { configForUpstream } from '../../src/tencent/config.js';
import { startNginx } from '../../test/support/nginx.js';
import { freePort } from '../../test/support/ports.js';
import { startRedis } from '../../test/support/redis.js';
import { sseSubscribe } from '../../test/support/subscriptions.js';
import { prepareBuilds, type Running, startEmulatorProcess, startServerProcess } from './processes.js';

export interface ScaleOptions {
  /** Length of the load (default 20 s). */
  seconds?: number;
  /** The budget per command (default 200, Tencent's). */
  budget?: number;
  /** Offered load as a multiple of the budget (default 3). */
  overload?: number;
  log?: (line: string) => void;
}

export interface Outcome {
  /** ms from the start of the load. */
  startedAt: number;
  durationMs: number;
  kind: 'data' | 'rate-limited' | 'failed';
  status: number;
  /** The replica nginx reports for the response (`X-Upstream`). */
  upstream: string;
  detail?: string;
}

export interface ScaleReport {
  seconds: number;
  budget: number;
  offeredPerSecond: number;
  replicas: string[];
  outcomes: Outcome[];
  /** ms from the start of the load. */
  killedReplicaAt: number;
  /** When the killed replica's exit was seen: a request sent before it may still have reached it. */
  replicaGoneAt: number;
  killedReplicaAddress: string;
  killedRedisAt: number;
  /** Requests not sent because too many were in flight (the offered load could not be kept up). */
  skipped: number;
  emulator: {
    calls: Record<string, number>;
    errors: Record<string, Record<string, number>>;
    maxCallsPerSecond: Record<string, number>;
  };
  subscription: { received: boolean; latencyMs?: number; event?: unknown };
  readYourWrites: { before: unknown; after: unknown };
  /** Per surviving replica: how many times it logged that Redis was unreachable, and its redis_up gauge. */
  redisFallback: { replica: string; unreachableLogLines: number; redisUp: number | undefined }[];
}

const COUNTS = `query Counts($ids: [ID!]!) { users(ids: $ids) {
  id followers { totalCount } following { totalCount } mutuals { totalCount } } }`;
const USERS = Array.from({ length: 294 }, (_, i) => `user_${String(i + 1).padStart(3, '0')}`);
const MAX_IN_FLIGHT = 2000;
const TOKEN = randomBytes(16).toString('hex');

function randomIds(n: number): string[] {
  const out = new Set<string>();
  while (out.size < n) out.add(USERS[Math.floor(Math.random() * USERS.length)] as string);
  return [...out];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Replica extends Running {
  address: string;
  lines: string[];
}

export async function runScale(options: ScaleOptions = {}): Promise<ScaleReport> {
  const seconds = options.seconds ?? 20;
  const budget = options.budget ?? 200;
  const offered = Math.round(budget * (options.overload ?? 3));
  const log = options.log ?? (() => {});
  prepareBuilds();
  const cleanups: (() => Promise<void>)[] = [];
  try {
    const redis = await startRedis();
    cleanups.push(() => redis.stop());
    const ports = [await freePort(), await freePort(), await freePort()];
    // Tencent's webhooks go to replica B.
    const emulator = await startEmulatorProcess({
      EMULATOR_RATE_LIMIT: String(budget),
      EMULATOR_SEED: 'demo',
      EMULATOR_CALLBACK_URL: `http://127.0.0.1:${ports[1]}/tencent/callback`,
      EMULATOR_CALLBACK_TOKEN: TOKEN,
    });
    cleanups.push(() => emulator.stop());
    const replicas: Replica[] = await Promise.all(
      ports.map(async (port, i) => {
        const lines: string[] = [];
        const running = await startServerProcess(
          `replica ${'ABC'[i]}`,
          port,
          emulator,
          {
            TENCENT_RATE_LIMIT: String(budget),
            TENCENT_EXPECTED_REPLICAS: '3',
            TENCENT_CALLBACKS: 'true',
            TENCENT_CALLBACK_TOKEN: TOKEN,
            REDIS_URL: redis.url,
            CACHE: 'redis',
            CACHE_TTL_COUNTS_S: '0',
            // Every operation makes its own call: the offered load is the load on the budget.
            SHARED_BATCHING: 'false',
          },
          (line) => lines.push(line),
        );
        return { ...running, address: `127.0.0.1:${port}`, lines };
      }),
    );
    for (const replica of replicas) cleanups.push(() => replica.stop());
    const [a, b, c] = replicas as [Replica, Replica, Replica];
    const nginx = await startNginx(replicas.map((r) => r.address));
    cleanups.push(() => nginx.close());
    log(
      `scale: emulator ${emulator.url}, replicas ${replicas.map((r) => r.address).join(' ')}, nginx ${nginx.base}`,
    );

    const tencent = createTencentClient(
      configForUpstream(
        {
          url: emulator.url,
          sdkAppId: Number(emulator.sdkAppId),
          secretKey: emulator.secretKey,
          admin: emulator.admin,
        },
        { rateLimitPerSecond: 0, maxRetries: 0 },
      ),
    );
    cleanups.push(() => tencent.close());
    const gql: Gql = async (url, query, viewer) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-user-id': viewer },
        body: JSON.stringify({ query }),
      });
      return (await res.json()) as { data?: unknown; errors?: unknown[] };
    };
    // Known starting points: nobody follows the subscription's or the read-back's user yet.
    await tencent.followDelete('user_202', ['user_201']);
    await tencent.followDelete('user_210', ['user_211']);

    const pool = new Pool(nginx.base, { connections: 512, keepAliveTimeout: 30_000 });
    cleanups.push(() => pool.close());
    // Warm-up, not measured: the replicas compile their code paths and open their connections.
    await warmUp(pool, budget, WARMUP_SECONDS);
    const outcomes: Outcome[] = [];
    let inFlight = 0;
    let skipped = 0;
    const started = performance.now();
    const since = () => performance.now() - started;
    const send = async () => {
      const startedAt = since();
      inFlight++;
      try {
        const res = await pool.request({
          method: 'POST',
          path: '/graphql',
          headers: { 'content-type': 'application/json', 'x-user-id': 'user_100' },
          body: JSON.stringify({ query: COUNTS, variables: { ids: randomIds(20) } }),
        });
        const text = await res.body.text();
        const upstream = String(res.headers['x-upstream'] ?? '');
        const durationMs = since() - startedAt;
        let body: { data?: unknown; errors?: { extensions?: { code?: string } }[] } = {};
        try {
          body = JSON.parse(text);
        } catch {
          // nginx's own error pages are HTML
        }
        const codes = (body.errors ?? []).map((e) => e.extensions?.code);
        const kind: Outcome['kind'] =
          res.statusCode === 200 && codes.length === 0 && body.data
            ? 'data'
            : codes.length > 0 && codes.every((code) => code === 'RATE_LIMITED')
              ? 'rate-limited'
              : 'failed';
        outcomes.push({
          startedAt,
          durationMs,
          kind,
          status: res.statusCode,
          upstream,
          ...(kind === 'failed' && { detail: `HTTP ${res.statusCode} ${text.slice(0, 200)}` }),
        });
      } catch (error) {
        outcomes.push({
          startedAt,
          durationMs: since() - startedAt,
          kind: 'failed',
          status: 0,
          upstream: '',
          detail: (error as Error).message,
        });
      } finally {
        inFlight--;
      }
    };

    // Open loop: `offered` requests per second, whatever the answers, in ticks of 10 ms.
    const load = (async () => {
      let sent = 0;
      while (since() < seconds * 1000) {
        const due = Math.floor((since() / 1000) * offered);
        for (; sent < due; sent++) {
          if (inFlight >= MAX_IN_FLIGHT) {
            skipped++;
            continue;
          }
          void send();
        }
        await sleep(10);
      }
    })();

    const at = (fraction: number) => sleep(Math.max(0, seconds * 1000 * fraction - since()));
    // While the load runs: a webhook received by B reaches a subscriber on A, and a follow through A
    // is read back through C at once (C has the relation cached in Redis).
    await at(0.05);
    const [subscription, readYourWrites] = await Promise.all([
      webhookToSubscriber(a, tencent),
      followReadBack(a, c, gql),
    ]);
    // Then replica C dies (at 40 % of the run, or once the checks are done), and Redis at 65 %.
    await at(0.4);
    const killedReplicaAt = since();
    await c.kill();
    const replicaGoneAt = since();
    log(
      `scale: killed replica C at ${Math.round(killedReplicaAt)} ms (gone at ${Math.round(replicaGoneAt)} ms)`,
    );
    await at(0.65);
    const killedRedisAt = since();
    await redis.kill();
    log(`scale: killed Redis at ${Math.round(killedRedisAt)} ms`);

    await load;
    const drainUntil = performance.now() + 10_000;
    while (inFlight > 0 && performance.now() < drainUntil) await sleep(50);

    const stats = (await (await fetch(`${emulator.url}/__emulator/stats`)).json()) as ScaleReport['emulator'];
    const redisFallback = await Promise.all(
      [a, b].map(async (replica) => {
        const metrics = await (await fetch(`http://${replica.address}/metrics`)).text();
        const gauge = /^redis_up (\d+)/m.exec(metrics)?.[1];
        return {
          replica: replica.address,
          unreachableLogLines: replica.lines.filter((line) => line.includes('redis unreachable')).length,
          redisUp: gauge === undefined ? undefined : Number(gauge),
        };
      }),
    );
    return {
      seconds,
      budget,
      offeredPerSecond: offered,
      replicas: replicas.map((r) => r.address),
      outcomes,
      killedReplicaAt,
      replicaGoneAt,
      killedReplicaAddress: c.address,
      killedRedisAt,
      skipped,
      emulator: { calls: stats.calls, errors: stats.errors, maxCallsPerSecond: stats.maxCallsPerSecond },
      subscription,
      readYourWrites,
      redisFallback,
    };
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}

const WARMUP_SECONDS = 3;

/** `perSecond` counts operations for `seconds`, their answers dropped. */
async function warmUp(pool: Pool, perSecond: number, seconds: number): Promise<void> {
  const started = performance.now();
  const sent: Promise<unknown>[] = [];
  while (performance.now() - started < seconds * 1000) {
    const due = Math.floor(((performance.now() - started) / 1000) * perSecond);
    while (sent.length < due) {
      sent.push(
        pool
          .request({
            method: 'POST',
            path: '/graphql',
            headers: { 'content-type': 'application/json', 'x-user-id': 'user_100' },
            body: JSON.stringify({ query: COUNTS, variables: { ids: randomIds(20) } }),
          })
          .then(
            (res) => res.body.dump(),
            () => undefined,
          ),
      );
    }
    await sleep(10);
  }
  await Promise.all(sent);
  // Tencent's budget is quiet again before the measured run.
  await sleep(1000);
}

type Gql = (url: string, query: string, viewer: string) => Promise<{ data?: unknown; errors?: unknown[] }>;

/** A follow made directly upstream, reported by webhook to B, reaches a subscriber on A. */
async function webhookToSubscriber(
  a: Replica,
  tencent: ReturnType<typeof createTencentClient>,
): Promise<ScaleReport['subscription']> {
  const subscription = sseSubscribe<{ followEvents: unknown }>(
    `http://${a.address}/graphql`,
    'subscription { followEvents { kind follower { id } followee { id } } }',
    {},
    { 'x-user-id': 'user_201' },
  );
  try {
    await sleep(500);
    const followedAt = performance.now();
    await tencent.followAdd('user_202', ['user_201']);
    const [event] = await subscription.next(1, 10_000);
    return { received: true, latencyMs: performance.now() - followedAt, event: event?.data };
  } catch (error) {
    return { received: false, event: (error as Error).message };
  } finally {
    await subscription.stop();
  }
}

/** A follow through A, read back through C, which had the relation cached in Redis before. */
async function followReadBack(a: Replica, c: Replica, gql: Gql): Promise<ScaleReport['readYourWrites']> {
  const relation = '{ user(id: "user_211") { viewerIsFollowing } }';
  try {
    const before = (await gql(`http://${c.address}/graphql`, relation, 'user_210')).data;
    await gql(
      `http://${a.address}/graphql`,
      'mutation { followUsers(input: { userIds: ["user_211"] }) { results { ok } } }',
      'user_210',
    );
    const after = (await gql(`http://${c.address}/graphql`, relation, 'user_210')).data;
    return { before, after };
  } catch (error) {
    return { before: undefined, after: (error as Error).message };
  }
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** The figures docs/deployment.md quotes. */
export function scaleMarkdown(report: ScaleReport): string {
  const by = (kind: Outcome['kind']) => report.outcomes.filter((o) => o.kind === kind);
  const data = by('data');
  const limited = by('rate-limited');
  const failed = by('failed');
  const round = (n: number) => Math.round(n);
  const phases: [string, (o: Outcome) => boolean][] = [
    ['all replicas and Redis up', (o) => o.startedAt < report.killedReplicaAt],
    ['replica C killed', (o) => o.startedAt >= report.killedReplicaAt && o.startedAt < report.killedRedisAt],
    ['Redis killed too', (o) => o.startedAt >= report.killedRedisAt],
  ];
  const lines = [
    `## Scale-out: 3 replicas behind nginx, Redis, Tencent's ${report.budget} calls/s`,
    '',
    `Offered ${report.offeredPerSecond} operations/s (counts of 20 users, one follow_get_info each) for ${report.seconds} s, open loop; ${report.skipped} not sent (too many in flight).`,
    '',
    '| phase | operations | with data | data/s | RATE_LIMITED | p50 / p99 ms of a refusal | failed |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...phases.map(([name, within]) => {
      const ops = report.outcomes.filter(within);
      const first = Math.min(...ops.map((o) => o.startedAt));
      const last = Math.max(...ops.map((o) => o.startedAt));
      const span = Math.max(1, (last - first) / 1000);
      const ok = ops.filter((o) => o.kind === 'data');
      const refused = ops.filter((o) => o.kind === 'rate-limited').map((o) => o.durationMs);
      return `| ${name} | ${ops.length} | ${ok.length} | ${round(ok.length / span)} | ${refused.length} | ${round(percentile(refused, 50))} / ${round(percentile(refused, 99))} | ${ops.filter((o) => o.kind === 'failed').length} |`;
    }),
    '',
    `Totals: ${data.length} with data, ${limited.length} RATE_LIMITED, ${failed.length} failed (${failed.filter((o) => o.startedAt < report.killedReplicaAt).length} of them started before replica C was killed).`,
    `Emulator: busiest second per command ${JSON.stringify(report.emulator.maxCallsPerSecond)}; answers by error code ${JSON.stringify(report.emulator.errors)}.`,
    `Webhook at B -> subscriber on A: ${report.subscription.received ? `${round(report.subscription.latencyMs ?? 0)} ms` : 'not received'}. Read-your-writes A -> C: before ${JSON.stringify(report.readYourWrites.before)}, after ${JSON.stringify(report.readYourWrites.after)}.`,
    `Redis fallback: ${report.redisFallback.map((r) => `${r.replica} logged it ${r.unreachableLogLines}x, redis_up=${r.redisUp}`).join('; ')}.`,
  ];
  return `${lines.join('\n')}\n`;
}
