/** Turns a request into a viewer (or null = anonymous) according to the configured AUTH_MODE. */
import type { Viewer } from '../../schema/context.js';
import { devViewer } from './dev.js';
import { createGatewayAuth } from './gateway.js';
import { createJwtVerifier, type JwtConfig } from './jwt.js';

export type AuthMode = 'dev' | 'jwt' | 'gateway';

export interface AuthConfig {
  mode: AuthMode;
  /** Anonymous callers may read data (default: true in dev mode, false otherwise). */
  allowAnonymous: boolean;
  /** Role that makes a viewer admin (`admin`; in jwt mode JWT_ADMIN_ROLE). */
  adminRole: string;
  jwt?: JwtConfig;
  gatewaySecret?: string;
}

/** Request -> viewer; synchronous where the mode allows (dev, gateway), a promise for JWT verification. */
export type Authenticate = (request: Request) => Viewer | null | Promise<Viewer | null>;

export function createAuthenticator(config: AuthConfig): Authenticate {
  switch (config.mode) {
    case 'jwt': {
      if (!config.jwt) throw new Error('jwt auth needs its settings');
      const verify = createJwtVerifier(config.jwt);
      return (request) => verify(request.headers.get('authorization'));
    }
    case 'gateway': {
      const secret = config.gatewaySecret;
      if (!secret) throw new Error('gateway auth needs GATEWAY_SECRET');
      const viewer = createGatewayAuth(secret, config.adminRole);
      return (request) => viewer(request.headers);
    }
    case 'dev':
      return (request) => devViewer(request.headers, config.adminRole);
  }
}

export { unauthenticated } from './errors.js';
