/**
 * `npm run bench:feed`: the `feed` workload of issue 12, what Tencent's 200 calls/s per command allow.
 * The emulator (EMULATOR_SEED=feed: 2,000 users, Zipf(1.1) popularity) and the server (`node
 * dist/main.js`, the client limiter at 200 calls/s per command, callbacks wired) each run in their own
 * process; 64 clients send a mix of 50% user cards (profile, 3 counts, viewerIsFollowing), 30% follower
 * pages of 20 with counts, 15% `users(20 ids)` counts and 5% follow/unfollow, with targets drawn from
 * the same Zipf distribution and a random viewer each. The same run is made with the shared reads off
 * (CACHE=off, SHARED_BATCHING=false: every request for itself, as before) and on (the defaults), and
 * the report compares upstream calls per 1,000 operations and operations per second sustained.
 *
 *   npm run bench:feed -- [--quick] [--seconds N] [--json file]
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { FEED_USER_IDS, FEED_ZIPF_S, seededRandom, zipfSampler } from '../src/emulator/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const QUICK = flag('--quick');
const SECONDS = Number(option('--seconds') ?? (QUICK ? 3 : 20));
const WARMUP_SECONDS = QUICK ? 1 : 10;
const CLIENTS = 64;

interface Mode {
  name: string;
  env: Record<string, string>;
}

const MODES: Mode[] = [
  { name: 'shared reads off (every request for itself)', env: { CACHE: 'off', SHARED_BATCHING: 'false' } },
  { name: 'defaults (cache + cross-request batching)', env: {} },
];

function startProcess(
  file: string,
  env: Record<string, string>,
): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [file], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    text += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    text += chunk;
  });
  return { child, output: () => text };
}

async function waitFor<T>(
  what: string,
  read: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

interface Emulator {
  url: string;
  sdkAppId: string;
  secretKey: string;
  admin: string;
  child: ChildProcess;
}

async function startEmulatorProcess(): Promise<Emulator> {
  const started = startProcess('dist/emulator/main.js', {
    EMULATOR_PORT: '0',
    EMULATOR_SEED: 'feed',
    EMULATOR_RATE_LIMIT: '0',
  });
  const line = await waitFor(
    'the emulator',
    () => /listening on (\S+) SDKAppID=(\d+) admin=(\S+) secretKey=(\S+)/.exec(started.output()) ?? undefined,
  );
  const [, url, sdkAppId, admin, secretKey] = line as unknown as [string, string, string, string, string];
  return { url, sdkAppId, admin, secretKey, child: started.child };
}

async function control(emulator: Emulator, method: string, path: string, body?: unknown) {
  const res = await fetch(`${emulator.url}/__emulator/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.json() as Promise<Record<string, unknown>>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startServer(emulator: Emulator, mode: Mode, token: string) {
  const port = await freePort();
  const started = startProcess('dist/main.js', {
    PORT: String(port),
    LOG_LEVEL: 'warn',
    AUTH_MODE: 'dev',
    TENCENT_SDKAPPID: emulator.sdkAppId,
    TENCENT_SECRET_KEY: emulator.secretKey,
    TENCENT_ADMIN_IDENTIFIER: emulator.admin,
    TENCENT_API_BASE_URL: emulator.url,
    TENCENT_RATE_LIMIT: '200',
    TENCENT_CALLBACK_TOKEN: token,
    ...mode.env,
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  await waitFor('the server', async () => {
    if (started.child.exitCode !== null) throw new Error(`the server exited: ${started.output()}`);
    return fetch(`http://127.0.0.1:${port}/health`).then(
      (res) => (res.ok ? true : undefined),
      () => undefined,
    );
  });
  return { url, child: started.child, output: started.output };
}

const CARD = `query Card($id: ID!) { user(id: $id) { id profile { nickname avatarUrl }
  followers { totalCount } following { totalCount } mutuals { totalCount } viewerIsFollowing } }`;
const PAGE = `query Page($id: ID!) { user(id: $id) { followers(first: 20) { totalCount nodes { id
  followers { totalCount } following { totalCount } mutuals { totalCount } } } } }`;
const COUNTS = `query Counts($ids: [ID!]!) { users(ids: $ids) { id followers { totalCount }
  following { totalCount } mutuals { totalCount } } }`;
const FOLLOW = 'mutation Follow($ids: [ID!]!) { followUsers(input: { userIds: $ids }) { results { ok } } }';
const UNFOLLOW =
  'mutation Unfollow($ids: [ID!]!) { unfollowUsers(input: { userIds: $ids }) { results { ok } } }';

interface Result {
  mode: string;
  ops: number;
  failed: number;
  opsPerSecond: number;
  callsPer1000: number;
  callsByCommand: Record<string, number>;
  p50: number;
  p99: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

async function runMode(emulator: Emulator, mode: Mode): Promise<Result> {
  const token = randomBytes(16).toString('hex');
  await control(emulator, 'POST', 'seed', { seed: 'feed' });
  const server = await startServer(emulator, mode, token);
  const origin = new URL(server.url).origin;
  await control(emulator, 'POST', 'callback', { url: `${origin}/tencent/callback`, token });
  const pool = new Pool(origin, { connections: CLIENTS });
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
  let ops = 0;
  let failed = 0;
  const latencies: number[] = [];
  let running = true;
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
        const body = (await res.body.json()) as { data?: unknown; errors?: unknown[] };
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
  console.error(`${mode.name}: warming up`);
  const clients = Array.from({ length: CLIENTS }, client);
  await new Promise((resolve) => setTimeout(resolve, WARMUP_SECONDS * 1000));
  await control(emulator, 'POST', 'stats/reset');
  measuring = true;
  console.error(`${mode.name}: measuring`);
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
  const stats = (await control(emulator, 'GET', 'stats')) as { calls: Record<string, number> };
  const elapsed = (performance.now() - started) / 1000;
  measuring = false;
  running = false;
  console.error(`${mode.name}: ${ops} ops, waiting for the last requests`);
  await Promise.all(clients);
  await pool.close();
  await stop(server.child);
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

async function main(): Promise<void> {
  const built = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('build failed');
  const emulator = await startEmulatorProcess();
  const results: Result[] = [];
  try {
    for (const mode of MODES) results.push(await runMode(emulator, mode));
  } finally {
    await stop(emulator.child);
  }
  const [off, on] = results as [Result, Result];
  console.log(
    `\n## feed: ${CLIENTS} clients, ${SECONDS} s after ${WARMUP_SECONDS} s warm-up, client limiter 200 calls/s per command\n`,
  );
  console.log('| mode | ops/s | failed | upstream calls / 1,000 ops | p50 ms | p99 ms |');
  console.log('|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(
      `| ${r.mode} | ${r.opsPerSecond.toFixed(1)} | ${r.failed} | ${r.callsPer1000.toFixed(0)} | ${r.p50.toFixed(0)} | ${r.p99.toFixed(0)} |`,
    );
  }
  console.log(
    `\nWith the shared reads: ${(off.callsPer1000 / Math.max(on.callsPer1000, 1e-9)).toFixed(1)}x fewer upstream calls per operation, ` +
      `${(on.opsPerSecond / Math.max(off.opsPerSecond, 1e-9)).toFixed(1)}x the operations per second.`,
  );
  const json = option('--json');
  if (json) {
    writeFileSync(
      json,
      `${JSON.stringify({ scenario: 'feed', node: process.version, cpus: cpus().length, seconds: SECONDS, results }, null, 2)}\n`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
