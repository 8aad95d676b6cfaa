/** Several upstream observers as one: every hook reaches each of them, in order. */
import type { AttemptScope, UpstreamObserver } from './api.js';

export function fanOut(observers: readonly UpstreamObserver[]): UpstreamObserver | undefined {
  if (observers.length <= 1) return observers[0];
  return {
    onCall: (event) => {
      for (const o of observers) o.onCall?.(event);
    },
    onAttemptStart: (command, attempt) => {
      const scopes = observers
        .map((o) => o.onAttemptStart?.(command, attempt))
        .filter((scope): scope is AttemptScope => scope !== undefined);
      if (scopes.length <= 1) return scopes[0];
      return {
        headers: Object.assign({}, ...scopes.map((scope) => scope.headers)) as Record<string, string>,
        end: (event) => {
          for (const scope of scopes) scope.end(event);
        },
      };
    },
    onRateLimitWait: (command, ms) => {
      for (const o of observers) o.onRateLimitWait?.(command, ms);
    },
    onRefused: (command, reason) => {
      for (const o of observers) o.onRefused?.(command, reason);
    },
    onCircuitChange: (command, state) => {
      for (const o of observers) o.onCircuitChange?.(command, state);
    },
  };
}
