/**
 * One logical REST call: URL and signature, undici keep-alive pool, timeout, envelope parsing,
 * client-side rate limiting, and retries with jittered exponential backoff within a deadline.
 * Knows HTTP and Tencent's envelope; nothing of GraphQL.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import type { AttemptScope, UpstreamCallEvent, UpstreamObserver } from './api.js';
import type { TencentConfig } from './config.js';
import { TencentError } from './errors.js';
import { type CommandBudget, RateLimiter, type UpstreamRateLimiter } from './rateLimiter.js';
import { UserSigCache } from './usersig.js';
import { type Command, type Envelope, type RequestOf, type ResponseOf, WRITE_COMMANDS } from './wire.js';

const CONNECT_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

const JSON_HEADERS = { 'content-type': 'application/json' };
/**
 * A call that reaches its rate-limit turn later than this takes a new one. Any one-second window then
 * sees at most rate x (1 s + this) + burst calls: 200 x 1.02 + 5 = 209 at Tencent's 200/s.
 */
export const LATE_TURN_MS = 20;

const BACKOFF_BASE_MS = 100;
const BACKOFF_MAX_MS = 2000;

export class Transport {
  private readonly pool: Pool;
  private readonly pathPrefix: string;
  private readonly sigs: UserSigCache;
  private readonly limiter: UpstreamRateLimiter;
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
    const deadline = performance.now() + this.config.retryDeadlineMs;
    for (let attempt = 1; ; attempt++) {
      if (this.limiter.enabled) await this.waitForTurn(command, deadline, observers);
      const started = performance.now();
      // Retries never outlive the deadline: their timeout is capped at what is left of it. The first
      // attempt always gets the full timeout (a deadline of 0 means "no retries", not "no time").
      const timeoutMs =
        attempt === 1
          ? this.config.timeoutMs
          : Math.max(1, Math.min(this.config.timeoutMs, deadline - started));
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
        report({ command, durationMs: performance.now() - started, attempt, willRetry: false });
        return response as ResponseOf<C>;
      } catch (err) {
        const error =
          err instanceof TencentError
            ? err
            : new TencentError('network', command, `${command}: request failed`);
        const retryable = error.transient && (!isWrite || error.provesNotApplied);
        const delay = backoff(attempt);
        const willRetry =
          retryable && attempt <= this.config.maxRetries && performance.now() + delay < deadline;
        report({ command, durationMs: performance.now() - started, attempt, error, willRetry });
        if (!willRetry) throw error;
        await sleep(delay);
      }
    }
  }

  /**
   * Waits for this call's turn under the rate limit; throws `rate-limited` when the turn is further
   * away than the call may wait. A call that wakes up late (a busy event loop) would go out together
   * with the calls of later turns and crowd their second: it takes a new turn instead.
   */
  private async waitForTurn(
    command: Command,
    deadline: number,
    observers: readonly UpstreamObserver[],
  ): Promise<void> {
    for (;;) {
      const askedAt = performance.now();
      const maxWaitMs = Math.min(this.config.rateLimitMaxWaitMs, deadline - askedAt);
      const slot = await this.limiter.take(command, Math.max(0, maxWaitMs));
      if ('retryAfterMs' in slot) {
        throw new TencentError(
          'rate-limited',
          command,
          `${command}: client-side rate limit, try again later`,
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
      throw toTransportError(command, err);
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

function toTransportError(command: Command, err: unknown): TencentError {
  const code = (err as { code?: string })?.code ?? '';
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new TencentError('timeout', command, `${command}: upstream did not answer in time`);
  }
  if (CONNECT_ERROR_CODES.has(code)) {
    return new TencentError('connect', command, `${command}: cannot connect to upstream (${code})`);
  }
  return new TencentError('network', command, `${command}: connection failed${code ? ` (${code})` : ''}`);
}

/** Full-jitter exponential backoff. */
function backoff(attempt: number): number {
  const cap = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
  return cap / 2 + Math.random() * (cap / 2);
}
