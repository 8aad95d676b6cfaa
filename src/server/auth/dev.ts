/** Dev auth: trust `x-user-id` and `x-user-roles` as sent (allowed only against a local upstream). */
import type { Viewer } from '../../schema/context.js';
import { unauthenticated } from './errors.js';
import { parseRoles } from './roles.js';
import { viewerOf } from './viewer.js';

export function devViewer(headers: Headers, adminRole: string): Viewer | null {
  const id = headers.get('x-user-id')?.trim();
  if (!id) return null;
  return viewerOf(id, parseRoles(headers.get('x-user-roles') ?? ''), adminRole, () =>
    unauthenticated('The x-user-id header is not a valid Chat UserID.'),
  );
}
