import type { Viewer } from '../../schema/context.js';
import { LIMITS } from '../../tencent/wire.js';

const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

/** True for a string usable as a Chat UserID (at most 32 bytes, printable ASCII). */
export function isValidUserId(id: string): boolean {
  return id.length > 0 && Buffer.byteLength(id) <= LIMITS.userIdMaxBytes && PRINTABLE_ASCII.test(id);
}

/** Builds the viewer, or throws `invalid()` when the id cannot be a Chat UserID. */
export function viewerOf(id: string, roles: string[], adminRole: string, invalid: () => Error): Viewer {
  if (!isValidUserId(id)) throw invalid();
  return { id, roles, isAdmin: roles.includes(adminRole) };
}
