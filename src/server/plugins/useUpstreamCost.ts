/**
 * Prices every operation before execution (schema/cost/estimate.ts) and refuses it above the budget
 * (MAX_UPSTREAM_CALLS) with QUERY_TOO_COMPLEX.
 *
 * - Facts first: when a field is priced from a fact (knownFollowers: how many users the viewer
 *   follows), the fact is learned (schema/cost/facts.ts) and the operation estimated again with it.
 *   Only for queries: a mutation may change the fact before its payload is read, so it is priced at
 *   the worst case.
 * - The price is kept in the context (`ctx.cost`) for `Query.rateLimit`.
 * - `rateLimit(dryRun: true)`: priced, never refused, and not executed: only the operation's
 *   `rateLimit` fields run, and nothing is called upstream (no fact is learned upstream either).
 * - `exposeEstimate` (dev): `extensions.upstreamCallsEstimate` on the result (its first payload).
 * - `exposeCost`: `extensions.cost` on every executed operation's result (its last payload): the
 *   estimated and actual calls, the budget, and per command involved what is left of the rate limit;
 *   a response refused before execution (parse, validation, auth) gets a cost of nothing.
 * - A subscription is priced per event (its fields resolve once per event) and refused when it starts.
 * - The price without facts depends on the document, the operation, the variables and the settings
 *   only: most requests repeat an earlier one, so it is looked up instead of worked out again.
 */
import { type DocumentNode, type ExecutionArgs, type ExecutionResult, getOperationAST } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { GraphQLContext, SchemaSettings } from '../../schema/context.js';
import { estimateOperation, type OperationEstimate, totalCalls } from '../../schema/cost/estimate.js';
import { learnCostFacts } from '../../schema/cost/facts.js';
import { queryTooComplex } from '../../schema/errors.js';
import { PendingWork } from '../../schema/pendingWork.js';
import { dryRunDocument, type RateLimitRequest, rateLimitRequest } from '../../schema/rateLimit/dryRun.js';
import type { Command } from '../../tencent/wire.js';

export interface UpstreamCostOptions {
  maxUpstreamCalls: number;
  /** Add the estimate to the response's extensions (dev mode). */
  exposeEstimate: boolean;
  /** Add `extensions.cost` to every response (EXPOSE_COST). */
  exposeCost?: boolean;
}

/** `extensions.cost` of one response. */
export interface CostExtension {
  estimatedCalls: number;
  actualCalls: number;
  maxCalls: number;
  dryRun: boolean;
  /** Per command the operation was estimated to call or called. */
  commands: Record<
    string,
    {
      estimated: number;
      actual: number;
      /** Null when this server does not limit the command. */
      limitPerSecond: number | null;
      remaining: number | null;
      resetAt: string | null;
    }
  >;
}

async function costExtension(
  ctx: GraphQLContext,
  estimate: Record<string, number>,
  maxCalls: number,
  dryRun: boolean,
): Promise<CostExtension> {
  const actual = ctx.upstreamCalls;
  const names = [...new Set([...Object.keys(estimate), ...Object.keys(actual)])].sort();
  const readAt = Date.now();
  const budgets = await Promise.all(names.map((name) => ctx.api.budget(name as Command)));
  const commands: CostExtension['commands'] = {};
  names.forEach((name, i) => {
    const budget = budgets[i];
    const limited = budget !== undefined && budget.ratePerSecond > 0;
    commands[name] = {
      estimated: estimate[name] ?? 0,
      actual: actual[name] ?? 0,
      limitPerSecond: limited ? budget.ratePerSecond : null,
      remaining: limited ? budget.remaining : null,
      resetAt: limited ? new Date(readAt + Math.ceil(budget.fullInMs)).toISOString() : null,
    };
  });
  return {
    estimatedCalls: totalCalls(estimate),
    actualCalls: totalCalls(actual),
    maxCalls,
    dryRun,
    commands,
  };
}

function withExtensions(result: ExecutionResult, extensions: Record<string, unknown>): ExecutionResult {
  return { ...result, extensions: { ...result.extensions, ...extensions } };
}

/** Prices kept per document (yoga's parse cache hands out the same document for the same text). */
const MAX_PRICES_PER_DOCUMENT = 32;

interface Price {
  estimate: OperationEstimate | undefined;
  rateLimit: RateLimitRequest;
}

/** The fact-free price and the `rateLimit` request of an operation, remembered per document. */
function cachedPrices() {
  const byDocument = new WeakMap<DocumentNode, Map<string, Price>>();
  const priceOf = (args: ExecutionArgs, settings: SchemaSettings, variables: Record<string, unknown>) => ({
    estimate: estimateOperation(args.schema, args.document, args.operationName, variables, settings),
    rateLimit: rateLimitRequest(args.schema, args.document, args.operationName, variables),
  });
  return (args: ExecutionArgs, settings: SchemaSettings): Price => {
    const variables = (args.variableValues ?? {}) as Record<string, unknown>;
    let text: string;
    try {
      text = JSON.stringify(variables);
    } catch {
      // Variables too deep (or odd) to serve as a key: priced, not remembered.
      return priceOf(args, settings, variables);
    }
    const key = [args.operationName ?? '', settings.connectionMaxFirst, settings.followingLists, text].join(
      '\u0000',
    );
    let prices = byDocument.get(args.document);
    if (!prices) {
      prices = new Map();
      byDocument.set(args.document, prices);
    }
    let price = prices.get(key);
    if (!price) {
      price = priceOf(args, settings, variables);
      if (prices.size >= MAX_PRICES_PER_DOCUMENT) prices.clear();
      prices.set(key, price);
    }
    return price;
  };
}

