/** Builds the per-request GraphQL context: viewer, fresh loaders and an upstream call record. */
import type { BatchObserver } from '../loaders/batchObserver.js';
import { createLoaders } from '../loaders/index.js';
import type { GraphQLContext, SchemaSettings } from '../schema/context.js';
import type { ChatApi } from '../tencent/api.js';
import type { Authenticate } from './auth/index.js';

export interface ContextDependencies {
  api: ChatApi;
  /** Request -> viewer for the configured AUTH_MODE; throws UNAUTHENTICATED (HTTP 401) for bad credentials. */
  authenticate: Authenticate;
  settings: SchemaSettings;
  /** Custom profile tags read with every portrait_get. */
  profileCustomTags: readonly string[];
  onBatch?: BatchObserver;
}

export async function createContext(request: Request, deps: ContextDependencies): Promise<GraphQLContext> {
  const { api, authenticate, onBatch } = deps;
  const viewer = await authenticate(request);
  const upstreamCalls: Record<string, number> = {};
  const observedApi = api.observed({
    onCall: (event) => {
      upstreamCalls[event.command] = (upstreamCalls[event.command] ?? 0) + 1;
    },
  });
  return {
    viewer,
    api: observedApi,
    loaders: createLoaders(observedApi, {
      customProfileTags: deps.profileCustomTags,
      followingLists: deps.settings.followingLists,
      ...(onBatch && { onBatch }),
    }),
    settings: deps.settings,
    upstreamCalls,
  };
}
