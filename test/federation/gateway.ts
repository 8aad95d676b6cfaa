/**
 * Test rig for the supergraph: an in-process Hive Gateway (@graphql-hive/gateway-runtime) over a
 * composed supergraph SDL, served on a loopback port. It forwards the client's `x-user-id` and
 * `x-user-roles` to every subgraph and inserts its own `x-gateway-secret` (never the client's) on
 * requests to this subgraph, which is the contract documented for routers in front of it. (A real
 * router derives x-user-id from its own authentication; here the test client plays the signed-in user.)
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import type { GqlResponse } from '../support/harness.js';

export interface GatewayOptions {
  /** Composed supergraph SDL (with the subgraphs' URLs). */
  supergraphSdl: string;
  /** Sent as `x-gateway-secret` to the `follow` subgraph only; omitted when undefined. */
  gatewaySecret?: string;
  /** Hive Gateway's demand control (reads the supergraph's `@cost` / `@listSize`). */
  demandControl?: { maxCost: number; includeExtensionMetadata?: boolean };
}

export interface RunningGateway {
  /** e.g. http://127.0.0.1:54321/graphql */
  url: string;
  gql<TData = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GqlResponse<TData>>;
  close(): Promise<void>;
}

/** The identity headers a router forwards from the client to the subgraphs. */
export const FORWARDED_HEADERS = ['x-user-id', 'x-user-roles'] as const;

/** The subgraph name this server has in the supergraph. */
export const SECRET_SUBGRAPH = 'follow';

export async function startGateway({
  supergraphSdl,
  gatewaySecret,
  demandControl,
}: GatewayOptions): Promise<RunningGateway> {
  const gateway = createGatewayRuntime({
    supergraph: supergraphSdl,
    ...(demandControl && { demandControl }),
    logging: false,
    landingPage: false,
    graphiql: false,
    propagateHeaders: {
      fromClientToSubgraphs({ request, subgraphName }) {
        const headers: Record<string, string | null> = {};
        for (const name of FORWARDED_HEADERS) headers[name] = request.headers.get(name);
        // The secret is this subgraph's credential: other subgraphs never see it.
        if (gatewaySecret !== undefined && subgraphName === SECRET_SUBGRAPH) {
          headers['x-gateway-secret'] = gatewaySecret;
        }
        return headers;
      },
    },
  });
  const server: Server = createServer(gateway);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return {
    url,
    async gql(query, variables, headers = {}) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const text = await res.text();
      return { status: res.status, text, ...(JSON.parse(text) as object) };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await gateway.dispose();
    },
  };
}
