/**
 * Operational endpoints beside /graphql:
 * - GET /health  liveness: 200 {"status":"ok"} while the process serves HTTP;
 * - GET /ready   readiness (observability/readiness.ts); 503 {"status":"unavailable","reason"};
 * - GET /metrics Prometheus text format.
 */
import type { Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../../schema/context.js';
import type { ServerMetrics } from '../observability/metrics.js';
import type { ReadinessResult } from '../observability/readiness.js';

type FetchApi = { Response: typeof Response };

function json(fetchAPI: FetchApi, status: number, body: unknown): Response {
  return new fetchAPI.Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}

export function useOpsRoutes(options: {
  ready: () => Promise<ReadinessResult>;
  metrics: ServerMetrics;
}): Plugin<GraphQLContext> {
  // Not async: a GraphQL request passes straight through, without a promise to wait for.
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      switch (url.pathname) {
        case '/health':
          endResponse(json(fetchAPI, 200, { status: 'ok' }));
          return;
        case '/ready':
          return options
            .ready()
            .then((result) =>
              endResponse(
                result.ready
                  ? json(fetchAPI, 200, { status: 'ready' })
                  : json(fetchAPI, 503, { status: 'unavailable', reason: result.reason }),
              ),
            );
        case '/metrics':
          return options.metrics.render().then(({ contentType, body }) =>
            endResponse(
              new fetchAPI.Response(body, {
                status: 200,
                headers: { 'content-type': contentType, 'cache-control': 'no-store' },
              }),
            ),
          );
      }
    },
  };
}
