/**
 * One logical REST call: URL and signature, undici keep-alive pool, timeout, envelope parsing,
 * client-side rate limiting, a circuit breaker per command, and retries with jittered exponential
 * backoff within a deadline. Knows HTTP and Tencent's envelope; nothing of GraphQL.
 *
 * Deadlines: every attempt and retry of a call made for a request fits in the request's deadline
 * (deadline.ts; writes leave its read-back reserve free); the call's own budget
 * (`retryDeadlineMs`) bounds retries outside requests too. A call that cannot start in time, a limiter
 * queue longer than half the time left, and an open circuit fail at once, with nothing sent.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import type { AttemptScope, UpstreamCallEvent, UpstreamObserver } from './api.js';
import { type CallOutcome, CircuitBreaker } from './circuitBreaker.js';
import type { TencentConfig } from './config.js';
import { currentDeadline, deadlineExceeded } from './deadline.js';
import { TencentError } from './errors.js';
import { type CommandBudget, RateLimiter, type UpstreamRateLimiter } from './rateLimiter.js';
import { UserSigCache } from './usersig.js';
import {
  type Command,
  type Envelope,
  type RequestOf,
  type ResponseOf,
  TRANSIENT_CODES,
  WRITE_COMMANDS,
} from './wire.js';

const CONNECT_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

const BACKOFF_BASE_MS = 100;
const BACKOFF_MAX_MS = 2000;
/** Less time than this left: the call is not started (it could hardly get an answer). */
export const MIN_ATTEMPT_MS = 50;
/** A timeout of an attempt the deadline cut below this says nothing about upstream's health. */
const SLOW_ATTEMPT_MS = 1000;
const JSON_HEADERS = { 'content-type': 'application/json' };
/**
 * A call that reaches its rate-limit turn later than this takes a new one. Any one-second window then
 * sees at most rate x (1 s + this) + burst calls: 200 x 1.02 + 5 = 209 at Tencent's 200/s.
 */
export const LATE_TURN_MS = 20;

export class Transport {
  private readonly pool: Pool;
  private readonly pathPrefix: string;
  private readonly sigs: UserSigCache;
  private readonly limiter: UpstreamRateLimiter;
  private readonly breaker: CircuitBreaker;
  private querySig = '';
  private query = '';

  /** `limiter`: default, this process's share of the budget (rate / expected replicas). */
  constructor(
    private readonly config: TencentConfig,
    limiter?: UpstreamRateLimiter,
  ) {
    const base = new URL(config.baseUrl);
    this.pathPrefix = base.pathname.replace(/\/+$/, '');
    this.pool = new Pool(base.origin, {
      connections: config.connections,
      pipelining: 1,
      keepAliveTimeout: 30_000,
      headersTimeout: config.timeoutMs,
      bodyTimeout: config.timeoutMs,
      connect: { timeout: Math.min(config.timeoutMs, 5000) },
    });
    this.sigs = new UserSigCache(
      config.secretKey,
      config.sdkAppId,
      config.adminIdentifier,
      config.userSigExpireSeconds,
    );
    this.limiter = limiter ?? new RateLimiter(config.rateLimitPerSecond / config.expectedReplicas);
    this.breaker = new CircuitBreaker(config.circuitBreaker);
  }

  async close(): Promise<void> {
    await this.pool.close();
  }

  /** What is left of `command`'s client-side budget now (read-only). */
  budget(command: Command): Promise<CommandBudget> {
    return this.limiter.budget(command);
  }

