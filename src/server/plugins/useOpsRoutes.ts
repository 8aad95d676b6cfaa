/**
 * Operational endpoints beside /graphql:
 * - GET /health  liveness: 200 {"status":"ok"} while the process serves HTTP;
 * - GET /ready   readiness (observability/readiness.ts); 503 {"status":"unavailable","reason"};
 * - GET /metrics Prometheus text format, as `metricsAccess` says: open (dev mode), behind a bearer token
 *   (METRICS_TOKEN), or not here at all (404: METRICS_PORT serves it elsewhere, or jwt / gateway mode
 *   without a token).
 */
import type { Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../../schema/context.js';
import { secretMatches } from '../auth/gateway.js';
import type { ServerMetrics } from '../observability/metrics.js';
import type { ReadinessResult } from '../observability/readiness.js';

export type MetricsAccess = { mode: 'open' } | { mode: 'token'; token: string } | { mode: 'off' };

/** True when `authorization` is `Bearer <token>` for this token (constant time). */
export function bearerMatches(authorization: string | null, token: string): boolean {
  const match = /^Bearer +(\S+) *$/i.exec(authorization ?? '');
  return match?.[1] !== undefined && secretMatches(match[1], token);
}

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
  metricsAccess: MetricsAccess;
}): Plugin<GraphQLContext> {
  // Not async: a GraphQL request passes straight through, without a promise to wait for.
  const { metricsAccess } = options;
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
        case '/metrics': {
          // Off here: the 404 of any unknown path (useErrorCodes.ts gives it its body).
          if (metricsAccess.mode === 'off') return;
          if (
            metricsAccess.mode === 'token' &&
            !bearerMatches(request.headers.get('authorization'), metricsAccess.token)
          ) {
            const refused = json(fetchAPI, 401, {
              errors: [
                { message: '/metrics needs its bearer token.', extensions: { code: 'UNAUTHENTICATED' } },
              ],
            });
            refused.headers.set('www-authenticate', 'Bearer');
            endResponse(refused);
            return;
          }
          return options.metrics.render().then(({ contentType, body }) =>
            endResponse(
              new fetchAPI.Response(body, {
                status: 200,
                headers: { 'content-type': contentType, 'cache-control': 'no-store' },
              }),
            ),
          );
        }
      }
    },
  };
}
