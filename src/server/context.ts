/** Builds the per-request GraphQL context: viewer, fresh loaders and an upstream call record. */
import type { BatchObserver } from '../loaders/batchObserver.js';
import { createLoaders } from '../loaders/index.js';
import type { EventSource, GraphQLContext, SchemaSettings, Viewer } from '../schema/context.js';
import type { ChatApi } from '../tencent/api.js';
import type { Authenticate } from './auth/index.js';
import type { SubscriptionSlots } from './subscriptions/slots.js';

export interface ContextDependencies {
  /** The client (already metered); every request's calls are also counted for the request. */
  api: ChatApi;
  /** Request -> viewer for the configured AUTH_MODE; throws UNAUTHENTICATED (HTTP 401) for bad credentials. */
  authenticate: Authenticate;
  settings: SchemaSettings;
  /** Custom profile tags read with every portrait_get. */
  profileCustomTags: readonly string[];
  onBatch?: BatchObserver;
  events: EventSource;
  slots: SubscriptionSlots;
}

/**
 * The context of one request; a promise only when authentication is (JWT verification).
 * `clientAddress` counts an anonymous caller's subscriptions (a signed-in viewer's count by their id).
 */
export function createContext(
  request: Request,
  deps: ContextDependencies,
  clientAddress = 'unknown',
): GraphQLContext | Promise<GraphQLContext> {
  const viewer = deps.authenticate(request);
  return viewer instanceof Promise
    ? viewer.then((v) => contextFor(v, deps, clientAddress))
    : contextFor(viewer, deps, clientAddress);
}

function contextFor(viewer: Viewer | null, deps: ContextDependencies, clientAddress: string): GraphQLContext {
  const { api, onBatch } = deps;
  const upstreamCalls: Record<string, number> = {};
  const observedApi = api.observed({
    onCall: (event) => {
      upstreamCalls[event.command] = (upstreamCalls[event.command] ?? 0) + 1;
    },
  });
  const loaders = () =>
    createLoaders(observedApi, {
      customProfileTags: deps.profileCustomTags,
      ...(onBatch && { onBatch }),
    });
  const context: GraphQLContext = {
    viewer,
    api: observedApi,
    loaders: loaders(),
    settings: deps.settings,
    upstreamCalls,
    // A method on `this`: yoga hands resolvers a copy of this object, not this object.
    renewLoaders(this: GraphQLContext) {
      this.loaders = loaders();
    },
    events: deps.events,
    holdSubscription: () => deps.slots.hold(viewer ? `viewer:${viewer.id}` : `anonymous:${clientAddress}`),
  };
  return context;
}
