/**
 * The overload and soak runs (`npm run bench -- --scenario overload`, `--scenario soak`; both:
 * `npm run bench:chaos`): the load targets of issue 15, measured rather than asserted in tests.
 *
 * The emulator (demo seed, 20 ms per call) and the server (`node dist/main.js`, the client limiter at
 * 200 calls/s per command, a 5 s request deadline) run in their own processes.
 *
 * - overload: first the capacity (closed loop, 32 clients, every request for itself so that each needs
 *   its own upstream calls: CACHE=off, SHARED_BATCHING=false), then an open-loop flood at 6x that rate.
 *   Reported: what was served and refused per second, and the latency percentiles of each. Targets:
 *   p99 bounded by the request deadline (REQUEST_DEADLINE_MS, 5 s), the excess refused promptly.
 * - soak: 64 clients for 150 s on the default settings (cache and shared batching on) with a mix of
 *   user cards, follower pages, counts and follows; the server's heap is sampled from /metrics every
 *   5 s. Target: a flat heap (its slope after warm-up).
 *
 * On a small machine shared with the load generator, 6x the capacity at 200 calls/s per command is
 * first a flood of the server's CPU; `--rate-limit 50` makes the upstream limit the bottleneck instead.
 */
import { Pool } from 'undici';
import { freePort } from '../../test/support/ports.js';
import { prepareBuilds, startEmulatorProcess, startServerProcess } from './processes.js';

export interface ChaosOptions {
  quick?: boolean;
  /** Length of the flood (default 20 s) or of the soak (default 150 s). */
  seconds?: number;
  /** The client-side limiter in the overload run (calls/s per command; default 200). */
  rateLimit?: number;
  log?: (line: string) => void;
}

const DEADLINE_MS = 5000;
const OVERLOAD_FACTOR = 6;
const EMULATOR = { EMULATOR_SEED: 'demo', EMULATOR_RATE_LIMIT: '0', EMULATOR_LATENCY_MS: '20' };

function settingsOf(options: ChaosOptions, defaultSeconds: number) {
  const quick = options.quick ?? false;
  return {
    quick,
    seconds: options.seconds ?? (quick ? Math.min(defaultSeconds, 10) : defaultSeconds),
    rateLimit: options.rateLimit ?? 200,
    log: options.log ?? (() => {}),
  };
}

const DEMO_USERS = [
  'alice',
  'bob',
  'carol',
  'dave',
  'erin',
  'frank',
  ...Array.from({ length: 294 }, (_, i) => `user_${String(i + 1).padStart(3, '0')}`),
];
const pick = () => DEMO_USERS[Math.floor(Math.random() * DEMO_USERS.length)] as string;

const CARD = `query Card($id: ID!) { user(id: $id) { id profile { nickname }
  followers { totalCount } following { totalCount } viewerIsFollowing } }`;
const PAGE = `query Page($id: ID!) { user(id: $id) { followers(first: 20) { totalCount nodes { id
  followers { totalCount } } } } }`;
const COUNTS = 'query Counts($ids: [ID!]!) { users(ids: $ids) { id followers { totalCount } } }';
const FOLLOW =
  'mutation Follow($ids: [ID!]!) { followUsers(input: { userIds: $ids }) { results { status } } }';
const UNFOLLOW =
  'mutation Unfollow($ids: [ID!]!) { unfollowUsers(input: { userIds: $ids }) { results { status } } }';

type Outcome = 'ok' | 'refused' | 'error';

interface Sample {
  outcome: Outcome;
  ms: number;
  codes: string[];
}

