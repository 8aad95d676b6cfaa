/**
 * The feed run (`npm run bench -- --scenario feed`, alias `npm run bench:feed`): what Tencent's 200
 * calls/s per command allow, shared reads off against on. The emulator (EMULATOR_SEED=feed: 2,000
 * users, Zipf(1.1) popularity) and the server (`node dist/main.js`, the client limiter at 200 calls/s
 * per command, callbacks wired) each run in their own process; 64 clients send a mix of 50% user cards
 * (profile, 3 counts, viewerIsFollowing), 30% follower pages of 20 with counts, 15% `users(20 ids)`
 * counts and 5% follow/unfollow, with targets drawn from the same Zipf distribution and a random
 * viewer each. The same run is made with the shared reads off (CACHE=off, SHARED_BATCHING=false: every
 * request for itself) and on (the defaults), and the report compares upstream calls per 1,000
 * operations and operations per second sustained.
 */
import { randomBytes } from 'node:crypto';
import { Pool } from 'undici';
import { FEED_USER_IDS, FEED_ZIPF_S, seededRandom, zipfSampler } from '../../src/emulator/index.js';
import { freePort } from '../../test/support/ports.js';
import {
  prepareBuilds,
  type Running,
  type RunningEmulator,
  startEmulatorProcess,
  startServerProcess,
} from './processes.js';

export interface FeedOptions {
  /** Measured seconds per mode (default 20), after `warmupSeconds` (default 10). */
  seconds?: number;
  warmupSeconds?: number;
  clients?: number;
  log?: (line: string) => void;
}

export interface FeedResult {
  mode: string;
  ops: number;
  failed: number;
  opsPerSecond: number;
  callsPer1000: number;
  callsByCommand: Record<string, number>;
  p50: number;
  p99: number;
}

export interface FeedReport {
  seconds: number;
  warmupSeconds: number;
  clients: number;
  results: FeedResult[];
}

const MODES: { name: string; env: Record<string, string> }[] = [
  { name: 'shared reads off (every request for itself)', env: { CACHE: 'off', SHARED_BATCHING: 'false' } },
  { name: 'defaults (cache + cross-request batching)', env: {} },
];

const CARD = `query Card($id: ID!) { user(id: $id) { id profile { nickname avatarUrl }
  followers { totalCount } following { totalCount } mutuals { totalCount } viewerIsFollowing } }`;
const PAGE = `query Page($id: ID!) { user(id: $id) { followers(first: 20) { totalCount nodes { id
  followers { totalCount } following { totalCount } mutuals { totalCount } } } } }`;
const COUNTS = `query Counts($ids: [ID!]!) { users(ids: $ids) { id followers { totalCount }
  following { totalCount } mutuals { totalCount } } }`;
const FOLLOW = 'mutation Follow($ids: [ID!]!) { followUsers(input: { userIds: $ids }) { results { ok } } }';
const UNFOLLOW =
  'mutation Unfollow($ids: [ID!]!) { unfollowUsers(input: { userIds: $ids }) { results { ok } } }';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

