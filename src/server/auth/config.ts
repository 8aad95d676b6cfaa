/**
 * Auth settings from the environment (called by the one server config parser, ../config.ts).
 *
 * AUTH_MODE defaults to `dev` only with the embedded emulator (no TENCENT_SDKAPPID); with a real
 * upstream it must be set, and `dev` is refused unless that upstream is on a loopback address.
 */
import { ConfigError, isLoopbackUrl, readInt } from '../../tencent/config.js';
import type { AuthConfig, AuthMode } from './index.js';
import type { JwtConfig } from './jwt.js';

type Env = Record<string, string | undefined>;

const AUTH_MODES: readonly AuthMode[] = ['dev', 'jwt', 'gateway'];
export const JWT_SECRET_MIN_LENGTH = 32;
export const GATEWAY_SECRET_MIN_LENGTH = 16;

function optional(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw ? raw : undefined;
}

export function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(name, 'must be true or false');
}

export interface UpstreamTarget {
  /** True when no TENCENT_SDKAPPID is set: the server starts its own emulator. */
  embedded: boolean;
  /** The upstream base URL when not embedded. */
  baseUrl?: string;
}

function readMode(env: Env, upstream: UpstreamTarget): AuthMode {
  const raw = optional(env, 'AUTH_MODE');
  if (raw === undefined) {
    if (upstream.embedded) return 'dev';
    throw new ConfigError(
      'AUTH_MODE',
      'is required with a real upstream (TENCENT_SDKAPPID set): use jwt or gateway',
    );
  }
  if (!AUTH_MODES.includes(raw as AuthMode)) {
    throw new ConfigError('AUTH_MODE', `must be one of ${AUTH_MODES.join(', ')}`);
  }
  const mode = raw as AuthMode;
  if (mode === 'dev' && !upstream.embedded && !(upstream.baseUrl && isLoopbackUrl(upstream.baseUrl))) {
    throw new ConfigError(
      'AUTH_MODE',
      'dev trusts x-user-id headers; it is allowed only with the embedded emulator or a loopback upstream (use jwt or gateway)',
    );
  }
  return mode;
}

function readJwt(env: Env, adminRole: string): JwtConfig {
  const secret = env.JWT_SECRET;
  const jwksUrl = optional(env, 'JWT_JWKS_URL');
  if (secret !== undefined && secret !== '' && jwksUrl !== undefined) {
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
  } else if (secret === undefined || secret === '') {
    throw new ConfigError('JWT_SECRET', 'JWT_SECRET or JWT_JWKS_URL is required with AUTH_MODE=jwt');
  } else if (secret.length < JWT_SECRET_MIN_LENGTH) {
    throw new ConfigError('JWT_SECRET', `must be at least ${JWT_SECRET_MIN_LENGTH} characters`);
  }
  const rolesClaim = optional(env, 'JWT_ROLES_CLAIM') ?? 'roles';
  return {
    ...(jwksUrl !== undefined ? { jwksUrl } : { secret }),
    ...(optional(env, 'JWT_ISSUER') !== undefined && { issuer: optional(env, 'JWT_ISSUER') }),
    ...(optional(env, 'JWT_AUDIENCE') !== undefined && { audience: optional(env, 'JWT_AUDIENCE') }),
    clockSkewSeconds: readInt(env, 'JWT_CLOCK_SKEW_SECONDS', 30, 0, 300),
    rolesClaim,
    adminRole,
  };
}

export function readAuthConfig(env: Env, upstream: UpstreamTarget): AuthConfig {
  const mode = readMode(env, upstream);
  // x-user-roles (dev, gateway) uses the literal role `admin`; JWT issuers name roles their own way.
  const adminRole = mode === 'jwt' ? (optional(env, 'JWT_ADMIN_ROLE') ?? 'admin') : 'admin';
  const config: AuthConfig = {
    mode,
    allowAnonymous: readBoolean(env, 'ALLOW_ANONYMOUS', mode === 'dev'),
    adminRole,
  };
  if (mode === 'jwt') config.jwt = readJwt(env, adminRole);
  if (mode === 'gateway') {
    const secret = env.GATEWAY_SECRET ?? '';
    if (secret.trim() === '') throw new ConfigError('GATEWAY_SECRET', 'is required with AUTH_MODE=gateway');
    if (secret.length < GATEWAY_SECRET_MIN_LENGTH) {
      throw new ConfigError('GATEWAY_SECRET', `must be at least ${GATEWAY_SECRET_MIN_LENGTH} characters`);
    }
    config.gatewaySecret = secret;
  }
  return config;
}
