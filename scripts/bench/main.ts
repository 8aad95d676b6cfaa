/**
 * `npm run bench`: the GraphQL server against a hand-written BFF (scripts/bench/bff), side by side in
 * one run, each in its own process, over one emulator in a third (see docs/benchmark.md).
 *
 *   npm run bench [-- --quick] [--scenario <name>]... [--seconds <s>] [--rounds <n>] [--json <file>]
 *                 [--profile <dir>]   (the server writes a V8 CPU profile into <dir> when it stops)
 *
 * For every scenario: both sides' answers must agree (else exit 1); upstream calls and sequential round
 * trips per operation are read from the emulator; then, at 0 ms and at 30 ms emulator latency and with 1
 * and 16 concurrent clients, each side runs for `--seconds` per round (sides alternate, `--rounds`
 * times): req/s, p50/p99 and each process's own CPU per operation. Markdown on stdout, JSON in a file.
 * `--quick` (CI) runs a handful of requests per window: the figures mean nothing, the checks still run.
 *
 * Some scenarios measure a deployment instead of the server against the BFF, each with processes of its
 * own: `feed` (what Tencent's 200 calls/s allow, shared reads off and on; feed.ts), `scale` (three
 * replicas behind nginx sharing Tencent's budget through Redis, losing a replica and Redis; scale.ts),
 * `overload` (a flood at 6x capacity; `--rate-limit N`) and `soak` (150 s, the heap; chaos.ts). They
 * run only when named (`--seconds` sets their length).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { overloadMarkdown, runOverload, runSoak, soakMarkdown } from './chaos.js';
import { feedMarkdown, runFeed } from './feed.js';
import { percentile, runWindow, type Side, send, type Target, target } from './load.js';
import { cpuMs, prepareBuilds, ROOT, type Stack, startFlags, startStack } from './processes.js';
import { markdownReport } from './report.js';
import type { Measurement, ScenarioResult } from './results.js';
import { type LoggedCall, roundTrips } from './roundTrips.js';
import { runScale, scaleMarkdown } from './scale.js';
import { type Operation, SCENARIOS, type Scenario } from './scenarios/index.js';

/** Runs that measure a deployment, not the server against the BFF: Markdown and their JSON. */
const DEPLOYMENT_RUNS: Record<string, (seconds?: number) => Promise<{ markdown: string; json: unknown }>> = {
  overload: async (seconds) => {
    const options = {
      quick: QUICK,
      ...(seconds && { seconds }),
      ...(args['rate-limit'] && { rateLimit: Number(args['rate-limit']) }),
      log: (line: string) => console.error(line),
    };
    const report = await runOverload(options);
    return { markdown: overloadMarkdown(report, seconds ?? (QUICK ? 10 : 20)), json: report };
  },
  soak: async (seconds) => {
    const report = await runSoak({
      quick: QUICK,
      ...(seconds && { seconds }),
      log: (line) => console.error(line),
    });
    return { markdown: soakMarkdown(report), json: report };
  },
  feed: async (seconds) => {
    const report = await runFeed({
      ...(QUICK && { seconds: 3, warmupSeconds: 1 }),
      ...(seconds && { seconds }),
      log: (line) => console.error(line),
    });
    return { markdown: feedMarkdown(report), json: report };
  },
  scale: async (seconds) => {
    const report = await runScale({ ...(seconds && { seconds }), log: (line) => console.error(line) });
    return { markdown: scaleMarkdown(report), json: report };
  },
};

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    scenario: { type: 'string', multiple: true },
    seconds: { type: 'string' },
    rounds: { type: 'string' },
    json: { type: 'string' },
    profile: { type: 'string' },
    'rate-limit': { type: 'string' },
  },
});

const QUICK = args.quick ?? false;
const SECONDS = Number(args.seconds ?? (QUICK ? 0 : 1.5));
const ROUNDS = Number(args.rounds ?? (QUICK ? 1 : 2));
const LATENCIES = [0, 30];
/** Latency while round trips are counted: long enough that the calls of one round always overlap. */
const ROUND_TRIP_LATENCY_MS = 100;
const CONCURRENCIES = [1, 16];
const JSON_FILE = resolve(args.json ?? join(ROOT, '.bench/results.json'));

