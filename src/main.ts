/**
 * The GraphQL server process (`npm start`, `node dist/main.js`). With no TENCENT_SDKAPPID it starts the
 * embedded emulator (demo seed) in-process, points the client at it and has it send its callbacks here.
 * Logs are JSON lines on stdout (pino); a configuration error stops start-up with one plain line on
 * stderr naming the variable.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type AppConfig, ConfigError, devAuthOnNetwork, loadConfig } from './config/index.js';
import { type RunningEmulator, startEmulator } from './emulator/index.js';
import { RedisLink } from './redis/link.js';
import { createAuthenticator } from './server/auth/index.js';
import { createDataPlane } from './server/dataPlane.js';
import { createHttpServer } from './server/http.js';
import { createGraphQLServer, metricsAccess } from './server/index.js';
import { createLogger, type Logger } from './server/observability/logger.js';
import { ServerMetrics } from './server/observability/metrics.js';
import { createMetricsServer } from './server/observability/metricsServer.js';
import { createTracing } from './server/observability/tracing.js';
import { installGracefulShutdown } from './server/shutdown.js';
import { serveWebSocket } from './server/websocket.js';
import { createTencentClient } from './tencent/client.js';
import { configForUpstream, type TencentConfig } from './tencent/config.js';

async function connectUpstream(
  config: AppConfig,
  logger: Logger,
): Promise<{ tencent: TencentConfig; emulator?: RunningEmulator }> {
  if (config.upstream.kind === 'tencent') {
    return { tencent: { ...config.upstream.credentials, ...config.client } };
  }
  const emulator = await startEmulator({ port: 0, seed: 'demo', secretKey: randomBytes(32).toString('hex') });
  logger.info({ emulator: emulator.url }, 'no TENCENT_SDKAPPID set: using the embedded emulator (demo data)');
  return { emulator, tencent: configForUpstream(emulator, config.client) };
}

/** The Redis link, with each transition logged once (and counted by the `redis_up` metric). */
function connectRedis(url: string, logger: Logger, fallback: string): RedisLink {
  return new RedisLink(url, {
    onChange: (state, error) => {
      if (state === 'up') logger.info('redis reachable: the rate budget, cache and events are shared');
      else {
        logger.error(
          { err: { message: error?.message ?? 'unreachable' } },
          `redis unreachable: falling back to ${fallback} until it is back`,
        );
      }
    },
  });
}

async function main(): Promise<void> {
  // All configuration (including the AUTH_MODE rules) is checked before anything starts.
  const config = loadConfig(process.env);
  const logger = createLogger({ level: config.server.logLevel });
  const { tencent, emulator } = await connectUpstream(config, logger);
  // With the embedded emulator, its callbacks come here, signed with a token of the moment.
  const callbacks = { ...config.server.callbacks };
  if (emulator) callbacks.token ??= randomBytes(24).toString('base64url');
  const share = tencent.rateLimitPerSecond / tencent.expectedReplicas;
  const fallback =
    `a local rate limit of ${Math.round(share * 100) / 100} calls/s per command, ` +
    `${config.sharedReads.cache === 'redis' ? 'a memory cache' : 'the cache'} and local events`;
  const redis = config.redisUrl ? connectRedis(config.redisUrl, logger, fallback) : undefined;
  const dataPlane = createDataPlane({
    settings: config.sharedReads,
    ...(redis && { redis }),
    rateBudget: {
      perSecond: tencent.rateLimitPerSecond,
      expectedReplicas: tencent.expectedReplicas,
    },
    onError: (operation, error) =>
      logger.warn(
        { operation, err: { message: (error as Error)?.message } },
        'shared state operation failed',
      ),
  });
  const client = createTencentClient(tencent, undefined, dataPlane.rateLimiter);
  const tracing = await createTracing(config.server.tracing);
  const metrics = new ServerMetrics();
  // One authenticator for HTTP and WebSocket requests (one JWKS key cache).
  const authenticate = createAuthenticator(config.server.auth);
  const yoga = createGraphQLServer({
    authenticate,
    api: client,
    metrics,
    config: { ...config.server, callbacks },
    upstream: { sdkAppId: tencent.sdkAppId, adminIdentifier: tencent.adminIdentifier },
    dataPlane,
    logger,
    ...(tracing && { tracing }),
  });
  const server = createHttpServer(yoga, config.server.http);
  const websocket = serveWebSocket(server, yoga, config.server, logger, authenticate);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.server.port, config.server.host, resolve);
  });
  const metricsServer =
    config.server.metrics.port === undefined
      ? undefined
      : createMetricsServer(metrics, config.server.metrics.token);
  if (metricsServer) {
    await new Promise<void>((resolve, reject) => {
      metricsServer.once('error', reject);
      metricsServer.listen(config.server.metrics.port, config.server.host, resolve);
    });
  }
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}/graphql`;
  if (emulator && callbacks.enabled) {
    emulator.setCallback({ url: `http://${host}:${address.port}${callbacks.path}`, token: callbacks.token });
  }
  const { auth, graphiql, introspection } = config.server;
  logger.info(
    {
      url,
      pid: process.pid,
      auth: auth.mode,
      allowAnonymous: auth.allowAnonymous,
      graphiql,
      introspection,
      tracing: config.server.tracing.exporter,
      cache: config.sharedReads.cache,
      callbacks: callbacks.enabled ? callbacks.path : false,
      upstream: emulator ? 'embedded emulator' : new URL(tencent.baseUrl).origin,
    },
    `GraphQL server on ${url}`,
  );
  if (devAuthOnNetwork(config)) {
    // Only reachable with the embedded emulator and DEV_AUTH_ALLOW_NETWORK=true (config/auth.ts).
    logger.warn(
      { host: config.server.host },
      'dev auth on a network address: anyone who can reach this server can act as any user (demo data only)',
    );
  }
  if (metricsAccess(config.server).mode === 'off' && metricsServer === undefined) {
    logger.warn(
      '/metrics is not served: set METRICS_TOKEN or METRICS_PORT to scrape it (docs/production.md)',
    );
  }
  if (callbacks.enabled && callbacks.token === undefined) {
    logger.warn(
      'Tencent callbacks are accepted unsigned: set TENCENT_CALLBACK_TOKEN (and the token in the console)',
    );
  }

  // Log lines are written in batches: the start-up lines go out now.
  logger.flush();

  installGracefulShutdown({
    server,
    logger,
    timeoutMs: config.server.shutdownTimeoutMs,
    drain: [async () => dataPlane.streams.closeAll(), () => websocket.close()],
    cleanup: [
      () => client.close(),
      async () => {
        metricsServer?.closeAllConnections();
        await new Promise<void>((resolve) =>
          metricsServer ? metricsServer.close(() => resolve()) : resolve(),
        );
      },
      async () => emulator?.close(),
      async () => dataPlane.bus.close(),
      async () => tracing?.shutdown(),
      async () => redis?.close(),
    ],
  });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`config error: ${error.message}`);
  } else {
    console.error(`start-up failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exit(1);
});
