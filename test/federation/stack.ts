/**
 * The whole supergraph on loopback: emulator (demo seed) + this subgraph (the real server) + the
 * accounts fixture subgraph + Hive Gateways over the supergraph composed from the live schema.
 */
import { composeSupergraph } from '../../src/federation/compose.js';
import { printSubgraphSdl } from '../../src/schema/sdl.js';
import type { ServerConfig } from '../../src/server/config.js';
import { serverConfig } from '../support/config.js';
import { type Harness, startHarness } from '../support/harness.js';
import { ACCOUNTS_SDL, type AccountsSubgraph, startAccountsSubgraph } from './accountsSubgraph.js';
import { type RunningGateway, startGateway } from './gateway.js';

export interface Stack {
  /** This subgraph, with its emulator (stats, faults). */
  follow: Harness;
  accounts: AccountsSubgraph;
  supergraphSdl: string;
  /** A gateway that sends the right `x-gateway-secret`. */
  gateway: RunningGateway;
  /** Gateways over the same supergraph that send no secret / a wrong one. */
  gatewayWithoutSecret: RunningGateway;
  gatewayWithWrongSecret: RunningGateway;
  /** Headers that identify `userId` to this subgraph when called directly (as the gateway would). */
  identityHeaders(userId: string): Record<string, string>;
  close(): Promise<void>;
}

export interface StackOptions {
  /** Server settings for this subgraph (e.g. auth mode). */
  server?: Partial<ServerConfig>;
  /** What the main gateway sends as `x-gateway-secret`. */
  gatewaySecret?: string;
  /** Demand control on the main gateway. */
  demandControl?: { maxCost: number; includeExtensionMetadata?: boolean };
  /** The emulator sends its webhooks to this subgraph, signed with this token. */
  callbackToken?: string;
}

export const GATEWAY_SECRET = 'gateway-secret-for-tests-0123456789';

/**
 * This subgraph configured from the environment exactly as in production behind a router:
 * AUTH_MODE=gateway with GATEWAY_SECRET (introspection, GraphiQL and call counts off), and the main
 * gateway sending the matching secret.
 */
export function gatewayMode(env: Record<string, string> = {}): StackOptions {
  return {
    server: serverConfig({ AUTH_MODE: 'gateway', GATEWAY_SECRET, LOG_LEVEL: 'silent', ...env }),
    gatewaySecret: GATEWAY_SECRET,
  };
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const follow = await startHarness({
    ...(options.server && { server: options.server }),
    // Faults must surface, not be retried away.
    tencent: { maxRetries: 0 },
    ...(options.callbackToken !== undefined && { callbackToken: options.callbackToken }),
  });
  const accounts = await startAccountsSubgraph();
  let supergraphSdl: string;
  try {
    // A composition failure fails the test with the composition errors in the message.
    ({ supergraphSdl } = composeSupergraph([
      { name: 'follow', sdl: printSubgraphSdl(options.server?.federationVersion), url: follow.url },
      { name: 'accounts', sdl: ACCOUNTS_SDL, url: accounts.url },
    ]));
  } catch (error) {
    await Promise.all([accounts.close(), follow.close()]);
    throw error;
  }
  const gateway = await startGateway({
    supergraphSdl,
    ...(options.gatewaySecret !== undefined && { gatewaySecret: options.gatewaySecret }),
    ...(options.demandControl && { demandControl: options.demandControl }),
  });
  const gatewayWithoutSecret = await startGateway({ supergraphSdl });
  const gatewayWithWrongSecret = await startGateway({ supergraphSdl, gatewaySecret: 'not-the-secret' });
  return {
    follow,
    accounts,
    supergraphSdl,
    gateway,
    gatewayWithoutSecret,
    gatewayWithWrongSecret,
    identityHeaders: (userId) => ({
      'x-user-id': userId,
      ...(options.gatewaySecret !== undefined && { 'x-gateway-secret': options.gatewaySecret }),
    }),
    async close() {
      await Promise.all([gateway.close(), gatewayWithoutSecret.close(), gatewayWithWrongSecret.close()]);
      await Promise.all([accounts.close(), follow.close()]);
    },
  };
}
