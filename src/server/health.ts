/**
 * Operational endpoints beside /graphql:
 * - GET /health  liveness: 200 {"status":"ok"} while the process serves HTTP;
 * - GET /ready   readiness: upstream reachable and our signature accepted (a cheap follow_get_info for
 *                the admin account), cached for a few seconds; 503 {"status":"unavailable","reason"}.
 * - GET /metrics Prometheus text format.
 */
import type { Plugin } from 'graphql-yoga';
import type { ChatApi } from '../tencent/api.js';
import { TencentError } from '../tencent/errors.js';
import type { GraphQLContext } from './context.js';
import type { ServerMetrics } from './metrics.js';

export type ReadinessResult = { ready: true } | { ready: false; reason: string };

export interface ReadinessOptions {
  api: ChatApi;
  adminIdentifier: string;
  /** How long an answer is reused. */
  cacheMs: number;
  /** A probe slower than this counts as not ready. */
  timeoutMs?: number;
}

function reasonOf(error: unknown): string {
  if (error instanceof TencentError) {
    if (error.kind === 'api') return `upstream refused the call (Tencent error ${error.code})`;
    if (error.kind === 'http') return `upstream answered HTTP ${error.httpStatus}`;
    return `upstream ${error.kind} error`;
  }
  return 'upstream check failed';
}

export function createReadinessCheck(options: ReadinessOptions): () => Promise<ReadinessResult> {
  const timeoutMs = options.timeoutMs ?? 3000;
  let cached: { at: number; result: ReadinessResult } | undefined;
  let inFlight: Promise<ReadinessResult> | undefined;

  const probe = async (): Promise<ReadinessResult> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<ReadinessResult>((resolve) => {
      timer = setTimeout(
        () => resolve({ ready: false, reason: `upstream did not answer within ${timeoutMs} ms` }),
        timeoutMs,
      );
    });
    const call = options.api
      .call('follow/follow_get_info', {
        From_Account: options.adminIdentifier,
        To_Account: [options.adminIdentifier],
      })
      .then(
        (): ReadinessResult => ({ ready: true }),
        (error: unknown): ReadinessResult => ({ ready: false, reason: reasonOf(error) }),
      );
    try {
      return await Promise.race([call, timeout]);
    } finally {
      clearTimeout(timer);
    }
  };

  return () => {
    const now = Date.now();
    if (cached && now - cached.at < options.cacheMs) return Promise.resolve(cached.result);
    inFlight ??= probe().then((result) => {
      cached = { at: Date.now(), result };
      inFlight = undefined;
      return result;
    });
    return inFlight;
  };
}

type FetchApi = { Response: typeof Response };

function json(fetchAPI: FetchApi, status: number, body: unknown): Response {
  return new fetchAPI.Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}

export function opsRoutesPlugin(options: {
  ready: () => Promise<ReadinessResult>;
  metrics: ServerMetrics;
}): Plugin<GraphQLContext> {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      switch (url.pathname) {
        case '/health':
          endResponse(json(fetchAPI, 200, { status: 'ok' }));
          return;
        case '/ready': {
          const result = await options.ready();
          endResponse(
            result.ready
              ? json(fetchAPI, 200, { status: 'ready' })
              : json(fetchAPI, 503, { status: 'unavailable', reason: result.reason }),
          );
          return;
        }
        case '/metrics': {
          const { contentType, body } = await options.metrics.render();
          endResponse(
            new fetchAPI.Response(body, {
              status: 200,
              headers: { 'content-type': contentType, 'cache-control': 'no-store' },
            }),
          );
          return;
        }
      }
    },
  };
}
