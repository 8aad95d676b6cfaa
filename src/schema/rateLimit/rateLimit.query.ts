/**
 * `Query.rateLimit`: what this operation costs upstream and what is left of the budget, as GitHub's API
 * tells its clients. Nothing here calls upstream.
 *
 * - The estimate is the server's, made before execution (schema/cost/estimate.ts, kept in
 *   `ctx.cost`); in a dry run (`dryRun: true`) the rest of the operation does not run at all
 *   (useUpstreamCost runs dryRun.ts's document instead).
 * - `actualCalls` waits until every other field of the operation has resolved (pendingWork.ts), so it
 *   counts all their calls, those of the estimate's own probe included.
 * - The budget per command is the client-side limiter's (ChatApi.budget): Tencent allows 200 calls/s
 *   per command for the whole app.
 */
import { type DocumentNode, Kind } from 'graphql';
import type { CommandBudget } from '../../tencent/rateLimiter.js';
import { COMMANDS } from '../../tencent/wire.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { estimateUpstreamCalls, totalCalls } from '../cost/estimate.js';
import { upstreamCost } from '../cost/upstreamCost.js';
import { WAITS_FOR_OPERATION } from '../pendingWork.js';

interface RateLimitShape {
  dryRun: boolean;
  /** Worst-case calls per command. */
  estimate: Record<string, number>;
}

interface CommandRateLimitShape {
  command: string;
  estimated: number;
  budget: CommandBudget;
  /** When the budget was read (resetAt is relative to it). */
  readAt: number;
}

/** Fields that make no upstream call; those that wait for the rest of the operation say so. */
const free = upstreamCost();
const waits = { ...upstreamCost(), [WAITS_FOR_OPERATION]: true };

/** The calls this operation made, once every other field has resolved. */
async function actualCalls(ctx: GraphQLContext): Promise<Record<string, number>> {
  await ctx.work?.idle();
  return ctx.upstreamCalls;
}

const UpstreamCommandRateLimit = builder
  .objectRef<CommandRateLimitShape>('UpstreamCommandRateLimit')
  .implement({
    description:
      'One upstream REST command: what this operation costs in it, and what is left of its rate-limit ' +
      'budget (Tencent allows 200 calls per second per command for the whole app; this server keeps ' +
      'under it with a token bucket per command).',
    fields: (t) => ({
      command: t.exposeString('command', {
        description: 'The command as `service/command`, e.g. `follow/follow_get`.',
      }),
      estimatedCalls: t.exposeInt('estimated', {
        description: 'Calls of this command this operation was estimated to make at most.',
      }),
      actualCalls: t.int({
        description:
          'Calls of this command this operation made (0 in a dry run). Resolved last: it waits for every ' +
          'other field of the operation.',
        extensions: waits,
        resolve: async (c, _args, ctx) => (await actualCalls(ctx))[c.command] ?? 0,
      }),
      limitPerSecond: t.int({
        nullable: true,
        description: 'Calls per second the budget refills at; null when this server does not limit calls.',
        extensions: free,
        resolve: (c) => (c.budget.ratePerSecond > 0 ? c.budget.ratePerSecond : null),
      }),
      burst: t.int({
        nullable: true,
        description: 'Calls the budget holds when full (that many may go at once); null without a limit.',
        extensions: free,
        resolve: (c) => (c.budget.ratePerSecond > 0 ? c.budget.capacity : null),
      }),
      remaining: t.int({
        nullable: true,
        description:
          'Calls that may start now without waiting (0 while others wait for a turn); null without a limit.',
        extensions: free,
        resolve: (c) => (c.budget.ratePerSecond > 0 ? c.budget.remaining : null),
      }),
      waiting: t.int({
        description: 'Calls waiting for a turn right now.',
        extensions: free,
        resolve: (c) => c.budget.waiting,
      }),
      resetAt: t.field({
        type: 'DateTime',
        nullable: true,
        description: 'When the budget is full again (now, if it is full); null without a limit.',
        extensions: free,
        resolve: (c) =>
          c.budget.ratePerSecond > 0 ? new Date(c.readAt + Math.ceil(c.budget.fullInMs)) : null,
      }),
    }),
  });

const RateLimit = builder.objectRef<RateLimitShape>('RateLimit').implement({
  description:
    "This operation's upstream cost and the upstream budget, like GitHub's `rateLimit`: the estimate " +
    'the server made before running the operation (and checked against `maxCalls`), the calls it made, ' +
    'and per command what is left of the rate limit. Selecting it calls nothing upstream.',
  fields: (t) => ({
    dryRun: t.exposeBoolean('dryRun', {
      description: 'True when the operation was only priced: no other field ran, nothing was called.',
    }),
    estimatedCalls: t.int({
      description:
        'Upstream calls this operation was estimated to make at most (all commands). Fields priced from ' +
        'what the viewer follows (`knownFollowers`) are priced exactly; in a dry run, as for 5,000.',
      extensions: free,
      resolve: (r) => totalCalls(r.estimate),
    }),
    actualCalls: t.int({
      description:
        'Upstream calls this operation made (0 in a dry run). Resolved last: it waits for every other ' +
        'field of the operation.',
      extensions: waits,
      resolve: async (_r, _args, ctx) => totalCalls(await actualCalls(ctx)),
    }),
    maxCalls: t.int({
      description: 'The most upstream calls one operation may be estimated to make (MAX_UPSTREAM_CALLS).',
      extensions: free,
      resolve: (_r, _args, ctx) => ctx.settings.maxUpstreamCalls,
    }),
    withinBudget: t.boolean({
      description:
        'False when the estimate is above `maxCalls`: run for real, the operation would be refused ' +
        '(QUERY_TOO_COMPLEX). Only a dry run can answer false.',
      extensions: free,
      resolve: (r, _args, ctx) => totalCalls(r.estimate) <= ctx.settings.maxUpstreamCalls,
    }),
    commands: t.field({
      type: [UpstreamCommandRateLimit],
      description:
        'Every upstream command, in a fixed order: its estimate and calls for this operation, and its ' +
        'rate-limit budget now.',
      extensions: free,
      resolve: async (r, _args, ctx) => {
        const readAt = Date.now();
        const budgets = await Promise.all(COMMANDS.map((command) => ctx.api.budget(command)));
        return COMMANDS.map((command, i) => ({
          command,
          estimated: r.estimate[command] ?? 0,
          budget: budgets[i] as CommandBudget,
          readAt,
        }));
      },
    }),
  }),
});

builder.queryField('rateLimit', (t) =>
  t.field({
    type: RateLimit,
    description:
      "This operation's upstream cost (estimated before it ran, and actual) and what is left of the " +
      'upstream rate limit per command. With `dryRun: true` the operation is only priced: nothing else ' +
      'in it runs and nothing is called upstream.',
    args: {
      dryRun: t.arg.boolean({
        defaultValue: false,
        description:
          'Price the operation without running it: the response holds only `rateLimit` (and `__typename`).',
      }),
    },
    extensions: free,
    resolve: (_root, args, ctx, info) => ({
      dryRun: ctx.cost?.dryRun ?? args.dryRun === true,
      // The server's estimate; without the server (unit specs), the same estimate made here.
      estimate:
        ctx.cost?.estimate ??
        estimateUpstreamCalls(
          info.schema,
          {
            kind: Kind.DOCUMENT,
            definitions: [info.operation, ...Object.values(info.fragments)],
          } as DocumentNode,
          undefined,
          info.variableValues,
          ctx.settings,
        ) ??
        {},
    }),
  }),
);