async function control(emulator: Running, method: string, path: string, body?: unknown) {
  const res = await fetch(`${emulator.url}/__emulator/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.json() as Promise<Record<string, unknown>>;
}

async function runMode(
  emulator: RunningEmulator,
  mode: (typeof MODES)[number],
  options: Required<Omit<FeedOptions, 'log'>> & Pick<FeedOptions, 'log'>,
): Promise<FeedResult> {
  const log = options.log ?? (() => {});
  const token = randomBytes(16).toString('hex');
  await control(emulator, 'POST', 'seed', { seed: 'feed' });
  const port = await freePort();
  const server = await startServerProcess('server', port, emulator, {
    TENCENT_RATE_LIMIT: '200',
    TENCENT_CALLBACKS: 'true',
    TENCENT_CALLBACK_TOKEN: token,
    ...mode.env,
  });
  const origin = `http://127.0.0.1:${port}`;
  await control(emulator, 'POST', 'callback', { url: `${origin}/tencent/callback`, token });
  const pool = new Pool(origin, { connections: options.clients });
  const random = seededRandom(7);
  const zipf = zipfSampler(FEED_USER_IDS.length, FEED_ZIPF_S, random);
  const popular = () => FEED_USER_IDS[zipf()] as string;
  const anyone = () => FEED_USER_IDS[Math.floor(random() * FEED_USER_IDS.length)] as string;
  const operation = (): { query: string; variables: Record<string, unknown> } => {
    const roll = random();
    if (roll < 0.5) return { query: CARD, variables: { id: popular() } };
    if (roll < 0.8) return { query: PAGE, variables: { id: popular() } };
    if (roll < 0.95) return { query: COUNTS, variables: { ids: Array.from({ length: 20 }, popular) } };
    return { query: random() < 0.5 ? FOLLOW : UNFOLLOW, variables: { ids: [popular()] } };
  };

  let measuring = false;
  let running = true;
  let ops = 0;
  let failed = 0;
  const latencies: number[] = [];
  const client = async () => {
    while (running) {
      const { query, variables } = operation();
      const started = performance.now();
      let ok = false;
      try {
        const res = await pool.request({
          path: '/graphql',
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-user-id': anyone() },
          body: JSON.stringify({ query, variables }),
        });
        const body = (await res.body.json()) as { errors?: unknown[] };
        ok = res.statusCode === 200 && !body.errors?.length;
      } catch {
        ok = false;
      }
      if (!measuring) continue;
      latencies.push(performance.now() - started);
      if (ok) ops += 1;
      else failed += 1;
    }
  };
  log(`feed: ${mode.name}: warming up`);
  const clients = Array.from({ length: options.clients }, client);
  await sleep(options.warmupSeconds * 1000);
  await control(emulator, 'POST', 'stats/reset');
  measuring = true;
  log(`feed: ${mode.name}: measuring`);
  const started = performance.now();
  await sleep(options.seconds * 1000);
  const stats = (await control(emulator, 'GET', 'stats')) as { calls: Record<string, number> };
  const elapsed = (performance.now() - started) / 1000;
  measuring = false;
  running = false;
  await Promise.all(clients);
  await pool.close();
  await server.stop();
  const calls = Object.values(stats.calls).reduce((a, b) => a + b, 0);
  latencies.sort((a, b) => a - b);
  return {
    mode: mode.name,
    ops,
    failed,
    opsPerSecond: ops / elapsed,
    callsPer1000: ops === 0 ? 0 : (calls / ops) * 1000,
    callsByCommand: stats.calls,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

export async function runFeed(options: FeedOptions = {}): Promise<FeedReport> {
  const settings = {
    seconds: options.seconds ?? 20,
    warmupSeconds: options.warmupSeconds ?? 10,
    clients: options.clients ?? 64,
    log: options.log,
  };
  prepareBuilds();
  const emulator = await startEmulatorProcess({ EMULATOR_SEED: 'feed', EMULATOR_RATE_LIMIT: '0' });
  const results: FeedResult[] = [];
  try {
    for (const mode of MODES) results.push(await runMode(emulator, mode, settings));
  } finally {
    await emulator.stop();
  }
  return {
    seconds: settings.seconds,
    warmupSeconds: settings.warmupSeconds,
    clients: settings.clients,
    results,
  };
}

export function feedMarkdown(report: FeedReport): string {
  const [off, on] = report.results as [FeedResult, FeedResult];
  return [
    `## feed: ${report.clients} clients, ${report.seconds} s after ${report.warmupSeconds} s warm-up, client limiter 200 calls/s per command`,
    '',
    '| mode | ops/s | failed | upstream calls / 1,000 ops | p50 ms | p99 ms |',
    '|---|---|---|---|---|---|',
    ...report.results.map(
      (r) =>
        `| ${r.mode} | ${r.opsPerSecond.toFixed(1)} | ${r.failed} | ${r.callsPer1000.toFixed(0)} | ${r.p50.toFixed(0)} | ${r.p99.toFixed(0)} |`,
    ),
    '',
    `With the shared reads: ${(off.callsPer1000 / Math.max(on.callsPer1000, 1e-9)).toFixed(1)}x fewer upstream calls per operation, ` +
      `${(on.opsPerSecond / Math.max(off.opsPerSecond, 1e-9)).toFixed(1)}x the operations per second.`,
    '',
  ].join('\n');
}
