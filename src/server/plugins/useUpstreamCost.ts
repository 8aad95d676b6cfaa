/**
 * Refuses operations whose worst-case upstream calls (schema/cost/estimate.ts) exceed the budget, with
 * QUERY_TOO_COMPLEX, before execution; in dev mode the estimate is added to `extensions`.
 */
import { handleStreamOrSingleExecutionResult, type Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../../schema/context.js';
import { estimateUpstreamCalls, totalCalls } from '../../schema/cost/estimate.js';
import { queryTooComplex } from '../../schema/errors.js';

export interface UpstreamCostOptions {
  maxUpstreamCalls: number;
  /** Add the estimate to the response's extensions (dev mode). */
  exposeEstimate: boolean;
}

export function useUpstreamCost({
  maxUpstreamCalls,
  exposeEstimate,
}: UpstreamCostOptions): Plugin<GraphQLContext> {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const estimate = estimateUpstreamCalls(
        args.schema,
        args.document,
        args.operationName,
        (args.variableValues ?? {}) as Record<string, unknown>,
        args.contextValue.settings,
      );
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
      // On the result, or on the first payload of an incremental one.
      let first = true;
      return {
        onExecuteDone(payload) {
          return handleStreamOrSingleExecutionResult(payload, ({ result, setResult }) => {
            if (!first) return;
            first = false;
            setResult({ ...result, extensions: { ...result.extensions, upstreamCallsEstimate: estimate } });
          });
        },
      };
    },
  };
}