async function request(
  pool: Pool,
  query: string,
  variables: Record<string, unknown>,
  viewer: string,
): Promise<Sample> {
  const started = performance.now();
  try {
    const res = await pool.request({
      path: '/graphql',
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-user-id': viewer },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.body.json()) as { errors?: { extensions?: { code?: string } }[] };
    const codes = (body.errors ?? []).map((e) => e.extensions?.code ?? 'NONE');
    const ms = performance.now() - started;
    // RATE_LIMITED: shed at the door (HTTP 503) or refused by the limiter (within a 200 answer).
    if (codes.includes('RATE_LIMITED'))
      return { outcome: 'refused', ms, codes: [`HTTP ${res.statusCode}`, ...codes] };
    if (res.statusCode >= 500) return { outcome: 'error', ms, codes: [`HTTP ${res.statusCode}`, ...codes] };
    return { outcome: codes.length === 0 ? 'ok' : 'error', ms, codes };
  } catch (error) {
    return { outcome: 'error', ms: performance.now() - started, codes: [(error as Error).message] };
  }
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

function summary(samples: readonly Sample[]) {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  return {
    count: samples.length,
    p50: Math.round(percentile(ms, 50)),
    p99: Math.round(percentile(ms, 99)),
    max: Math.round(ms.at(-1) ?? 0),
  };
}

/** One user card for a random user, as a random viewer: 1 follow_get_info + 1 portrait_get + 1 follow_check. */
const card = (pool: Pool) => request(pool, CARD, { id: pick() }, pick());

export async function runOverload(options: ChaosOptions = {}) {
  const { quick, seconds, rateLimit, log } = settingsOf(options, 20);
  prepareBuilds();
  const emulator = await startEmulatorProcess(EMULATOR);
  const port = await freePort();
  const server = await startServerProcess('server', port, emulator, {
    TENCENT_RATE_LIMIT: String(rateLimit),
    REQUEST_DEADLINE_MS: String(DEADLINE_MS),
    CACHE: 'off',
    SHARED_BATCHING: 'false',
  });
  const origin = `http://127.0.0.1:${port}`;
  // Enough connections that no request waits on the client's side: the flood reaches the server as sent.
  const pool = new Pool(origin, { connections: 8000, pipelining: 1 });
  try {
    // Capacity: a closed loop that keeps the limiter busy.
    log('overload: measuring capacity');
    const capacitySeconds = quick ? 3 : 8;
    const done: Sample[] = [];
    let running = true;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (running) {
          done.push(await card(pool));
          if (performance.now() - started > capacitySeconds * 1000) running = false;
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const capacity = done.filter((s) => s.outcome === 'ok').length / elapsed;
    const rate = capacity * OVERLOAD_FACTOR;
    log(`overload: capacity ${capacity.toFixed(0)} ops/s; flooding at ${rate.toFixed(0)} requests/s`);
    // The flood: open loop, one request every 1/rate s, whatever happens to the earlier ones.
    const flood: Promise<Sample>[] = [];
    const floodStarted = performance.now();
    let sent = 0;
    while (performance.now() - floodStarted < seconds * 1000) {
      const due = Math.floor(((performance.now() - floodStarted) / 1000) * rate);
      for (; sent < due; sent++) flood.push(card(pool));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const samples = await Promise.all(flood);
    // Rates over the whole time it took to answer the flood, not only the time it was sent in.
    const floodSeconds = (performance.now() - floodStarted) / 1000;
    const by = (outcome: Outcome) => samples.filter((s) => s.outcome === outcome);
    const errorCodes: Record<string, number> = {};
    for (const s of by('error')) for (const code of s.codes) errorCodes[code] = (errorCodes[code] ?? 0) + 1;
    const refusedHow: Record<string, number> = {};
    for (const s of by('refused')) refusedHow[s.codes[0] ?? ''] = (refusedHow[s.codes[0] ?? ''] ?? 0) + 1;
    return {
      scenario: 'overload',
      capacityOpsPerSecond: Math.round(capacity),
      offeredPerSecond: Math.round(sent / seconds),
      answeredWithinSeconds: +floodSeconds.toFixed(1),
      servedPerSecond: Math.round(by('ok').length / floodSeconds),
      refusedPerSecond: Math.round(by('refused').length / floodSeconds),
      all: summary(samples),
      served: summary(by('ok')),
      refused: { ...summary(by('refused')), how: refusedHow },
      errors: { ...summary(by('error')), codes: errorCodes },
      deadlineMs: DEADLINE_MS,
      rateLimit,
    };
  } finally {
    await pool.close();
    await server.stop();
    await emulator.stop();
  }
}

async function heapUsed(origin: string): Promise<{ heap: number; rss: number }> {
  const text = await (await fetch(`${origin}/metrics`)).text();
  const read = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
  return { heap: read('nodejs_heap_size_used_bytes'), rss: read('process_resident_memory_bytes') };
}

/** Least-squares slope of (t, y). */
function slope(points: readonly [number, number][]): number {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const num = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const den = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

export async function runSoak(options: ChaosOptions = {}) {
  const { quick, seconds, log } = settingsOf(options, 150);
  prepareBuilds();
  const emulator = await startEmulatorProcess(EMULATOR);
  const port = await freePort();
  const server = await startServerProcess('server', port, emulator, {
    TENCENT_RATE_LIMIT: '200',
    REQUEST_DEADLINE_MS: String(DEADLINE_MS),
  });
  const origin = `http://127.0.0.1:${port}`;
  const pool = new Pool(origin, { connections: 64 });
  const operation = (): [string, Record<string, unknown>] => {
    const roll = Math.random();
    if (roll < 0.5) return [CARD, { id: pick() }];
    if (roll < 0.75) return [PAGE, { id: pick() }];
    if (roll < 0.95) return [COUNTS, { ids: Array.from({ length: 20 }, pick) }];
    return [Math.random() < 0.5 ? FOLLOW : UNFOLLOW, { ids: [pick()] }];
  };
  const samples: Sample[] = [];
  const heap: [number, number][] = [];
  const rss: [number, number][] = [];
  let running = true;
  const started = performance.now();
  const warmup = quick ? 5 : 20;
  try {
    log(`soak: 64 clients for ${seconds} s (heap sampled every 5 s after ${warmup} s)`);
    const sampler = (async () => {
      while (running) {
        await new Promise((resolve) => setTimeout(resolve, 5000));
        const t = (performance.now() - started) / 1000;
        if (t < warmup || !running) continue;
        const m = await heapUsed(origin);
        heap.push([t, m.heap / 2 ** 20]);
        rss.push([t, m.rss / 2 ** 20]);
      }
    })();
    await Promise.all(
      Array.from({ length: 64 }, async () => {
        while (running) {
          const [query, variables] = operation();
          samples.push(await request(pool, query, variables, pick()));
          if (performance.now() - started > seconds * 1000) running = false;
        }
      }),
    );
    await sampler;
    const by = (outcome: Outcome) => samples.filter((s) => s.outcome === outcome);
    const codes: Record<string, number> = {};
    for (const s of [...by('error'), ...by('refused')])
      for (const code of s.codes) codes[code] = (codes[code] ?? 0) + 1;
    const first = heap[0]?.[1] ?? 0;
    const last = heap.at(-1)?.[1] ?? 0;
    // Heap used swings with garbage collection; what a leak raises is its low-water mark.
    const third = Math.max(1, Math.floor(heap.length / 3));
    const floor = (points: [number, number][]) => +Math.min(...points.map(([, y]) => y)).toFixed(1);
    return {
      scenario: 'soak',
      seconds: seconds,
      opsPerSecond: Math.round(samples.length / seconds),
      ok: by('ok').length,
      refused: by('refused').length,
      errors: by('error').length,
      codes,
      latency: summary(samples),
      heapMb: {
        first: +first.toFixed(1),
        last: +last.toFixed(1),
        max: +Math.max(...heap.map(([, y]) => y)).toFixed(1),
        lowFirstThird: floor(heap.slice(0, third)),
        lowLastThird: floor(heap.slice(-third)),
      },
      heapSlopeMbPerMinute: +(slope(heap) * 60).toFixed(2),
      rssMb: { first: +(rss[0]?.[1] ?? 0).toFixed(1), last: +(rss.at(-1)?.[1] ?? 0).toFixed(1) },
      rssSlopeMbPerMinute: +(slope(rss) * 60).toFixed(2),
      samples: heap.length,
    };
  } finally {
    running = false;
    await pool.close();
    await server.stop();
    await emulator.stop();
  }
}

export function overloadMarkdown(r: Awaited<ReturnType<typeof runOverload>>, seconds: number): string {
  const lines: string[] = [];
  lines.push(
    `\n## overload: ${OVERLOAD_FACTOR}x the capacity for ${seconds} s (deadline ${DEADLINE_MS} ms, limiter ${r.rateLimit} calls/s per command)\n`,
  );
  lines.push(
    `capacity ${r.capacityOpsPerSecond} ops/s; offered ${r.offeredPerSecond}/s for ${seconds} s, all answered within ${r.answeredWithinSeconds} s: served ${r.servedPerSecond}/s, refused ${r.refusedPerSecond}/s`,
  );
  lines.push('| requests | count | p50 ms | p99 ms | max ms |');
  lines.push('|---|---|---|---|---|');
  for (const [name, s] of [
    ['all', r.all],
    ['served', r.served],
    ['refused (RATE_LIMITED)', r.refused],
    ['other errors', r.errors],
  ] as const) {
    lines.push(`| ${name} | ${s.count} | ${s.p50} | ${s.p99} | ${s.max} |`);
  }
  lines.push(
    `refused: ${JSON.stringify(r.refused.how)} (HTTP 503: shed at the door; HTTP 200: refused by the limiter)`,
  );
  if (Object.keys(r.errors.codes).length > 0) lines.push(`other errors: ${JSON.stringify(r.errors.codes)}`);
  return `${lines.join('\n')}\n`;
}

export function soakMarkdown(r: Awaited<ReturnType<typeof runSoak>>): string {
  const lines: string[] = [];
  lines.push(`\n## soak: 64 clients for ${r.seconds} s (defaults: cache and shared batching on)\n`);
  lines.push(
    `${r.opsPerSecond} ops/s; ok ${r.ok}, refused ${r.refused}, errors ${r.errors}; p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms`,
  );
  lines.push(
    `heap used ${r.heapMb.first} -> ${r.heapMb.last} MB (max ${r.heapMb.max}; lowest in the first third ${r.heapMb.lowFirstThird}, in the last third ${r.heapMb.lowLastThird}), ` +
      `slope ${r.heapSlopeMbPerMinute} MB/min over ${r.samples} samples; ` +
      `RSS ${r.rssMb.first} -> ${r.rssMb.last} MB, slope ${r.rssSlopeMbPerMinute} MB/min`,
  );
  if (Object.keys(r.codes).length > 0) lines.push(`codes: ${JSON.stringify(r.codes)}`);
  return `${lines.join('\n')}\n`;
}
