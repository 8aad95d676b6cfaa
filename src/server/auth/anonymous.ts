/**
 * ALLOW_ANONYMOUS=false: an anonymous caller gets UNAUTHENTICATED (HTTP 401) for any operation that
 * reads or writes data. The check runs before execution on the operation's root fields, so it covers
 * `_entities` (which bypasses field wrappers on Query) as much as `user` or `users`.
 *
 * Free without a viewer: `__typename`; `__schema` / `__type` (governed by INTROSPECTION instead); and
 * `_service { sdl }` only while introspection is on, since it is the same information. With
 * introspection off, a router that fetches the SDL at run time must authenticate like any caller.
 */
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  getOperationAST,
  Kind,
  type SelectionSetNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../context.js';
import { unauthenticated } from './errors.js';

function rootFieldNames(
  document: DocumentNode,
  operationName: string | null | undefined,
): string[] | undefined {
  const operation = getOperationAST(document, operationName);
  if (!operation) return undefined;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const names: string[] = [];
  const seen = new Set<string>();
  const collect = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) names.push(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) collect(fragment.selectionSet);
      }
    }
  };
  collect(operation.selectionSet);
  return names;
}

export function anonymousAccessPlugin(options: { introspection: boolean }): Plugin<GraphQLContext> {
  const free = new Set(['__typename', '__schema', '__type', ...(options.introspection ? ['_service'] : [])]);
  return {
    onExecute({ args, setResultAndStopExecution }) {
      if (args.contextValue.viewer) return;
      const names = rootFieldNames(args.document, args.operationName) ?? [];
      const denied = names.find((name) => !free.has(name));
      if (denied === undefined) return;
      setResultAndStopExecution({
        errors: [unauthenticated(`Sign in to use this API (anonymous access is off; field \`${denied}\`).`)],
      });
    },
  };
}
