/**
 * `npm run bench -- --quick`, spawned as CI would run it: the GraphQL server, the BFF and the emulator
 * in their own processes, a handful of requests per scenario. It asserts nothing about speed; it
 * asserts what the bench checks: both sides answer the same JSON, and the GraphQL server makes the
 * minimum of upstream calls and sequential round trips on every workload.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../scripts/bench/scenarios/index.js';
import { ROOT } from '../support/files.js';

const tmp = mkdtempSync(join(tmpdir(), 'bench-quick-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Result {
  name: string;
  answersAgree: boolean;
  calls: { graphql: Record<string, number>; bff: Record<string, number> };
  roundTrips: { graphql: number; bff: number };
  minimum: { calls: Record<string, number>; roundTrips: number };
  measurements: { side: string; latencyMs: number; concurrency: number; ops: number; cpuMsPerOp: number }[];
}

const total = (calls: Record<string, number>) => Object.values(calls).reduce((a, b) => a + b, 0);

describe('npm run bench -- --quick', () => {
  it('runs every scenario: same answers, minimum calls and round trips, figures for each setting', async () => {
    const json = join(tmp, 'results.json');
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        'npm',
        ['run', '--silent', 'bench', '--', '--quick', '--json', json],
        { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 10 * 1024 * 1024 },
        (error, stdout, stderr) =>
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
      );
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('### Emulator latency 30 ms per call');
    const report = JSON.parse(readFileSync(json, 'utf8')) as {
      node: string;
      commit: string;
      scenarios: Result[];
    };
    expect(report.node).toBe(process.version);
    expect(report.scenarios.map((s) => s.name)).toEqual(SCENARIOS.map((s) => s.name));
    for (const s of report.scenarios) {
      expect(s.answersAgree, s.name).toBe(true);
      // The BFF is the hand-written minimum; the GraphQL server must match it call for call.
      expect([total(s.calls.graphql), s.roundTrips.graphql], s.name).toEqual([
        total(s.minimum.calls),
        s.minimum.roundTrips,
      ]);
      expect([total(s.calls.bff), s.roundTrips.bff], s.name).toEqual([
        total(s.minimum.calls),
        s.minimum.roundTrips,
      ]);
      // Every side, latency and concurrency was measured (2 x 2 x 2 windows of one round).
      expect(s.measurements, s.name).toHaveLength(8);
      for (const m of s.measurements) expect(m.ops, s.name).toBeGreaterThanOrEqual(m.concurrency);
    }
  }, 120_000);
});
