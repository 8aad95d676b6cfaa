/**
 * Every error a client sees carries a stable `extensions.code`. Errors raised by yoga and its plugins
 * (CSRF prevention, for one) come with an HTTP status only: the code is derived from it.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../../schema/context.js';
import { mapPayloadErrors, mapResult } from '../results.js';

const CODE_BY_STATUS: Readonly<Record<number, string>> = {
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
};

function withCode(error: GraphQLError): GraphQLError {
  if (typeof error.extensions?.code === 'string') return error;
  const status = (error.extensions?.http as { status?: number } | undefined)?.status;
  const code = status === undefined ? undefined : CODE_BY_STATUS[status];
  if (code === undefined) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code },
  });
}

export function useErrorCodes(): Plugin<GraphQLContext> {
  return {
    // Single results, batches, and every payload of an incremental (@defer / @stream) result.
    onResultProcess({ result, setResult }) {
      setResult(mapResult(result, (payload) => mapPayloadErrors(payload, withCode)));
    },
  };
}
