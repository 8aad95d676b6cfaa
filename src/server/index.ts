/** The GraphQL HTTP server (graphql-yoga) over the subgraph schema, with its serving plugins. */
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { GraphQLError } from 'graphql';
import {
  createYoga,
  maskError as defaultMaskError,
  type Plugin,
  type YogaServerInstance,
} from 'graphql-yoga';
import type { GraphQLContext } from '../schema/context.js';
import { toClientError } from '../schema/errors.js';
import { subgraphSchema } from '../schema/index.js';
import type { ChatApi } from '../tencent/api.js';
import { TENCENT_DEFAULTS } from '../tencent/config.js';
import { TencentError } from '../tencent/errors.js';
import { createAuthenticator } from './auth/index.js';
import type { ServerConfig } from './config.js';
import { createContext } from './context.js';
import { graphiqlOptions, renderGraphiQL } from './graphiql.js';
import { createLogger, type Logger } from './observability/logger.js';
import { ServerMetrics } from './observability/metrics.js';
import { createReadinessCheck } from './observability/readiness.js';
import { useAnonymousAccess } from './plugins/useAnonymousAccess.js';
import { useCompiledExecution } from './plugins/useCompiledExecution.js';
import { useErrorCodes } from './plugins/useErrorCodes.js';
import { useNoIntrospection } from './plugins/useNoIntrospection.js';
import { useOpsRoutes } from './plugins/useOpsRoutes.js';
import { useQueryLimits } from './plugins/useQueryLimits.js';
import { useRequestBodyLimit } from './plugins/useRequestBodyLimit.js';
import { useRequestLog } from './plugins/useRequestLog.js';
import { useUpstreamCallsExtension } from './plugins/useUpstreamCallsExtension.js';
import { useUpstreamCost } from './plugins/useUpstreamCost.js';

export interface GraphQLServerOptions {
  api: ChatApi;
  config: ServerConfig;
  /** Default: JSON lines on stdout at config.logLevel. */
  logger?: Logger;
  /** Default: a fresh registry for this server. */
  metrics?: ServerMetrics;
  /** Account the /ready probe asks about (default `administrator`). */
  adminIdentifier?: string;
}

export type GraphQLServer = YogaServerInstance<Record<string, unknown>, GraphQLContext>;

/**
 * A browser can send a "simple" request (GET, or a POST with a form or text body) cross-site without
 * a CORS preflight: such requests need one of these headers, which no form can set.
 */
export const CSRF_HEADERS = ['x-graphql-yoga-csrf', 'apollo-require-preflight', 'x-apollo-operation-name'];

/**
 * Upstream failures that escaped the resolver wrappers still get their mapped code; anything
 * unexpected is masked (no stack traces, URLs or upstream text in responses): its detail is logged
 * with the request id (useRequestLog.ts), which the response carries in extensions.requestId.
 */
function maskError(error: unknown, message: string): Error {
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
}

export function createGraphQLServer(options: GraphQLServerOptions): GraphQLServer {
  const { config } = options;
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const metrics = options.metrics ?? new ServerMetrics();
  // Every upstream call feeds the upstream metrics: the readiness probe's through this view, requests'
  // through their own (createContext), which also counts them per request.
  const upstreamObserver = metrics.upstreamObserver();
  const api = options.api.observed(upstreamObserver);
  const authenticate = createAuthenticator(config.auth);
  const onBatch = (loader: string, size: number) => metrics.observeLoaderBatch(loader, size);
  const ready = createReadinessCheck({
    api,
    adminIdentifier: options.adminIdentifier ?? TENCENT_DEFAULTS.adminIdentifier,
    cacheMs: config.readyCacheMs,
  });
  const settings = { connectionMaxFirst: config.connectionMaxFirst, mutationMaxIds: config.mutationMaxIds };

  const plugins: Plugin<GraphQLContext>[] = [
    useOpsRoutes({ ready, metrics }),
    useErrorCodes(),
    useRequestLog({ logger, metrics }),
    useCSRFPrevention({ requestHeaders: CSRF_HEADERS }) as Plugin<GraphQLContext>,
    useRequestBodyLimit(config.limits.requestBodyLimit),
    ...useQueryLimits({ limits: config.limits, blockFieldSuggestions: config.blockFieldSuggestions }),
    ...(config.introspection ? [] : [useNoIntrospection()]),
    ...(config.auth.allowAnonymous ? [] : [useAnonymousAccess({ introspection: config.introspection })]),
    useUpstreamCost({
      maxUpstreamCalls: config.limits.maxUpstreamCalls,
      exposeEstimate: config.exposeUpstreamCalls,
    }),
    ...(config.exposeUpstreamCalls ? [useUpstreamCallsExtension()] : []),
    useCompiledExecution(),
  ];

  return createYoga<Record<string, unknown>, GraphQLContext>({
    schema: subgraphSchema(config.federationVersion),
    graphqlEndpoint: '/graphql',
    // Our /health answers with a body; yoga's own check moves out of the way.
    healthCheckEndpoint: '/__yoga/health',
    graphiql: config.graphiql ? graphiqlOptions(config.auth.mode) : false,
    renderGraphiQL,
    landingPage: false,
    // Yoga's own messages go to the same JSON log.
    logging: {
      // Yoga writes a few debug lines per request: build them only when they are kept.
      debug: (...args) => {
        if (logger.isLevelEnabled('debug')) logger.debug({ component: 'yoga' }, args.map(String).join(' '));
      },
      info: (...args) => logger.info({ component: 'yoga' }, args.map(String).join(' ')),
      warn: (...args) => logger.warn({ component: 'yoga' }, args.map(String).join(' ')),
      error: (...args) => logger.error({ component: 'yoga' }, args.map(String).join(' ')),
    },
    // useRequestBodyLimit enforces REQUEST_BODY_LIMIT without a stream per request.
    maxRequestBodySize: false,
    context: ({ request }) =>
      createContext(request, {
        api: options.api,
        upstreamObserver,
        authenticate,
        settings,
        profileCustomTags: config.profileCustomTags,
        onBatch,
      }),
    plugins,
    maskedErrors: { maskError },
  });
}
