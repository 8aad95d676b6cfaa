/**
 * Identity and access over HTTP: jwt (HS256 and JWKS), gateway and dev modes; bad credentials are
 * UNAUTHENTICATED (HTTP 401), never anonymous; anonymous reads can be switched off, `_entities`
 * included; acting for another user needs the admin role (FORBIDDEN otherwise).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, type ServerHarness, startServer } from '../support/serverHarness.js';

const JWT_SECRET = 'jwt-secret-for-tests-0123456789-abcdefgh';
const GATEWAY_SECRET = 'gateway-secret-for-tests-42';
const ISSUER = 'https://issuer.example';
const AUDIENCE = 'chat-follow-graphql';

const VIEWER = '{ viewer { id } }';
const ENTITIES =
  'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { followers { totalCount } } } }';
const ALICE_REF = { r: [{ __typename: 'User', id: 'alice' }] };
const FOLLOW_AS_BOB =
  'mutation { followUsers(input: { userIds: ["carol"], asUserId: "bob" }) { results { userId ok } } }';

async function hs256(claims: JWTPayload, options: { secret?: string; expiresIn?: string | number } = {}) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setExpirationTime(options.expiresIn ?? '5m')
    .sign(new TextEncoder().encode(options.secret ?? JWT_SECRET));
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Every response text and log line of these tests, checked for secrets at the end. */
const seen: string[] = [];
const tokens: string[] = [];

describe('AUTH_MODE=jwt with JWT_SECRET (HS256)', () => {
  let h: ServerHarness;
  beforeAll(async () => {
    h = await startServer({
      env: { AUTH_MODE: 'jwt', JWT_SECRET, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE },
    });
  });
  afterAll(async () => {
    seen.push(h.logText());
    await h.close();
  });
  const post = async (query: string, headers: Record<string, string> = {}, variables?: unknown) => {
    const res = await h.post({ query, variables }, headers);
    seen.push(res.text);
    return res;
  };

  it('a valid token makes `sub` the viewer', async () => {
    const token = await hs256({ sub: 'alice' });
    tokens.push(token);
    const res = await post(VIEWER, bearer(token));
    expect(res.status).toBe(200);
    expect(res.json.data).toEqual({ viewer: { id: 'alice' } });
  });

  it.each([
    ['expired', () => hs256({ sub: 'alice' }, { expiresIn: Math.floor(Date.now() / 1000) - 120 }), /expired/],
    ['signed with another secret', () => hs256({ sub: 'alice' }, { secret: 'x'.repeat(40) }), /not valid/],
    [
      'from another issuer',
      () =>
        new SignJWT({ sub: 'alice' })
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer('https://evil.example')
          .setAudience(AUDIENCE)
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode(JWT_SECRET)),
      /not valid/,
    ],
    [
      'for another audience',
      () =>
        new SignJWT({ sub: 'alice' })
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer(ISSUER)
          .setAudience('other')
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode(JWT_SECRET)),
      /not valid/,
    ],
    [
      'without exp',
      () =>
        new SignJWT({ sub: 'alice' })
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer(ISSUER)
          .setAudience(AUDIENCE)
          .sign(new TextEncoder().encode(JWT_SECRET)),
      /not valid/,
    ],
    ['with an invalid sub', () => hs256({ sub: 'x'.repeat(40) }), /subject/],
  ])('a token %s is UNAUTHENTICATED with HTTP 401', async (_name, make, message) => {
    const token = await make();
    tokens.push(token);
    const res = await post(VIEWER, bearer(token));
    expect(res.status).toBe(401);
    expect(codes(res.json)).toEqual(['UNAUTHENTICATED']);
    expect(res.json.errors?.[0]?.message).toMatch(message);
    expect(res.json.data ?? null).toBeNull();
  });

  it('a malformed Authorization header is UNAUTHENTICATED, not anonymous', async () => {
    for (const value of ['Bearer not-a-jwt', 'Basic YWxpY2U6cGFzcw==', 'Bearer ']) {
      const res = await post(VIEWER, { authorization: value });
      expect(res.status).toBe(401);
      expect(codes(res.json)).toEqual(['UNAUTHENTICATED']);
    }
  });

  it('a token that expired within the clock skew (30 s) is still accepted', async () => {
    const token = await hs256({ sub: 'bob' }, { expiresIn: Math.floor(Date.now() / 1000) - 10 });
    expect((await post(VIEWER, bearer(token))).json.data).toEqual({ viewer: { id: 'bob' } });
  });

  it('anonymous requests are refused (ALLOW_ANONYMOUS defaults to false outside dev), _entities included', async () => {
    const user = await post('{ user(id: "alice") { id } }');
    expect(user.status).toBe(401);
    expect(codes(user.json)).toEqual(['UNAUTHENTICATED']);
    const entities = await post(ENTITIES, {}, ALICE_REF);
    expect(entities.status).toBe(401);
    expect(codes(entities.json)).toEqual(['UNAUTHENTICATED']);
    expect(entities.json.data ?? null).toBeNull();
    // Schema metadata is not data: __typename stays open; _service follows INTROSPECTION (off here).
    expect((await post('{ __typename }')).json.data).toEqual({ __typename: 'Query' });
    expect(codes((await post('{ _service { sdl } }')).json)).toEqual(['UNAUTHENTICATED']);
  });

  it('signed in, _entities resolves', async () => {
    const token = await hs256({ sub: 'bob' });
    const res = await post(ENTITIES, bearer(token), ALICE_REF);
    expect(res.json.errors).toBeUndefined();
    expect(res.json.data).toEqual({ _entities: [{ followers: { totalCount: 250 } }] });
  });

  it('acting for another user needs the admin role: FORBIDDEN without it', async () => {
    const plain = await post(FOLLOW_AS_BOB, bearer(await hs256({ sub: 'alice', roles: ['reader'] })));
    expect(codes(plain.json)).toEqual(['FORBIDDEN']);
    const admin = await post(
      FOLLOW_AS_BOB,
      bearer(await hs256({ sub: 'alice', roles: ['reader', 'admin'] })),
    );
    expect(admin.json.errors).toBeUndefined();
    expect(admin.json.data).toEqual({ followUsers: { results: [{ userId: 'carol', ok: true }] } });
  });
});

