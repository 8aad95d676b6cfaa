/**
 * One span per executed operation (observability/tracing.ts), a child of the
 * caller's W3C trace context: name `<type> <name>`, attributes `graphql.operation.type`,
 * `graphql.operation.name` and `graphql.document.hash` (SHA-256 of the document text: for a query sent
 * with APQ, the hash it was sent with). Execution runs with the span active, so loader batches and
 * upstream calls become its children; an incremental result ends the span with its last payload.
 */
import { createHash } from 'node:crypto';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { type DocumentNode, getOperationAST, print } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../../schema/context.js';
import type { Tracing } from '../observability/tracing.js';
import { errorsOf, type Payload } from '../results.js';

function documentText(contextValue: unknown, document: DocumentNode): string {
  const query = (contextValue as { params?: { query?: unknown } }).params?.query;
  return typeof query === 'string' ? query : print(document);
}

export function useTracing(tracing: Tracing): Plugin<GraphQLContext> {
  // The same document object comes back from yoga's parse cache for the same text: hash it once.
  const hashes = new WeakMap<DocumentNode, string>();
  const hashOf = (context: unknown, document: DocumentNode) => {
    let hash = hashes.get(document);
    if (hash === undefined) {
      hash = createHash('sha256').update(documentText(context, document)).digest('hex');
      hashes.set(document, hash);
    }
    return hash;
  };
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const operation = getOperationAST(args.document, args.operationName);
      const type = operation?.operation ?? 'query';
      const name = operation?.name?.value;
      const request = (args.contextValue as { request?: Request }).request;
      const parent = request ? tracing.extract(request.headers) : undefined;
      const span = tracing.tracer.startSpan(
        name ? `${type} ${name}` : type,
        {
          kind: SpanKind.SERVER,
          attributes: {
            'graphql.operation.type': type,
            ...(name && { 'graphql.operation.name': name }),
            'graphql.document.hash': hashOf(args.contextValue, args.document),
          },
        },
        parent,
      );
      setExecuteFn((executeArgs) => tracing.withSpan(span, () => executeFn(executeArgs)));
      let errors = 0;
      let data = false;
      const note = (payload: Payload) => {
        errors += errorsOf(payload).length;
        if (payload.data || payload.incremental) data = true;
      };
      const end = () => {
        if (errors > 0) {
          span.setAttribute('graphql.error.count', errors);
          if (!data) span.setStatus({ code: SpanStatusCode.ERROR });
        }
        span.end();
      };
      return {
        onExecuteDone({ result }) {
          if (isAsyncIterable(result)) {
            return { onNext: ({ result: payload }) => note(payload as Payload), onEnd: end };
          }
          note(result as Payload);
          end();
          return undefined;
        },
      };
    },
  };
}
