/**
 * Prometheus metrics on the server's own Registry (never prom-client's global one, so two servers in
 * one process, as in tests, do not collide).
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { SharedReadsObserver } from '../../sharedReads/sharedReads.js';
import type { UpstreamObserver } from '../../tencent/api.js';
import { CallbackCommand } from '../../tencent/callbacks.js';

const KNOWN_CALLBACKS: ReadonlySet<string> = new Set(Object.values(CallbackCommand));

/** Operation names are client-chosen: keep label values sane and their number bounded. */
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_OPERATION_NAMES = 200;

/**
 * Which operation names become metric labels. Names are chosen by callers, so a caller could fill a
 * first-come set with made-up names and every real operation would count as `other`: where the server
 * knows its operations (the trusted documents' names, METRICS_OPERATION_NAMES), only those are labels.
 */
export interface OperationLabels {
  /** Names that are labels (the rest count as `other`). */
  known: ReadonlySet<string>;
  /** With no known names: learn the first 200 seen (dev mode; a caller can fill them). */
  learn: boolean;
}

export type Outcome = 'ok' | 'partial' | 'error';

/**
 * The child of a metric for one set of label values, looked up once per distinct set: prom-client
 * otherwise hashes the labels on every observation, and every request makes several.
 */
function bound<T>(child: (...values: string[]) => T): (...values: string[]) => T {
  const children = new Map<string, T>();
  return (...values) => {
    const key = values.join('\u0000');
    let found = children.get(key);
    if (!found) {
      found = child(...values);
      children.set(key, found);
    }
    return found;
  };
}

export class ServerMetrics {
  readonly registry = new Registry();
  private readonly operations = new Set<string>();
  private labels: OperationLabels = { known: new Set(), learn: true };

