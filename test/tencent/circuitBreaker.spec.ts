/**
 * The circuit breaker per command, on an injected clock: it opens when enough of the window's calls
 * failed, fails fast while open, lets one probe through after the pause, and closes on its success.
 */
import { describe, expect, it } from 'vitest';
import { type CallOutcome, CircuitBreaker, type CircuitTicket } from '../../src/tencent/circuitBreaker.js';

const SETTINGS = { failureRatio: 0.5, minCalls: 4, windowMs: 10_000, openMs: 1000 };
const CMD = 'follow/follow_get';

function setup(settings = SETTINGS) {
  let now = 0;
  const breaker = new CircuitBreaker(settings, () => now);
  const call = (outcome: CallOutcome, command = CMD) => {
    const ticket = breaker.acquire(command);
    if (!('probe' in ticket)) return ticket;
    breaker.record(command, ticket as CircuitTicket, outcome);
    return ticket;
  };
  return { breaker, call, advance: (ms: number) => (now += ms) };
}

describe('CircuitBreaker', () => {
  it('stays closed below the minimum of calls, opens at the failure ratio', () => {
    const { breaker, call } = setup();
    call('failure');
    call('failure');
    call('failure');
    expect(breaker.state(CMD)).toBe('closed');
    call('success');
    // The ratio is checked when a failure is recorded: the next one (4 of 5) opens it.
    expect(breaker.state(CMD)).toBe('closed');
    call('failure');
    expect(breaker.state(CMD)).toBe('open');
  });

  it('while open, refuses with the time until the probe; one probe at a time when half-open', () => {
    const { breaker, call, advance } = setup();
    for (let i = 0; i < 4; i++) call('failure');
    expect(breaker.acquire(CMD)).toEqual({ retryAfterMs: 1000 });
    advance(400);
    expect(breaker.acquire(CMD)).toEqual({ retryAfterMs: 600 });
    advance(600);
    const probe = breaker.acquire(CMD);
    expect(probe).toEqual({ probe: true });
    expect(breaker.state(CMD)).toBe('half-open');
    expect('retryAfterMs' in breaker.acquire(CMD)).toBe(true);
    breaker.record(CMD, probe as CircuitTicket, 'success');
    expect(breaker.state(CMD)).toBe('closed');
    // A fresh window: one failure does not reopen it.
    call('failure');
    expect(breaker.state(CMD)).toBe('closed');
  });

  it('a failed probe opens it again for twice as long, up to 8 times the pause', () => {
    const { breaker, call, advance } = setup();
    for (let i = 0; i < 4; i++) call('failure');
    const pauses: number[] = [];
    for (let round = 0; round < 5; round++) {
      const refusal = breaker.acquire(CMD) as { retryAfterMs: number };
      pauses.push(refusal.retryAfterMs);
      advance(refusal.retryAfterMs);
      call('failure');
    }
    expect(pauses).toEqual([1000, 2000, 4000, 8000, 8000]);
  });

  it('a probe that says nothing (ignored) frees the probe slot without closing or reopening', () => {
    const { breaker, call, advance } = setup();
    for (let i = 0; i < 4; i++) call('failure');
    advance(1000);
    call('ignored');
    expect(breaker.state(CMD)).toBe('half-open');
    expect(breaker.acquire(CMD)).toEqual({ probe: true });
  });

  it('ignored outcomes do not count, old failures leave the window, commands are separate', () => {
    const { breaker, call, advance } = setup();
    for (let i = 0; i < 10; i++) call('ignored');
    call('failure');
    call('failure');
    call('failure');
    expect(breaker.state(CMD)).toBe('closed');
    advance(11_000);
    call('failure');
    // The three old failures are gone: 1 of 1 call is below the minimum.
    expect(breaker.state(CMD)).toBe('closed');
    for (let i = 0; i < 4; i++) call('failure', 'other/command');
    expect(breaker.state('other/command')).toBe('open');
    expect(breaker.state(CMD)).toBe('closed');
  });

  it('failureRatio 0 turns it off', () => {
    const { breaker, call } = setup({ ...SETTINGS, failureRatio: 0 });
    for (let i = 0; i < 100; i++) call('failure');
    expect(breaker.state(CMD)).toBe('closed');
    expect(breaker.acquire(CMD)).toEqual({ probe: false });
  });
});
