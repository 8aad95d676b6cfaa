/**
 * OpenTelemetry: the span tree of one request, recorded by the SDK into an in-memory exporter. The
 * operation span continues the caller's W3C trace; loader batches are its children and upstream
 * calls theirs; every upstream attempt carries its own span's `traceparent` (read from undici's
 * diagnostics channel, i.e. what went on the wire); retries are one span per attempt with the Tencent
 * code. Without OTEL_TRACES_EXPORTER nothing is traced and no `traceparent` goes upstream.
 */
import { createHash } from 'node:crypto';
import diagnostics from 'node:diagnostics_channel';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTracing, type Tracing } from '../../src/server/observability/tracing.js';
import { serverConfig } from '../support/config.js';
import { type Harness, startHarness } from '../support/harness.js';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const CALLER_SPAN = 'b7ad6b7169203331';
const TRACEPARENT = `00-${TRACE_ID}-${CALLER_SPAN}-01`;

/** `traceparent` headers the upstream client put on the wire. */
const sent: string[] = [];
const onHeaders = (message: unknown) => {
  const { request, headers } = message as { request: { path: string }; headers: string };
  if (!request.path.startsWith('/v4/')) return; // not an upstream call (the test's own requests)
  const match = /^traceparent: *(\S+)/im.exec(headers);
  sent.push(match?.[1] ?? 'none');
};

const memory = new InMemorySpanExporter();
let tracing: Tracing;
let traced: Harness;
let plain: Harness;

beforeAll(async () => {
  diagnostics.subscribe('undici:client:sendHeaders', onHeaders);
  const created = await createTracing(serverConfig({}).tracing, { exporter: memory });
  if (!created) throw new Error('an exporter given: tracing is on');
  tracing = created;
  [traced, plain] = await Promise.all([
    startHarness({ tracing, tencent: { maxRetries: 1 } }),
    startHarness(),
  ]);
});
afterAll(async () => {
  diagnostics.unsubscribe('undici:client:sendHeaders', onHeaders);
  await Promise.all([traced?.close(), plain?.close(), tracing?.shutdown()]);
});
beforeEach(() => {
  memory.reset();
  sent.length = 0;
});

const QUERY = `query Alice {
  user(id: "alice") { followers(first: 30) { totalCount nodes { id viewerIsFollowing } } }
}`;

