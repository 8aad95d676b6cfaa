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
  /** Tencent's budget per command for the whole app (calls per second); 0 = no client-side limit. */
  rateLimitPerSecond: number;
  /**
   * Replicas sharing that budget. A replica that cannot share it (no Redis, or Redis down) limits
   * itself to `rateLimitPerSecond / expectedReplicas`.
   */
  expectedReplicas: number;
  /** The longest a call waits for its turn under the rate limit; beyond it, RATE_LIMITED at once. */
  rateLimitMaxWaitMs: number;
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
  /**
   * Enough for a 30 ms upstream at the documented 200 calls/s per command: that is 6 calls in flight
   * per command, and an operation reads with up to 7 commands at once (42), plus room for bursts.
   */
  connections: 64,
  /** Upstream's documented 200 calls/s per command, for the whole app. */
  rateLimitPerSecond: 200,
  expectedReplicas: 1,
  rateLimitMaxWaitMs: 1000,
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
