/**
 * OpenTelemetry tracing, off by default (OTEL_TRACES_EXPORTER=otlp or console turns it on). The SDK
 * (@opentelemetry/sdk-trace) records and exports the spans; this module creates them:
 *
 * - the operation (useTracing), named `<type> <name>`: one per executed operation, a child of the
 *   caller's W3C `traceparent`; name, type and the SHA-256 of the document;
 * - `loader.batch`: one per DataLoader batch (loader, command, size);
 * - `tencent.call`: one per upstream HTTP attempt (command, attempt, Tencent error code), with its own
 *   `traceparent` sent upstream. The URL is never recorded: it carries the UserSig.
 *
 * Spans find their parents through the active context (AsyncLocalStorage), so a batch started by a
 * resolver is a child of the operation, and a call made by the batch a child of the batch.
 */
import {
  type Context,
  context,
  type Span,
  SpanKind,
  SpanStatusCode,
  type TextMapGetter,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ConsoleSpanExporter,
  ParentBasedSampler,
  type Sampler,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
  TraceIdRatioBasedSampler,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import { LOADER_COSTS } from '../../loaders/index.js';
import type { UpstreamObserver } from '../../tencent/api.js';

export const SAMPLERS = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;
export type SamplerName = (typeof SAMPLERS)[number];

/** The standard OTEL_* settings this server reads (src/config). */
export interface TracingConfig {
  /** OTEL_TRACES_EXPORTER (and OTEL_SDK_DISABLED): `none` = no tracing. */
  exporter: 'none' | 'otlp' | 'console';
  /** OTEL_SERVICE_NAME. */
  serviceName: string;
  /** OTEL_RESOURCE_ATTRIBUTES. */
  resourceAttributes: Record<string, string>;
  /** OTLP over HTTP/protobuf: the traces URL and its headers (OTEL_EXPORTER_OTLP_[TRACES_]*). */
  otlp: { url: string; headers: Record<string, string> };
  sampler: SamplerName;
  /** OTEL_TRACES_SAMPLER_ARG: the ratio of the ratio samplers. */
  samplerRatio: number;
}

export const TRACING_DEFAULTS = {
  serviceName: 'chat-follow-graphql',
  otlpEndpoint: 'http://localhost:4318',
  sampler: 'parentbased_always_on' as SamplerName,
} as const;

const INSTRUMENTATION = 'chat-follow-graphql';

function samplerOf(name: SamplerName, ratio: number): Sampler {
  const root = name.endsWith('always_on')
    ? new AlwaysOnSampler()
    : name.endsWith('always_off')
      ? new AlwaysOffSampler()
      : new TraceIdRatioBasedSampler(ratio);
  return name.startsWith('parentbased_') ? new ParentBasedSampler({ root }) : root;
}

const headerGetter: TextMapGetter<Headers> = {
  keys: (headers) => [...headers.keys()],
  get: (headers, key) => headers.get(key) ?? undefined,
};

let contextManagerInstalled = false;

/** Spans of this server, over a tracer provider. */
export class Tracing {
  readonly tracer: Tracer;
  private readonly propagator = new W3CTraceContextPropagator();

  constructor(private readonly provider: TracerProvider) {
    this.tracer = provider.getTracer(INSTRUMENTATION);
    // Parents are found through the active context: one AsyncLocalStorage manager per process.
    if (!contextManagerInstalled) {
      context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
      contextManagerInstalled = true;
    }
  }

  /** The caller's trace context (W3C `traceparent` / `tracestate`), or the active one. */
  extract(headers: Headers): Context {
    return this.propagator.extract(context.active(), headers, headerGetter);
  }

  /** Runs `fn` with `span` as the active span. */
  withSpan<R>(span: Span, fn: () => R): R {
    return context.with(trace.setSpan(context.active(), span), fn);
  }

  /** Wraps one loader batch in a `loader.batch` span (a BatchObserver). */
  batch<R>(loader: string, size: number, run: () => Promise<R>): Promise<R> {
    const command = (LOADER_COSTS as Record<string, { command: string } | undefined>)[loader]?.command;
    const span = this.tracer.startSpan('loader.batch', {
      attributes: {
        'loader.name': loader,
        'loader.batch.size': size,
        ...(command && { 'tencent.command': command }),
      },
    });
    return this.withSpan(span, run).then(
      (value) => {
        span.end();
        return value;
      },
      (error: unknown) => {
        span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
        throw error;
      },
    );
  }

  /** Observes upstream attempts: a `tencent.call` span each, and its `traceparent` sent upstream. */
  upstreamObserver(): UpstreamObserver {
    return {
      onAttemptStart: (command, attempt) => {
        const span = this.tracer.startSpan('tencent.call', {
          kind: SpanKind.CLIENT,
          attributes: {
            'tencent.command': command,
            'tencent.attempt': attempt,
            'http.request.method': 'POST',
          },
        });
        const headers: Record<string, string> = {};
        this.propagator.inject(trace.setSpan(context.active(), span), headers, {
          set: (carrier, key, value) => {
            carrier[key] = value;
          },
        });
        return {
          headers,
          end: (event) => {
            span.setAttribute('tencent.duration_ms', Math.round(event.durationMs * 10) / 10);
            if (event.error) {
              span.setAttribute('tencent.error.kind', event.error.kind);
              if (event.error.code !== undefined) span.setAttribute('tencent.code', event.error.code);
              if (event.error.httpStatus !== undefined) {
                span.setAttribute('http.response.status_code', event.error.httpStatus);
              }
              span.setAttribute('tencent.will_retry', event.willRetry);
              span.setStatus({ code: SpanStatusCode.ERROR, message: event.error.kind });
            } else {
              span.setAttribute('tencent.code', 0);
            }
            span.end();
          },
        };
      },
    };
  }

  /** Exports what is left (at shutdown). */
  async shutdown(): Promise<void> {
    await this.provider.shutdown();
  }
}

/**
 * Tracing for these settings, or undefined when it is off. `exporter` replaces the configured one
 * (tests: an in-memory exporter, exported synchronously).
 */
export async function createTracing(
  config: TracingConfig,
  options: { exporter?: SpanExporter } = {},
): Promise<Tracing | undefined> {
  let processor: SpanProcessor;
  if (options.exporter) {
    processor = new SimpleSpanProcessor({ exporter: options.exporter });
  } else if (config.exporter === 'otlp') {
    // Loaded only when used: the OTLP exporter brings protobuf.
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-proto');
    processor = new BatchSpanProcessor({
      exporter: new OTLPTraceExporter({ url: config.otlp.url, headers: config.otlp.headers }),
    });
  } else if (config.exporter === 'console') {
    processor = new SimpleSpanProcessor({ exporter: new ConsoleSpanExporter() });
  } else {
    return undefined;
  }
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ ...config.resourceAttributes, 'service.name': config.serviceName }),
    sampler: samplerOf(config.sampler, config.samplerRatio),
    spanProcessors: [processor],
  });
  return new Tracing(provider);
}
