/**
 * `Retry-After` when a whole response failed for a reason that says when to come back: every root field
 * is null (or there is no data) and an error carries `extensions.retryAfterMs` (our rate limiter's
 * queue is longer than the request's deadline allows, upstream's rate limit, an open circuit). The
 * header is in whole seconds, rounded up; the error keeps the exact milliseconds.
 */
import type { Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../../schema/context.js';
import { errorsOf, isAsyncIterable, type Payload } from '../results.js';

function wholeResponseFailed(payload: Payload): boolean {
  const data = payload.data;
  if (data === null || data === undefined) return true;
  if (typeof data !== 'object') return false;
  return Object.values(data).every((value) => value === null);
}

/** The longest retry hint among the errors of a failed payload, if any. */
export function retryAfterOf(payload: Payload): number | undefined {
  if (!wholeResponseFailed(payload)) return undefined;
  let longest: number | undefined;
  for (const error of errorsOf(payload)) {
    const hint = error.extensions?.retryAfterMs;
    if (typeof hint === 'number' && Number.isFinite(hint) && hint >= 0)
      longest = Math.max(longest ?? 0, hint);
  }
  return longest;
}

export function useRetryAfter(): Plugin<GraphQLContext> {
  const hints = new WeakMap<Request, number>();
  return {
    onResultProcess({ request, result }) {
      if (Array.isArray(result) || isAsyncIterable(result)) return;
      const hint = retryAfterOf(result as Payload);
      if (hint !== undefined) hints.set(request, hint);
    },
    onResponse({ request, response }) {
      const hint = hints.get(request);
      if (hint !== undefined)
        response.headers.set('retry-after', String(Math.max(1, Math.ceil(hint / 1000))));
    },
  };
}
