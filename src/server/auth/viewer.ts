import type { Viewer } from '../../schema/context.js';
import { isValidUserId } from '../../tencent/wire.js';

/** Builds the viewer, or throws `invalid()` when the id cannot be a Chat UserID. */
export function viewerOf(id: string, roles: string[], adminRole: string, invalid: () => Error): Viewer {
  if (!isValidUserId(id)) throw invalid();
  return { id, roles, isAdmin: roles.includes(adminRole) };
}
