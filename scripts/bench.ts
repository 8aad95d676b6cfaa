/**
 * `npm run bench`: GraphQL vs direct REST on the same emulator, in one run, so the figures are ratios
 * that hold on any machine. Each scenario runs the GraphQL query and the equivalent hand-written REST
 * calls (the ones an expert would make, with the same concurrency) for the same number of iterations.
 *
 * Options (env): BENCH_ITERATIONS (default 200), BENCH_CONCURRENCY (default 8).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import { loadConfig } from '../src/config/index.js';
import { DEMO, startEmulator } from '../src/emulator/index.js';
import { createDataPlane } from '../src/server/dataPlane.js';
import { createGraphQLServer } from '../src/server/index.js';
import { createLogger } from '../src/server/observability/logger.js';
import { DEFAULT_SHARED_READS } from '../src/sharedReads/index.js';
import type { ChatApi } from '../src/tencent/api.js';
import { createTencentClient } from '../src/tencent/client.js';
import { configForUpstream } from '../src/tencent/config.js';
import { FollowListType } from '../src/tencent/wire.js';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

interface Scenario {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  headers?: Record<string, string>;
  /** The same data fetched straight from the REST API. */
  direct(api: ChatApi): Promise<unknown>;
}

const twentyUsers = DEMO.users.slice(10, 30);

const scenarios: Scenario[] = [
  {
    name: 'counts of 20 users',
    query:
      'query($ids:[ID!]!){ users(ids:$ids){ id followers{totalCount} following{totalCount} mutuals{totalCount} } }',
    variables: { ids: twentyUsers },
    direct: (api) => api.followGetInfo(twentyUsers),
  },
  {
    name: 'one page of 100 followers with profiles',
    query:
      'query{ user(id:"alice"){ followers(first:100){ edges{ cursor followedAt node{ id profile{ nickname avatarUrl } } } pageInfo{ hasNextPage endCursor } } } }',
    direct: (api) => api.followGet('alice', FollowListType.Fans, '', 100),
  },
  {
    name: '100 followers x (3 counts + viewerIsFollowing)',
    query:
      'query{ user(id:"alice"){ followers(first:100){ nodes{ id viewerIsFollowing followers{totalCount} following{totalCount} mutuals{totalCount} } } } }',
    headers: { 'x-user-id': 'bob' },
    async direct(api) {
      const page = await api.followGet('alice', FollowListType.Fans, '', 100);
      const ids = page.items.map((i) => i.To_Account);
      return Promise.all([api.followGetInfo(ids), api.followCheck('bob', ids)]);
    },
  },
];

async function runMany(n: number, concurrency: number, op: () => Promise<void>): Promise<number> {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < n) await op();
    }),
  );
  return performance.now() - started;
}

async function main() {
  const emulator = await startEmulator({ port: 0, seed: 'demo', rateLimitPerSecond: 0 });
  const api = createTencentClient(configForUpstream(emulator, { rateLimitPerSecond: 0 }));
  const config = { ...loadConfig({}).server, port: 0 };
  const yoga = createGraphQLServer({
    api,
    config: { ...config, callbacks: { ...config.callbacks, enabled: false } },
    upstream: { sdkAppId: emulator.sdkAppId, adminIdentifier: emulator.admin },
    // Every iteration makes its upstream calls: the comparison is per request, not of the cache.
    dataPlane: createDataPlane({ settings: { ...DEFAULT_SHARED_READS, cache: 'off', batching: false } }),
    logger: createLogger({ level: 'silent' }),
  });
  const server = createServer(yoga);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const http = new Pool(origin, { connections: CONCURRENCY });

  const stats = async (): Promise<Record<string, number>> =>
    ((await (await fetch(`${emulator.url}/__emulator/stats`)).json()) as { calls: Record<string, number> })
      .calls;
  const resetStats = () => fetch(`${emulator.url}/__emulator/stats/reset`, { method: 'POST' });
  const sum = (calls: Record<string, number>) => Object.values(calls).reduce((a, b) => a + b, 0);

  console.log(
    `GraphQL vs direct REST on one emulator: ${ITERATIONS} iterations, concurrency ${CONCURRENCY}\n`,
  );
  const rows: string[][] = [];
  for (const s of scenarios) {
    const graphql = async () => {
      const res = await http.request({
        path: '/graphql',
        method: 'POST',
        headers: { 'content-type': 'application/json', ...s.headers },
        body: JSON.stringify({ query: s.query, variables: s.variables }),
      });
      const body = (await res.body.json()) as { errors?: unknown };
      if (res.statusCode !== 200 || body.errors) throw new Error(`${s.name}: ${JSON.stringify(body)}`);
    };
    const direct = async () => {
      await s.direct(api);
    };
    // Warm up both paths (JIT, keep-alive connections), then measure.
    await runMany(20, CONCURRENCY, graphql);
    await runMany(20, CONCURRENCY, direct);
    await resetStats();
    const gqlMs = await runMany(ITERATIONS, CONCURRENCY, graphql);
    const gqlCalls = sum(await stats()) / ITERATIONS;
    await resetStats();
    const directMs = await runMany(ITERATIONS, CONCURRENCY, direct);
    const directCalls = sum(await stats()) / ITERATIONS;
    rows.push([
      s.name,
      (gqlMs / directMs).toFixed(2),
      gqlCalls.toFixed(1),
      directCalls.toFixed(1),
      ((ITERATIONS / gqlMs) * 1000).toFixed(0),
    ]);
  }
  const header = [
    'scenario',
    'GraphQL time / REST time',
    'upstream calls/op (GraphQL)',
    '(REST)',
    'GraphQL ops/s',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  console.log(line(header));
  for (const r of rows) console.log(line(r));
  console.log('\nops/s is this machine only; compare the ratios.');

  await http.close();
  server.close();
  await api.close();
  await emulator.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
