/**
 * The hostile-input corpus (corpus.ts) against real servers in dev, jwt and gateway modes over the real
 * emulator. For every case: an answer within 1 s, an expected status, a stable `extensions.code` on every
 * error, no secret in the response or the log lines it caused, no stack trace in those log lines, and a
 * healthy server afterwards. Then slow clients, whose cases take seconds by design: each is cut off
 * within a bound, and the server stays healthy for everyone else meanwhile.
 */
import { connect, type Socket } from 'node:net';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_CODES } from '../support/errorCodes.js';
import { type ServerHarness, startServer } from '../support/serverHarness.js';
import { type CaseContext, CORPUS, type HostileCase, type HostileRequest, type Mode } from './corpus.js';

const SECRETS = {
  jwt: 'jwt-secret-of-the-hostile-corpus-0123456789',
  gateway: 'gateway-secret-of-the-hostile-corpus',
  metrics: 'metrics-token-of-the-hostile-corpus',
};
/** An answer must come within this (the target). */
const ANSWER_MS = 1000;

interface Answer {
  status: number;
  text: string;
  ms: number;
}

interface Server {
  mode: Mode;
  h: ServerHarness;
  ctx: CaseContext;
  /** Strings that must appear in no response and no log line. */
  secrets: string[];
}

async function sign(claims: Record<string, unknown>, secret: string): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));
}

function rawExchange(h: ServerHarness, bytes: string): Promise<{ status: number; text: string }> {
  const url = new URL(h.base);
  return new Promise((resolve, reject) => {
    let text = '';
    const socket = connect(Number(url.port), url.hostname, () => socket.write(bytes));
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      text += chunk;
    });
    const timer = setTimeout(() => socket.destroy(), 3000);
    socket.on('close', () => {
      clearTimeout(timer);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      resolve({ status, text: text.slice(text.indexOf('\r\n\r\n') + 4) });
    });
    socket.on('error', reject);
  });
}

async function send(h: ServerHarness, request: HostileRequest): Promise<Answer> {
  const started = performance.now();
  if ('raw' in request) {
    const { status, text } = await rawExchange(h, request.raw);
    return { status, text, ms: performance.now() - started };
  }
  const res = await fetch(`${h.base}${request.path ?? '/graphql'}`, {
    method: request.method ?? 'GET',
    headers: request.headers ?? {},
    body: request.body,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  return { status: res.status, text, ms: performance.now() - started };
}

const servers: Server[] = [];

async function startMode(mode: Mode): Promise<Server> {
  const env: Record<string, string> =
    mode === 'jwt'
      ? { AUTH_MODE: 'jwt', JWT_SECRET: SECRETS.jwt }
      : mode === 'gateway'
        ? { AUTH_MODE: 'gateway', GATEWAY_SECRET: SECRETS.gateway, METRICS_TOKEN: SECRETS.metrics }
        : {};
  const h = await startServer({ env });
  const aliceToken = await sign({ sub: 'alice', exp: Math.floor(Date.now() / 1000) + 600 }, SECRETS.jwt);
  const alice: Record<string, string> =
    mode === 'jwt'
      ? { authorization: `Bearer ${aliceToken}` }
      : mode === 'gateway'
        ? { 'x-gateway-secret': SECRETS.gateway, 'x-user-id': 'alice' }
        : { 'x-user-id': 'alice' };
  const page = await h.post(
    { query: '{ user(id: "alice") { followers(first: 1) { pageInfo { endCursor } } } }' },
    alice,
  );
  const cursor = (page.json.data as { user: { followers: { pageInfo: { endCursor: string } } } }).user
    .followers.pageInfo.endCursor;
  const ctx: CaseContext = {
    mode,
    alice,
    aliceCursor: cursor,
    jwt: (claims, options) => sign(claims, options?.otherSecret ? `${SECRETS.jwt}-but-another` : SECRETS.jwt),
    secrets: SECRETS,
  };
  return {
    mode,
    h,
    ctx,
    secrets: [SECRETS.jwt, SECRETS.gateway, SECRETS.metrics, h.emulator.secretKey, aliceToken],
  };
}

beforeAll(async () => {
  servers.push(...(await Promise.all((['dev', 'jwt', 'gateway'] as const).map(startMode))));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.h.close()));
});

function server(mode: Mode): Server {
  const found = servers.find((s) => s.mode === mode);
  if (!found) throw new Error(`no ${mode} server`);
  return found;
}

/** The codes of a GraphQL-shaped answer's errors (incremental parts included). */
function codesOf(text: string): { codes: unknown[]; errors: number } {
  const body = JSON.parse(text) as { errors?: { extensions?: { code?: unknown } }[] };
  const errors = body.errors ?? [];
  return { codes: errors.map((e) => e.extensions?.code), errors: errors.length };
}

function checkQuiet(s: Server, lines: string[], label: string) {
  for (const line of lines) {
    expect(line.length, `${label}: a log line of ${line.length} characters`).toBeLessThan(4096);
    expect(line, `${label}: a stack trace in the log`).not.toMatch(/"stack"|\n\s+at /);
    for (const secret of s.secrets)
      expect(line.includes(secret), `${label}: a secret in the log`).toBe(false);
    expect(line.toLowerCase(), `${label}: a UserSig in the log`).not.toContain('usersig=');
  }
}

