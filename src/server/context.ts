/** Builds the per-request GraphQL context: viewer, fresh loaders and an upstream call record. */

import type { BatchObserver } from '../loaders/batchObserver.js';
import { createLoaders } from '../loaders/index.js';
import type { GraphQLContext } from '../schema/context.js';
import type { ChatApi } from '../tencent/api.js';
import type { Authenticate } from './auth/index.js';
import type { ServerConfig } from './config.js';

export type { GraphQLContext, Viewer } from '../schema/context.js';

export interface ContextDependencies {
  api: ChatApi;
  config: ServerConfig;
  /** Request -> viewer for the configured AUTH_MODE; throws UNAUTHENTICATED (HTTP 401) for bad credentials. */
  authenticate: Authenticate;
  onBatch?: BatchObserver;
}

export async function createContext(request: Request, deps: ContextDependencies): Promise<GraphQLContext> {
  const { api, config, authenticate, onBatch } = deps;
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
      customProfileTags: config.profileCustomTags,
      ...(onBatch && { onBatch }),
    }),
    settings: { connectionMaxFirst: config.connectionMaxFirst, mutationMaxIds: config.mutationMaxIds },
    upstreamCalls,
  };
}