describe('AUTH_MODE=jwt with JWT_JWKS_URL, custom roles claim', () => {
  let h: ServerHarness;
  let jwks: Server;
  let sign: (claims: JWTPayload) => Promise<string>;
  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    jwks = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    sign = (claims) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setExpirationTime('5m')
        .sign(privateKey);
    h = await startServer({
      env: {
        AUTH_MODE: 'jwt',
        JWT_JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`,
        JWT_ROLES_CLAIM: 'scope',
        JWT_ADMIN_ROLE: 'graph:admin',
        ALLOW_ANONYMOUS: 'true',
      },
    });
  });
  afterAll(async () => {
    seen.push(h.logText());
    await h.close();
    await new Promise<void>((resolve) => jwks.close(() => resolve()));
  });

  it('verifies RS256 tokens against the key set; an HS256 token is refused', async () => {
    const ok = await h.post({ query: VIEWER }, bearer(await sign({ sub: 'carol' })));
    expect(ok.json.data).toEqual({ viewer: { id: 'carol' } });
    const hs = await h.post({ query: VIEWER }, bearer(await hs256({ sub: 'carol' })));
    expect(hs.status).toBe(401);
    expect(codes(hs.json)).toEqual(['UNAUTHENTICATED']);
  });

  it('reads roles from a space-separated claim', async () => {
    const reader = await h.post(
      { query: FOLLOW_AS_BOB },
      bearer(await sign({ sub: 'alice', scope: 'read write' })),
    );
    expect(codes(reader.json)).toEqual(['FORBIDDEN']);
    const admin = await h.post(
      { query: FOLLOW_AS_BOB },
      bearer(await sign({ sub: 'alice', scope: 'read graph:admin' })),
    );
    expect(admin.json.errors).toBeUndefined();
  });

  it('with ALLOW_ANONYMOUS=true, no token reads anonymously', async () => {
    const res = await h.post({ query: '{ viewer { id } user(id: "bob") { id } }' });
    expect(res.json).toEqual({ data: { viewer: null, user: { id: 'bob' } } });
  });
});

describe('AUTH_MODE=gateway', () => {
  let h: ServerHarness;
  beforeAll(async () => {
    h = await startServer({ env: { AUTH_MODE: 'gateway', GATEWAY_SECRET, ALLOW_ANONYMOUS: 'true' } });
  });
  afterAll(async () => {
    seen.push(h.logText());
    await h.close();
  });

  it('identity headers count with the matching secret', async () => {
    const res = await h.post({ query: VIEWER }, { 'x-gateway-secret': GATEWAY_SECRET, 'x-user-id': 'alice' });
    expect(res.json.data).toEqual({ viewer: { id: 'alice' } });
    seen.push(res.text);
  });

  it('a wrong secret is UNAUTHENTICATED (401), whatever its length', async () => {
    for (const secret of ['nope', `${GATEWAY_SECRET}x`, GATEWAY_SECRET.toUpperCase()]) {
      const res = await h.post({ query: VIEWER }, { 'x-gateway-secret': secret, 'x-user-id': 'alice' });
      expect(res.status).toBe(401);
      expect(codes(res.json)).toEqual(['UNAUTHENTICATED']);
      seen.push(res.text);
    }
  });

  it('without the secret, identity headers are ignored: the request is anonymous', async () => {
    const res = await h.post({ query: VIEWER }, { 'x-user-id': 'alice', 'x-user-roles': 'admin' });
    expect(res.json).toEqual({ data: { viewer: null } });
  });

  it('admin comes from x-user-roles, only with the secret', async () => {
    const headers = { 'x-gateway-secret': GATEWAY_SECRET, 'x-user-id': 'alice' };
    expect(codes((await h.post({ query: FOLLOW_AS_BOB }, headers)).json)).toEqual(['FORBIDDEN']);
    const admin = await h.post({ query: FOLLOW_AS_BOB }, { ...headers, 'x-user-roles': 'reader,admin' });
    expect(admin.json.errors).toBeUndefined();
  });
});

describe('AUTH_MODE=dev', () => {
  let open: ServerHarness;
  let closed: ServerHarness;
  beforeAll(async () => {
    [open, closed] = await Promise.all([startServer(), startServer({ env: { ALLOW_ANONYMOUS: 'false' } })]);
  });
  afterAll(async () => {
    await Promise.all([open.close(), closed.close()]);
  });

  it('trusts x-user-id and x-user-roles; anonymous reads are allowed by default', async () => {
    expect((await open.post({ query: VIEWER }, { 'x-user-id': 'bob' })).json.data).toEqual({
      viewer: { id: 'bob' },
    });
    expect((await open.post({ query: '{ user(id: "alice") { id } }' })).json.data).toEqual({
      user: { id: 'alice' },
    });
    const invalid = await open.post({ query: VIEWER }, { 'x-user-id': 'x'.repeat(40) });
    expect(invalid.status).toBe(401);
    expect(codes(invalid.json)).toEqual(['UNAUTHENTICATED']);
  });

  it('writes need a viewer (UNAUTHENTICATED) and acting for others needs admin (FORBIDDEN)', async () => {
    expect(codes((await open.post({ query: FOLLOW_AS_BOB })).json)).toEqual(['UNAUTHENTICATED']);
    expect(codes((await open.post({ query: FOLLOW_AS_BOB }, { 'x-user-id': 'alice' })).json)).toEqual([
      'FORBIDDEN',
    ]);
    const admin = await open.post(
      { query: FOLLOW_AS_BOB },
      { 'x-user-id': 'alice', 'x-user-roles': 'admin' },
    );
    expect(admin.json.errors).toBeUndefined();
  });

  it('ALLOW_ANONYMOUS=false covers _entities; _service stays open while introspection is on', async () => {
    const entities = await closed.post({ query: ENTITIES, variables: ALICE_REF });
    expect(entities.status).toBe(401);
    expect(codes(entities.json)).toEqual(['UNAUTHENTICATED']);
    const fragment = await closed.post({
      query: '{ ...Q } fragment Q on Query { user(id: "alice") { id } }',
    });
    expect(codes(fragment.json)).toEqual(['UNAUTHENTICATED']);
    const sdl = await closed.post({ query: '{ _service { sdl } }' });
    expect(sdl.json.errors).toBeUndefined();
    const signedIn = await closed.post({ query: ENTITIES, variables: ALICE_REF }, { 'x-user-id': 'bob' });
    expect(signedIn.json.data).toEqual({ _entities: [{ followers: { totalCount: 250 } }] });
  });
});

describe('secrets', () => {
  it('no secret or bearer token appears in any response or log line', () => {
    const all = seen.join('\n');
    expect(all.length).toBeGreaterThan(1000);
    expect(all).not.toContain(JWT_SECRET);
    expect(all).not.toContain(GATEWAY_SECRET);
    for (const token of tokens) expect(all).not.toContain(token);
    expect(all.toLowerCase()).not.toContain('usersig');
  });
});
