/** Several observers as one: metrics, tracing and a request's call count each see every hook. */
import { describe, expect, it } from 'vitest';
import type { UpstreamObserver } from '../../src/tencent/api.js';
import { fanOut } from '../../src/tencent/observers.js';

const COMMAND = 'follow/follow_get_info' as const;

function recorder(name: string, seen: string[], header?: string): UpstreamObserver {
  return {
    onCall: () => seen.push(`${name}:call`),
    onRateLimitWait: () => seen.push(`${name}:wait`),
    onRefused: (_command, reason) => seen.push(`${name}:refused:${reason}`),
    onCircuitChange: (_command, state) => seen.push(`${name}:circuit:${state}`),
    onAttemptStart: () =>
      header === undefined ? undefined : { headers: { [header]: name }, end: () => seen.push(`${name}:end`) },
  };
}

describe('fanOut', () => {
  it('every hook reaches every observer, in order; attempt scopes merge their headers', () => {
    const seen: string[] = [];
    const both = fanOut([recorder('a', seen, 'x-a'), recorder('b', seen), recorder('c', seen, 'x-c')]);
    const scope = both?.onAttemptStart?.(COMMAND, 1);
    expect(scope?.headers).toEqual({ 'x-a': 'a', 'x-c': 'c' });
    const event = { command: COMMAND, durationMs: 1, attempt: 1, willRetry: false };
    scope?.end(event);
    both?.onCall?.(event);
    both?.onRateLimitWait?.(COMMAND, 5);
    both?.onRefused?.(COMMAND, 'deadline');
    both?.onCircuitChange?.(COMMAND, 'open');
    expect(seen).toEqual([
      'a:end',
      'c:end',
      'a:call',
      'b:call',
      'c:call',
      'a:wait',
      'b:wait',
      'c:wait',
      'a:refused:deadline',
      'b:refused:deadline',
      'c:refused:deadline',
      'a:circuit:open',
      'b:circuit:open',
      'c:circuit:open',
    ]);
  });

  it('one observer is itself; none is undefined', () => {
    const one: UpstreamObserver = {};
    expect(fanOut([one])).toBe(one);
    expect(fanOut([])).toBeUndefined();
  });
});
