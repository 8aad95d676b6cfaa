/**
 * Per-request bookkeeping: a request id (kept from a sane incoming `x-request-id`, else generated) in
 * the `x-request-id` response header and in every error's `extensions.requestId`; one JSON log line per
 * GraphQL request (id, operation, duration, upstream calls per command, error codes); the request
 * metrics; and the detail of unexpected errors, logged before they are masked in the response.
 */
import { GraphQLError, getOperationAST } from 'graphql';
import { handleStreamOrSingleExecutionResult, isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../../schema/context.js';
import { TencentError } from '../../tencent/errors.js';
import { type Logger, unredactedLogger } from '../observability/logger.js';
import type { Outcome, ServerMetrics } from '../observability/metrics.js';
import { requestIdFrom } from '../observability/requestId.js';
import { errorsOf, mapPayloadErrors, mapResult, type Payload, withExtensions } from '../results.js';

interface RequestRecord {
  id: string;
  startedAt: number;
  operationName?: string;
  upstreamCalls?: Record<string, number>;
  errorCodes: string[];
  outcome?: Outcome;
  /** An incremental (@defer / @stream) result: logged when its last payload has gone out. */
  streaming?: boolean;
  streamDone?: boolean;
  /** The response status, once known. */
  status?: number;
  logged?: boolean;
}

/** An error we did not mean to throw (not a GraphQL error we built, not a mapped upstream failure). */
function isUnexpected(error: GraphQLError): boolean {
  const original = error.originalError;
  return !!original && !(original instanceof GraphQLError) && !(original instanceof TencentError);
}

/** Caller-chosen text in a log line is cut to this length (one request once wrote a 45 KB line). */
const MAX_LOGGED_NAME = 100;

function bounded(text: string | undefined): string | null {
  if (text === undefined) return null;
  return text.length <= MAX_LOGGED_NAME
    ? text
    : `${text.slice(0, MAX_LOGGED_NAME)}... (${text.length} chars)`;
}

function codeOf(error: { extensions?: Record<string, unknown> }): string {
  const code = error.extensions?.code;
  return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
}

function withRequestId(error: unknown, requestId: string): unknown {
  if (!(error instanceof GraphQLError)) {
    if (error === null || typeof error !== 'object') return error;
    const plain = error as { extensions?: Record<string, unknown> };
    return { ...plain, extensions: { ...plain.extensions, requestId } };
  }
  return withExtensions(error, { requestId });
}

export function useRequestLog({
  logger,
  metrics,
}: {
  logger: Logger;
  metrics: ServerMetrics;
}): Plugin<GraphQLContext> {
  const records = new WeakMap<Request, RequestRecord>();
  // The request line holds only the fields below (no headers, no secrets).
  const requestLog = unredactedLogger(logger);

  return {
    onRequest({ request }) {
      records.set(request, {
        id: requestIdFrom(request.headers),
        startedAt: performance.now(),
        errorCodes: [],
      });
    },
    onParams({ params, request }) {
      const record = records.get(request);
      if (record && typeof params.operationName === 'string') record.operationName = params.operationName;
    },
    onExecute({ args }) {
      const context = args.contextValue;
      const record = records.get(context.request);
      if (!record) return;
      record.operationName ??= getOperationAST(args.document, args.operationName)?.name?.value;
      // The live record: deferred payloads add their calls after execution returns.
      record.upstreamCalls = context.upstreamCalls;
      return {
        onExecuteDone(payload) {
          // Runs before error masking: the only place that sees what actually went wrong.
          return handleStreamOrSingleExecutionResult(payload, ({ result }) => {
            for (const error of errorsOf(result as Payload)) {
              if (!isUnexpected(error)) continue;
              const original = error.originalError as Error;
              logger.error(
                {
                  requestId: record.id,
                  path: error.path?.join('.'),
                  err: { name: original.name, message: original.message, stack: original.stack },
                },
                'unexpected error (masked in the response)',
              );
            }
          });
        },
      };
    },
    onResultProcess({ request, result, setResult }) {
      const record = records.get(request);
      if (!record || Array.isArray(result)) return;
      let sawData = false;
      const note = (payload: Payload): Payload => {
        const errors = errorsOf(payload);
        if (payload.data) sawData = true;
        record.errorCodes.push(...errors.map(codeOf));
        record.outcome =
          record.errorCodes.length === 0 ? 'ok' : sawData || payload.incremental ? 'partial' : 'error';
        return mapPayloadErrors(payload, (e) => withRequestId(e, record.id) as GraphQLError);
      };
      if (!isAsyncIterable(result)) {
        setResult(mapResult(result, note));
        return;
      }
      record.streaming = true;
      setResult(
        mapResult(result, note, () => {
          record.streamDone = true;
          writeLog(record);
        }),
      );
    },
    onResponse({ request, response }) {
      const record = records.get(request);
      if (!record) return;
      response.headers.set('x-request-id', record.id);
      record.status = response.status;
      // An incremental response is logged when its stream ends (its deferred calls are known then).
      if (!record.streaming || record.streamDone) writeLog(record);
    },
  };

  function writeLog(record: RequestRecord): void {
    if (record.logged || record.status === undefined) return;
    record.logged = true;
    const status = record.status;
    const durationMs = performance.now() - record.startedAt;
    const outcome: Outcome = record.outcome ?? (status < 400 ? 'ok' : 'error');
    metrics.observeRequest(
      metrics.operationLabel(record.operationName),
      outcome,
      durationMs / 1000,
      record.errorCodes,
    );
    requestLog.info(
      {
        requestId: record.id,
        operationName: bounded(record.operationName),
        status,
        durationMs: Math.round(durationMs * 10) / 10,
        outcome,
        upstreamCalls: { ...record.upstreamCalls },
        ...(record.errorCodes.length > 0 && { errorCodes: [...new Set(record.errorCodes)] }),
      },
      'graphql request',
    );
  }
}
