/** Builds the per-request GraphQL context: viewer, fresh loaders and an upstream call record. */
import type { BatchObserver } from '../loaders/batchObserver.js';
import { createLoaders } from '../loaders/index.js';
import type { GraphQLContext, SchemaSettings, Viewer } from '../schema/context.js';
import type { ChatApi, UpstreamObserver } from '../tencent/api.js';
import type { Authenticate } from './auth/index.js';

export interface ContextDependencies {
  /** The client; every request's calls are reported to `upstreamObserver` and counted for the request. */
  api: ChatApi;
  upstreamObserver?: UpstreamObserver;
  /** Request -> viewer for the configured AUTH_MODE; throws UNAUTHENTICATED (HTTP 401) for bad credentials. */
  authenticate: Authenticate;
  settings: SchemaSettings;
  /** Custom profile tags read with every portrait_get. */
  profileCustomTags: readonly string[];
  onBatch?: BatchObserver;
}

/** The context of one request; a promise only when authentication is (JWT verification). */
export function createContext(
  request: Request,
  deps: ContextDependencies,
): GraphQLContext | Promise<GraphQLContext> {
  const viewer = deps.authenticate(request);
  return viewer instanceof Promise ? viewer.then((v) => contextFor(v, deps)) : contextFor(viewer, deps);
}

function contextFor(viewer: Viewer | null, deps: ContextDependencies): GraphQLContext {
  const { api, onBatch, upstreamObserver: metrics } = deps;
  const upstreamCalls: Record<string, number> = {};
  // One observer per call: the metrics and this request's count together.
  const observedApi = api.observed({
    onCall: (event) => {
      metrics?.onCall?.(event);
      upstreamCalls[event.command] = (upstreamCalls[event.command] ?? 0) + 1;
    },
    ...(metrics?.onRateLimitWait && { onRateLimitWait: metrics.onRateLimitWait }),
  });
  return {
    viewer,
    api: observedApi,
    loaders: createLoaders(observedApi, {
      customProfileTags: deps.profileCustomTags,
      ...(onBatch && { onBatch }),
    }),
    settings: deps.settings,
    upstreamCalls,
  };
}