function selectedScenarios(): Scenario[] {
  if (!args.scenario) return SCENARIOS;
  const known = [...SCENARIOS.map((s) => s.name), ...Object.keys(DEPLOYMENT_RUNS)];
  for (const name of args.scenario) {
    if (!known.includes(name)) throw new Error(`no scenario ${name}; known: ${known.join(', ')}`);
  }
  return SCENARIOS.filter((s) => args.scenario?.includes(s.name));
}

/** The deployment runs named with --scenario, in order; each writes its JSON next to --json. */
async function deploymentRuns(): Promise<void> {
  for (const name of (args.scenario ?? []).filter((n) => n in DEPLOYMENT_RUNS)) {
    process.stderr.write(`bench: ${name}\n`);
    const run = DEPLOYMENT_RUNS[name] as (typeof DEPLOYMENT_RUNS)[string];
    const { markdown, json } = await run(args.seconds ? Number(args.seconds) : undefined);
    console.log(markdown);
    const file = JSON_FILE.replace(/\.json$/, `.${name}.json`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(
      file,
      `${JSON.stringify({ scenario: name, node: process.version, date: new Date().toISOString(), loadAverage: loadavg(), ...(json as object) }, null, 2)}\n`,
    );
    process.stderr.write(`bench: ${name} results in ${file}\n`);
  }
}

function emulatorControl(stack: Stack) {
  const url = (path: string) => `${stack.emulator.url}/__emulator/${path}`;
  const post = (path: string, body?: unknown) =>
    fetch(url(path), {
      method: 'POST',
      ...(body !== undefined && {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    }).then((r) => r.json());
  return {
    setLatency: (ms: number) => post('latency', { ms }),
    resetStats: () => post('stats/reset'),
    calls: async () =>
      ((await (await fetch(url('stats'))).json()) as { calls: Record<string, number> }).calls,
    log: async () => ((await (await fetch(url('log'))).json()) as { calls: LoggedCall[] }).calls,
  };
}

const total = (calls: Record<string, number>) => Object.values(calls).reduce((a, b) => a + b, 0);

/** The data both sides answered, or the reason they differ. */
function compareAnswers(graphql: unknown, bff: unknown): string | undefined {
  const g = JSON.stringify(sortKeys(graphql));
  const b = JSON.stringify(sortKeys({ data: (bff as { data: unknown }).data }));
  if (g === b) return undefined;
  let at = 0;
  while (at < g.length && g[at] === b[at]) at++;
  return `answers differ at character ${at}: GraphQL …${g.slice(Math.max(0, at - 60), at + 80)}… BFF …${b.slice(Math.max(0, at - 60), at + 80)}…`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
  );
}

async function checkScenario(
  scenario: Scenario,
  stack: Stack,
  targets: Record<Side, Target>,
): Promise<Pick<ScenarioResult, 'calls' | 'roundTrips' | 'answersAgree'>> {
  const emulator = emulatorControl(stack);
  const op: Operation = scenario.operation(0, 0);
  const answers: Partial<Record<Side, unknown>> = {};
  const calls: Partial<Record<Side, Record<string, number>>> = {};
  const trips: Partial<Record<Side, number>> = {};
  await emulator.setLatency(0);
  for (const side of ['graphql', 'bff'] as const) {
    await emulator.resetStats();
    answers[side] = (await send(targets[side], op)).json;
    calls[side] = await emulator.calls();
  }
  // Round trips: one operation alone, every upstream call slowed down, read from the call log.
  await emulator.setLatency(ROUND_TRIP_LATENCY_MS);
  for (const side of ['graphql', 'bff'] as const) {
    await emulator.resetStats();
    await send(targets[side], op);
    trips[side] = roundTrips(await emulator.log());
  }
  await emulator.setLatency(0);
  const difference = compareAnswers(answers.graphql, answers.bff);
  if (difference) console.error(`${scenario.name}: ${difference}`);
  return {
    answersAgree: difference === undefined,
    calls: calls as Record<Side, Record<string, number>>,
    roundTrips: trips as Record<Side, number>,
  };
}

async function measure(
  scenario: Scenario,
  stack: Stack,
  targets: Record<Side, Target>,
): Promise<Measurement[]> {
  const emulator = emulatorControl(stack);
  const pids: Record<Side, number> = { graphql: stack.server.pid, bff: stack.bff.pid };
  const out: Measurement[] = [];
  await emulator.setLatency(0);
  for (const side of ['graphql', 'bff'] as const) {
    await runWindow(targets[side], scenario.operation, 16, QUICK ? 0 : 1, 16);
  }
  for (const latencyMs of LATENCIES) {
    await emulator.setLatency(latencyMs);
    for (const concurrency of CONCURRENCIES) {
      for (let round = 0; round < ROUNDS; round++) {
        const sides: Side[] = round % 2 === 0 ? ['graphql', 'bff'] : ['bff', 'graphql'];
        for (const side of sides) {
          await emulator.resetStats();
          const cpuBefore = cpuMs(pids[side]);
          const window = await runWindow(
            targets[side],
            scenario.operation,
            concurrency,
            SECONDS,
            concurrency,
          );
          const cpu = cpuMs(pids[side]) - cpuBefore;
          const calls = await emulator.calls();
          out.push({
            side,
            latencyMs,
            concurrency,
            round,
            ops: window.ops,
            seconds: window.seconds,
            cpuMsPerOp: cpu / window.ops,
            reqPerSecond: window.ops / window.seconds,
            p50: percentile(window.latencies, 50),
            p99: percentile(window.latencies, 99),
            latencies: window.latencies,
            callsPerOp: total(calls) / window.ops,
          });
        }
      }
    }
  }
  await emulator.setLatency(0);
  return out;
}

function commit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim();
    return dirty ? `${sha}+changes` : sha;
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const scenarios = selectedScenarios();
  if (scenarios.length === 0) {
    await deploymentRuns();
    return;
  }
  const measuredCommit = commit();
  prepareBuilds();
  const flags = startFlags();
  const loadBefore = loadavg();
  const stack = await startStack(flags, args.profile && resolve(args.profile));
  const targets = {
    graphql: target('graphql', stack.server.url, stack.gatewaySecret),
    bff: target('bff', stack.bff.url, stack.gatewaySecret),
  };
  const results: ScenarioResult[] = [];
  try {
    for (const scenario of scenarios) {
      process.stderr.write(`bench: ${scenario.name}\n`);
      const checked = await checkScenario(scenario, stack, targets);
      const measurements = await measure(scenario, stack, targets);
      results.push({
        name: scenario.name,
        title: scenario.title,
        minimum: scenario.minimum,
        ...checked,
        measurements,
      });
    }
  } finally {
    await Promise.all([targets.graphql.pool.close(), targets.bff.pool.close()]);
    await stack.stop();
  }
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const run = {
    command,
    date: new Date().toISOString(),
    commit: measuredCommit,
    node: process.version,
    nodeFlags: flags,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      loadAverageBefore: loadBefore.map((x) => Number(x.toFixed(2))),
      loadAverageAfter: loadavg().map((x) => Number(x.toFixed(2))),
    },
    options: {
      quick: QUICK,
      seconds: SECONDS,
      rounds: ROUNDS,
      latencies: LATENCIES,
      concurrencies: CONCURRENCIES,
    },
  };
  console.log(markdownReport(run, results));
  mkdirSync(dirname(JSON_FILE), { recursive: true });
  writeFileSync(
    JSON_FILE,
    `${JSON.stringify(
      {
        ...run,
        scenarios: results.map((r) => ({
          ...r,
          measurements: r.measurements.map(({ latencies: _, ...m }) => m),
        })),
      },
      null,
      2,
    )}\n`,
  );
  process.stderr.write(`bench: results in ${JSON_FILE}\n`);
  await deploymentRuns();
  if (results.some((r) => !r.answersAgree)) {
    console.error('bench: the GraphQL server and the BFF answered differently (see above)');
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
