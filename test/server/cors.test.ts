/**
 * CORS: only the configured origins get CORS headers (their own origin back, no credentials), and the
 * dev identity headers are allowed cross-origin only in dev mode. Slow clients and the other HTTP-level
 * attacks are in test/hostile/hostile.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerHarness, startServer } from '../support/serverHarness.js';

const APP = 'https://app.example.com';
const EVIL = 'https://evil.example';

let dev: ServerHarness;
let gateway: ServerHarness;
beforeAll(async () => {
  dev = await startServer({
    env: { CORS_ORIGINS: APP },
  });
  gateway = await startServer({
    env: {
      CORS_ORIGINS: APP,
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
