/**
 * Load shedding at the door, before any parsing: at most MAX_IN_FLIGHT_REQUESTS GraphQL requests are
 * worked on at once; beyond that a request is refused at once with HTTP 503, `Retry-After` and a GraphQL
 * error `RATE_LIMITED` (with `extensions.retryAfterMs`). A refusal costs a small fraction of a request,
 * so a flood cannot queue up work the server would finish long after its callers gave up (by Little's
 * law, the requests in flight divided by the rate they are served at is the time each one waits).
 * Deeper in, the client-side limiter refuses what its queue cannot serve in time (src/tencent/transport.ts).
 * /health, /ready and /metrics are never refused.
 */
import type { Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../../schema/context.js';

export interface LoadSheddingSettings {
  /** Requests worked on at once (0 = no limit). */
  maxInFlight: number;
  /** Path the limit applies to (the GraphQL endpoint). */
  path: string;
}

/** The hint given to refused callers. */
export const SHED_RETRY_AFTER_MS = 1000;

export function useLoadShedding(settings: LoadSheddingSettings): Plugin<GraphQLContext> {
  let inFlight = 0;
  const counted = new WeakSet<Request>();
  return {
    onRequest({ request, url, fetchAPI, endResponse }) {
      if (settings.maxInFlight <= 0 || url.pathname !== settings.path) return;
      if (inFlight >= settings.maxInFlight) {
        const body = JSON.stringify({
          errors: [
            {
              message: 'The server is overloaded; retry after `extensions.retryAfterMs`.',
              extensions: { code: 'RATE_LIMITED', retryAfterMs: SHED_RETRY_AFTER_MS },
            },
          ],
        });
        endResponse(
          new fetchAPI.Response(body, {
            status: 503,
            headers: {
              'content-type': 'application/json; charset=utf-8',
              'retry-after': String(Math.ceil(SHED_RETRY_AFTER_MS / 1000)),
            },
          }),
        );
        return;
      }
      inFlight++;
      counted.add(request);
    },
    onResponse({ request }) {
      if (!counted.has(request)) return;
      counted.delete(request);
      inFlight--;
    },
  };
}
