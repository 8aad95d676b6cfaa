/**
 * Operating the server, over HTTP: request ids, masked errors, JSON logs, /health, /ready, /metrics.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/emulator/index.js';
import { codes, type ServerHarness, startServer } from '../support/serverHarness.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let h: ServerHarness;
beforeAll(async () => {
  h = await startServer({ env: { READY_CACHE_MS: '0' }, tencent: { maxRetries: 1, retryDeadlineMs: 2000 } });
});
afterAll(() => h.close());

describe('request ids', () => {
  it('each response carries a generated x-request-id, in errors too', async () => {
    const res = await h.post({ query: '{ user(id: "") { id } }' });
    const id = res.headers.get('x-request-id') ?? '';
    expect(id).toMatch(UUID);
    expect(codes(res.json)).toEqual(['BAD_USER_INPUT']);
    expect(res.json.errors?.[0]?.extensions?.requestId).toBe(id);
  });

  it('a sane incoming x-request-id is kept, anything else replaced', async () => {
    const kept = await h.post({ query: '{ __typename }' }, { 'x-request-id': 'trace-abc.123:45' });
    expect(kept.headers.get('x-request-id')).toBe('trace-abc.123:45');
    for (const bad of ['short', 'has space in it', 'x'.repeat(200), '<script>alert(1)</script>']) {
      const res = await h.post({ query: '{ __typename }' }, { 'x-request-id': bad });
      expect(res.headers.get('x-request-id')).toMatch(UUID);
    }
  });
});

describe('logs', () => {
  it('one JSON line per request: id, operation name, duration, upstream calls per command, error codes', async () => {
    const res = await h.post(
      {
        query:
          'query AliceCounts { user(id: "alice") { followers { totalCount } } nope: user(id: "") { id } }',
      },
      { 'x-request-id': 'log-line-test-1' },
    );
    expect(res.status).toBe(200);
    const lines = h.logs().filter((line) => line.requestId === 'log-line-test-1');
    expect(lines).toHaveLength(1);
    const line = lines[0] as Record<string, unknown>;
    expect(line).toMatchObject({
      level: 'info',
      msg: 'graphql request',
      operationName: 'AliceCounts',
      status: 200,
      outcome: 'partial',
      // follow_get_info both checks that alice exists and counts (no portrait_get: schema/user/existence.ts).
      upstreamCalls: { 'follow/follow_get_info': 1 },
      errorCodes: ['BAD_USER_INPUT'],
    });
    expect(typeof line.durationMs).toBe('number');
    expect(typeof line.time).toBe('string');
  });
});

describe('masked errors', () => {
  let garbage: Server;
  let broken: ServerHarness;
  beforeAll(async () => {
    // An "upstream" that answers every command with a well-formed envelope of the wrong shape.
    garbage = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        '{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","UserProfileItem":"secret-internal-detail"}',
      );
    });
    await new Promise<void>((resolve) => garbage.listen(0, '127.0.0.1', resolve));
    broken = await startServer({
      tencent: { baseUrl: `http://127.0.0.1:${(garbage.address() as AddressInfo).port}`, maxRetries: 0 },
    });
  });
  afterAll(async () => {
    await broken.close();
    await new Promise<void>((resolve) => garbage.close(() => resolve()));
  });

  it('an unexpected error reaches the client as a generic message with the request id; the detail is logged', async () => {
    const res = await broken.post({ query: '{ user(id: "alice") { id } }' });
    const id = res.headers.get('x-request-id');
    expect(res.json.errors).toHaveLength(1);
    const error = res.json.errors?.[0];
    expect(error?.message).toBe('Unexpected error.');
    expect(error?.extensions?.requestId).toBe(id);
    expect(res.text).not.toMatch(/secret-internal-detail|is not a function|at .*\.ts/);
    const detail = broken.logs().find((line) => line.requestId === id && line.level === 'error');
    expect(detail?.msg).toMatch(/unexpected error/);
    expect(JSON.stringify(detail)).toMatch(/is not a function/);
  });

  it('the same in a deferred payload: masked, with the request id, the detail logged', async () => {
    const res = await broken.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'multipart/mixed' },
      body: JSON.stringify({ query: '{ __typename ... @defer { user(id: "alice") { id } } }' }),
    });
    const text = await res.text();
    const id = res.headers.get('x-request-id');
    expect(res.headers.get('content-type')).toMatch(/^multipart\/mixed/);
    expect(text).not.toMatch(/secret-internal-detail|is not a function|at .*\.ts/);
    const errors = [...text.matchAll(/^\{.*\}$/gm)]
      .map((match) => JSON.parse(match[0]) as { incremental?: { errors?: Record<string, unknown>[] }[] })
      .flatMap((payload) => payload.incremental ?? [])
      .flatMap((part) => part.errors ?? []);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ message: 'Unexpected error.', extensions: { requestId: id } });
    const detail = broken.logs().find((line) => line.requestId === id && line.level === 'error');
    expect(JSON.stringify(detail)).toMatch(/is not a function/);
  });
});

describe('upstream auth failures', () => {
  it('70050 (UserSig failed, retry after a minute) is UPSTREAM_ERROR with its code, after exactly one call', async () => {
    await h.resetStats();
    await h.setFaults([{ command: 'profile/portrait_get', errorCode: 70050 }]);
    try {
      const res = await h.post({ query: '{ user(id: "alice") { id } }' });
      expect(res.json.errors?.map((e) => [e.extensions?.code, e.extensions?.tencentCode])).toEqual([
        ['UPSTREAM_ERROR', 70050],
      ]);
      expect((await h.stats())['profile/portrait_get']).toBe(1);
    } finally {
      await h.clearFaults();
    }
  });
});

describe('/health and /ready', () => {
  it('/health is 200 {"status":"ok"}', async () => {
    const res = await h.fetch('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('/ready is 200 while upstream accepts our signature, 503 with a reason when it does not', async () => {
    const ok = await h.fetch('/ready');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'ready' });
    await h.setFaults([{ command: 'follow/follow_get_info', errorCode: 70001 }]);
    try {
      const down = await h.fetch('/ready');
      expect(down.status).toBe(503);
      expect(await down.json()).toEqual({
        status: 'unavailable',
        reason: 'upstream refused the call (Tencent error 70001)',
      });
    } finally {
      await h.clearFaults();
    }
    await h.setFaults([{ command: 'follow/follow_get_info', httpStatus: 502 }]);
    try {
      const down = await h.fetch('/ready');
      expect(down.status).toBe(503);
      expect(((await down.json()) as { reason: string }).reason).toBe('upstream answered HTTP 502');
    } finally {
      await h.clearFaults();
    }
  });

  it('answers are cached for READY_CACHE_MS', async () => {
    const cached = await startServer({ env: { READY_CACHE_MS: '60000' } });
    try {
      expect((await cached.fetch('/ready')).status).toBe(200);
      await cached.resetStats();
      await cached.setFaults([{ command: 'follow/follow_get_info', errorCode: 70001 }]);
      expect((await cached.fetch('/ready')).status).toBe(200);
      expect(await cached.stats()).toEqual({});
    } finally {
      await cached.close();
    }
  });
});

describe('/metrics', () => {
  function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
    const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
    for (const line of text.split('\n')) {
      if (!line.startsWith(`${name}{`)) continue;
      const labelPart = line.slice(name.length + 1, line.indexOf('}'));
      if (wanted.every((w) => labelPart.split(',').includes(w)))
        return Number(line.slice(line.lastIndexOf(' ') + 1));
    }
    return undefined;
  }

  it('requests by operation and outcome, upstream calls, errors, retries, rate-limit waits and batch sizes', async () => {
    const limited = await startServer({
      tencent: { rateLimitPerSecond: 2, maxRetries: 2, retryDeadlineMs: 5000 },
    });
    try {
      const ids = DEMO.users.slice(0, 45);
      const counts = await limited.post({
        query: 'query MetricCounts($ids: [ID!]!) { users(ids: $ids) { followers { totalCount } } }',
        variables: { ids },
      });
      expect(counts.json.errors).toBeUndefined();
      await limited.post({ query: 'query MetricBad { user(id: "") { id } }' });
      await limited.setFaults([{ command: 'follow/follow_get', errorCode: 70500, times: 1 }]);
      const retried = await limited.post({
        query: 'query MetricRetry { user(id: "alice") { followers(first: 2) { nodes { id } } } }',
      });
      expect(retried.json.errors).toBeUndefined();

      const res = await limited.fetch('/metrics');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/plain/);
      const text = await res.text();
      expect(sample(text, 'graphql_requests_total', { operation: 'MetricCounts', outcome: 'ok' })).toBe(1);
      expect(sample(text, 'graphql_requests_total', { operation: 'MetricBad', outcome: 'partial' })).toBe(1);
      expect(
        sample(text, 'graphql_request_duration_seconds_count', { operation: 'MetricCounts', outcome: 'ok' }),
      ).toBe(1);
      expect(sample(text, 'graphql_errors_total', { code: 'BAD_USER_INPUT' })).toBe(1);
      expect(sample(text, 'upstream_calls_total', { command: 'follow/follow_get_info', outcome: 'ok' })).toBe(
        3,
      );
      expect(
        sample(text, 'upstream_call_duration_seconds_count', { command: 'follow/follow_get_info' }),
      ).toBe(3);
      expect(
        sample(text, 'upstream_errors_total', { command: 'follow/follow_get', kind: 'api', code: '70500' }),
      ).toBe(1);
      expect(sample(text, 'upstream_retries_total', { command: 'follow/follow_get' })).toBe(1);
      // 3 follow_get_info chunks at 2 calls/s: at least one waited for the client-side limiter.
      expect(
        sample(text, 'upstream_rate_limit_waits_total', { command: 'follow/follow_get_info' }),
      ).toBeGreaterThanOrEqual(1);
      // maxBatchSize 20: 45 keys are three batches (20, 20, 5).
      expect(sample(text, 'loader_batch_size_count', { loader: 'counts' })).toBe(3);
      expect(sample(text, 'loader_batch_size_sum', { loader: 'counts' })).toBe(45);
      // No portrait_get: MetricCounts' users are proven by their counts, MetricRetry's alice by her page.
      expect(sample(text, 'loader_batch_size_count', { loader: 'profiles' })).toBeUndefined();
      expect(text).toContain('process_cpu_user_seconds_total');
    } finally {
      await limited.close();
    }
  });
});
