/** Server configuration rules (docs/design.md 2.2): defaults per mode, and one ConfigError naming the variable. */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/index.js';
import { serverConfig as loadServerConfig } from '../support/config.js';

const REAL = { TENCENT_SDKAPPID: '1400000001', TENCENT_SECRET_KEY: 'k'.repeat(64) };
const JWT_SECRET = 's'.repeat(40);

function failure(env: Record<string, string>): ConfigError {
  try {
    loadServerConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('defaults', () => {
  it('embedded emulator: dev auth, anonymous reads, GraphiQL, introspection and upstream call counts on', () => {
    const config = loadServerConfig({});
    expect(config.auth).toMatchObject({ mode: 'dev', allowAnonymous: true });
    expect(config).toMatchObject({
      graphiql: true,
      introspection: true,
      exposeUpstreamCalls: true,
      exposeCost: true,
      blockFieldSuggestions: false,
    });
    expect(config.limits).toEqual({
      maxDepth: 12,
      maxAliases: 30,
      maxTokens: 2000,
      maxDirectives: 50,
      maxExpandedFields: 2000,
      maxUpstreamCalls: 200,
      requestBodyLimit: 100_000,
    });
  });

  it('jwt / gateway: anonymous reads, GraphiQL, introspection and call counts off unless enabled', () => {
    const config = loadServerConfig({ ...REAL, AUTH_MODE: 'jwt', JWT_SECRET });
    expect(config.auth).toMatchObject({ mode: 'jwt', allowAnonymous: false });
    expect(config).toMatchObject({
      graphiql: false,
      introspection: false,
      exposeUpstreamCalls: false,
      exposeCost: false,
      blockFieldSuggestions: true,
    });
    expect(loadServerConfig({ ...REAL, AUTH_MODE: 'jwt', JWT_SECRET, EXPOSE_COST: 'true' }).exposeCost).toBe(
      true,
    );
    const open = loadServerConfig({
      ...REAL,
      AUTH_MODE: 'gateway',
      GATEWAY_SECRET: 'g'.repeat(16),
      ALLOW_ANONYMOUS: 'true',
      GRAPHIQL: 'on',
      INTROSPECTION: '1',
    });
    expect(open.auth).toMatchObject({ mode: 'gateway', allowAnonymous: true });
    expect(open).toMatchObject({ graphiql: true, introspection: true });
  });
});

describe('AUTH_MODE rules', () => {
  it('is required with a real upstream', () => {
    expect(failure(REAL).variable).toBe('AUTH_MODE');
  });

  it('dev is refused against a non-loopback upstream, allowed against a loopback one', () => {
    expect(failure({ ...REAL, AUTH_MODE: 'dev' }).variable).toBe('AUTH_MODE');
    expect(
      failure({ ...REAL, AUTH_MODE: 'dev', TENCENT_API_BASE_URL: 'https://emulator.internal:4100' }).variable,
    ).toBe('AUTH_MODE');
    expect(
      loadServerConfig({ ...REAL, AUTH_MODE: 'dev', TENCENT_API_BASE_URL: 'http://127.0.0.1:4100' }).auth
        .mode,
    ).toBe('dev');
    expect(
      loadServerConfig({ ...REAL, AUTH_MODE: 'dev', TENCENT_API_BASE_URL: 'http://[::1]:4100' }).auth.mode,
    ).toBe('dev');
  });

  it('dev listens on loopback only: a network HOST is refused naming HOST', () => {
    for (const HOST of ['0.0.0.0', '::', '192.168.1.20', 'myhost.local']) {
      const embedded = failure({ HOST });
      expect(embedded.variable).toBe('HOST');
      expect(embedded.message).toMatch(/x-user-id/);
      expect(embedded.message).toMatch(/loopback/);
      expect(embedded.message).toMatch(/jwt or gateway/);
      expect(
        failure({ ...REAL, AUTH_MODE: 'dev', TENCENT_API_BASE_URL: 'http://127.0.0.1:4100', HOST }).variable,
      ).toBe('HOST');
    }
    for (const HOST of ['127.0.0.1', '127.1.2.3', 'localhost', '::1']) {
      expect(loadServerConfig({ HOST }).host).toBe(HOST);
    }
  });

  it('DEV_AUTH_ALLOW_NETWORK=true opts in, with the embedded emulator only', () => {
    const open = loadServerConfig({ HOST: '0.0.0.0', DEV_AUTH_ALLOW_NETWORK: 'true' });
    expect(open).toMatchObject({ host: '0.0.0.0', auth: { mode: 'dev' } });
    expect(failure({ HOST: '0.0.0.0', DEV_AUTH_ALLOW_NETWORK: 'false' }).variable).toBe('HOST');
    // Not with a configured upstream, even a loopback one (it may be a tunnel to real data).
    expect(
      failure({
        ...REAL,
        AUTH_MODE: 'dev',
        TENCENT_API_BASE_URL: 'http://127.0.0.1:4100',
        HOST: '0.0.0.0',
        DEV_AUTH_ALLOW_NETWORK: 'true',
      }).variable,
    ).toBe('DEV_AUTH_ALLOW_NETWORK');
    // Nor with jwt / gateway, which need no opt-in on any HOST.
    expect(
      failure({ AUTH_MODE: 'jwt', JWT_SECRET, HOST: '0.0.0.0', DEV_AUTH_ALLOW_NETWORK: 'true' }).variable,
    ).toBe('DEV_AUTH_ALLOW_NETWORK');
    expect(loadServerConfig({ AUTH_MODE: 'jwt', JWT_SECRET, HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(failure({ DEV_AUTH_ALLOW_NETWORK: 'maybe' }).variable).toBe('DEV_AUTH_ALLOW_NETWORK');
  });

  it('rejects unknown modes', () => {
    expect(failure({ AUTH_MODE: 'none' }).variable).toBe('AUTH_MODE');
  });
});

describe('jwt settings', () => {
  it('needs JWT_SECRET (at least 32 characters) or JWT_JWKS_URL, not both', () => {
    expect(failure({ AUTH_MODE: 'jwt' }).variable).toBe('JWT_SECRET');
    const short = failure({ AUTH_MODE: 'jwt', JWT_SECRET: 'too-short-secret' });
    expect(short.variable).toBe('JWT_SECRET');
    expect(short.message).not.toContain('too-short-secret');
    expect(failure({ AUTH_MODE: 'jwt', JWT_SECRET, JWT_JWKS_URL: 'https://idp.example/jwks' }).variable).toBe(
      'JWT_SECRET',
    );
  });

  it('JWT_JWKS_URL must be https (http only on loopback)', () => {
    expect(failure({ AUTH_MODE: 'jwt', JWT_JWKS_URL: 'http://idp.example/jwks' }).variable).toBe(
      'JWT_JWKS_URL',
    );
    expect(failure({ AUTH_MODE: 'jwt', JWT_JWKS_URL: 'not a url' }).variable).toBe('JWT_JWKS_URL');
    expect(
      loadServerConfig({ AUTH_MODE: 'jwt', JWT_JWKS_URL: 'https://idp.example/jwks' }).auth.jwt?.jwksUrl,
    ).toBe('https://idp.example/jwks');
  });

  it('reads issuer, audience, clock skew (max 300 s), roles claim and admin role', () => {
    const config = loadServerConfig({
      AUTH_MODE: 'jwt',
      JWT_SECRET,
      JWT_ISSUER: 'https://idp.example',
      JWT_AUDIENCE: 'api',
      JWT_CLOCK_SKEW_SECONDS: '5',
      JWT_ROLES_CLAIM: 'realm_access.roles',
      JWT_ADMIN_ROLE: 'superuser',
    });
    expect(config.auth.jwt).toMatchObject({
      issuer: 'https://idp.example',
      audience: 'api',
      clockSkewSeconds: 5,
      rolesClaim: 'realm_access.roles',
    });
    expect(config.auth.adminRole).toBe('superuser');
    expect(loadServerConfig({ AUTH_MODE: 'jwt', JWT_SECRET }).auth.jwt?.clockSkewSeconds).toBe(30);
    expect(failure({ AUTH_MODE: 'jwt', JWT_SECRET, JWT_CLOCK_SKEW_SECONDS: '301' }).variable).toBe(
      'JWT_CLOCK_SKEW_SECONDS',
    );
  });
});

describe('gateway settings', () => {
  it('needs GATEWAY_SECRET of at least 16 characters, never echoed', () => {
    expect(failure({ AUTH_MODE: 'gateway' }).variable).toBe('GATEWAY_SECRET');
    const short = failure({ AUTH_MODE: 'gateway', GATEWAY_SECRET: 'short-secret' });
    expect(short.variable).toBe('GATEWAY_SECRET');
    expect(short.message).not.toContain('short-secret');
  });
});

describe('other variables', () => {
  it.each([
    ['MAX_DEPTH', '0'],
    ['MAX_ALIASES', 'many'],
    ['MAX_TOKENS', '5'],
    ['MAX_DIRECTIVES', '-1'],
    ['MAX_UPSTREAM_CALLS', '0'],
    ['REQUEST_BODY_LIMIT', '10'],
    ['ALLOW_ANONYMOUS', 'maybe'],
    ['GRAPHIQL', 'sometimes'],
    ['INTROSPECTION', '2'],
    ['LOG_LEVEL', 'loud'],
    ['READY_CACHE_MS', '-5'],
    ['SHUTDOWN_TIMEOUT_MS', '1'],
    ['MUTATION_MAX_IDS', '0'],
  ])('%s=%s is a ConfigError naming it', (name, value) => {
    expect(failure({ [name]: value }).variable).toBe(name);
  });

  it('reads the limits', () => {
    const config = loadServerConfig({
      MAX_DEPTH: '15',
      MAX_ALIASES: '5',
      MAX_TOKENS: '500',
      MAX_DIRECTIVES: '3',
      MAX_EXPANDED_FIELDS: '40',
      MAX_UPSTREAM_CALLS: '50',
      REQUEST_BODY_LIMIT: '4096',
    });
    expect(config.limits).toEqual({
      maxDepth: 15,
      maxAliases: 5,
      maxTokens: 500,
      maxDirectives: 3,
      maxExpandedFields: 40,
      maxUpstreamCalls: 50,
      requestBodyLimit: 4096,
    });
  });
});

describe('trusted documents (PERSISTED_DOCUMENTS, ALLOW_ARBITRARY_OPERATIONS)', () => {
  const MANIFEST = 'test/generated/persisted-documents.json';

  it('reads the manifest; query text stays allowed in dev, and by default without a manifest', () => {
    const dev = loadServerConfig({ PERSISTED_DOCUMENTS: MANIFEST });
    expect(dev.persistedDocuments.allowArbitraryOperations).toBe(true);
    expect(dev.persistedDocuments.documents.size).toBeGreaterThan(10);
    const none = loadServerConfig({ ...REAL, AUTH_MODE: 'jwt', JWT_SECRET });
    expect(none.persistedDocuments).toEqual({ documents: new Map(), allowArbitraryOperations: true });
  });

  it('outside dev a manifest means trusted documents only, unless ALLOW_ARBITRARY_OPERATIONS=true', () => {
    const env = { ...REAL, AUTH_MODE: 'jwt', JWT_SECRET, PERSISTED_DOCUMENTS: MANIFEST };
    expect(loadServerConfig(env).persistedDocuments.allowArbitraryOperations).toBe(false);
    const open = loadServerConfig({ ...env, ALLOW_ARBITRARY_OPERATIONS: 'true' });
    expect(open.persistedDocuments.allowArbitraryOperations).toBe(true);
  });

  it('refuses ALLOW_ARBITRARY_OPERATIONS=false without a manifest, and unreadable or malformed manifests', () => {
    expect(failure({ ALLOW_ARBITRARY_OPERATIONS: 'false' }).variable).toBe('ALLOW_ARBITRARY_OPERATIONS');
    expect(failure({ PERSISTED_DOCUMENTS: 'no/such/file.json' }).message).toBe(
      'PERSISTED_DOCUMENTS: cannot read the file',
    );
    expect(failure({ PERSISTED_DOCUMENTS: 'package.json' }).variable).toBe('PERSISTED_DOCUMENTS');
    expect(failure({ PERSISTED_DOCUMENTS: 'README.md' }).message).toBe(
      'PERSISTED_DOCUMENTS: is not valid JSON',
    );
  });
});

describe('cursor signing key (CURSOR_SIGNING_KEY)', () => {
  const GW = { ...REAL, AUTH_MODE: 'gateway', GATEWAY_SECRET: 'g'.repeat(32) };
  const hex = (key: Uint8Array) => Buffer.from(key).toString('hex');

  it('is derived from the Tencent secret key: the same for every replica of an app, not the key itself', () => {
    const a = loadServerConfig(GW).cursorKey;
    expect(a).toHaveLength(32);
    expect(hex(loadServerConfig(GW).cursorKey)).toBe(hex(a));
    expect(hex(loadServerConfig({ ...GW, TENCENT_SECRET_KEY: 'x'.repeat(64) }).cursorKey)).not.toBe(hex(a));
    expect(Buffer.from(a).toString()).not.toContain('kkkk');
  });

  it('is random per process with the embedded emulator; CURSOR_SIGNING_KEY wins; short keys are refused', () => {
    expect(hex(loadServerConfig({}).cursorKey)).not.toBe(hex(loadServerConfig({}).cursorKey));
    const explicit = 'c'.repeat(40);
    expect(Buffer.from(loadServerConfig({ ...GW, CURSOR_SIGNING_KEY: explicit }).cursorKey).toString()).toBe(
      explicit,
    );
    const error = failure({ CURSOR_SIGNING_KEY: 'short' });
    expect(error.message).toMatch(/^CURSOR_SIGNING_KEY: /);
    expect(error.message).not.toContain('short');
  });
});
