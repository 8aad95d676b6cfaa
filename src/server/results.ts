/**
 * Helpers for plugins that touch results, single or incremental (`@defer` / `@stream`: the first payload,
 * then payloads with `incremental: [{ data | items, errors, path }]` until `hasNext: false`). Errors of
 * later payloads sit in `incremental[].errors`: every plugin that codes, masks or logs errors must see
 * those too.
 */
import { GraphQLError } from 'graphql';
import { isAsyncIterable, mapAsyncIterator } from 'graphql-yoga';

/** One payload: a whole result, or one part of an incremental result. */
export interface Payload {
  errors?: readonly GraphQLError[];
  data?: unknown;
  extensions?: Record<string, unknown>;
  incremental?: readonly { errors?: readonly GraphQLError[]; [key: string]: unknown }[];
  hasNext?: boolean;
  [key: string]: unknown;
}

/** Every error of a payload (its own and those of its incremental parts). */
export function errorsOf(payload: Payload): GraphQLError[] {
  return [...(payload.errors ?? []), ...(payload.incremental ?? []).flatMap((part) => part.errors ?? [])];
}

/** The payload with each error (its own and its incremental parts') replaced by `map(error)`. */
export function mapPayloadErrors<T extends Payload>(
  payload: T,
  map: (error: GraphQLError) => GraphQLError,
): T {
  const hasOwn = (payload.errors?.length ?? 0) > 0;
  const hasIncremental = payload.incremental?.some((part) => (part.errors?.length ?? 0) > 0) ?? false;
  if (!hasOwn && !hasIncremental) return payload;
  return {
    ...payload,
    ...(hasOwn && { errors: payload.errors?.map(map) }),
    ...(hasIncremental && {
      incremental: payload.incremental?.map((part) =>
        part.errors?.length ? { ...part, errors: part.errors.map(map) } : part,
      ),
    }),
  };
}

/**
 * Applies `map` to every payload of a result: to a single result (or each of a batch), or to each
 * payload of a stream as it passes, calling `onEnd` once the stream is over.
 */
export function mapResult<R>(result: R, map: (payload: Payload) => Payload, onEnd?: () => void): R {
  if (isAsyncIterable(result)) {
    const mapped = mapAsyncIterator(result as AsyncIterable<Payload>, map, undefined, onEnd);
    return mapped as R;
  }
  if (Array.isArray(result)) return result.map((payload) => map(payload as Payload)) as R;
  return map(result as Payload) as R;
}

/** `error` with `extensions` added (a new GraphQLError: their extensions are read-only). */
export function withExtensions(error: GraphQLError, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, ...extensions },
  });
}

export { isAsyncIterable };
