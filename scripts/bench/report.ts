/** The Markdown report: calls and round trips against the minimum, then one table per emulator latency. */
import type { Side } from './load.js';
import { percentile } from './load.js';
import type { Measurement, ScenarioResult } from './results.js';

interface RunInfo {
  command: string;
  date: string;
  commit: string;
  node: string;
  nodeFlags: string[];
  machine: { cpus: number; cpuModel: string; loadAverageBefore: number[]; loadAverageAfter: number[] };
  options: { seconds: number; rounds: number; latencies: number[]; concurrencies: number[] };
}

const total = (calls: Record<string, number>) => Object.values(calls).reduce((a, b) => a + b, 0);
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '-');
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '-');

function pick(r: ScenarioResult, side: Side, latencyMs: number, concurrency: number): Measurement[] {
  return r.measurements.filter(
    (m) => m.side === side && m.latencyMs === latencyMs && m.concurrency === concurrency,
  );
}

/** Pooled figures of the rounds of one side at one setting. */
function pooled(ms: Measurement[]) {
  const ops = ms.reduce((a, m) => a + m.ops, 0);
  const latencies = ms.flatMap((m) => m.latencies);
  return {
    cpuMsPerOp: ms.reduce((a, m) => a + m.cpuMsPerOp * m.ops, 0) / ops,
    reqPerSecond: ops / ms.reduce((a, m) => a + m.seconds, 0),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

/** CPU ratio GraphQL/BFF of the whole run, and its range over the rounds (how noisy the run was). */
function cpuRatio(r: ScenarioResult, latencyMs: number, concurrency: number): string {
  const g = pick(r, 'graphql', latencyMs, concurrency);
  const b = pick(r, 'bff', latencyMs, concurrency);
  const ratio = pooled(g).cpuMsPerOp / pooled(b).cpuMsPerOp;
  const perRound = g.map((m, i) => m.cpuMsPerOp / (b[i]?.cpuMsPerOp ?? Number.NaN));
  const range = perRound.length > 1 ? ` (${f2(Math.min(...perRound))}-${f2(Math.max(...perRound))})` : '';
  return `${f2(ratio)}x${range}`;
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function callsTable(results: ScenarioResult[]): string[] {
  const lines = [
    row([
      'scenario',
      'answers agree',
      'calls/op GraphQL',
      'BFF',
      'minimum',
      'round trips GraphQL',
      'BFF',
      'minimum',
    ]),
    row(Array(8).fill('---')),
  ];
  for (const r of results) {
    lines.push(
      row([
        r.title,
        r.answersAgree ? 'yes' : '**no**',
        String(total(r.calls.graphql)),
        String(total(r.calls.bff)),
        String(total(r.minimum.calls)),
        String(r.roundTrips.graphql),
        String(r.roundTrips.bff),
        String(r.minimum.roundTrips),
      ]),
    );
  }
  return lines;
}

function latencyTable(results: ScenarioResult[], latencyMs: number): string[] {
  const lines = [
    row([
      'scenario',
      'server CPU ms/op GraphQL',
      'BFF',
      'CPU ratio (per round)',
      'req/s c=16 GraphQL',
      'BFF',
      'p50 c=1 GraphQL',
      'BFF',
      'p99 c=1 GraphQL',
      'BFF',
      'p50 c=16 GraphQL',
      'BFF',
      'p50 ratio c=16',
      'p99 c=16 GraphQL',
      'BFF',
    ]),
    row(Array(15).fill('---')),
  ];
  for (const r of results) {
    const g1 = pooled(pick(r, 'graphql', latencyMs, 1));
    const b1 = pooled(pick(r, 'bff', latencyMs, 1));
    const g16 = pooled(pick(r, 'graphql', latencyMs, 16));
    const b16 = pooled(pick(r, 'bff', latencyMs, 16));
    lines.push(
      row([
        r.title,
        f2(g16.cpuMsPerOp),
        f2(b16.cpuMsPerOp),
        cpuRatio(r, latencyMs, 16),
        f1(g16.reqPerSecond).replace(/\.\d$/, ''),
        f1(b16.reqPerSecond).replace(/\.\d$/, ''),
        f1(g1.p50),
        f1(b1.p50),
        f1(g1.p99),
        f1(b1.p99),
        f1(g16.p50),
        f1(b16.p50),
        f2(g16.p50 / b16.p50),
        f1(g16.p99),
        f1(b16.p99),
      ]),
    );
  }
  return lines;
}

export function markdownReport(run: RunInfo, results: ScenarioResult[]): string {
  const m = run.machine;
  const out = [
    `## Benchmark: GraphQL server vs hand-written BFF`,
    '',
    `\`${run.command}\` on ${run.date.slice(0, 10)}, commit ${run.commit}, Node ${run.node} ` +
      `${run.nodeFlags.join(' ')}, ${m.cpus} x ${m.cpuModel}; load average ${m.loadAverageBefore.join(' ')} ` +
      `before, ${m.loadAverageAfter.join(' ')} after. ${run.options.rounds} rounds of ${run.options.seconds} s ` +
      "per side and setting, sides alternating. CPU is each process's own (user + system), at c=16; " +
      'latencies in ms.',
    '',
    '### Upstream calls and sequential round trips per operation',
    '',
    ...callsTable(results),
  ];
  for (const latencyMs of run.options.latencies) {
    out.push('', `### Emulator latency ${latencyMs} ms per call`, '', ...latencyTable(results, latencyMs));
  }
  return `${out.join('\n')}\n`;
}
