/**
 * `npm start`: the GraphQL server. With no TENCENT_SDKAPPID it starts the embedded emulator (demo seed)
 * in-process and points the client at it. Logs are JSON lines on stdout (pino); a configuration error
 * stops start-up with one plain line on stderr naming the variable.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError, isLoopbackHost } from './config/env.js';
import { type RunningEmulator, startEmulator } from './emulator/index.js';
import { loadServerConfig } from './server/config.js';
import { createGraphQLServer } from './server/index.js';
import { createLogger, type Logger } from './server/logger.js';
import { installGracefulShutdown } from './server/shutdown.js';
import { createTencentClient } from './tencent/client.js';
import { configForUpstream, loadTencentConfig, type TencentConfig } from './tencent/config.js';

async function upstreamConfig(
  logger: Logger,
): Promise<{ tencent: TencentConfig; emulator?: RunningEmulator }> {
  const configured = loadTencentConfig();
  if (configured) return { tencent: configured };
  const emulator = await startEmulator({ port: 0, seed: 'demo', secretKey: randomBytes(32).toString('hex') });
  logger.info({ emulator: emulator.url }, 'no TENCENT_SDKAPPID set: using the embedded emulator (demo data)');
  return {
    emulator,
    tencent: configForUpstream(emulator),
  };
}

async function main(): Promise<void> {
  // All configuration (including the AUTH_MODE rules) is checked before anything starts.
  const config = loadServerConfig();
  const logger = createLogger({ level: config.logLevel });
  const { tencent, emulator } = await upstreamConfig(logger);
  const client = createTencentClient(tencent);
  const yoga = createGraphQLServer({ api: client, config, logger, adminIdentifier: tencent.adminIdentifier });
  const server = createServer(yoga);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}/graphql`;
  logger.info(
    {
      url,
      auth: config.auth.mode,
      allowAnonymous: config.auth.allowAnonymous,
      graphiql: config.graphiql,
      introspection: config.introspection,
      upstream: emulator ? 'embedded emulator' : new URL(tencent.baseUrl).origin,
    },
    `GraphQL server on ${url}`,
  );
  if (config.auth.mode === 'dev' && !isLoopbackHost(config.host)) {
    // Only reachable with the embedded emulator and DEV_AUTH_ALLOW_NETWORK=true (server/auth/config.ts).
    logger.warn(
      { host: config.host },
      'dev auth on a network address: anyone who can reach this server can act as any user (demo data only)',
    );
  }

  installGracefulShutdown({
    server,
    logger,
    timeoutMs: config.shutdownTimeoutMs,
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
