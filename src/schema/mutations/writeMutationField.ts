/** Registers a write mutation `field(input: <Input>!): <Payload>` with the shared auth handling. */
import type { InputObjectRef, ObjectRef } from '@pothos/core';
import type { AuthScopeMap } from '@pothos/plugin-scope-auth';
import { type BuilderTypes, builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { authError } from './results.js';

export interface WriteMutationField<Input, Payload> {
  payload: ObjectRef<BuilderTypes, Payload>;
  input: InputObjectRef<BuilderTypes, Input>;
  description: string;
  inputDescription: string;
  scopes: (input: Input, ctx: GraphQLContext) => AuthScopeMap<BuilderTypes>;
  /** UNAUTHENTICATED message for anonymous callers. */
  signInMessage: string;
  /** FORBIDDEN message for signed-in callers without the admin role the input needs. */
  adminMessage: string;
  resolve: (input: Input, ctx: GraphQLContext) => Promise<Payload>;
}

export function defineWriteMutationField<Input, Payload extends object>(
  field: string,
  options: WriteMutationField<Input, Payload>,
): void {
  // Pothos cannot resolve its argument and result types for generic shapes; build on erased ones.
  const payload: ObjectRef<BuilderTypes, object> = options.payload;
  const inputOf = (args: object) => (args as { input: Input }).input;
  builder.mutationField(field, (t) =>
    t.field({
      type: payload,
      nullable: true,
      description: options.description,
      args: { input: t.arg({ type: options.input, required: true, description: options.inputDescription }) },
      authScopes: (_root, args, ctx) => options.scopes(inputOf(args), ctx),
      unauthorizedError: (_root, _args, ctx) => authError(ctx, options.signInMessage, options.adminMessage),
      resolve: (_root, args, ctx) => options.resolve(inputOf(args), ctx),
    }),
  );
}

/** "followUsers" -> "FollowUsers", for naming a field's payload and input types. */
export function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
