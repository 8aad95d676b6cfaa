/**
 * Upstream configuration from the environment. Invalid values fail fast with a ConfigError naming the
 * variable; the secret key never appears in a message.
 */
import { ConfigError, type Env, isLoopbackHost, readInt } from '../config/env.js';

// The env helpers live in the neutral src/config/env.ts; re-exported for existing importers.
export { ConfigError, readInt } from '../config/env.js';

export const REGION_DOMAINS = {
  china: 'console.tim.qq.com',
  singapore: 'adminapisgp.im.qcloud.com',
  seoul: 'adminapikr.im.qcloud.com',
  tokyo: 'adminapijpn.im.qcloud.com',
  frankfurt: 'adminapiger.im.qcloud.com',
  mumbai: 'adminapiind.im.qcloud.com',
  'silicon-valley': 'adminapiusa.im.qcloud.com',
  jakarta: 'adminapiidn.im.qcloud.com',
} as const;
export type Region = keyof typeof REGION_DOMAINS;

export interface TencentConfig {
  sdkAppId: number;
  secretKey: string;
  adminIdentifier: string;
  /** Origin plus optional path prefix, no trailing slash, e.g. https://adminapisgp.im.qcloud.com */
  baseUrl: string;
  /** Client timeout per attempt; above Tencent's internal 3 s. */
  timeoutMs: number;
  /** Keep-alive connections per origin. */
  connections: number;
  /** Client-side token bucket per command (calls per second); 0 = off. */
  rateLimitPerSecond: number;
  /** Total time budget for one logical call including retries. */
  retryDeadlineMs: number;
  maxRetries: number;
  /** Validity of the generated admin UserSig. */
  userSigExpireSeconds: number;
}

export const TENCENT_DEFAULTS = {
  adminIdentifier: 'administrator',
  timeoutMs: 5000,
  connections: 16,
  /** Upstream's documented 200 calls/s per command, per process: divide it across replicas. */
  rateLimitPerSecond: 200,
  retryDeadlineMs: 10_000,
  maxRetries: 3,
  userSigExpireSeconds: 7 * 86_400,
} as const;

export function parseBaseUrl(name: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, 'must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(name, 'must be an absolute http(s) URL');
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new ConfigError(name, 'must not carry a query, fragment or credentials');
  }
  return url.toString().replace(/\/+$/, '');
}

/** Reads the real-upstream config. Returns undefined when TENCENT_SDKAPPID is unset (emulator mode). */
export function loadTencentConfig(env: Env = process.env): TencentConfig | undefined {
  const rawAppId = env.TENCENT_SDKAPPID?.trim();
  if (!rawAppId) return undefined;
  const sdkAppId = Number(rawAppId);
  if (!Number.isInteger(sdkAppId) || sdkAppId <= 0 || sdkAppId > 0xffffffff) {
    throw new ConfigError('TENCENT_SDKAPPID', 'must be a positive integer (the app id from the console)');
  }
  const secretKey = env.TENCENT_SECRET_KEY ?? '';
  if (secretKey.trim() === '') {
    throw new ConfigError('TENCENT_SECRET_KEY', 'is required when TENCENT_SDKAPPID is set');
  }
  const adminIdentifier = env.TENCENT_ADMIN_IDENTIFIER?.trim() || TENCENT_DEFAULTS.adminIdentifier;
  if (Buffer.byteLength(adminIdentifier) > 32) {
    throw new ConfigError('TENCENT_ADMIN_IDENTIFIER', 'must be at most 32 bytes');
  }

  let baseUrl: string;
  const override = env.TENCENT_API_BASE_URL?.trim();
  if (override) {
    baseUrl = parseBaseUrl('TENCENT_API_BASE_URL', override);
  } else {
    const region = env.TENCENT_REGION?.trim() || 'china';
    // Object.hasOwn: a name like `constructor` must not reach Object.prototype.
    if (!Object.hasOwn(REGION_DOMAINS, region)) {
      throw new ConfigError('TENCENT_REGION', `must be one of ${Object.keys(REGION_DOMAINS).join(', ')}`);
    }
    baseUrl = `https://${REGION_DOMAINS[region as Region]}`;
  }

  return {
    sdkAppId,
    secretKey,
    adminIdentifier,
    baseUrl,
    timeoutMs: readInt(env, 'TENCENT_TIMEOUT_MS', TENCENT_DEFAULTS.timeoutMs, 3100, 120_000),
    connections: readInt(env, 'TENCENT_CONNECTIONS', TENCENT_DEFAULTS.connections, 1, 1024),
    rateLimitPerSecond: readInt(env, 'TENCENT_RATE_LIMIT', TENCENT_DEFAULTS.rateLimitPerSecond, 0, 100_000),
    retryDeadlineMs: readInt(env, 'TENCENT_RETRY_DEADLINE_MS', TENCENT_DEFAULTS.retryDeadlineMs, 0, 600_000),
    maxRetries: readInt(env, 'TENCENT_MAX_RETRIES', TENCENT_DEFAULTS.maxRetries, 0, 10),
    userSigExpireSeconds: TENCENT_DEFAULTS.userSigExpireSeconds,
  };
}

/** An upstream whose coordinates we hold ourselves, e.g. a running emulator. */
export interface UpstreamTarget {
  url: string;
  sdkAppId: number;
  secretKey: string;
  admin: string;
}

/** Client configuration for a known upstream (the embedded emulator, tests, the benchmark). */
export function configForUpstream(
  target: UpstreamTarget,
  overrides: Partial<TencentConfig> = {},
): TencentConfig {
  return {
    ...TENCENT_DEFAULTS,
    sdkAppId: target.sdkAppId,
    secretKey: target.secretKey,
    adminIdentifier: target.admin,
    baseUrl: target.url,
    ...overrides,
  };
}

/** True when the URL's host is a loopback address (dev auth is allowed only against such upstreams). */
export function isLoopbackUrl(baseUrl: string): boolean {
  return isLoopbackHost(new URL(baseUrl).hostname);
}
