/**
 * What the upstream client needs to know: the app's coordinates and how to call it. Read from the
 * environment by src/config; built directly for a known upstream (the embedded emulator, tests).
 */

import { CIRCUIT_BREAKER_DEFAULTS, type CircuitBreakerSettings } from './circuitBreaker.js';

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

/** Which app to call, as whom and where. */
export interface TencentCredentials {
  sdkAppId: number;
  secretKey: string;
  adminIdentifier: string;
  /** Origin plus optional path prefix, no trailing slash, e.g. https://adminapisgp.im.qcloud.com */
  baseUrl: string;
}

/** How to call it. */
export interface ClientTuning {
  /** Client timeout per attempt; above Tencent's internal 3 s. */
  timeoutMs: number;
  /** Keep-alive connections per origin. */
  connections: number;
  /** Client-side token bucket per command (calls per second); 0 = off. */
  rateLimitPerSecond: number;
  /**
   * Total time budget for one logical call including retries; within a request, the request's
   * deadline (deadline.ts) bounds it further.
   */
  retryDeadlineMs: number;
  maxRetries: number;
  /** Fail fast while upstream keeps failing a command (circuitBreaker.ts). */
  circuitBreaker: CircuitBreakerSettings;
  /** Validity of the generated admin UserSig. */
  userSigExpireSeconds: number;
}

export type TencentConfig = TencentCredentials & ClientTuning;

export const TENCENT_DEFAULTS = {
  adminIdentifier: 'administrator',
  timeoutMs: 5000,
  connections: 16,
  /** Upstream's documented 200 calls/s per command, per process: divide it across replicas. */
  rateLimitPerSecond: 200,
  retryDeadlineMs: 10_000,
  maxRetries: 3,
  circuitBreaker: CIRCUIT_BREAKER_DEFAULTS,
  userSigExpireSeconds: 7 * 86_400,
} as const;

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
