/**
 * Emulator-only control endpoints under /__emulator (never part of the GraphQL server):
 * - GET  /__emulator/stats        -> {"calls": {"follow/follow_get_info": 3, ...},
 *                                      "errors": {"follow/follow_get_info": {"60007": 1}, ...},
 *                                      "maxCallsPerSecond": {"follow/follow_get_info": 3, ...},
 *                                      "callbacks": {"sent": 2, "failed": 0, "dropped": 0}}
 * - POST /__emulator/stats/reset  zeroes the counters
 * - POST /__emulator/reset        empties all state: users, follows, official accounts, counters,
 *                                 fault rules and rate-limit buckets
 * - GET  /__emulator/faults       the active rules; POST replaces them ({"rules":[...]}, see faults.ts);
 *   DELETE clears them
 * - POST /__emulator/seed         {"seed":"demo"|"feed"|"none"}: resets state, then loads that seed
 * - GET  /__emulator/callback     where callbacks go ({"url", "signed"}); POST sets it ({"url","token"?}),
 *   DELETE stops them
 * - GET  /__emulator/latency      {"ms": n}; POST {"ms": n} sets the latency added to every REST call
 * - GET  /__emulator/log          {"calls": [{"command", "receivedMs", "answeredMs"}, ...]}: the most
 *                                 recent REST calls and their timing (monotonic ms), oldest first;
 *                                 zeroed with the counters
 * Answers are JSON; bad input is HTTP 400 {"error": "..."}, unknown paths 404, wrong methods 405.
 *
 * Browsers are kept out (controlGuard): any web page could otherwise fire a no-cors POST at
 * http://127.0.0.1:4100/__emulator/reset. A request with an Origin header (browsers send one on every
 * cross-origin request and on every POST/DELETE) is 403, and a body must be application/json (415),
 * which a no-cors request cannot send. Tools (curl, Node fetch, test helpers) send no Origin.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { parseCallbackTarget } from './callbackTarget.js';
import type { EmulatorCore } from './core.js';
import { parseRules } from './faults.js';
import { applySeed, EMULATOR_SEEDS, type EmulatorSeed } from './seeds.js';

export interface ControlAnswer {
  status: number;
  json: unknown;
}

function parseJson(body: Buffer): unknown {
  const text = body.toString('utf8');
  if (text.trim() === '') return {};
  return JSON.parse(text);
}

function resetStats(core: EmulatorCore): void {
  core.stats.clear();
  core.log.clear();
  Object.assign(core.callbacks.stats, { sent: 0, failed: 0, dropped: 0 });
}

export function resetAll(core: EmulatorCore): void {
  core.store.reset();
  resetStats(core);
  core.faults.clear();
  core.limiter.reset();
}

export const MAX_LATENCY_MS = 60_000;

function isLatency(ms: unknown): ms is number {
  return typeof ms === 'number' && Number.isInteger(ms) && ms >= 0 && ms <= MAX_LATENCY_MS;
}

const ROUTES: Record<string, Partial<Record<string, (core: EmulatorCore, body: Buffer) => ControlAnswer>>> = {
  '/__emulator/stats': {
    GET: (core) => ({
      status: 200,
      json: { ...core.stats.snapshot(), callbacks: { ...core.callbacks.stats } },
    }),
  },
  '/__emulator/stats/reset': {
    POST: (core) => {
      resetStats(core);
      return { status: 200, json: { ok: true } };
    },
  },
  '/__emulator/log': {
    GET: (core) => ({ status: 200, json: { calls: core.log.list() } }),
  },
  '/__emulator/latency': {
    GET: (core) => ({ status: 200, json: { ms: core.latencyMs } }),
    POST: (core, body) => {
      const ms = (parseJson(body) as { ms?: unknown } | null)?.ms;
      if (!isLatency(ms)) throw new Error(`ms must be an integer from 0 to ${MAX_LATENCY_MS}`);
      core.latencyMs = ms;
      return { status: 200, json: { ok: true, ms } };
    },
  },
  '/__emulator/reset': {
    POST: (core) => {
      resetAll(core);
      return { status: 200, json: { ok: true } };
    },
  },
  '/__emulator/faults': {
    GET: (core) => ({
      status: 200,
      json: {
        rules: core.faults.list().map(({ command, ...rule }) => ({
          ...(command.startsWith('callback:')
            ? { callback: command.slice('callback:'.length) }
            : { command }),
          ...rule,
          times: Number.isFinite(rule.times) ? rule.times : null,
        })),
      },
    }),
    POST: (core, body) => {
      const rules = parseRules(parseJson(body));
      core.faults.set(rules);
      return { status: 200, json: { ok: true, rules: rules.length } };
    },
    DELETE: (core) => {
      core.faults.clear();
      return { status: 200, json: { ok: true } };
    },
  },
  '/__emulator/callback': {
    GET: (core) => ({
      status: 200,
      json: { url: core.callbacks.target?.url ?? null, signed: core.callbacks.target?.token !== undefined },
    }),
    POST: (core, body) => {
      core.callbacks.target = parseCallbackTarget(parseJson(body));
      return { status: 200, json: { ok: true } };
    },
    DELETE: (core) => {
      core.callbacks.target = undefined;
      return { status: 200, json: { ok: true } };
    },
  },
  '/__emulator/seed': {
    POST: (core, body) => {
      const doc = parseJson(body) as { seed?: unknown };
      const seed = doc?.seed ?? 'demo';
      if (!(EMULATOR_SEEDS as readonly unknown[]).includes(seed)) {
        throw new Error(`seed must be one of ${EMULATOR_SEEDS.map((s) => `"${s}"`).join(', ')}`);
      }
      resetAll(core);
      applySeed(core.store, seed as EmulatorSeed);
      return { status: 200, json: { ok: true, users: core.store.users.size } };
    },
  },
};

function isJson(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/** The refusal for a request that may come from a browser, or undefined when it may proceed. */
export function controlGuard(headers: IncomingHttpHeaders, body: Buffer): ControlAnswer | undefined {
  if (headers.origin !== undefined) {
    return {
      status: 403,
      json: { error: 'control endpoints refuse browser requests (Origin header present)' },
    };
  }
  if (body.length > 0 && !isJson(headers['content-type'])) {
    return { status: 415, json: { error: 'a control request body must be content-type: application/json' } };
  }
  return undefined;
}

export function handleControl(
  core: EmulatorCore,
  method: string,
  path: string,
  headers: IncomingHttpHeaders,
  body: Buffer,
): ControlAnswer {
  const refused = controlGuard(headers, body);
  if (refused) return refused;
  const route = ROUTES[path.replace(/\/+$/, '')];
  if (!route) return { status: 404, json: { error: `no control endpoint ${path}` } };
  const handler = route[method];
  if (!handler) return { status: 405, json: { error: `${method} not allowed on ${path}` } };
  try {
    return handler(core, body);
  } catch (err) {
    return { status: 400, json: { error: err instanceof Error ? err.message : String(err) } };
  }
}
