/**
 * Refuses operations whose worst-case upstream calls (schema/cost/estimate.ts) exceed the budget, with
 * QUERY_TOO_COMPLEX, before execution; in dev mode the estimate is added to `extensions`.
 */
import type { DocumentNode, ExecutionArgs } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../../schema/context.js';
import { type CallEstimate, estimateUpstreamCalls, totalCalls } from '../../schema/cost/estimate.js';
import { queryTooComplex } from '../../schema/errors.js';

export interface UpstreamCostOptions {
  maxUpstreamCalls: number;
  /** Add the estimate to the response's extensions (dev mode). */
  exposeEstimate: boolean;
}

/** Estimates kept per document (yoga's parse cache hands out the same document for the same text). */
const MAX_ESTIMATES_PER_DOCUMENT = 32;

/**
 * The estimate depends on the document, the operation and the variables only: most requests repeat an
 * earlier one, so they are looked up instead of walked again.
 */
function cachedEstimates() {
  const byDocument = new WeakMap<DocumentNode, Map<string, CallEstimate | undefined>>();
  return (args: ExecutionArgs, connectionMaxFirst: number): CallEstimate | undefined => {
    const variables = (args.variableValues ?? {}) as Record<string, unknown>;
    const key = `${args.operationName ?? ''}\u0000${connectionMaxFirst}\u0000${JSON.stringify(variables)}`;
    let estimates = byDocument.get(args.document);
    if (!estimates) {
      estimates = new Map();
      byDocument.set(args.document, estimates);
    }
    if (estimates.has(key)) return estimates.get(key);
    const estimate = estimateUpstreamCalls(
      args.schema,
      args.document,
      args.operationName,
      variables,
      connectionMaxFirst,
    );
    if (estimates.size >= MAX_ESTIMATES_PER_DOCUMENT) estimates.clear();
    estimates.set(key, estimate);
    return estimate;
  };
}

export function useUpstreamCost({
  maxUpstreamCalls,
  exposeEstimate,
}: UpstreamCostOptions): Plugin<GraphQLContext> {
  const estimateOf = cachedEstimates();
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const estimate = estimateOf(args, args.contextValue.settings.connectionMaxFirst);
      if (!estimate) return;
      const total = totalCalls(estimate);
      if (total > maxUpstreamCalls) {
        setResultAndStopExecution({
          errors: [
            queryTooComplex(
              `This operation could make up to ${total} upstream calls; the budget is ${maxUpstreamCalls}. ` +
                'Ask for fewer items (smaller `first`, fewer ids) or fewer nested lists.',
              { limit: 'MAX_UPSTREAM_CALLS', estimate: total, budget: maxUpstreamCalls },
            ),
          ],
        });
        return;
      }
      if (!exposeEstimate) return;
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result) return;
          setResult({ ...result, extensions: { ...result.extensions, upstreamCallsEstimate: estimate } });
        },
      };
    },
  };
}
