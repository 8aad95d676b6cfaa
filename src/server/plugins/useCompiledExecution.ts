/**
 * Executes operations with graphql-jit: each document is compiled once into plain JavaScript (cached
 * with the parsed document, which yoga's parse cache keeps) and then runs without the generic
 * executor's per-field bookkeeping. Resolvers, their wrappers (auth scopes, the upstream-error mapping)
 * and every plugin hook run as before; only the engine that walks the selection changes.
 *
 * Queries and mutations only: graphql-jit knows neither `@defer` / `@stream` (incremental delivery)
 * nor our subscriptions' per-event context, so those documents run on graphql-js. And documents of
 * one operation only: the plugin keeps one compiled operation per document, whichever operation name
 * a later request picks.
 */
import { useGraphQlJit } from '@envelop/graphql-jit';
import {
  BREAK,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  getOperationAST,
  Kind,
  visit,
} from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../../schema/context.js';
import { withExtensions } from '../results.js';

const INCREMENTAL = new Set(['defer', 'stream']);
/** Per document: whether graphql-jit may run it (one operation, no @defer / @stream). */
const compilable = new WeakMap<DocumentNode, boolean>();

function compilableDocument(document: DocumentNode): boolean {
  let ok = compilable.get(document);
  if (ok === undefined) {
    ok = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length === 1;
    if (ok) {
      visit(document, {
        Directive(node) {
          if (!INCREMENTAL.has(node.name.value)) return;
          ok = false;
          return BREAK;
        },
      });
    }
    compilable.set(document, ok);
  }
  return ok;
}

export function compiles(args: Pick<ExecutionArgs, 'document' | 'operationName'>): boolean {
  const operation = getOperationAST(args.document, args.operationName)?.operation;
  return operation !== undefined && operation !== 'subscription' && compilableDocument(args.document);
}

/**
 * An operation that could not start (its variables do not fit their types, or are missing) answers
 * only errors, as with graphql-js; graphql-js's executor also marks them as the request's fault (HTTP
 * 400), graphql-jit does not: this does.
 */
function asRequestErrors(result: ExecutionResult): ExecutionResult {
  if ('data' in result || !result.errors?.length) return result;
  return {
    ...result,
    errors: result.errors.map((error) =>
      error.extensions?.http !== undefined ? error : withExtensions(error, { http: { status: 400 } }),
    ),
  };
}

export function useCompiledExecution(): Plugin<GraphQLContext> {
  // Stack traces of field errors are never shown (errors are mapped or masked): skip capturing them.
  const jit = useGraphQlJit(
    { disablingCapturingStackErrors: true },
    { enableIf: compiles },
  ) as Plugin<GraphQLContext>;
  return {
    ...jit,
    onExecute(payload) {
      jit.onExecute?.(payload);
      if (!compiles(payload.args)) return;
      return {
        onExecuteDone({ result, setResult }) {
          if (!isAsyncIterable(result)) setResult(asRequestErrors(result));
        },
      };
    },
  };
}
