/**
 * The HTTP edges of the server: CORS only for the configured origins (and the dev identity headers only
 * in dev mode), and timeouts that close connections of clients that trickle headers or bodies or idle,
 * and a 413 for an unfinished chunked upload that closes its connection. Raw sockets, real server.
 * Bounds are loose (a shared machine): each case must end within seconds, not minutes.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerHarness, startServer } from '../support/serverHarness.js';

const APP = 'https://app.example.com';
const EVIL = 'https://evil.example';

let dev: ServerHarness;
let gateway: ServerHarness;
beforeAll(async () => {
  dev = await startServer({
    env: {
      CORS_ORIGINS: APP,
      HTTP_HEADERS_TIMEOUT_MS: '1000',
      HTTP_REQUEST_TIMEOUT_MS: '1500',
      HTTP_KEEP_ALIVE_TIMEOUT_MS: '500',
      REQUEST_BODY_LIMIT: '2000',
    },
  });
  gateway = await startServer({
    env: {
      CORS_ORIGINS: APP,
      TENCENT_SDKAPPID: String(1400000000),
      TENCENT_SECRET_KEY: 'x'.repeat(32),
      TENCENT_API_BASE_URL: 'http://127.0.0.1:9',
      AUTH_MODE: 'gateway',
      GATEWAY_SECRET: 'g'.repeat(32),
    },
  });
});
afterAll(async () => {
  await dev?.close();
  await gateway?.close();
});

function preflight(h: ServerHarness, origin: string, headers = 'content-type, x-user-id') {
  return h.fetch('/graphql', {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': headers },
  });
}

describe('CORS', () => {
  it('an allowed origin gets its own origin back, the GraphQL headers and, in dev mode, the identity headers', async () => {
    const res = await preflight(dev, APP);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(APP);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    const allowed = res.headers.get('access-control-allow-headers')?.split(', ') ?? [];
    expect(allowed).toEqual(expect.arrayContaining(['content-type', 'authorization', 'x-user-id']));
    expect(allowed).not.toContain('x-gateway-secret');
    const post = await dev.fetch('/graphql', {
      method: 'POST',
      headers: { origin: APP, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(post.headers.get('access-control-allow-origin')).toBe(APP);
    expect(post.headers.get('vary')).toMatch(/Origin/);
  });

  it('any other origin gets no CORS headers, so its pages can neither read answers nor send identity headers', async () => {
    for (const origin of [EVIL, 'null', `${APP}.evil.example`, 'http://app.example.com']) {
      const res = await preflight(dev, origin);
      expect(res.headers.get('access-control-allow-origin'), origin).toBeNull();
      expect(res.headers.get('access-control-allow-headers'), origin).toBeNull();
    }
    const post = await dev.fetch('/graphql', {
      method: 'POST',
      headers: { origin: EVIL, 'content-type': 'application/json', 'x-user-id': 'alice' },
      body: JSON.stringify({ query: '{ viewer { id } }' }),
    });
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('outside dev mode the identity headers are never allowed cross-origin', async () => {
    const res = await preflight(gateway, APP, 'content-type, x-user-id, x-gateway-secret');
    expect(res.headers.get('access-control-allow-origin')).toBe(APP);
    const allowed = res.headers.get('access-control-allow-headers')?.split(', ') ?? [];
    expect(allowed).not.toContain('x-user-id');
    expect(allowed).not.toContain('x-user-roles');
    expect(allowed).not.toContain('x-gateway-secret');
  });
});

/** A raw connection to the server: what it received, and when it closed. */
function raw(h: ServerHarness): Promise<{ socket: Socket; closed: Promise<string>; started: number }> {
  const url = new URL(h.base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => {
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        text += chunk;
      });
      const closed = new Promise<string>((done) => socket.on('close', () => done(text)));
      socket.on('error', () => undefined);
      resolve({ socket, closed, started: performance.now() });
    });
    socket.once('error', reject);
  });
}

describe('slow and idle clients are cut off', () => {
  it('headers trickled byte by byte: closed after the headers timeout', async () => {
    const { socket, closed, started } = await raw(dev);
    socket.write('POST /graphql HTTP/1.1\r\nHost: x\r\n');
    const timer = setInterval(() => socket.writable && socket.write('X'), 200);
    const text = await closed;
    clearInterval(timer);
    expect(performance.now() - started).toBeLessThan(6000);
    expect(text === '' || /^HTTP\/1\.1 408/.test(text)).toBe(true);
  });

  it('a body trickled byte by byte: 408 and closed after the request timeout', async () => {
    const { socket, closed, started } = await raw(dev);
    socket.write(
      'POST /graphql HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{',
    );
    const timer = setInterval(() => socket.writable && socket.write(' '), 200);
    const text = await closed;
    clearInterval(timer);
    expect(performance.now() - started).toBeLessThan(7000);
    expect(text === '' || /^HTTP\/1\.1 408/.test(text)).toBe(true);
  });

  it('an idle keep-alive connection is closed after the keep-alive timeout', async () => {
    const { socket, closed, started } = await raw(dev);
    socket.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
    const text = await closed;
    expect(text).toMatch(/^HTTP\/1\.1 200/);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('413 for a chunked upload that has not finished: answered at once, and the connection closes', async () => {
    const { socket, closed, started } = await raw(dev);
    socket.write(
      'POST /graphql HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n',
    );
    const chunk = `{"query":"${'x'.repeat(3000)}`;
    socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    // The upload goes on (never finished) while the server answers.
    const timer = setInterval(() => socket.writable && socket.write('1\r\n \r\n'), 100);
    const text = await closed;
    clearInterval(timer);
    expect(text).toMatch(/^HTTP\/1\.1 413/);
    expect(text.toLowerCase()).toContain('connection: close');
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
