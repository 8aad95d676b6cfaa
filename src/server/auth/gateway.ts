/**
 * Gateway auth: a trusted router in front of us authenticates the user and forwards `x-user-id` /
 * `x-user-roles` together with the shared `x-gateway-secret`.
 *
 * - secret missing: the identity headers are ignored and the request is anonymous;
 * - secret present but wrong: UNAUTHENTICATED (a misconfigured or hostile caller; never silently anonymous);
 * - secret right: the identity headers are trusted (no x-user-id = the gateway calling anonymously).
 *
 * The comparison is constant-time over SHA-256 digests, so neither content nor length leaks.
 */
import { hash, timingSafeEqual } from 'node:crypto';
import type { Viewer } from '../../schema/context.js';
import { unauthenticated } from './errors.js';
import { parseRoles } from './roles.js';
import { viewerOf } from './viewer.js';

const digest = (value: string) => hash('sha256', value, 'buffer');

/** Whether `presented` is `expected`, in constant time (also for other shared secrets, e.g. METRICS_TOKEN). */
export function secretMatches(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}

/** The gateway check for one configured secret (its digest is computed once). */
export function createGatewayAuth(secret: string, adminRole: string) {
  const expected = digest(secret);
  return (headers: Headers) =>
    gatewayViewer(headers, (presented) => timingSafeEqual(digest(presented), expected), adminRole);
}

function gatewayViewer(
  headers: Headers,
  matches: (presented: string) => boolean,
  adminRole: string,
): Viewer | null {
  const presented = headers.get('x-gateway-secret');
  if (presented === null) return null;
  if (!matches(presented)) throw unauthenticated('The gateway credentials are not valid.');
  const id = headers.get('x-user-id')?.trim();
  if (!id) return null;
  return viewerOf(id, parseRoles(headers.get('x-user-roles') ?? ''), adminRole, () =>
    unauthenticated('The x-user-id header is not a valid Chat UserID.'),
  );
}
