/**
 * `npm start`: the GraphQL server. With no TENCENT_SDKAPPID it starts the embedded emulator (demo seed)
 * in-process and points the client at it.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { type RunningEmulator, startEmulator } from './emulator/index.js';
import { loadServerConfig } from './server/config.js';
import { createTencentClient } from './tencent/client.js';
import {
  ConfigError,
  isLoopbackUrl,
  loadTencentConfig,
  TENCENT_DEFAULTS,
  type TencentConfig,
} from './tencent/config.js';

async function upstreamConfig(): Promise<{ tencent: TencentConfig; emulator?: RunningEmulator }> {
  const configured = loadTencentConfig();
  if (configured) return { tencent: configured };
  const emulator = await startEmulator({ port: 0, seed: 'demo', secretKey: randomBytes(32).toString('hex') });
  console.log(`no TENCENT_SDKAPPID set: using the embedded emulator at ${emulator.url} (demo data)`);
  return {
    emulator,
    tencent: {
      ...TENCENT_DEFAULTS,
      sdkAppId: emulator.sdkAppId,
      secretKey: emulator.secretKey,
      adminIdentifier: emulator.admin,
      baseUrl: emulator.url,
    },
  };
}

async function main(): Promise<void> {
  const config = loadServerConfig();
  const { tencent, emulator } = await upstreamConfig();
  if (config.authMode === 'dev' && !emulator && !isLoopbackUrl(tencent.baseUrl)) {
    throw new ConfigError(
      'AUTH_MODE',
      'dev trusts x-user-id headers; use jwt or gateway with a real upstream',
    );
  }
  // Imported here so that schema configuration errors (FEDERATION_VERSION) get the one-line report.
  const { createGraphQLServer } = await import('./server/index.js');
  const client = createTencentClient(tencent);
  const yoga = createGraphQLServer({ api: client, config });
  const server = createServer(yoga);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  console.log(`GraphQL server on http://${config.host}:${config.port}/graphql (auth: ${config.authMode})`);

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    server.closeIdleConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await client.close();
    await emulator?.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`config error: ${error.message}`);
  } else {
    console.error(`start-up failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exit(1);
});
