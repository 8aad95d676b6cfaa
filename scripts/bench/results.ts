/** What the bench records (the JSON file holds these, without the raw latencies). */
import type { Side } from './load.js';
import type { Scenario } from './scenarios/index.js';

export interface Measurement {
  side: Side;
  latencyMs: number;
  concurrency: number;
  round: number;
  ops: number;
  seconds: number;
  /** The measured process's own CPU time (user + system) over the window, per operation. */
  cpuMsPerOp: number;
  reqPerSecond: number;
  p50: number;
  p99: number;
  latencies: number[];
  /** Upstream calls the emulator received during the window, per operation. */
  callsPerOp: number;
}

export interface ScenarioResult {
  name: string;
  title: string;
  minimum: Scenario['minimum'];
  answersAgree: boolean;
  /** Upstream calls of one operation, per command. */
  calls: Record<Side, Record<string, number>>;
  /** Sequential round trips of one operation (alone, with 100 ms emulator latency). */
  roundTrips: Record<Side, number>;
  measurements: Measurement[];
}
