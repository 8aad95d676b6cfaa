/**
 * Every error a client sees carries a stable `extensions.code`. Errors raised by yoga and its plugins
 * (CSRF prevention, for one) come with an HTTP status only: the code is derived from it. graphql-js's
 * errors for variables that do not fit their types are `BAD_USER_INPUT`; an operation type the schema
 * does not serve (`subscription` over this endpoint) is `GRAPHQL_VALIDATION_FAILED`, as the other
 * errors of a document that cannot run.
 */
import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../../schema/context.js';
import { mapPayloadErrors, mapResult, withExtensions } from '../results.js';

const CODE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'BAD_REQUEST',
  405: 'BAD_REQUEST',
  406: 'BAD_REQUEST',
  413: 'BAD_REQUEST',
  415: 'BAD_REQUEST',
};

/** graphql-js: `Variable "$x" got invalid value ...`, `... of required type "ID!" was not provided.` */
const VARIABLE_ERROR = /^Variable "\$[^"]*" /;
/** graphql-js, for an operation type the schema has no root for. */
const UNSERVED_OPERATION = /^Schema is not configured to execute \w+ operation\.$/;

function codeFor(error: GraphQLError): string | undefined {
  if (error.path === undefined && VARIABLE_ERROR.test(error.message)) return 'BAD_USER_INPUT';
  if (error.path === undefined && UNSERVED_OPERATION.test(error.message)) return 'GRAPHQL_VALIDATION_FAILED';
  const status = (error.extensions?.http as { status?: number } | undefined)?.status;
  return status === undefined ? undefined : CODE_BY_STATUS[status];
}

function withCode(error: GraphQLError): GraphQLError {
  if (typeof error.extensions?.code === 'string') return error;
  const code = codeFor(error);
  if (code === undefined) return error;
  return withExtensions(error, { code });
}

/** Messages for the statuses yoga answers with an empty body. */
const EMPTY_ANSWERS: Readonly<Record<number, { code: string; message: string }>> = {
  404: { code: 'NOT_FOUND', message: 'Nothing here: GraphQL is served at /graphql.' },
  405: { code: 'BAD_REQUEST', message: 'This method is not allowed here.' },
  415: {
    code: 'BAD_REQUEST',
    message: 'Unsupported content type: send application/json (or application/graphql+json).',
  },
};

export function useErrorCodes(): Plugin<GraphQLContext> {
  return {
    // Refusals yoga sends with no body at all get a GraphQL-shaped body with a code, like the others.
    onResponse({ response, setResponse, fetchAPI }) {
      const answer = EMPTY_ANSWERS[response.status];
      if (!answer || response.body !== null) return;
      const headers = new fetchAPI.Headers(response.headers);
      headers.set('content-type', 'application/json; charset=utf-8');
      headers.delete('content-length');
      const body = JSON.stringify({
        errors: [{ message: answer.message, extensions: { code: answer.code } }],
      });
      setResponse(new fetchAPI.Response(body, { status: response.status, headers }));
    },
    // Single results, batches, and every payload of an incremental (@defer / @stream) result.
    onResultProcess({ result, setResult }) {
      setResult(mapResult(result, (payload) => mapPayloadErrors(payload, withCode)));
    },
  };
}
