/**
 * Replicas of one deployment for stack tests: GraphQL servers over one emulator, each with its own
 * upstream client and data plane (optionally sharing a Redis for the cache and the events), each
 * serving HTTP and WebSocket like the harness.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { RedisLink } from '../../src/redis/link.js';
import { createDataPlane, type DataPlane } from '../../src/server/dataPlane.js';
import { createGraphQLServer } from '../../src/server/index.js';
import { createLogger } from '../../src/server/observability/logger.js';
import { serveWebSocket } from '../../src/server/websocket.js';
import { DEFAULT_SHARED_READS, type SharedReadsSettings } from '../../src/sharedReads/index.js';
import { createTencentClient } from '../../src/tencent/client.js';
import { configForUpstream } from '../../src/tencent/config.js';
import { serverConfig } from './config.js';

export interface Replica {
  /** e.g. http://127.0.0.1:54321/graphql */
  url: string;
  wsUrl: string;
  /** Where Tencent's callbacks for this replica go. */
  callbackUrl: string;
  dataPlane: DataPlane;
  close(): Promise<void>;
}

export interface ReplicaOptions {
  sharedReads?: Partial<SharedReadsSettings>;
  /** Shares the cache (with CACHE=redis) and the events with every replica on the same Redis. */
  redisUrl?: string;
  /** Accept callbacks signed with this token (default: callbacks off). */
  callbackToken?: string;
  /** Server environment on top of the defaults. */
  env?: Record<string, string>;
}

export async function startReplica(
  emulator: RunningEmulator,
  options: ReplicaOptions = {},
): Promise<Replica> {
  const client = createTencentClient(configForUpstream(emulator, { rateLimitPerSecond: 0 }));
  const base = serverConfig(options.env ?? {});
  const config = {
    ...base,
    callbacks: {
      ...base.callbacks,
      enabled: options.callbackToken !== undefined,
      token: options.callbackToken,
    },
  };
  const redis = options.redisUrl ? new RedisLink(options.redisUrl) : undefined;
  await redis?.connected;
  const dataPlane = createDataPlane({
    settings: { ...DEFAULT_SHARED_READS, ...options.sharedReads },
    ...(redis && { redis }),
  });
  const logger = createLogger({ level: 'silent' });
  const yoga = createGraphQLServer({
    api: client,
    config,
    upstream: { sdkAppId: emulator.sdkAppId, adminIdentifier: emulator.admin },
    dataPlane,
    logger,
  });
  const server: Server = createServer(yoga);
  const websocket = serveWebSocket(server, yoga, config, logger);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    callbackUrl: `http://127.0.0.1:${port}${config.callbacks.path}`,
    dataPlane,
    async close() {
      dataPlane.streams.closeAll();
      await websocket.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await dataPlane.bus.close();
      await client.close();
      await redis?.close();
    },
  };
}