type OnExecute = NonNullable<Plugin<GraphQLContext>['onExecute']>;
type ExecutePayload = Parameters<OnExecute>[0];
type ExecuteHooks = ReturnType<OnExecute>;

export function useUpstreamCost({
  maxUpstreamCalls,
  exposeEstimate,
  exposeCost = false,
}: UpstreamCostOptions): Plugin<GraphQLContext> {
  /** After pricing: keep the price, refuse or run (a dry run runs only its rateLimit fields). */
  function proceed(
    { args, executeFn, setExecuteFn, setResultAndStopExecution }: ExecutePayload,
    estimate: Record<string, number>,
    dryRun: boolean,
  ): ExecuteHooks {
    const ctx = args.contextValue;
    const total = totalCalls(estimate);
    ctx.cost = { estimate, dryRun };
    if (total > maxUpstreamCalls && !dryRun) {
      const refused: ExecutionResult = { errors: [refusal(total)] };
      if (!exposeCost) {
        setResultAndStopExecution(refused);
        return;
      }
      return costExtension(ctx, estimate, maxUpstreamCalls, false).then((cost) => {
        setResultAndStopExecution(withExtensions(refused, { cost }));
      });
    }
    if (dryRun) {
      const document = dryRunDocument(args.document, args.operationName);
      setExecuteFn((execution) => executeFn({ ...execution, document }));
    }
    if (!exposeEstimate && !exposeCost) return;
    return {
      async onExecuteDone({ result, setResult }) {
        const decorate = async (payload: ExecutionResult, first: boolean, last: boolean) => {
          const extensions: Record<string, unknown> = {};
          if (exposeEstimate && first) extensions.upstreamCallsEstimate = estimate;
          if (exposeCost && last) {
            extensions.cost = await costExtension(ctx, estimate, maxUpstreamCalls, dryRun);
          }
          return Object.keys(extensions).length > 0 ? withExtensions(payload, extensions) : payload;
        };
        if (!isAsyncIterable(result)) {
          setResult(await decorate(result, true, true));
          return;
        }
        // An incremental result: the estimate on its first payload, the cost on its last.
        let first = true;
        return {
          onNext: async ({ result: payload, setResult: setPayload }) => {
            const last = (payload as { hasNext?: boolean }).hasNext !== true;
            setPayload(await decorate(payload as ExecutionResult, first, last));
            first = false;
          },
        };
      },
    };
  }

  const prices = cachedPrices();
  const refusal = (total: number) =>
    queryTooComplex(
      `This operation could make up to ${total} upstream calls; the budget is ${maxUpstreamCalls}. ` +
        'Ask for fewer items (smaller `first`, fewer ids) or fewer nested lists.',
      { limit: 'MAX_UPSTREAM_CALLS', estimate: total, budget: maxUpstreamCalls },
    );

  /** What a response that executed nothing costs (refused before execution: parse, validation, auth). */
  const nothing: CostExtension = {
    estimatedCalls: 0,
    actualCalls: 0,
    maxCalls: maxUpstreamCalls,
    dryRun: false,
    commands: {},
  };

  return {
    // extensions.cost on every response: those that never reached execution cost nothing.
    ...(exposeCost && {
      onResultProcess({ result, setResult }) {
        if (isAsyncIterable(result)) return;
        const add = (payload: ExecutionResult) =>
          payload.extensions?.cost === undefined ? withExtensions(payload, { cost: nothing }) : payload;
        setResult(Array.isArray(result) ? result.map(add) : add(result));
      },
    }),
    onSubscribe({ args, setResultAndStopExecution }) {
      const priced = prices(args, (args.contextValue as GraphQLContext).settings).estimate;
      const total = priced ? totalCalls(priced.calls) : 0;
      if (total > maxUpstreamCalls) setResultAndStopExecution({ errors: [refusal(total)] });
    },
    onExecute(payload) {
      const { args } = payload;
      const ctx = args.contextValue;
      const { estimate: priced, rateLimit } = prices(args, ctx.settings);
      if (!priced) return;
      const variables = (args.variableValues ?? {}) as Record<string, unknown>;
      const price = (facts = {}) =>
        estimateOperation(args.schema, args.document, args.operationName, variables, ctx.settings, facts);
      const dryRun = rateLimit.dryRun;
      // Only an operation that asks for its actual calls keeps count of its resolvers in flight.
      if (rateLimit.selected) ctx.work ??= new PendingWork();
      const learn =
        priced.factsRead.size > 0 &&
        getOperationAST(args.document, args.operationName)?.operation === 'query';
      if (!learn) return proceed(payload, priced.calls, dryRun);
      // Priced from facts: learn them (a dry run only what needs no upstream call), then price again.
      return learnCostFacts(priced.factsRead, ctx, { upstream: !dryRun }).then((facts) =>
        proceed(payload, (price(facts) ?? priced).calls, dryRun),
      );
    },
  };
}