  private readonly requests = new Counter({
    name: 'graphql_requests_total',
    help: 'GraphQL requests by operation name and outcome (ok, partial = data with errors, error).',
    labelNames: ['operation', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly requestDuration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'GraphQL request latency by operation name and outcome.',
    labelNames: ['operation', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly errors = new Counter({
    name: 'graphql_errors_total',
    help: 'Errors in GraphQL responses by extensions.code.',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  private readonly upstreamCalls = new Counter({
    name: 'upstream_calls_total',
    help: 'Upstream HTTP attempts by command and outcome (ok or error).',
    labelNames: ['command', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly upstreamDuration = new Histogram({
    name: 'upstream_call_duration_seconds',
    help: 'Upstream HTTP attempt latency by command.',
    labelNames: ['command'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  private readonly upstreamErrors = new Counter({
    name: 'upstream_errors_total',
    help: 'Failed upstream attempts by command, error kind and Tencent error code (or HTTP status).',
    labelNames: ['command', 'kind', 'code'] as const,
    registers: [this.registry],
  });
  private readonly upstreamRetries = new Counter({
    name: 'upstream_retries_total',
    help: 'Upstream attempts that are retried, by command.',
    labelNames: ['command'] as const,
    registers: [this.registry],
  });
  private readonly rateLimitWaits = new Counter({
    name: 'upstream_rate_limit_waits_total',
    help: 'Times a call waited for the client-side rate limiter, by command.',
    labelNames: ['command'] as const,
    registers: [this.registry],
  });
  private readonly rateLimitWaitSeconds = new Counter({
    name: 'upstream_rate_limit_wait_seconds_total',
    help: 'Time spent waiting for the client-side rate limiter, by command.',
    labelNames: ['command'] as const,
    registers: [this.registry],
  });
  private readonly refusals = new Counter({
    name: 'upstream_refusals_total',
    help:
      'Upstream calls failed at once with nothing sent, by command and reason (rate-limited: the ' +
      "limiter's queue is longer than the deadline allows; deadline: no time left; circuit-open).",
    labelNames: ['command', 'reason'] as const,
    registers: [this.registry],
  });
  private readonly circuitState = new Gauge({
    name: 'upstream_circuit_state',
    help: 'Circuit breaker of each command that ever left closed: 0 closed, 1 open, 2 half-open.',
    labelNames: ['command'] as const,
    registers: [this.registry],
  });
  private readonly loaderBatch = new Histogram({
    name: 'loader_batch_size',
    help: 'Keys per DataLoader batch, by loader.',
    labelNames: ['loader'] as const,
    buckets: [1, 2, 5, 10, 20, 50, 100, 200],
    registers: [this.registry],
  });

  private readonly cacheLookups = new Counter({
    name: 'cache_lookups_total',
    help: 'Shared cache lookups by kind of read and result (hit or miss).',
    labelNames: ['kind', 'result'] as const,
    registers: [this.registry],
  });
  private readonly cacheInvalidations = new Counter({
    name: 'cache_invalidations_total',
    help: 'Cache scopes invalidated, by what reported the change (api: our own writes; webhook: Tencent callbacks).',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });
  private readonly sharedBatch = new Histogram({
    name: 'shared_batch_size',
    help: 'Keys per upstream call of the cross-request batcher, by kind of read.',
    labelNames: ['kind'] as const,
    buckets: [1, 2, 5, 10, 20, 50, 100, 200],
    registers: [this.registry],
  });
  private readonly callbacks = new Counter({
    name: 'tencent_callbacks_total',
    help: 'Tencent callbacks received, by command and outcome (accepted, ignored, replay, refused).',
    labelNames: ['command', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly requestsOf = bound((operation, outcome) => this.requests.labels(operation, outcome));
  private readonly requestDurationOf = bound((operation, outcome) =>
    this.requestDuration.labels(operation, outcome),
  );
  private readonly upstreamCallsOf = bound((command, outcome) => this.upstreamCalls.labels(command, outcome));
  private readonly upstreamDurationOf = bound((command) => this.upstreamDuration.labels(command));
  private readonly loaderBatchOf = bound((loader) => this.loaderBatch.labels(loader));
  private readonly cacheLookupsOf = bound((kind, result) => this.cacheLookups.labels(kind, result));

  private readonly redisUp = new Gauge({
    name: 'redis_up',
    help: '1 while Redis is used for the shared rate budget, cache and events; 0 while this replica falls back to its local ones.',
    registers: [this.registry],
  });
  private readonly redisFallbacks = new Counter({
    name: 'redis_fallbacks_total',
    help: 'Times this replica lost Redis and fell back to its local rate limit, memory cache and local events.',
    registers: [this.registry],
  });

  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  /** Sets which operation names become labels (createGraphQLServer does, from its settings). */
  useOperationLabels(labels: OperationLabels): void {
    this.labels = labels;
  }

  /** The label for an operation name: `anonymous`, `invalid`, `other` (not a label) or the name. */
  operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'invalid';
    if (this.labels.known.size > 0 || !this.labels.learn) return this.labels.known.has(name) ? name : 'other';
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATION_NAMES) return 'other';
    this.operations.add(name);
    return name;
  }

  observeRequest(operation: string, outcome: Outcome, seconds: number, errorCodes: readonly string[]): void {
    this.requestsOf(operation, outcome).inc();
    this.requestDurationOf(operation, outcome).observe(seconds);
    for (const code of errorCodes) this.errors.inc({ code });
  }

  /** Follows the Redis link: `redis_up`, and one `redis_fallbacks_total` per outage. */
  observeRedis(redis: { up: boolean; onChange(listener: (state: 'up' | 'down') => void): () => void }): void {
    this.redisUp.set(redis.up ? 1 : 0);
    redis.onChange((state) => {
      this.redisUp.set(state === 'up' ? 1 : 0);
      if (state === 'down') this.redisFallbacks.inc();
    });
  }

  observeLoaderBatch(loader: string, size: number): void {
    this.loaderBatchOf(loader).observe(size);
  }

  /** Feeds upstream metrics from the client's events. */
  upstreamObserver(): UpstreamObserver {
    return {
      onCall: (event) => {
        const { command, error } = event;
        this.upstreamCallsOf(command, error ? 'error' : 'ok').inc();
        this.upstreamDurationOf(command).observe(event.durationMs / 1000);
        if (error) {
          const code = error.code ?? error.httpStatus;
          this.upstreamErrors.inc({
            command,
            kind: error.kind,
            code: code === undefined ? '' : String(code),
          });
        }
        if (event.willRetry) this.upstreamRetries.inc({ command });
      },
      onRateLimitWait: (command, waitedMs) => {
        this.rateLimitWaits.inc({ command });
        this.rateLimitWaitSeconds.inc({ command }, waitedMs / 1000);
      },
      onRefused: (command, reason) => this.refusals.inc({ command, reason }),
      onCircuitChange: (command, state) =>
        this.circuitState.set({ command }, state === 'closed' ? 0 : state === 'open' ? 1 : 2),
    };
  }

  observeCallback(command: string, outcome: string): void {
    this.callbacks.inc({ command: KNOWN_CALLBACKS.has(command) ? command : 'other', outcome });
  }

  /** Feeds the cache and shared-batching metrics. */
  sharedReadsObserver(): SharedReadsObserver {
    return {
      onLookup: (kind, hits, misses) => {
        if (hits > 0) this.cacheLookupsOf(kind, 'hit').inc(hits);
        if (misses > 0) this.cacheLookupsOf(kind, 'miss').inc(misses);
      },
      onInvalidate: (scopes, source) => this.cacheInvalidations.inc({ source }, scopes),
      onBatch: (kind, size) => this.sharedBatch.observe({ kind }, size),
    };
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