  async call<C extends Command>(
    command: C,
    body: RequestOf<C>,
    observers: readonly UpstreamObserver[],
  ): Promise<ResponseOf<C>> {
    const isWrite = WRITE_COMMANDS.has(command);
    const request = currentDeadline();
    const retryEnd = performance.now() + this.config.retryDeadlineMs;
    /** What an attempt may use from now on: the request's time left (writes: before the reserve). */
    const budget = () =>
      request ? (isWrite ? request.forWrites() : request.remaining()) : Number.POSITIVE_INFINITY;
    let lastError: TencentError | undefined;
    for (let attempt = 1; ; attempt++) {
      if (budget() < MIN_ATTEMPT_MS) throw this.refused(lastError ?? deadlineExceeded(command), observers);
      const ticket = this.breaker.acquire(command);
      if (!('probe' in ticket)) {
        const message = `${command}: upstream keeps failing; not calling it for a moment`;
        const error = new TencentError(
          'circuit-open',
          command,
          message,
          undefined,
          undefined,
          ticket.retryAfterMs,
        );
        throw this.refused(error, observers);
      }
      let outcome: CallOutcome = 'ignored';
      let delay: number;
      try {
        // At most half the time left goes to waiting in one limiter queue: a request usually makes
        // several calls in turn, and under overload the first queue would otherwise take it all.
        if (this.limiter.enabled) {
          await this.waitForTurn(command, () => Math.min(budget() - MIN_ATTEMPT_MS, budget() / 2), observers);
        }
        const started = performance.now();
        // Retries never outlive the call's budget: their timeout is capped at what is left of it. The
        // first attempt gets the full timeout (a budget of 0 means "no retries", not "no time"). Both
        // are capped at the request's deadline.
        const own =
          attempt === 1
            ? this.config.timeoutMs
            : Math.max(1, Math.min(this.config.timeoutMs, retryEnd - started));
        const timeoutMs = Math.max(1, Math.min(own, budget()));
        const cutShort = timeoutMs < Math.min(this.config.timeoutMs, SLOW_ATTEMPT_MS);
        const scopes = observers
          .map((o) => o.onAttemptStart?.(command, attempt))
          .filter((scope): scope is AttemptScope => scope !== undefined);
        const headers =
          scopes.length === 0
            ? undefined
            : (Object.assign({}, ...scopes.map((scope) => scope.headers)) as Record<string, string>);
        const report = (event: UpstreamCallEvent) => {
          for (const scope of scopes) scope.end(event);
          for (const o of observers) o.onCall?.(event);
        };
        try {
          const response = await this.attempt(command, body, timeoutMs, headers);
          outcome = 'success';
          report({ command, durationMs: performance.now() - started, attempt, willRetry: false });
          return response as ResponseOf<C>;
        } catch (err) {
          const error =
            err instanceof TencentError
              ? err
              : new TencentError('network', command, `${command}: request failed`);
          outcome = breakerOutcome(error, cutShort);
          const retryable = error.transient && (!isWrite || error.provesNotApplied);
          delay = backoff(attempt);
          const now = performance.now();
          const willRetry =
            retryable &&
            attempt <= this.config.maxRetries &&
            now + delay < retryEnd &&
            delay + MIN_ATTEMPT_MS <= budget();
          report({ command, durationMs: now - started, attempt, error, willRetry });
          if (!willRetry) throw error;
          lastError = error;
        }
      } finally {
        const before = this.breaker.state(command);
        this.breaker.record(command, ticket, outcome);
        const after = this.breaker.state(command);
        if (after !== before) for (const o of observers) o.onCircuitChange?.(command, after);
      }
      await sleep(delay);
    }
  }

  /** Reports a call refused before anything was sent, and returns its error to throw. */
  private refused(error: TencentError, observers: readonly UpstreamObserver[]): TencentError {
    if (error.kind === 'rate-limited' || error.kind === 'deadline' || error.kind === 'circuit-open') {
      for (const o of observers) o.onRefused?.(error.command as Command, error.kind);
    }
    return error;
  }

  /**
   * Waits for this call's turn under the rate limit; refuses at once (`rate-limited`, with how long the
   * queue is) when the turn is further away than the call may wait: `maxWaitMs()` (the request's time)
   * and TENCENT_RATE_LIMIT_MAX_WAIT_MS. A call that wakes up late (a busy event loop) would go out
   * together with the calls of later turns and crowd their second: it takes a new turn instead.
   */
  private async waitForTurn(
    command: Command,
    maxWaitMs: () => number,
    observers: readonly UpstreamObserver[],
  ): Promise<void> {
    for (;;) {
      const askedAt = performance.now();
      const allowed = Math.max(0, Math.min(this.config.rateLimitMaxWaitMs, maxWaitMs()));
      const slot = await this.limiter.take(command, allowed);
      if ('retryAfterMs' in slot) {
        const message = `${command}: client-side rate limit, try again later`;
        throw this.refused(
          new TencentError('rate-limited', command, message, undefined, undefined, slot.retryAfterMs),
          observers,
        );
      }
      // Counted from when the turn was asked for: the limiter's answer may itself have come late.
      const turn = askedAt + slot.waitMs;
      const wait = turn - performance.now();
      if (wait > 0) {
        for (const o of observers) o.onRateLimitWait?.(command, wait);
        await sleep(wait);
      }
      if (performance.now() - turn <= LATE_TURN_MS) return;
    }
  }

