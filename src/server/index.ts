/** The GraphQL HTTP server (graphql-yoga) over the subgraph schema, with its serving plugins. */

import type { IncomingMessage } from 'node:http';
import { GraphQLError, Kind, parse } from 'graphql';
import {
  createYoga,
  maskError as defaultMaskError,
  type Plugin,
  type YogaServerInstance,
} from 'graphql-yoga';
import type { BatchObserver } from '../loaders/batchObserver.js';
import type { GraphQLContext, SchemaSettings } from '../schema/context.js';
import { toClientError } from '../schema/errors.js';
import { servedSchema } from '../schema/index.js';
import { SharedReads } from '../sharedReads/index.js';
import type { ChatApi } from '../tencent/api.js';
import { TENCENT_DEFAULTS } from '../tencent/config.js';
import { TencentError } from '../tencent/errors.js';
import { type Authenticate, createAuthenticator } from './auth/index.js';
import type { ServerConfig } from './config.js';
import { createContext } from './context.js';
import { createDataPlane, type DataPlane } from './dataPlane.js';
import { graphiqlOptions, renderGraphiQL } from './graphiql.js';
import { createLogger, type Logger } from './observability/logger.js';
import { ServerMetrics } from './observability/metrics.js';
import { createReadinessCheck } from './observability/readiness.js';
import type { Tracing } from './observability/tracing.js';
import { useAnonymousAccess } from './plugins/useAnonymousAccess.js';
import { useCloseRefusedBodies } from './plugins/useCloseRefusedBodies.js';
import { useCompiledExecution } from './plugins/useCompiledExecution.js';
import { useCors } from './plugins/useCors.js';
import { CSRF_HEADERS, useCsrfPrevention } from './plugins/useCsrfPrevention.js';
import { useErrorCodes } from './plugins/useErrorCodes.js';
import { useExpansionLimit } from './plugins/useExpansionLimit.js';
import { useIncrementalDelivery } from './plugins/useIncrementalDelivery.js';
import { useLoadShedding } from './plugins/useLoadShedding.js';
import { useNoIntrospection } from './plugins/useNoIntrospection.js';
import { type MetricsAccess, useOpsRoutes } from './plugins/useOpsRoutes.js';
import { usePersistedDocuments } from './plugins/usePersistedDocuments.js';
import { useQueryLimits } from './plugins/useQueryLimits.js';
import { useRequestBodyLimit } from './plugins/useRequestBodyLimit.js';
import { useRequestDeadline } from './plugins/useRequestDeadline.js';
import { useRequestLog } from './plugins/useRequestLog.js';
import { useRetryAfter } from './plugins/useRetryAfter.js';
import { useTencentCallbacks } from './plugins/useTencentCallbacks.js';
import { useTracing } from './plugins/useTracing.js';
import { useUpstreamCallsExtension } from './plugins/useUpstreamCallsExtension.js';
import { useUpstreamCost } from './plugins/useUpstreamCost.js';
import { SubscriptionSlots } from './subscriptions/slots.js';

export interface GraphQLServerOptions {
  api: ChatApi;
  config: ServerConfig;
  /** The app callbacks must be for, and the account /ready asks about (default `administrator`). */
  upstream?: { sdkAppId?: number; adminIdentifier?: string };
  /** Bus, cache and callback memory (default: in-process, CACHE=memory). */
  dataPlane?: DataPlane;
  /** Default: JSON lines on stdout at config.logLevel. */
  logger?: Logger;
  /** Default: a fresh registry for this server. */
  metrics?: ServerMetrics;
  /** OpenTelemetry spans (createTracing); none when tracing is off. */
  tracing?: Tracing;
  /**
   * Request -> viewer (default: made from config.auth). Pass the one the WebSocket transport uses too,
   * so that both share one JWKS key cache.
   */
  authenticate?: Authenticate;
}

export { CSRF_HEADERS };

export type GraphQLServer = YogaServerInstance<Record<string, unknown>, GraphQLContext>;

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

/** Who may read `/metrics` on the public port (see useOpsRoutes.ts). */
export function metricsAccess(config: ServerConfig): MetricsAccess {
  if (config.metrics.port !== undefined) return { mode: 'off' };
  if (config.metrics.token !== undefined) return { mode: 'token', token: config.metrics.token };
  return config.auth.mode === 'dev' ? { mode: 'open' } : { mode: 'off' };
}

/** The names of the operations in trusted documents (the metric labels the server knows). */
function operationNamesOf(documents: Iterable<string>): string[] {
  const names: string[] = [];
  for (const text of documents) {
    try {
      for (const definition of parse(text).definitions) {
        if (definition.kind === Kind.OPERATION_DEFINITION && definition.name)
          names.push(definition.name.value);
      }
    } catch {
      // Not a document: it cannot run either.
    }
  }
  return names;
}

