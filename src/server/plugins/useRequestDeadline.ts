/**
 * One deadline per GraphQL request (REQUEST_DEADLINE_MS), from its arrival: every upstream call and
 * retry the request makes must fit in it (src/tencent/deadline.ts, src/tencent/transport.ts). The
 * operation's execution runs inside it, including deferred and streamed parts. Writes leave a reserve
 * at the end of the deadline for reading the state back when their answer is lost (schema/writes).
 *
 * Subscriptions are not bounded as a whole (they last as long as the client listens); the upstream
 * reads of each event use the client's own per-call budget.
 */
import type { Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../../schema/context.js';
import { Deadline, withDeadline } from '../../tencent/deadline.js';

/** The part of the deadline writes leave for reading back: a quarter, at most one second. */
export function readBackReserveMs(deadlineMs: number): number {
  return Math.min(1000, Math.floor(deadlineMs / 4));
}

export function useRequestDeadline(deadlineMs: number): Plugin<GraphQLContext> {
  const deadlines = new WeakMap<Request, Deadline>();
  const reserve = readBackReserveMs(deadlineMs);
  return {
    onRequest({ request }) {
      deadlines.set(request, Deadline.after(deadlineMs, reserve));
    },
    onExecute({ args, executeFn, setExecuteFn }) {
      const request = (args.contextValue as GraphQLContext & { request?: Request }).request;
      const deadline = request ? deadlines.get(request) : undefined;
      if (!deadline) return;
      setExecuteFn((executionArgs) => withDeadline(deadline, () => executeFn(executionArgs)));
    },
  };
}
