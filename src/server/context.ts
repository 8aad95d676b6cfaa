/** Builds the per-request GraphQL context: viewer, fresh loaders and an upstream call record. */
import type { BatchObserver } from '../loaders/batchObserver.js';
import { createLoaders } from '../loaders/index.js';
import type { EventSource, GraphQLContext, SchemaSettings } from '../schema/context.js';
import type { ChatApi } from '../tencent/api.js';
import type { Authenticate } from './auth/index.js';
import type { SubscriptionSlots } from './subscriptions/slots.js';

export interface ContextDependencies {
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
 * `clientAddress` counts an anonymous caller's subscriptions (a signed-in viewer's count by their id).
 */
export async function createContext(
  request: Request,
  deps: ContextDependencies,
  clientAddress = 'unknown',
): Promise<GraphQLContext> {
  const { api, authenticate, onBatch } = deps;
  const viewer = await authenticate(request);
  const upstreamCalls: Record<string, number> = {};
  const observedApi = api.observed({
    onCall: (event) => {
      upstreamCalls[event.command] = (upstreamCalls[event.command] ?? 0) + 1;
    },
  });
  const loaders = () =>
    createLoaders(observedApi, {
      customProfileTags: deps.profileCustomTags,
      followingLists: deps.settings.followingLists,
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
