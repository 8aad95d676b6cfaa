/**
 * The one place where failures become GraphQL errors with a stable `extensions.code` (docs/design.md 2.4).
 * Messages are written here, never copied from upstream, so no client internals reach a response.
 */
import { GraphQLError, type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';
import { TencentError } from '../tencent/errors.js';
import { ErrorCodes, TRANSIENT_CODES } from '../tencent/wire.js';
import { declaredCost } from './cost/upstreamCost.js';

export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'FEATURE_NOT_ENABLED'
  | 'RATE_LIMITED'
  | 'UPSTREAM_ERROR'
  | 'UPSTREAM_UNAVAILABLE'
  | 'QUERY_TOO_COMPLEX';

export function badUserInput(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT', ...(argument && { argument }) },
  });
}

/** An operation refused before execution for its size or cost (HTTP 400). */
export function queryTooComplex(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 }, ...extensions },
  });
}

export function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'NOT_FOUND' } });
}

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED' } });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}

const NOT_FOUND_CODES: ReadonlySet<number> = new Set([
  ErrorCodes.FollowUserNotFound,
  ErrorCodes.ProfileUserNotFound,
  ErrorCodes.AccountNotImported,
  ErrorCodes.OaNotFound,
]);

const FEATURE_DISABLED_CODES: ReadonlySet<number> = new Set([ErrorCodes.FollowFeatureDisabled]);

/** Maps an upstream failure to the GraphQL error clients see. */
export function upstreamError(error: TencentError): GraphQLError {
  const upstream = { upstreamCommand: error.command };
  const retryAfterMs = error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs };
  if (error.kind === 'rate-limited') {
    return new GraphQLError(
      'Too many requests for Tencent Cloud Chat right now (this server keeps under its rate limit); retry ' +
        'after `extensions.retryAfterMs`.',
      { extensions: { code: 'RATE_LIMITED', ...upstream, ...retryAfterMs } },
    );
  }
  if (error.isRateLimit || (error.kind === 'http' && error.httpStatus === 429)) {
    // Tencent counts calls per second.
    return new GraphQLError('Tencent Cloud Chat is rate limiting us; retry later.', {
      extensions: {
        code: 'RATE_LIMITED',
        ...upstream,
        ...(error.code && { tencentCode: error.code }),
        retryAfterMs: 1000,
      },
    });
  }
  if (error.kind === 'circuit-open') {
    return new GraphQLError(
      'Tencent Cloud Chat keeps failing; this server stops calling it for a moment. Retry after ' +
        '`extensions.retryAfterMs`.',
      { extensions: { code: 'UPSTREAM_UNAVAILABLE', ...upstream, ...retryAfterMs } },
    );
  }
  if (error.kind === 'deadline' || error.kind === 'timeout') {
    return new GraphQLError('Tencent Cloud Chat did not answer within the request deadline; retry later.', {
      extensions: { code: 'UPSTREAM_UNAVAILABLE', ...upstream },
    });
  }
  if (error.kind !== 'api' || error.code === undefined) {
    return new GraphQLError('Tencent Cloud Chat is unavailable; retry later.', {
      extensions: { code: 'UPSTREAM_UNAVAILABLE', ...upstream },
    });
  }
  const tencentCode = error.code;
  if (FEATURE_DISABLED_CODES.has(tencentCode)) {
    return new GraphQLError(
      'The follow feature is not enabled for this Tencent Cloud Chat app (edition or console switch).',
      { extensions: { code: 'FEATURE_NOT_ENABLED', ...upstream, tencentCode } },
    );
  }
  if (NOT_FOUND_CODES.has(tencentCode)) {
    return new GraphQLError('The account does not exist.', {
      extensions: { code: 'NOT_FOUND', ...upstream, tencentCode },
    });
  }
  if (TRANSIENT_CODES.has(tencentCode)) {
    return new GraphQLError(`Tencent Cloud Chat had an internal error (${tencentCode}); retry later.`, {
      extensions: { code: 'UPSTREAM_UNAVAILABLE', ...upstream, tencentCode },
    });
  }
  return new GraphQLError(`Tencent Cloud Chat refused ${error.command} with error ${tencentCode}.`, {
    extensions: { code: 'UPSTREAM_ERROR', ...upstream, tencentCode },
  });
}

/** GraphQLErrors pass through; upstream failures are mapped; anything else is left for masking. */
export function toClientError(error: unknown): unknown {
  if (error instanceof TencentError) return upstreamError(error);
  return error;
}

function rethrowMapped(error: unknown): never {
  throw toClientError(error);
}

function mapResult(result: unknown): unknown {
  if (result instanceof Promise) return result.catch(rethrowMapped);
  if (Array.isArray(result) && result.some((item) => item instanceof Promise)) {
    return result.map((item) => (item instanceof Promise ? item.catch(rethrowMapped) : item));
  }
  return result;
}

/**
 * True when a field's resolver can meet an upstream failure: it declares an upstream read or write
 * (cost/upstreamCost.ts), or declares nothing (then it is wrapped to be safe). Fields declared free,
 * such as an edge's cursor or node, make no upstream call and have nothing to map.
 */
function mayCallUpstream(extensions: Readonly<Record<string, unknown>> | null | undefined): boolean {
  const cost = declaredCost(extensions);
  return cost === undefined || cost.load !== undefined || cost.probe !== undefined;
}

/**
 * Wraps every field resolver that may call upstream so that upstream failures become mapped GraphQL
 * errors wherever they are thrown (including `_entities`, which bypasses Query-field wrappers).
 */
export function mapUpstreamErrors(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      if (!resolve || !mayCallUpstream(field.extensions)) continue;
      const wrapped: GraphQLFieldResolver<unknown, unknown> = (source, args, context, info) => {
        try {
          return mapResult(resolve(source, args, context, info));
        } catch (error) {
          rethrowMapped(error);
        }
      };
      field.resolve = wrapped;
    }
  }
  return schema;
}