  /** The signed query string; rebuilt only when the UserSig is renewed. */
  private signedQuery(): string {
    const sig = this.sigs.get();
    if (sig !== this.querySig) {
      this.querySig = sig;
      const q = new URLSearchParams({
        sdkappid: String(this.config.sdkAppId),
        identifier: this.config.adminIdentifier,
        usersig: sig,
        contenttype: 'json',
      });
      this.query = q.toString();
    }
    return this.query;
  }

  private url(command: Command): string {
    // `random` only tells requests apart upstream: it needs no cryptographic randomness.
    const random = Math.floor(Math.random() * 4294967296);
    return `${this.pathPrefix}/v4/${command}?${this.signedQuery()}&random=${random}`;
  }

  private async attempt(
    command: Command,
    body: unknown,
    timeoutMs: number,
    extraHeaders: Record<string, string> | undefined,
  ): Promise<Envelope> {
    const sentAt = performance.now();
    let text: string;
    let status: number;
    try {
      // undici's own timers bound the attempt (no AbortController or timer of ours per call).
      const res = await this.pool.request({
        path: this.url(command),
        method: 'POST',
        // Tracing's traceparent, when an observer adds one; else the one shared header object.
        headers: extraHeaders ? { ...extraHeaders, ...JSON_HEADERS } : JSON_HEADERS,
        body: JSON.stringify(body ?? {}),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      status = res.statusCode;
      // Always consume the body, or the keep-alive connection stalls.
      text = await res.body.text();
    } catch (err) {
      throw toTransportError(command, err, performance.now() - sentAt);
    }
    if (status !== 200) {
      throw new TencentError(
        'http',
        command,
        `${command}: upstream answered HTTP ${status}`,
        undefined,
        status,
      );
    }
    const envelope = parseEnvelope(text);
    if (!envelope) {
      throw new TencentError('malformed', command, `${command}: upstream answered with a malformed body`);
    }
    if (envelope.ActionStatus !== 'OK' || envelope.ErrorCode !== 0) {
      const info = envelope.ErrorInfo ? `: ${envelope.ErrorInfo}` : '';
      throw new TencentError(
        'api',
        command,
        `${command} failed with ErrorCode ${envelope.ErrorCode}${info}`,
        envelope.ErrorCode,
      );
    }
    return envelope;
  }
}

function parseEnvelope(text: string): Envelope | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null) return undefined;
  const e = json as Partial<Envelope>;
  if (typeof e.ActionStatus !== 'string' || typeof e.ErrorCode !== 'number') return undefined;
  return e as Envelope;
}

function toTransportError(command: Command, err: unknown, elapsedMs: number): TencentError {
  const code = (err as { code?: string })?.code ?? '';
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    const message = `${command}: upstream did not answer in time`;
    return new TencentError('timeout', command, message, undefined, undefined, undefined, elapsedMs);
  }
  if (CONNECT_ERROR_CODES.has(code)) {
    return new TencentError('connect', command, `${command}: cannot connect to upstream (${code})`);
  }
  return new TencentError('network', command, `${command}: connection failed${code ? ` (${code})` : ''}`);
}

/** What an attempt's failure tells the circuit breaker about upstream's health. */
function breakerOutcome(error: TencentError, cutShort: boolean): CallOutcome {
  switch (error.kind) {
    case 'timeout':
      return cutShort ? 'ignored' : 'failure';
    case 'network':
    case 'connect':
    case 'malformed':
      return 'failure';
    case 'http':
      return error.httpStatus !== undefined && error.httpStatus < 500 ? 'success' : 'failure';
    case 'api':
      return error.code !== undefined && TRANSIENT_CODES.has(error.code) ? 'failure' : 'success';
    default:
      return 'ignored';
  }
}

/** Full-jitter exponential backoff. */
function backoff(attempt: number): number {
  const cap = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
  return cap / 2 + Math.random() * (cap / 2);
}
