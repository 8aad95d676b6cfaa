/**
 * The hand-written BFF the benchmark compares the GraphQL server with: node:http and undici, one route
 * per operation (routes.ts), the same upstream calls and the same JSON answers. Run as compiled
 * JavaScript (scripts/bench/bff/tsconfig.json) under the server's node binary and flags:
 *
 *   node .bench/bff/scripts/bench/bff/main.js '<settings as JSON>'
 *
 * Settings: { port, upstream: { baseUrl, sdkAppId, secretKey, admin, connections }, gatewaySecret,
 * cursorKey }.
 * Prints `BFF listening on http://127.0.0.1:<port>` once it listens.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ROUTES } from './routes.js';
import { createUpstream, type UpstreamSettings } from './upstream.js';

interface Settings {
  port: number;
  upstream: UpstreamSettings;
  gatewaySecret: string;
  /** The server's CURSOR_SIGNING_KEY, so that both sign cursors alike. */
  cursorKey: string;
}

const settings = JSON.parse(process.argv[2] ?? '{}') as Settings;
const upstream = createUpstream(settings.upstream);

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length === 0 ? {} : JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

const server = createServer(async (req, res) => {
  const route = ROUTES[(req.url ?? '/').slice(1)];
  const reply = (status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  if (!route || req.method !== 'POST') return reply(404, { error: 'no such route' });
  // The same trust rule as the server's AUTH_MODE=gateway: identity headers count only with the secret.
  if (req.headers['x-gateway-secret'] !== settings.gatewaySecret)
    return reply(401, { error: 'unauthenticated' });
  const viewer = req.headers['x-user-id'];
  try {
    const { variables } = (await readJson(req)) as { variables?: unknown };
    const data = await route(upstream, {
      viewer: typeof viewer === 'string' ? viewer : undefined,
      variables,
      cursorKey: settings.cursorKey,
    });
    reply(200, { data });
  } catch (error) {
    reply(500, { error: error instanceof Error ? error.message : String(error) });
  }
});

server.keepAliveTimeout = 30_000;
server.listen(settings.port, '127.0.0.1', () => {
  console.log(`BFF listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void upstream.close().finally(() => process.exit(0));
});
