import { describe, expect, it } from 'vitest';
import { ConfigError, type Env, loadConfig } from '../../src/config/index.js';
import { isLoopbackUrl } from '../../src/config/loopback.js';
import { REGION_DOMAINS, type TencentConfig } from '../../src/tencent/config.js';

/** The client configuration `npm start` builds (undefined: the embedded emulator). */
function loadTencentConfig(env: Env): TencentConfig | undefined {
  const config = loadConfig({ AUTH_MODE: 'gateway', GATEWAY_SECRET: 'g'.repeat(16), ...env });
  return config.upstream.kind === 'tencent'
    ? { ...config.upstream.credentials, ...config.client }
    : undefined;
}

const SECRET = 'super-secret-key-value';
const base = { TENCENT_SDKAPPID: '1400000001', TENCENT_SECRET_KEY: SECRET };

function errorOf(env: Record<string, string>): ConfigError {
  try {
    loadTencentConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('upstream configuration', () => {
  it('means "use the emulator" when TENCENT_SDKAPPID is unset', () => {
    expect(loadTencentConfig({})).toBeUndefined();
  });

  it('maps every region to its documented domain, China by default', () => {
    expect(loadTencentConfig(base)?.baseUrl).toBe('https://console.tim.qq.com');
    expect(Object.keys(REGION_DOMAINS)).toHaveLength(8);
    for (const [region, domain] of Object.entries(REGION_DOMAINS)) {
      expect(loadTencentConfig({ ...base, TENCENT_REGION: region })?.baseUrl).toBe(`https://${domain}`);
    }
    expect(loadTencentConfig({ ...base, TENCENT_REGION: 'singapore' })?.baseUrl).toBe(
      'https://adminapisgp.im.qcloud.com',
    );
  });

  it('lets TENCENT_API_BASE_URL override the region', () => {
    const cfg = loadTencentConfig({
      ...base,
      TENCENT_REGION: 'tokyo',
      TENCENT_API_BASE_URL: 'http://127.0.0.1:4100/',
    });
    expect(cfg?.baseUrl).toBe('http://127.0.0.1:4100');
    expect(cfg?.adminIdentifier).toBe('administrator');
    expect(cfg?.timeoutMs).toBeGreaterThan(3000);
  });

  it.each([
    [{ TENCENT_SDKAPPID: 'abc', TENCENT_SECRET_KEY: SECRET }, 'TENCENT_SDKAPPID'],
    [{ TENCENT_SDKAPPID: '1400000001' }, 'TENCENT_SECRET_KEY'],
    [{ ...base, TENCENT_REGION: 'mars' }, 'TENCENT_REGION'],
    // Names inherited from Object.prototype are not regions.
    [{ ...base, TENCENT_REGION: 'constructor' }, 'TENCENT_REGION'],
    [{ ...base, TENCENT_REGION: 'toString' }, 'TENCENT_REGION'],
    [{ ...base, TENCENT_REGION: '__proto__' }, 'TENCENT_REGION'],
    [{ ...base, TENCENT_REGION: 'hasOwnProperty' }, 'TENCENT_REGION'],
    [{ ...base, TENCENT_API_BASE_URL: 'ftp://x' }, 'TENCENT_API_BASE_URL'],
    [{ ...base, TENCENT_API_BASE_URL: `https://x/?usersig=${SECRET}` }, 'TENCENT_API_BASE_URL'],
    [{ ...base, TENCENT_TIMEOUT_MS: '1000' }, 'TENCENT_TIMEOUT_MS'],
    [{ ...base, TENCENT_ADMIN_IDENTIFIER: 'x'.repeat(33) }, 'TENCENT_ADMIN_IDENTIFIER'],
  ])('fails fast naming the variable, never the secret (%#)', (env, variable) => {
    const err = errorOf(env);
    expect(err.variable).toBe(variable);
    expect(err.message.startsWith(`${variable}:`)).toBe(true);
    expect(err.message).not.toContain(SECRET);
  });

  it('reports a bad client setting as a ConfigError too', () => {
    expect(errorOf({ ...base, TENCENT_TIMEOUT_MS: 'x' })).toBeInstanceOf(ConfigError);
  });

  it('defaults to the documented 200 calls/s per command and reads TENCENT_RATE_LIMIT', () => {
    expect(loadTencentConfig(base)?.rateLimitPerSecond).toBe(200);
    expect(loadTencentConfig({ ...base, TENCENT_RATE_LIMIT: '50' })?.rateLimitPerSecond).toBe(50);
    expect(errorOf({ ...base, TENCENT_RATE_LIMIT: '-1' }).variable).toBe('TENCENT_RATE_LIMIT');
  });

  it('recognises loopback upstreams', () => {
    expect(isLoopbackUrl('http://127.0.0.1:4100')).toBe(true);
    expect(isLoopbackUrl('http://localhost:4100')).toBe(true);
    expect(isLoopbackUrl('http://[::1]:4100')).toBe(true);
    expect(isLoopbackUrl('https://console.tim.qq.com')).toBe(false);
  });
});