async function post(h: Harness, query: string, headers: Record<string, string> = {}) {
  const res = await fetch(h.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-user-id': 'bob', ...headers },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as { data?: unknown; errors?: unknown[] };
}

const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
const idOf = (span: ReadableSpan) => span.spanContext().spanId;

describe('spans', () => {
  it('operation -> loader batches -> upstream calls, continuing the caller trace', async () => {
    const body = await post(traced, QUERY, { traceparent: TRACEPARENT });
    expect(body.errors).toBeUndefined();
    const spans = memory.getFinishedSpans();
    for (const span of spans) expect(span.spanContext().traceId).toBe(TRACE_ID);

    const operation = spans.find((span) => span.name === 'query Alice');
    expect(operation).toBeDefined();
    const op = operation as ReadableSpan;
    expect(parentOf(op)).toBe(CALLER_SPAN);
    expect(op.attributes).toMatchObject({
      'graphql.operation.type': 'query',
      'graphql.operation.name': 'Alice',
      'graphql.document.hash': createHash('sha256').update(QUERY).digest('hex'),
    });

    const batches = spans.filter((span) => span.name === 'loader.batch');
    const batch = (loader: string) => batches.find((span) => span.attributes['loader.name'] === loader);
    expect(batch('counts')?.attributes).toMatchObject({
      'tencent.command': 'follow/follow_get_info',
      'loader.batch.size': 1,
    });
    expect(batch('relations')?.attributes).toMatchObject({
      'tencent.command': 'follow/follow_check',
      'loader.batch.size': 30,
    });
    for (const span of batches) expect(parentOf(span)).toBe(idOf(op));

    const calls = spans.filter((span) => span.name === 'tencent.call');
    const call = (command: string) => calls.find((span) => span.attributes['tencent.command'] === command);
    expect(calls.map((span) => span.attributes['tencent.command']).sort()).toEqual([
      'follow/follow_check',
      'follow/follow_get',
      'follow/follow_get_info',
    ]);
    expect(parentOf(call('follow/follow_get_info') as ReadableSpan)).toBe(
      idOf(batch('counts') as ReadableSpan),
    );
    expect(parentOf(call('follow/follow_check') as ReadableSpan)).toBe(
      idOf(batch('relations') as ReadableSpan),
    );
    // A page read is not batched: its call is the operation's child.
    expect(parentOf(call('follow/follow_get') as ReadableSpan)).toBe(idOf(op));
    for (const span of calls) {
      expect(span.attributes).toMatchObject({ 'tencent.attempt': 1, 'tencent.code': 0 });
      expect(JSON.stringify(span.attributes)).not.toMatch(/usersig|sdkappid/i);
    }

    // Each upstream request carried its own call span's traceparent.
    expect(sent.sort()).toEqual(calls.map((span) => `00-${TRACE_ID}-${idOf(span)}-01`).sort());
  });

  it('a retried call is one span per attempt, with the Tencent code', async () => {
    await traced.setFaults([{ command: 'follow/follow_check', probability: 1, errorCode: 70169 }]);
    try {
      await post(traced, '{ user(id: "alice") { viewerIsFollowing } }');
    } finally {
      await traced.clearFaults();
    }
    const attempts = memory
      .getFinishedSpans()
      .filter(
        (span) =>
          span.name === 'tencent.call' && span.attributes['tencent.command'] === 'follow/follow_check',
      )
      .map((span) => [span.attributes['tencent.attempt'], span.attributes['tencent.code'], span.status.code]);
    expect(attempts).toEqual([
      [1, 70169, 2],
      [2, 70169, 2],
    ]);
    // Without a caller trace the operation starts a new trace.
    const operation = memory.getFinishedSpans().find((span) => span.name === 'query');
    expect(operation && parentOf(operation)).toBeUndefined();
  });
});

describe('OTLP export configured by OTEL_* variables', () => {
  it('sends the spans as OTLP/HTTP protobuf to <OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces with the headers', async () => {
    const received: { path: string; type: string | undefined; key: string | undefined; bytes: number }[] = [];
    const receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({
          path: req.url ?? '',
          type: req.headers['content-type'],
          key: req.headers['x-api-key'] as string | undefined,
          bytes: Buffer.concat(chunks).length,
        });
        res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const port = (receiver.address() as AddressInfo).port;
    const config = serverConfig({
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
      OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=k%3D1',
      OTEL_SERVICE_NAME: 'follow-test',
    }).tracing;
    expect(config.otlp).toEqual({
      url: `http://127.0.0.1:${port}/v1/traces`,
      headers: { 'x-api-key': 'k=1' },
    });
    const otlp = await createTracing(config);
    const h = await startHarness({ ...(otlp && { tracing: otlp }) });
    try {
      await post(h, QUERY);
      await otlp?.shutdown(); // flushes the batch
      expect(received.length).toBeGreaterThan(0);
      expect(received[0]).toMatchObject({ path: '/v1/traces', type: 'application/x-protobuf', key: 'k=1' });
      expect(received[0]?.bytes).toBeGreaterThan(100);
    } finally {
      await h.close();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });

  it('refuses protocols it cannot speak, and bad header lists', () => {
    expect(() => serverConfig({ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toThrow(
      /^OTEL_EXPORTER_OTLP_PROTOCOL:/,
    );
    expect(() => serverConfig({ OTEL_EXPORTER_OTLP_HEADERS: 'novalue' })).toThrow(
      /^OTEL_EXPORTER_OTLP_HEADERS:/,
    );
    expect(() => serverConfig({ OTEL_TRACES_SAMPLER_ARG: '2' })).toThrow(/^OTEL_TRACES_SAMPLER_ARG:/);
  });
});

describe('tracing off (the default)', () => {
  it('records nothing and sends no traceparent upstream, even when the caller sent one', async () => {
    const body = await post(plain, QUERY, { traceparent: TRACEPARENT });
    expect(body.errors).toBeUndefined();
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((header) => header === 'none')).toBe(true);
    expect(memory.getFinishedSpans()).toEqual([]);
    expect(serverConfig({}).tracing.exporter).toBe('none');
    expect(serverConfig({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_SDK_DISABLED: 'true' }).tracing.exporter).toBe(
      'none',
    );
  });
});
