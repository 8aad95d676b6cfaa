/**
 * The node:http server in front of yoga, with deliberate timeouts: a client that trickles its headers
 * or its body, or holds an idle keep-alive connection, is cut off instead of holding a socket for
 * minutes. Node checks these timeouts on an interval (30 s by default): it runs every second here, so a
 * timeout fires within a second of its value.
 */
import { createServer, type RequestListener, type Server } from 'node:http';

export interface HttpSettings {
  /** Time to receive a request's headers (HTTP_HEADERS_TIMEOUT_MS). */
  headersTimeoutMs: number;
  /** Time to receive a whole request, body included (HTTP_REQUEST_TIMEOUT_MS). */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open (HTTP_KEEP_ALIVE_TIMEOUT_MS). */
  keepAliveTimeoutMs: number;
}

export const HTTP_DEFAULTS: HttpSettings = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5000,
};

export function createHttpServer(handler: RequestListener, settings: HttpSettings = HTTP_DEFAULTS): Server {
  return createServer(
    {
      // Node wants the headers timeout to be no longer than the request timeout.
      headersTimeout: Math.min(settings.headersTimeoutMs, settings.requestTimeoutMs),
      requestTimeout: settings.requestTimeoutMs,
      keepAliveTimeout: settings.keepAliveTimeoutMs,
      connectionsCheckingInterval: 1000,
    },
    handler,
  );
}
