/**
 * Refuses operations whose worst-case upstream calls (schema/cost/estimate.ts) exceed the budget, with
 * QUERY_TOO_COMPLEX, before execution; in dev mode the estimate is added to `extensions`. A
 * subscription is estimated per event (its fields resolve once per event) and checked when it starts.
 */
import type { ExecutionArgs } from 'graphql';
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
  const estimateOf = (args: ExecutionArgs) => {
    const estimate = estimateUpstreamCalls(
      args.schema,
      args.document,
      args.operationName,
      (args.variableValues ?? {}) as Record<string, unknown>,
      (args.contextValue as GraphQLContext).settings,
    );
    if (!estimate) return undefined;
    const total = totalCalls(estimate);
    if (total <= maxUpstreamCalls) return { estimate };
    return {
      estimate,
      refusal: queryTooComplex(
        `This operation could make up to ${total} upstream calls; the budget is ${maxUpstreamCalls}. ` +
          'Ask for fewer items (smaller `first`, fewer ids) or fewer nested lists.',
        { limit: 'MAX_UPSTREAM_CALLS', estimate: total, budget: maxUpstreamCalls },
      ),
    };
  };
  return {
    onSubscribe({ args, setResultAndStopExecution }) {
      const refusal = estimateOf(args)?.refusal;
      if (refusal) setResultAndStopExecution({ errors: [refusal] });
    },
    onExecute({ args, setResultAndStopExecution }) {
      const checked = estimateOf(args);
      if (!checked) return;
      const { estimate, refusal } = checked;
      if (refusal) {
        setResultAndStopExecution({ errors: [refusal] });
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
