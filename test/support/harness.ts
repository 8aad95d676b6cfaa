/**
 * End-to-end test rig: a real emulator, the real upstream client and the GraphQL server, all on
 * loopback ports, talked to over HTTP with fetch.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type DocumentNode, print } from 'graphql';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import type { ServerConfig } from '../../src/server/config.js';
import { createDataPlane, type DataPlane } from '../../src/server/dataPlane.js';
import { createHttpServer } from '../../src/server/http.js';
import { createGraphQLServer } from '../../src/server/index.js';
import { createLogger, type Logger } from '../../src/server/observability/logger.js';
import type { Tracing } from '../../src/server/observability/tracing.js';
import { serveWebSocket } from '../../src/server/websocket.js';
import { DEFAULT_SHARED_READS, type SharedReadsSettings } from '../../src/sharedReads/index.js';
import type { UpstreamObserver } from '../../src/tencent/api.js';
import { createTencentClient, type TencentClient } from '../../src/tencent/client.js';
import { configForUpstream, type TencentConfig } from '../../src/tencent/config.js';
import { serverConfig } from './config.js';
import { control } from './upstream.js';

export interface GraphQLErrorJson {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown> & { code?: string };
}

export interface GqlResponse<TData> {
  status: number;
  data?: TData | null;
  errors?: GraphQLErrorJson[];
  extensions?: { upstreamCalls?: Record<string, number> } & Record<string, unknown>;
  /** The raw body, for assertions on what must never appear in a response. */
  text: string;
}

export interface HarnessOptions {
  seed?: 'demo' | 'crowd' | 'none';
  /** Server settings on top of the defaults (env-free). */
  server?: Partial<ServerConfig>;
  /** Upstream client settings (e.g. fewer retries for fault tests). */
  tencent?: Partial<TencentConfig>;
  /** Where the server logs (default: nowhere). */
  logger?: Logger;
  /** Told of every upstream call the server's client makes (e.g. to record when calls ran). */
  observer?: UpstreamObserver;
  /** OpenTelemetry spans (e.g. over an in-memory exporter). */
  tracing?: Tracing;
  /**
   * Shared reads on top of the defaults. The harness default is CACHE=off, so that every query's
   * upstream calls are those of that query alone; cache tests turn it on.
   */
  sharedReads?: Partial<SharedReadsSettings>;
  /** The emulator sends its callbacks to the server, signed with this token (default: no callbacks). */
  callbackToken?: string;
}

export interface Harness {
  emulator: RunningEmulator;
  client: TencentClient;
  /** e.g. http://127.0.0.1:54321/graphql */
  url: string;
  gql<TData = Record<string, unknown>, TVariables = Record<string, unknown>>(
    query: string | TypedDocumentNode<TData, TVariables> | DocumentNode,
    variables?: TVariables,
    headers?: Record<string, string>,
  ): Promise<GqlResponse<TData>>;
  /** Upstream calls per `service/command` since the last reset, as counted by the emulator. */
  stats(): Promise<Record<string, number>>;
  resetStats(): Promise<void>;
  setFaults(rules: Record<string, unknown>[]): Promise<void>;
  clearFaults(): Promise<void>;
  /** The server's bus, cache and callback memory. */
  dataPlane: DataPlane;
  /** e.g. ws://127.0.0.1:54321/graphql (graphql-ws) */
  wsUrl: string;
  /** The key the server signs its connection cursors with. */
  cursorKey: Uint8Array;
  close(): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const emulator = await startEmulator({ port: 0, seed: options.seed ?? 'demo', rateLimitPerSecond: 0 });
  const client = createTencentClient(
    configForUpstream(emulator, { rateLimitPerSecond: 0, ...options.tencent }),
    options.observer,
  );
  const base = serverConfig({});
  const callbacks = {
    ...(options.server?.callbacks ?? base.callbacks),
    ...(options.callbackToken !== undefined && { token: options.callbackToken }),
  };
  const config: ServerConfig = { ...base, port: 0, ...options.server, callbacks };
  const dataPlane = createDataPlane({
    settings: { ...DEFAULT_SHARED_READS, cache: 'off', ...options.sharedReads },
  });
  const yoga = createGraphQLServer({
    api: client,
    config,
    upstream: { sdkAppId: emulator.sdkAppId, adminIdentifier: emulator.admin },
    dataPlane,
    logger: options.logger ?? createLogger({ level: 'silent' }),
    ...(options.tracing && { tracing: options.tracing }),
  });
  const server: Server = createHttpServer(yoga, config.http);
  const websocket = serveWebSocket(server, yoga, config, options.logger ?? createLogger({ level: 'silent' }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/graphql`;
  if (options.callbackToken !== undefined) {
    emulator.setCallback({
      url: `http://127.0.0.1:${port}${config.callbacks.path}`,
      token: options.callbackToken,
    });
  }

  return {
    emulator,
    client,
    url,
    dataPlane,
    cursorKey: config.cursorKey,
    async gql(query, variables, headers = {}) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
        body: JSON.stringify({ query: typeof query === 'string' ? query : print(query), variables }),
      });
      const text = await res.text();
      return { status: res.status, text, ...(JSON.parse(text) as object) };
    },
    async stats() {
      return ((await control(emulator, 'GET', 'stats')) as { calls: Record<string, number> }).calls;
    },
    async resetStats() {
      await control(emulator, 'POST', 'stats/reset');
    },
    async setFaults(rules) {
      await control(emulator, 'POST', 'faults', { rules });
    },
    async clearFaults() {
      await control(emulator, 'DELETE', 'faults');
    },
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    async close() {
      dataPlane.streams.closeAll();
      await websocket.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await client.close();
      await emulator.close();
    },
  };
}

/** Calls per command of one GraphQL request: emulator counters reset before, read after. */
export async function countCalls<T>(
  harness: Harness,
  run: () => Promise<T>,
): Promise<{ result: T; calls: Record<string, number> }> {
  await harness.resetStats();
  const result = await run();
  return { result, calls: await harness.stats() };
}

/** The items of a list whose items are nullable (connection edges), failing the test on a null. */
export function present<T>(items: readonly (T | null | undefined)[]): T[] {
  const out = items.filter((item): item is T => item !== null && item !== undefined);
  if (out.length !== items.length)
    throw new Error(`${items.length - out.length} of ${items.length} items are null`);
  return out;
}
