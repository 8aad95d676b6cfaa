/**
 * ALLOW_ANONYMOUS=false: an anonymous caller gets UNAUTHENTICATED (HTTP 401) for any operation that
 * reads or writes data. The check runs before execution on the operation's root fields, so it covers
 * `_entities` (which bypasses field wrappers on Query) as much as `user` or `users`.
 *
 * Free without a viewer: `__typename`; `__schema` / `__type` (governed by INTROSPECTION instead); and
 * `_service { sdl }` only while introspection is on, since it is the same information. With
 * introspection off, a router that fetches the SDL at run time must authenticate like any caller.
 */
import { type ExecutionArgs, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../../schema/context.js';
import { forEachField, fragmentsOf } from '../../schema/selection.js';
import { unauthenticated } from '../auth/errors.js';

export function useAnonymousAccess(options: { introspection: boolean }): Plugin<GraphQLContext> {
  const free = new Set(['__typename', '__schema', '__type', ...(options.introspection ? ['_service'] : [])]);
  const refusal = (args: ExecutionArgs) => {
    if ((args.contextValue as GraphQLContext).viewer) return undefined;
    const operation = getOperationAST(args.document, args.operationName);
    if (!operation) return undefined;
    let denied: string | undefined;
    forEachField(operation.selectionSet, fragmentsOf(args.document.definitions), (field) => {
      if (denied === undefined && !free.has(field.name.value)) denied = field.name.value;
    });
    if (denied === undefined) return undefined;
    return unauthenticated(`Sign in to use this API (anonymous access is off; field \`${denied}\`).`);
  };
  // Queries and mutations run through onExecute, subscriptions through onSubscribe.
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const error = refusal(args);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const error = refusal(args);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}
