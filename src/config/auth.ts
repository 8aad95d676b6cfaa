/**
 * AUTH_MODE and its settings. `dev` is the default only with the embedded emulator; with a real
 * upstream a mode must be chosen, and `dev` is refused unless that upstream is on a loopback address.
 * `dev` also needs a loopback HOST (checkDevAuthListen).
 */
import type { AuthConfig, AuthMode } from '../server/auth/index.js';
import type { JwtConfig } from '../server/auth/jwt.js';
import { ConfigError } from './errors.js';
import { isLoopbackHost, isLoopbackUrl } from './loopback.js';
import { type Env, read } from './variable.js';
import { V } from './variables.js';

export const JWT_SECRET_MIN_LENGTH = 32;
export const GATEWAY_SECRET_MIN_LENGTH = 16;

/** What the auth rules need to know about the upstream. */
export interface AuthUpstream {
  /** True when no TENCENT_SDKAPPID is set: the server starts its own emulator. */
  embedded: boolean;
  /** The upstream base URL when not embedded. */
  baseUrl?: string;
}

function readMode(env: Env, upstream: AuthUpstream): AuthMode {
  const mode = read(env, V.AUTH_MODE);
  if (mode === undefined) {
    if (upstream.embedded) return 'dev';
    throw new ConfigError(
      'AUTH_MODE',
      'is required with a real upstream (TENCENT_SDKAPPID set): use jwt or gateway',
    );
  }
  if (mode === 'dev' && !upstream.embedded && !(upstream.baseUrl && isLoopbackUrl(upstream.baseUrl))) {
    throw new ConfigError(
      'AUTH_MODE',
      'dev trusts x-user-id headers; it is allowed only with the embedded emulator or a loopback upstream (use jwt or gateway)',
    );
  }
  return mode;
}

function readJwt(env: Env, adminRole: string): JwtConfig {
  const secret = read(env, V.JWT_SECRET);
  const jwksUrl = read(env, V.JWT_JWKS_URL);
  if (secret !== undefined && jwksUrl !== undefined) {
    throw new ConfigError('JWT_SECRET', 'set either JWT_SECRET or JWT_JWKS_URL, not both');
  }
  if (jwksUrl !== undefined) {
    let url: URL;
    try {
      url = new URL(jwksUrl);
    } catch {
      throw new ConfigError('JWT_JWKS_URL', 'must be an absolute https URL');
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackUrl(jwksUrl))) {
      throw new ConfigError('JWT_JWKS_URL', 'must be an https URL (http only on loopback)');
    }
  } else if (secret === undefined) {
    throw new ConfigError('JWT_SECRET', 'JWT_SECRET or JWT_JWKS_URL is required with AUTH_MODE=jwt');
  } else if (secret.length < JWT_SECRET_MIN_LENGTH) {
    throw new ConfigError('JWT_SECRET', `must be at least ${JWT_SECRET_MIN_LENGTH} characters`);
  }
  const issuer = read(env, V.JWT_ISSUER);
  const audience = read(env, V.JWT_AUDIENCE);
  return {
    ...(jwksUrl !== undefined ? { jwksUrl } : { secret }),
    ...(issuer !== undefined && { issuer }),
    ...(audience !== undefined && { audience }),
    clockSkewSeconds: read(env, V.JWT_CLOCK_SKEW_SECONDS),
    maxLifetimeSeconds: read(env, V.JWT_MAX_LIFETIME_SECONDS),
    rolesClaim: read(env, V.JWT_ROLES_CLAIM),
    adminRole,
  };
}

function readGatewaySecret(env: Env): string {
  const secret = read(env, V.GATEWAY_SECRET);
  if (secret === undefined) throw new ConfigError('GATEWAY_SECRET', 'is required with AUTH_MODE=gateway');
  if (secret.length < GATEWAY_SECRET_MIN_LENGTH) {
    throw new ConfigError('GATEWAY_SECRET', `must be at least ${GATEWAY_SECRET_MIN_LENGTH} characters`);
  }
  return secret;
}

export function readAuthConfig(env: Env, upstream: AuthUpstream): AuthConfig {
  const mode = readMode(env, upstream);
  // x-user-roles (dev, gateway) uses the literal role `admin`; JWT issuers name roles their own way.
  const adminRole = mode === 'jwt' ? read(env, V.JWT_ADMIN_ROLE) : 'admin';
  const config: AuthConfig = {
    mode,
    allowAnonymous: read(env, V.ALLOW_ANONYMOUS) ?? mode === 'dev',
    adminRole,
  };
  if (mode === 'jwt') config.jwt = readJwt(env, adminRole);
  if (mode === 'gateway') config.gatewaySecret = readGatewaySecret(env);
  return config;
}

/**
 * `dev` trusts x-user-id / x-user-roles headers, so whoever can reach the server can act as any user,
 * admin included. It may therefore listen on a loopback HOST only. The one exception is the embedded
 * emulator (demo data only) with an explicit DEV_AUTH_ALLOW_NETWORK=true, e.g. to try the UI from a
 * phone on the same network.
 */
export function checkDevAuthListen(env: Env, mode: AuthMode, host: string, upstream: AuthUpstream): void {
  const allowNetwork = read(env, V.DEV_AUTH_ALLOW_NETWORK);
  if (allowNetwork && !(mode === 'dev' && upstream.embedded)) {
    throw new ConfigError(
      'DEV_AUTH_ALLOW_NETWORK',
      'applies only to AUTH_MODE=dev with the embedded emulator (no TENCENT_SDKAPPID)',
    );
  }
  if (mode !== 'dev' || isLoopbackHost(host) || allowNetwork) return;
  throw new ConfigError(
    'HOST',
    'AUTH_MODE=dev trusts x-user-id headers, so anyone who can reach a non-loopback address can act as any ' +
      'user; listen on loopback (127.0.0.1), or use AUTH_MODE=jwt or gateway' +
      (upstream.embedded ? ' (with the embedded emulator, DEV_AUTH_ALLOW_NETWORK=true opts in)' : ''),
  );
}
