/** Authorization helpers of the write mutations. */
import type { GraphQLError } from 'graphql';
import type { GraphQLContext } from '../context.js';
import { forbidden, unauthenticated } from '../errors.js';

/** For a field's `unauthorizedError`: anonymous -> UNAUTHENTICATED, signed in -> FORBIDDEN. */
export function authError(ctx: GraphQLContext, anonymous: string, notAdmin: string): GraphQLError {
  return ctx.viewer ? forbidden(notAdmin) : unauthenticated(anonymous);
}

/** The signed-in viewer's id (the field's auth scopes guarantee there is one). */
export function viewerId(ctx: GraphQLContext): string {
  if (!ctx.viewer) throw unauthenticated('Sign in first.');
  return ctx.viewer.id;
}
