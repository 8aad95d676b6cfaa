/** The GraphQL HTTP server (graphql-yoga) over the subgraph schema. */
import { GraphQLError } from 'graphql';
import { createYoga, maskError as defaultMaskError, type YogaServerInstance } from 'graphql-yoga';
import { toClientError } from '../schema/errors.js';
import { schema } from '../schema/index.js';
import type { ChatApi } from '../tencent/api.js';
import { TencentError } from '../tencent/errors.js';
import type { ServerConfig } from './config.js';
import { createContext, type GraphQLContext } from './context.js';
import { upstreamCallsPlugin } from './upstreamCallsPlugin.js';

export interface GraphQLServerOptions {
  api: ChatApi;
  config: ServerConfig;
}

export type GraphQLServer = YogaServerInstance<Record<string, unknown>, GraphQLContext>;

export function createGraphQLServer({ api, config }: GraphQLServerOptions): GraphQLServer {
  return createYoga<Record<string, unknown>, GraphQLContext>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: config.graphiql,
    landingPage: false,
    context: ({ request }) => createContext(request, api, config),
    plugins: config.exposeUpstreamCalls ? [upstreamCallsPlugin()] : [],
    maskedErrors: {
      // Upstream failures that escaped the resolver wrappers still get their mapped code; anything
      // unexpected is masked (no stack traces, URLs or upstream text in responses).
      maskError: (error, message) => {
        if (error instanceof GraphQLError && error.originalError instanceof TencentError) {
          const mapped = toClientError(error.originalError);
          if (mapped instanceof GraphQLError) {
            return new GraphQLError(mapped.message, {
              nodes: error.nodes,
              path: error.path,
              extensions: mapped.extensions,
            });
          }
        }
        // Never the dev variant: it would put the original message and stack into the response.
        return defaultMaskError(error, message, false);
      },
    },
  });
}
