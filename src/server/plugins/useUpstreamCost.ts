/**
 * Refuses operations whose worst-case upstream calls (schema/cost/estimate.ts) exceed the budget, with
 * QUERY_TOO_COMPLEX, before execution; in dev mode the estimate is added to `extensions`. A
 * subscription is estimated per event (its fields resolve once per event) and checked when it starts.
 */
import type { DocumentNode, ExecutionArgs } from 'graphql';
import { handleStreamOrSingleExecutionResult, type Plugin } from 'graphql-yoga';
import type { GraphQLContext, SchemaSettings } from '../../schema/context.js';
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
 * The estimate depends on the document, the operation, the variables and the schema settings only:
 * most requests repeat an earlier one, so they are looked up instead of walked again.
 */
function cachedEstimates() {
  const byDocument = new WeakMap<DocumentNode, Map<string, CallEstimate | undefined>>();
  return (args: ExecutionArgs, settings: SchemaSettings): CallEstimate | undefined => {
    const variables = (args.variableValues ?? {}) as Record<string, unknown>;
    const key = [
      args.operationName ?? '',
      settings.connectionMaxFirst,
      settings.followingLists,
      JSON.stringify(variables),
    ].join('\u0000');
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
      settings,
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
  const estimates = cachedEstimates();
  const estimateOf = (args: ExecutionArgs) => {
    const estimate = estimates(args, (args.contextValue as GraphQLContext).settings);
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
