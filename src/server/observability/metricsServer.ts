/**
 * `/metrics` on a port of its own (METRICS_PORT), for a scraper on a private network: the public port
 * then does not serve it. METRICS_TOKEN, when set, is required here too.
 */
import { createServer, type Server } from 'node:http';
import { bearerMatches } from '../plugins/useOpsRoutes.js';
import type { ServerMetrics } from './metrics.js';

export function createMetricsServer(metrics: ServerMetrics, token: string | undefined): Server {
  return createServer({ headersTimeout: 5000, requestTimeout: 10_000 }, (req, res) => {
    const path = new URL(req.url ?? '/', 'http://metrics').pathname;
    if ((req.method !== 'GET' && req.method !== 'HEAD') || path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    if (token !== undefined && !bearerMatches(req.headers.authorization ?? null, token)) {
      res
        .writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' })
        .end('unauthorized\n');
      return;
    }
    metrics.render().then(
      ({ contentType, body }) => {
        res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      () => res.writeHead(500).end(),
    );
  });
}
