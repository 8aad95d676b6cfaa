/** Builds the per-request GraphQL context: viewer, fresh loaders and an upstream call record. */
import { GraphQLError } from 'graphql';
import { createLoaders } from '../loaders/index.js';
import type { GraphQLContext, Viewer } from '../schema/context.js';
import { assertValidId } from '../schema/validation.js';
import type { ChatApi } from '../tencent/api.js';
import type { ServerConfig } from './config.js';

export type { GraphQLContext, Viewer } from '../schema/context.js';

/** Dev auth: trust `x-user-id` and `x-user-roles` (comma-separated; `admin` makes an admin). */
export function devViewer(headers: Headers): Viewer | null {
  const id = headers.get('x-user-id')?.trim();
  if (!id) return null;
  try {
    assertValidId(id, 'x-user-id');
  } catch {
    throw new GraphQLError('The x-user-id header is not a valid Chat UserID.', {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  }
  const roles = (headers.get('x-user-roles') ?? '')
    .split(',')
    .map((role) => role.trim())
    .filter((role) => role !== '');
  return { id, roles, isAdmin: roles.includes('admin') };
}

export function resolveViewer(request: Request, config: ServerConfig): Viewer | null {
  switch (config.authMode) {
    case 'dev':
      return devViewer(request.headers);
    default:
      // jwt and gateway modes are not implemented yet: nobody is signed in.
      return null;
  }
}

export function createContext(request: Request, api: ChatApi, config: ServerConfig): GraphQLContext {
  const upstreamCalls: Record<string, number> = {};
  const observedApi = api.observed({
    onCall: (event) => {
      upstreamCalls[event.command] = (upstreamCalls[event.command] ?? 0) + 1;
    },
  });
  return {
    viewer: resolveViewer(request, config),
    api: observedApi,
    loaders: createLoaders(observedApi, { customProfileTags: config.profileCustomTags }),
    settings: { connectionMaxFirst: config.connectionMaxFirst },
    upstreamCalls,
  };
}