export function createGraphQLServer(options: GraphQLServerOptions): GraphQLServer {
  const { config } = options;
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const metrics = options.metrics ?? new ServerMetrics();
  metrics.useOperationLabels({
    known: new Set([
      ...config.metrics.operationNames,
      ...operationNamesOf(config.persistedDocuments.documents.values()),
    ]),
    learn: config.auth.mode === 'dev',
  });
  const dataPlane = options.dataPlane ?? createDataPlane();
  if (dataPlane.redis) metrics.observeRedis(dataPlane.redis);
  const adminIdentifier = options.upstream?.adminIdentifier ?? TENCENT_DEFAULTS.adminIdentifier;
  // Every upstream call of every request feeds the upstream metrics.
  const { tracing } = options;
  const metered = options.api.observed(metrics.upstreamObserver());
  // Tracing sees each HTTP attempt (a span, and its traceparent upstream).
  const upstream = tracing ? metered.observed(tracing.upstreamObserver()) : metered;
  const sharedReads = new SharedReads(upstream, {
    cache: dataPlane.cache,
    ttl: dataPlane.settings.ttl,
    batching: dataPlane.settings.batching,
    windowMs: dataPlane.settings.windowMs,
    bus: dataPlane.bus,
    observer: metrics.sharedReadsObserver(),
  });
  const api = sharedReads.view();
  // A change on the bus first invalidates what it makes stale, then reaches subscriptions (in order),
  // so that what a subscription reads for an event is already after the event.
  let delivered: Promise<void> = Promise.resolve();
  dataPlane.bus.subscribe((events) => {
    delivered = delivered
      .then(() => sharedReads.changed(events))
      .catch((error: unknown) =>
        logger.warn({ err: { message: (error as Error)?.message } }, 'invalidation failed'),
      )
      .then(() => dataPlane.streams.deliver(events));
  });
  const authenticate = options.authenticate ?? createAuthenticator(config.auth);
  const onBatch: BatchObserver = (loader, size, batch) => {
    metrics.observeLoaderBatch(loader, size);
    return tracing ? tracing.batch(loader, size, batch) : batch();
  };
  const ready = createReadinessCheck({ api: upstream, adminIdentifier, cacheMs: config.readyCacheMs });
  const callbacks = config.callbacks;
  if (callbacks.enabled && options.upstream?.sdkAppId === undefined) {
    throw new Error('Tencent callbacks need the app id (upstream.sdkAppId)');
  }
  const settings: SchemaSettings = {
    connectionMaxFirst: config.connectionMaxFirst,
    mutationMaxIds: config.mutationMaxIds,
    followingLists: dataPlane.settings.cache !== 'off',
    publicEventSubscriptions: config.subscriptions.publicEvents,
    countsIntervalMs: config.subscriptions.countsIntervalMs,
    maxUpstreamCalls: config.limits.maxUpstreamCalls,
    cursorKey: config.cursorKey,
  };
  const slots = new SubscriptionSlots(config.subscriptions.perViewer);

  const plugins: Plugin<GraphQLContext>[] = [
    useCors({ origins: config.corsOrigins, devIdentityHeaders: config.auth.mode === 'dev' }),
    useCloseRefusedBodies(),
    useLoadShedding({ maxInFlight: config.maxInFlightRequests, path: '/graphql' }),
    useOpsRoutes({ ready, metrics, metricsAccess: metricsAccess(config) }),
    ...(callbacks.enabled
      ? [
          useTencentCallbacks({
            path: callbacks.path,
            sdkAppId: options.upstream?.sdkAppId as number,
            token: callbacks.token,
            now: () => Math.floor(Date.now() / 1000),
            bus: dataPlane.bus,
            replays: dataPlane.replays,
            logger,
            metrics,
          }),
        ]
      : []),
    useErrorCodes(),
    useRequestLog({ logger, metrics }),
    // Before useTracing, which wraps whatever executes the operation (graphql-jit or graphql-js).
    useCompiledExecution(),
    useRetryAfter(),
    ...(tracing ? [useTracing(tracing)] : []),
    useCsrfPrevention(CSRF_HEADERS),
    ...usePersistedDocuments(config.persistedDocuments),
    useExpansionLimit(config.limits.maxExpandedFields),
    useRequestBodyLimit(config.limits.requestBodyLimit),
    ...useQueryLimits({ limits: config.limits, blockFieldSuggestions: config.blockFieldSuggestions }),
    ...(config.introspection ? [] : [useNoIntrospection()]),
    ...(config.auth.allowAnonymous ? [] : [useAnonymousAccess({ introspection: config.introspection })]),
    useUpstreamCost({
      maxUpstreamCalls: config.limits.maxUpstreamCalls,
      exposeEstimate: config.exposeUpstreamCalls,
      exposeCost: config.exposeCost,
    }),
    ...(config.exposeUpstreamCalls ? [useUpstreamCallsExtension()] : []),
    useRequestDeadline(config.requestDeadlineMs),
    // After useRequestLog: it logs the detail of unexpected errors before this masks deferred ones.
    ...useIncrementalDelivery(maskError),
  ];

  return createYoga<Record<string, unknown>, GraphQLContext>({
    schema: servedSchema(config.federationVersion),
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
    // useCors.ts answers preflights and sets CORS headers for the allowed origins only.
    cors: false,
    context: ({ request, req }: { request: Request; req?: IncomingMessage }) =>
      createContext(
        request,
        {
          api,
          authenticate,
          settings,
          profileCustomTags: config.profileCustomTags,
          onBatch,
          events: dataPlane.streams,
          slots,
        },
        req?.socket?.remoteAddress,
      ),
    plugins,
    maskedErrors: { maskError },
  });
}
