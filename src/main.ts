/**
 * The GraphQL server process (`npm start`, `node dist/main.js`). With no TENCENT_SDKAPPID it starts the
 * embedded emulator (demo seed) in-process and points the client at it. Logs are JSON lines on stdout
 * (pino); a configuration error stops start-up with one plain line on stderr naming the variable.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AppConfig, ConfigError, devAuthOnNetwork, loadConfig } from './config/index.js';
import { type RunningEmulator, startEmulator } from './emulator/index.js';
import { createGraphQLServer } from './server/index.js';
import { createLogger, type Logger } from './server/observability/logger.js';
import { installGracefulShutdown } from './server/shutdown.js';
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

async function main(): Promise<void> {
  // All configuration (including the AUTH_MODE rules) is checked before anything starts.
  const config = loadConfig(process.env);
  const logger = createLogger({ level: config.server.logLevel });
  const { tencent, emulator } = await connectUpstream(config, logger);
  const client = createTencentClient(tencent);
  const yoga = createGraphQLServer({
    api: client,
    config: config.server,
    logger,
    adminIdentifier: tencent.adminIdentifier,
  });
  const server = createServer(yoga);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.server.port, config.server.host, resolve);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}/graphql`;
  const { auth, graphiql, introspection } = config.server;
  logger.info(
    {
      url,
      pid: process.pid,
      auth: auth.mode,
      allowAnonymous: auth.allowAnonymous,
      graphiql,
      introspection,
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

  // Log lines are written in batches: the start-up lines go out now.
  logger.flush();

  installGracefulShutdown({
    server,
    logger,
    timeoutMs: config.server.shutdownTimeoutMs,
    cleanup: [() => client.close(), async () => emulator?.close()],
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
