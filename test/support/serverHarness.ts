/**
 * Server-test rig: the shared harness (real emulator, real client, real server on loopback) configured
 * from an environment like production start-up, with the server's log lines captured.
 */
import { createLogger } from '../../src/server/observability/logger.js';
import type { TencentConfig } from '../../src/tencent/config.js';
import { serverConfig } from './config.js';
import { type Harness, startHarness } from './harness.js';

export interface ServerHarness extends Harness {
  /** Base URL without /graphql, e.g. http://127.0.0.1:1234 */
  base: string;
  /** Raw log lines written so far. */
  logText(): string;
  /** Parsed log lines written so far. */
  logs(): Record<string, unknown>[];
  /** A request to any path of the server. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** POST a GraphQL request and return status, headers and parsed body. */
  post(
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; headers: Headers; json: GqlBody; text: string }>;
}

export interface GqlBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

export interface ServerHarnessOptions {
  /** Server environment (no TENCENT_SDKAPPID: the auth rules of the embedded emulator apply). */
  env?: Record<string, string>;
  tencent?: Partial<TencentConfig>;
  seed?: 'demo' | 'none';
}

export async function startServer(options: ServerHarnessOptions = {}): Promise<ServerHarness> {
  const lines: string[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: { write: (line: string) => void lines.push(line) },
  });
  const config = { ...serverConfig({ LOG_LEVEL: 'debug', ...options.env }), port: 0 };
  const harness = await startHarness({
    seed: options.seed ?? 'demo',
    server: config,
    logger,
    ...(options.tencent && { tencent: options.tencent }),
  });
  const base = harness.url.replace(/\/graphql$/, '');
  return {
    ...harness,
    base,
    logText: () => lines.join(''),
    logs: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    fetch: (path, init) => fetch(`${base}${path}`, init),
    async post(body, headers = {}) {
      const res = await fetch(harness.url, {
        method: 'POST',
        // GraphQL over HTTP: with this media type, request errors get 4xx statuses.
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json;q=0.9',
          ...headers,
        },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, headers: res.headers, json: JSON.parse(text) as GqlBody, text };
    },
  };
}

/** The `extensions.code` of each error. */
export function codes(body: GqlBody): unknown[] {
  return (body.errors ?? []).map((e) => e.extensions?.code);
}
