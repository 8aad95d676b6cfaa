/**
 * The resolvers of one operation that are still running, so that a field can wait for the rest of
 * the operation: `rateLimit { actualCalls }` reports the upstream calls of every other field.
 *
 * Every resolver that returns a promise is counted until the promise settles (`trackPendingWork`
 * wraps them all; it counts only when the context has a PendingWork, which the server gives only to
 * operations that select `rateLimit`). GraphQL execution starts child resolvers in the microtasks that follow their
 * parent's promise, so when no counted promise is left and a macrotask later there is still none,
 * every other field has been resolved. Fields that wait are marked `waitsForOperation` and not
 * counted (they would wait for themselves).
 */
import { type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';

/** Field extension that marks a field which waits for the others (and is not counted). */
export const WAITS_FOR_OPERATION = 'waitsForOperation';

export class PendingWork {
  private pending = 0;
  private waiters: (() => void)[] = [];
  private checkScheduled = false;

  /** Counts `promise` until it settles; returns it. */
  track<T>(promise: Promise<T>): Promise<T> {
    this.pending++;
    const settled = () => {
      this.pending--;
      this.check();
    };
    promise.then(settled, settled);
    return promise;
  }

  /** Resolves once every counted resolver has settled and no new one has started a macrotask later. */
  idle(): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.check();
    });
  }

  private check(): void {
    if (this.pending > 0 || this.waiters.length === 0 || this.checkScheduled) return;
    this.checkScheduled = true;
    setImmediate(() => {
      this.checkScheduled = false;
      // New work started in the meantime: its settling checks again.
      if (this.pending > 0) return;
      const waiters = this.waiters;
      this.waiters = [];
      for (const resolve of waiters) resolve();
    });
  }
}

function tracked(result: unknown, work: PendingWork | undefined): unknown {
  if (!work) return result;
  if (result instanceof Promise) return work.track(result);
  if (Array.isArray(result) && result.some((item) => item instanceof Promise)) {
    return result.map((item) => (item instanceof Promise ? work.track(item) : item));
  }
  return result;
}

/** Wraps every resolver (but those marked WAITS_FOR_OPERATION) so its promises count as pending work. */
export function trackPendingWork(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      if (!resolve || field.extensions?.[WAITS_FOR_OPERATION]) continue;
      const wrapped: GraphQLFieldResolver<unknown, { work?: PendingWork }> = (source, args, context, info) =>
        tracked(resolve(source, args, context, info), context?.work);
      field.resolve = wrapped;
    }
  }
  return schema;
}