function cases(mode: Mode): HostileCase[] {
  return CORPUS.filter((c) => !c.modes || c.modes.includes(mode));
}

describe.each(['dev', 'jwt', 'gateway'] as const)('the hostile corpus in %s mode', (mode) => {
  it.each(cases(mode).map((c) => [`${c.category}: ${c.name}`, c] as const))('%s', async (label, hostile) => {
    const s = server(mode);
    const logBefore = s.h.logText().length;
    const request = await hostile.request(s.ctx);
    const answer = await send(s.h, request);
    expect(answer.ms, `${label}: answered in ${Math.round(answer.ms)} ms`).toBeLessThan(ANSWER_MS);
    expect(hostile.status, `${label}: status ${answer.status} ${answer.text.slice(0, 300)}`).toContain(
      answer.status,
    );
    if (hostile.noBody) {
      expect(answer.text).toBe('');
      expect(answer.status).toBe(204);
    } else {
      const { codes, errors } = codesOf(answer.text);
      if (answer.status >= 400) expect(errors, `${label}: a refusal without errors`).toBeGreaterThan(0);
      for (const code of codes)
        expect(REQUEST_CODES.has(code as string), `${label}: code ${String(code)}`).toBe(true);
      if (hostile.codes) {
        expect(
          codes.some((code) => hostile.codes?.includes(code as string)),
          `${label}: codes ${JSON.stringify([...new Set(codes)])}`,
        ).toBe(true);
      }
    }
    for (const secret of s.secrets)
      expect(answer.text.includes(secret), `${label}: a secret in the answer`).toBe(false);
    expect(answer.text.toLowerCase()).not.toContain('usersig');
    expect(answer.text).not.toMatch(/\bat .*\.(ts|js):\d+/);
    // The log lines this case caused (the server logs each request once, after answering).
    await new Promise((resolve) => setTimeout(resolve, 5));
    checkQuiet(s, s.h.logText().slice(logBefore).split('\n').filter(Boolean), label);
    const health = await send(s.h, { method: 'GET', path: '/health' });
    expect(health.status).toBe(200);
    expect(health.ms).toBeLessThan(ANSWER_MS);
  });
});

describe('the corpus covers every category in every mode', () => {
  it('has cases of each category, and each mode runs most of them', () => {
    const categories = new Set(CORPUS.map((c) => c.category));
    expect(categories.size).toBe(7);
    for (const mode of ['dev', 'jwt', 'gateway'] as const) expect(cases(mode).length).toBeGreaterThan(70);
  });
});

/** A raw connection to the server: what it received, and when it closed. */
function rawConnection(
  h: ServerHarness,
): Promise<{ socket: Socket; closed: Promise<string>; started: number }> {
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
  let slowServer: ServerHarness;
  beforeAll(async () => {
    slowServer = await startServer({
      env: {
        HTTP_HEADERS_TIMEOUT_MS: '1000',
        HTTP_REQUEST_TIMEOUT_MS: '1500',
        HTTP_KEEP_ALIVE_TIMEOUT_MS: '500',
        REQUEST_BODY_LIMIT: '2000',
      },
    });
  });
  afterAll(() => slowServer.close());

  it('40 clients trickling bodies do not slow anyone else down, and are all cut off', async () => {
    const slow = await Promise.all(Array.from({ length: 40 }, () => rawConnection(slowServer)));
    const timers = slow.map(({ socket }) => {
      socket.write(
        'POST /graphql HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: 500\r\n\r\n{',
      );
      return setInterval(() => socket.writable && socket.write(' '), 100);
    });
    try {
      const started = performance.now();
      const res = await slowServer.post({ query: '{ user(id: "alice") { id } }' }, { 'x-user-id': 'alice' });
      expect(res.json.data).toEqual({ user: { id: 'alice' } });
      expect((await slowServer.fetch('/health')).status).toBe(200);
      expect(performance.now() - started).toBeLessThan(ANSWER_MS);
      const texts = await Promise.all(slow.map(({ closed }) => closed));
      for (const text of texts) expect(text === '' || /^HTTP\/1\.1 408/.test(text)).toBe(true);
      expect(performance.now() - started).toBeLessThan(8000);
    } finally {
      for (const timer of timers) clearInterval(timer);
    }
  });

  it('headers trickled byte by byte: closed after the headers timeout', async () => {
    const { socket, closed, started } = await rawConnection(slowServer);
    socket.write('POST /graphql HTTP/1.1\r\nHost: x\r\n');
    const timer = setInterval(() => socket.writable && socket.write('X'), 200);
    const text = await closed;
    clearInterval(timer);
    expect(performance.now() - started).toBeLessThan(6000);
    expect(text === '' || /^HTTP\/1\.1 408/.test(text)).toBe(true);
  });

  it('a body trickled byte by byte: 408 and closed after the request timeout', async () => {
    const { socket, closed, started } = await rawConnection(slowServer);
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
    const { socket, closed, started } = await rawConnection(slowServer);
    socket.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
    const text = await closed;
    expect(text).toMatch(/^HTTP\/1\.1 200/);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('413 for a chunked upload that has not finished: answered at once, and the connection closes', async () => {
    const { socket, closed, started } = await rawConnection(slowServer);
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
