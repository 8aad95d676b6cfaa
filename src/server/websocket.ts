/**
 * GraphQL over WebSocket (the graphql-ws protocol) on the same path as HTTP, for clients that prefer it
 * to SSE. Every operation runs through yoga's envelop (the same plugins, context, auth, limits and
 * masking as HTTP). Credentials come from the upgrade request's headers or from the connection_init
 * payload (`{ "authorization": "Bearer ..." }`, `{ "x-user-id": "alice" }`, or the same under
 * `headers`); bad credentials close the connection (4403) before any operation. Browsers may connect
 * from this server's own origin only. A connection runs at most SUBSCRIPTIONS_PER_CONNECTION
 * operations at once; graphql-ws pings every 12 s. Trusted documents apply as over HTTP
 * (ALLOW_ARBITRARY_OPERATIONS=false: manifest ids only).
 */
import type { IncomingMessage, Server } from 'node:http';
import { type ExecutionArgs, GraphQLError, getOperationAST } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { GraphQLContext } from '../schema/context.js';
import { type Authenticate, createAuthenticator } from './auth/index.js';
import type { ServerConfig } from './config.js';
import type { GraphQLServer } from './index.js';
import type { Logger } from './observability/logger.js';
import { type SocketOperation, socketDocuments } from './plugins/usePersistedDocuments.js';

/** The endpoint both transports share. */
export const GRAPHQL_PATH = '/graphql';

interface SocketRules {
  path: string;
  perConnection: number;
  authenticate: Authenticate;
  /** The text to run for an operation, under the same trusted-document rules as HTTP (or throws). */
  documents: (operation: SocketOperation) => string;
  logger: Logger;
}

export interface RunningWebSocket {
  /** Closes every connection (1001, going away); their subscriptions end. */
  close(): Promise<void>;
}

type Params = Record<string, unknown> | undefined;

interface OperationRecord {
  operationName: string | null;
  startedAt: number;
  context: GraphQLContext;
}

/** The upgrade request's headers with the connection_init payload's on top, as a Fetch Request. */
function requestOf(upgrade: IncomingMessage, params: Params, path: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(upgrade.headers)) {
    if (typeof value === 'string') headers.set(name, value);
  }
  const given = { ...(params?.headers as Record<string, unknown> | undefined), ...params };
  for (const [name, value] of Object.entries(given)) {
    if (typeof value === 'string' && /^[A-Za-z0-9-]+$/.test(name)) headers.set(name.toLowerCase(), value);
  }
  return new Request(`http://localhost${path}`, { headers });
}

/** Same-origin browsers only: tools send no Origin; a page elsewhere must not open a socket as the user. */
function sameOrigin(upgrade: IncomingMessage): boolean {
  const origin = upgrade.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === upgrade.headers.host;
  } catch {
    return false;
  }
}

export function serveWebSocket(
  server: Server,
  yoga: GraphQLServer,
  config: Pick<ServerConfig, 'auth' | 'subscriptions' | 'persistedDocuments'>,
  logger: Logger,
  authenticate: Authenticate = createAuthenticator(config.auth),
): RunningWebSocket {
  const options: SocketRules = {
    path: GRAPHQL_PATH,
    perConnection: config.subscriptions.perConnection,
    authenticate,
    documents: socketDocuments(config.persistedDocuments),
    logger,
  };
  const wss = new WebSocketServer({
    server,
    path: options.path,
    verifyClient: ({ req }: { req: IncomingMessage }) => sameOrigin(req),
  });
  const active = new WeakMap<object, Map<string, OperationRecord>>();
  const disposable = useServer<Record<string, unknown>>(
    {
      execute: (args) =>
        (args.rootValue as { execute: (a: ExecutionArgs) => unknown }).execute(args) as never,
      subscribe: (args) =>
        (args.rootValue as { subscribe: (a: ExecutionArgs) => unknown }).subscribe(args) as never,
      onConnect: async (ctx) => {
        try {
          await options.authenticate(requestOf(ctx.extra.request, ctx.connectionParams, options.path));
          return true;
        } catch {
          return false;
        }
      },
      onSubscribe: async (ctx, id, payload) => {
        const ids = active.get(ctx.extra.socket) ?? new Map<string, OperationRecord>();
        if (ids.size >= options.perConnection) {
          return [
            new GraphQLError(
              `At most ${options.perConnection} operations may run at once on one connection.`,
              {
                extensions: {
                  code: 'RATE_LIMITED',
                  limit: 'SUBSCRIPTIONS_PER_CONNECTION',
                  max: options.perConnection,
                },
              },
            ),
          ];
        }
        const request = requestOf(ctx.extra.request, ctx.connectionParams, options.path);
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          request,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params: payload,
        });
        let document: ReturnType<typeof parse>;
        try {
          document = parse(options.documents(payload));
        } catch (error) {
          return [
            error instanceof GraphQLError ? error : new GraphQLError('The query is not valid GraphQL.'),
          ];
        }
        const errors = validate(schema, document);
        if (errors.length > 0) return errors;
        let contextValue: unknown;
        try {
          contextValue = await contextFactory();
        } catch (error) {
          return [
            error instanceof GraphQLError ? error : new GraphQLError('Could not start this operation.'),
          ];
        }
        ids.set(id, {
          operationName: getOperationAST(document, payload.operationName)?.name?.value ?? null,
          startedAt: performance.now(),
          context: contextValue as GraphQLContext,
        });
        active.set(ctx.extra.socket, ids);
        return {
          schema,
          document,
          operationName: payload.operationName ?? null,
          variableValues: payload.variables ?? null,
          contextValue,
          rootValue: { execute, subscribe },
        };
      },
      onComplete: (ctx, id) => {
        const ids = active.get(ctx.extra.socket);
        const record = ids?.get(id);
        ids?.delete(id);
        if (!record) return;
        // The request log line HTTP operations get, written when the operation ends.
        logger.info(
          {
            transport: 'websocket',
            operationName: record.operationName,
            durationMs: Math.round((performance.now() - record.startedAt) * 10) / 10,
            upstreamCalls: { ...record.context.upstreamCalls },
          },
          'websocket operation',
        );
      },
      onError: (_ctx, _id, _payload, errors) => {
        options.logger.debug({ errors: errors.map((e) => e.message) }, 'websocket operation failed');
      },
    },
    wss,
  );
  return {
    async close() {
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
