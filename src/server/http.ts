/**
 * The node:http server in front of yoga, with deliberate timeouts: a client that trickles its headers
 * or its body, or holds an idle keep-alive connection, is cut off instead of holding a socket for
 * minutes. Node checks these timeouts on an interval (30 s by default): it runs every second here, so a
 * timeout fires within a second of its value.
 *
 * Requests node itself refuses (a malformed request line or headers, headers too large, a timeout) get
 * a GraphQL-shaped JSON body with `extensions.code` like every other refusal, and the connection closes.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { Duplex } from 'node:stream';

/** Node's refusal of a request it could not parse or did not receive in time. */
function refuse(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const [status, reason, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'The request headers are too large.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'The request was not received in time.']
        : [400, 'Bad Request', 'The request is not valid HTTP.'];
  const body = JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json; charset=utf-8\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

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
  const server = createServer(
    {
      // Node wants the headers timeout to be no longer than the request timeout.
      headersTimeout: Math.min(settings.headersTimeoutMs, settings.requestTimeoutMs),
      requestTimeout: settings.requestTimeoutMs,
      keepAliveTimeout: settings.keepAliveTimeoutMs,
      connectionsCheckingInterval: 1000,
    },
    handler,
  );
  server.on('clientError', refuse);
  return server;
}
