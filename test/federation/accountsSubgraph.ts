/**
 * Test fixture: the "accounts" subgraph (yoga + @apollo/subgraph). It owns `User.name` ("Name of <id>")
 * and answers `me` from the `x-user-id` header the router forwards. SDL: accounts.graphql.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { createYoga } from 'graphql-yoga';

export const ACCOUNTS_SDL_FILE = fileURLToPath(new URL('./accounts.graphql', import.meta.url));
export const ACCOUNTS_SDL = readFileSync(ACCOUNTS_SDL_FILE, 'utf8');

export const accountName = (id: string) => `Name of ${id}`;

interface AccountsContext {
  request: Request;
}

interface UserRef {
  id: string;
}

export interface AccountsSubgraph {
  /** e.g. http://127.0.0.1:54321/graphql */
  url: string;
  /** Identity headers of every request received, in order (for propagation assertions). */
  received: { userId: string | null; roles: string | null; gatewaySecret: string | null }[];
  close(): Promise<void>;
}

export async function startAccountsSubgraph(): Promise<AccountsSubgraph> {
  const schema = buildSubgraphSchema({
    typeDefs: parse(ACCOUNTS_SDL),
    resolvers: {
      Query: {
        me: (_root: unknown, _args: unknown, ctx: unknown): UserRef | null => {
          const id = (ctx as AccountsContext).request.headers.get('x-user-id');
          return id ? { id } : null;
        },
        people: (_root: unknown, { ids }: { ids: string[] }): UserRef[] => ids.map((id) => ({ id })),
      },
      User: {
        __resolveReference: (ref: UserRef): UserRef => ({ id: ref.id }),
        name: (user: UserRef) => accountName(user.id),
      },
    },
  });
  const received: AccountsSubgraph['received'] = [];
  const yoga = createYoga<Record<string, unknown>>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: false,
    landingPage: false,
    logging: false,
    plugins: [
      {
        onRequest({ request }) {
          received.push({
            userId: request.headers.get('x-user-id'),
            roles: request.headers.get('x-user-roles'),
            gatewaySecret: request.headers.get('x-gateway-secret'),
          });
        },
      },
    ],
  });
  const server = createServer(yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    received,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
