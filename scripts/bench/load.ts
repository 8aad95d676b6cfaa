/** A closed-loop load generator: `concurrency` workers send requests back to back for a while. */
import { Pool } from 'undici';
import type { Operation } from './scenarios/index.js';

export type Side = 'graphql' | 'bff';

export interface Target {
  side: Side;
  pool: Pool;
  gatewaySecret: string;
}

/** Operations without a viewer of their own are sent as this signed-in user (anonymous access is off). */
export const DEFAULT_VIEWER = 'carol';

export function target(side: Side, url: string, gatewaySecret: string): Target {
  return { side, pool: new Pool(url, { connections: 64, keepAliveTimeout: 30_000 }), gatewaySecret };
}

/** Sends one operation; returns the parsed answer (GraphQL: the whole response; BFF: `{ data }`). */
export async function send(t: Target, op: Operation): Promise<{ status: number; json: unknown }> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-gateway-secret': t.gatewaySecret,
    'x-user-id': op.viewer ?? DEFAULT_VIEWER,
  };
  const res = await t.pool.request({
    method: 'POST',
    path: t.side === 'graphql' ? '/graphql' : `/${op.route}`,
    headers,
    body: JSON.stringify(
      t.side === 'graphql' ? { query: op.query, variables: op.variables } : { variables: op.variables },
    ),
  });
  return { status: res.statusCode, json: await res.body.json() };
}

export interface Window {
  ops: number;
  seconds: number;
  /** Latency of each request, in ms. */
  latencies: number[];
}

/** Runs `concurrency` workers for at least `seconds` and `minOps` requests in total; fails on any error. */
export async function runWindow(
  t: Target,
  operation: (iteration: number, worker: number) => Operation,
  concurrency: number,
  seconds: number,
  minOps: number,
): Promise<Window> {
  const latencies: number[] = [];
  const started = performance.now();
  const until = started + seconds * 1000;
  let ops = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = 0; performance.now() < until || ops < minOps; i++) {
        const op = operation(i, worker);
        const t0 = performance.now();
        const { status, json } = await send(t, op);
        latencies.push(performance.now() - t0);
        ops++;
        if (status !== 200 || (json as { errors?: unknown }).errors) {
          throw new Error(`${t.side} ${op.route}: HTTP ${status} ${JSON.stringify(json).slice(0, 300)}`);
        }
      }
    }),
  );
  return { ops, seconds: (performance.now() - started) / 1000, latencies };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}
