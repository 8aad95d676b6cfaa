/**
 * JWT auth: `Authorization: Bearer <token>`, verified with jose against a shared HS256 secret or a
 * JWKS URL. Issuer and audience are checked when configured; the viewer is `sub` (a string: a numeric
 * `sub` is refused rather than turned into a user id), admin when the roles claim contains the admin
 * role. A token may live at most JWT_MAX_LIFETIME_SECONDS. Any failure is UNAUTHENTICATED: a bad token
 * never reads as anonymous.
 */
import {
  createRemoteJWKSet,
  type JWTPayload,
  type JWTVerifyGetKey,
  type JWTVerifyOptions,
  jwtVerify,
} from 'jose';
import type { Viewer } from '../../schema/context.js';
import { unauthenticated } from './errors.js';
import { parseRoles, readClaim } from './roles.js';
import { viewerOf } from './viewer.js';

export interface JwtConfig {
  /** HS256 shared secret (exactly one of secret / jwksUrl). */
  secret?: string;
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  clockSkewSeconds: number;
  /** Longest accepted lifetime: `exp` at most this far from now (and from `iat`). */
  maxLifetimeSeconds: number;
  rolesClaim: string;
  adminRole: string;
}

export type JwtVerifier = (authorization: string | null) => Promise<Viewer | null>;

const BEARER = /^Bearer[ ]+([A-Za-z0-9_=-]+\.[A-Za-z0-9_=-]+\.[A-Za-z0-9_=-]*)[ ]*$/i;

export function createJwtVerifier(config: JwtConfig): JwtVerifier {
  const jwks: JWTVerifyGetKey | undefined = config.jwksUrl
    ? createRemoteJWKSet(new URL(config.jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 })
    : undefined;
  const secret = new TextEncoder().encode(config.secret ?? '');
  const algorithms = config.jwksUrl
    ? ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA']
    : ['HS256'];

  return async (authorization) => {
    if (authorization === null || authorization.trim() === '') return null;
    const match = BEARER.exec(authorization);
    if (!match?.[1]) throw unauthenticated('The Authorization header must be `Bearer <JWT>`.');
    let payload: JWTPayload;
    try {
      const options: JWTVerifyOptions = {
        algorithms,
        clockTolerance: config.clockSkewSeconds,
        requiredClaims: ['sub', 'exp'],
        ...(config.issuer !== undefined && { issuer: config.issuer }),
        ...(config.audience !== undefined && { audience: config.audience }),
      };
      ({ payload } = jwks
        ? await jwtVerify(match[1], jwks, options)
        : await jwtVerify(match[1], secret, options));
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw unauthenticated(
        code === 'ERR_JWT_EXPIRED' ? 'The token has expired.' : 'The token is not valid.',
      );
    }
    if (typeof payload.sub !== 'string') {
      throw unauthenticated('The token subject must be a string (a Chat UserID).');
    }
    const now = Math.floor(Date.now() / 1000);
    const exp = payload.exp as number;
    const lifetime = Math.max(exp - now, typeof payload.iat === 'number' ? exp - payload.iat : 0);
    if (lifetime > config.maxLifetimeSeconds + config.clockSkewSeconds) {
      throw unauthenticated('The token lives longer than this server accepts; get a shorter-lived one.');
    }
    const roles = parseRoles(readClaim(payload, config.rolesClaim));
    return viewerOf(payload.sub, roles, config.adminRole, () =>
      unauthenticated('The token subject is not a valid Chat UserID.'),
    );
  };
}
