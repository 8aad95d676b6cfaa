/**
 * A circuit breaker per command. While upstream keeps failing a command (timeouts, connection
 * failures, 5xx, unreadable answers, "internal error, retry" codes), calls to it fail at once instead of
 * each waiting for its own timeout; after a pause one call at a time probes whether upstream is back.
 *
 * - closed: calls go. The outcomes of the last `windowMs` are counted in ten buckets; when at least
 *   `minCalls` calls ended and `failureRatio` of them failed, the circuit opens.
 * - open: calls fail at once (`circuit-open`, with the time until the next probe) for `openMs`, doubled
 *   after each failed probe up to 8 times `openMs`.
 * - half-open: one call goes through as a probe; others fail at once. Its success closes the circuit
 *   (with a fresh window), its failure opens it again.
 *
 * Answers that prove upstream is up (an envelope, even with an error code; a 4xx; a rate-limit code)
 * count as successes. Calls that never left (our own rate limiter, a passed deadline) and attempts cut
 * short by the request's deadline count as nothing.
 */

export interface CircuitBreakerSettings {
  /** Share of failed calls in the window that opens the circuit; 0 = never open (breaker off). */
  failureRatio: number;
  /** Fewest calls in the window before it may open. */
  minCalls: number;
  windowMs: number;
  /** How long the circuit stays open before the first probe. */
  openMs: number;
}

export const CIRCUIT_BREAKER_DEFAULTS: CircuitBreakerSettings = {
  failureRatio: 0.5,
  minCalls: 10,
  windowMs: 10_000,
  openMs: 5000,
};

export type CallOutcome = 'success' | 'failure' | 'ignored';
export type CircuitState = 'closed' | 'open' | 'half-open';

const BUCKETS = 10;
const MAX_BACKOFF = 8;

/** A permission to call, to be settled with `record` (probes hold the half-open circuit). */
export interface CircuitTicket {
  readonly probe: boolean;
}

const CALL: CircuitTicket = { probe: false };
const PROBE: CircuitTicket = { probe: true };

class Circuit {
  state: CircuitState = 'closed';
  private readonly ok = new Array<number>(BUCKETS).fill(0);
  private readonly failed = new Array<number>(BUCKETS).fill(0);
  private bucketStart = 0;
  private bucket = 0;
  openUntil = 0;
  private failedProbes = 0;
  private probing = false;

  constructor(
    private readonly settings: CircuitBreakerSettings,
    private readonly clock: () => number,
  ) {
    this.bucketStart = clock();
  }

  /** A ticket to call now, or how long until a call may go. */
  acquire(): CircuitTicket | { retryAfterMs: number } {
    const now = this.clock();
    if (this.state === 'closed') return CALL;
    if (this.state === 'open') {
      if (now < this.openUntil) return { retryAfterMs: Math.ceil(this.openUntil - now) };
      this.state = 'half-open';
    }
    if (this.probing) return { retryAfterMs: Math.max(1, Math.ceil(this.settings.openMs / 10)) };
    this.probing = true;
    return PROBE;
  }

  record(ticket: CircuitTicket, outcome: CallOutcome): void {
    const now = this.clock();
    if (ticket.probe) {
      this.probing = false;
      if (outcome === 'success') this.close(now);
      else if (outcome === 'failure') this.open(now, true);
      return;
    }
    if (outcome === 'ignored' || this.state !== 'closed') return;
    this.rotate(now);
    if (outcome === 'success') this.ok[this.bucket] = (this.ok[this.bucket] ?? 0) + 1;
    else {
      this.failed[this.bucket] = (this.failed[this.bucket] ?? 0) + 1;
      const failures = sum(this.failed);
      const calls = failures + sum(this.ok);
      if (calls >= this.settings.minCalls && failures >= calls * this.settings.failureRatio)
        this.open(now, false);
    }
  }

  private open(now: number, afterProbe: boolean): void {
    this.failedProbes = afterProbe ? Math.min(this.failedProbes + 1, Math.log2(MAX_BACKOFF)) : 0;
    this.state = 'open';
    this.openUntil = now + this.settings.openMs * 2 ** this.failedProbes;
  }

  private close(now: number): void {
    this.state = 'closed';
    this.failedProbes = 0;
    this.ok.fill(0);
    this.failed.fill(0);
    this.bucketStart = now;
    this.bucket = 0;
  }

  /** Moves to the bucket of `now`, emptying the buckets that fell out of the window. */
  private rotate(now: number): void {
    const width = this.settings.windowMs / BUCKETS;
    const steps = Math.floor((now - this.bucketStart) / width);
    if (steps <= 0) return;
    for (let i = 1; i <= Math.min(steps, BUCKETS); i++) {
      const b = (this.bucket + i) % BUCKETS;
      this.ok[b] = 0;
      this.failed[b] = 0;
    }
    this.bucket = (this.bucket + steps) % BUCKETS;
    this.bucketStart += steps * width;
  }
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

export class CircuitBreaker {
  private readonly circuits = new Map<string, Circuit>();

  constructor(
    private readonly settings: CircuitBreakerSettings,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  get enabled(): boolean {
    return this.settings.failureRatio > 0;
  }

  /** A ticket for a call to `command`, or how long until one may go (the circuit is open). */
  acquire(command: string): CircuitTicket | { retryAfterMs: number } {
    if (!this.enabled) return CALL;
    return this.circuit(command).acquire();
  }

  record(command: string, ticket: CircuitTicket, outcome: CallOutcome): void {
    if (!this.enabled) return;
    this.circuit(command).record(ticket, outcome);
  }

  state(command: string): CircuitState {
    return this.circuits.get(command)?.state ?? 'closed';
  }

  private circuit(command: string): Circuit {
    let circuit = this.circuits.get(command);
    if (!circuit) {
      circuit = new Circuit(this.settings, this.clock);
      this.circuits.set(command, circuit);
    }
    return circuit;
  }
}
