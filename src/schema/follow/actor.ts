/** Who a follow write acts for: the viewer, or `asUserId` for admins. */
import type { AuthScopeMap } from '@pothos/plugin-scope-auth';
import type { BuilderTypes } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { assertValidId } from '../validation.js';
import { viewerId } from '../writes/auth.js';

export interface ActorInput {
  asUserId?: string | number | null;
}

/** Signed in; acting for someone else additionally needs the admin role. */
export function actorScopes(input: ActorInput, ctx: GraphQLContext): AuthScopeMap<BuilderTypes> {
  const as = input.asUserId;
  return as !== null && as !== undefined && String(as) !== ctx.viewer?.id
    ? { admin: true }
    : { loggedIn: true };
}

/** The acting user's id (validated). */
export function resolveActor(input: ActorInput, ctx: GraphQLContext): string {
  const as = input.asUserId;
  if (as === null || as === undefined) return viewerId(ctx);
  const id = String(as);
  assertValidId(id, 'input.asUserId');
  return id;
}
