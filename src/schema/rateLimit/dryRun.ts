/**
 * `rateLimit(dryRun: true)`: the operation is priced and not executed. The server (useUpstreamCost)
 * asks `rateLimitRequest` before execution and then runs `dryRunDocument` instead: the same operation
 * with only its root `rateLimit` fields (and `__typename`), which make no upstream call.
 */
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLIncludeDirective,
  type GraphQLSchema,
  GraphQLSkipDirective,
  getArgumentValues,
  getDirectiveValues,
  getOperationAST,
  Kind,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { forEachField, fragmentsOf } from '../selection.js';

const RATE_LIMIT = 'rateLimit';

/** Whether `@skip` / `@include` leave the node in. */
function included(node: SelectionNode, variables: Record<string, unknown>): boolean {
  try {
    if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
    if (getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if === false) return false;
  } catch {
    // Invalid directive arguments fail in execution.
  }
  return true;
}

export interface RateLimitRequest {
  /** The query selects `rateLimit` at its root (its `actualCalls` may wait for the other fields). */
  selected: boolean;
  /** ... with `dryRun: true`. */
  dryRun: boolean;
}

/** Whether a query selects `rateLimit` at its root (under any alias or fragment), and as a dry run. */
export function rateLimitRequest(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
): RateLimitRequest {
  const request = { selected: false, dryRun: false };
  const operation = getOperationAST(document, operationName);
  const field = schema.getQueryType()?.getFields()[RATE_LIMIT];
  if (operation?.operation !== 'query' || !field) return request;
  forEachField(operation.selectionSet, fragmentsOf(document.definitions), (node) => {
    if (request.dryRun || node.name.value !== RATE_LIMIT || !included(node, variables)) return;
    request.selected = true;
    try {
      request.dryRun = getArgumentValues(field, node, variables).dryRun === true;
    } catch {
      // Invalid arguments fail in execution.
    }
  });
  return request;
}

/** The root selections kept in a dry run: `rateLimit` and `__typename`, inside fragments too. */
function pruned(
  set: SelectionSetNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode | undefined>>,
  seen: Set<string>,
): SelectionSetNode {
  const selections: SelectionNode[] = [];
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === RATE_LIMIT || selection.name.value === '__typename') {
        selections.push(selection);
      }
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const inner = pruned(selection.selectionSet, fragments, seen);
      if (inner.selections.length > 0) selections.push({ ...selection, selectionSet: inner });
    } else {
      const name = selection.name.value;
      const fragment = Object.hasOwn(fragments, name) ? fragments[name] : undefined;
      if (!fragment || seen.has(name)) continue;
      seen.add(name);
      const inner = pruned(fragment.selectionSet, fragments, seen);
      if (inner.selections.length > 0) {
        selections.push({
          kind: Kind.INLINE_FRAGMENT,
          typeCondition: fragment.typeCondition,
          directives: selection.directives ?? [],
          selectionSet: inner,
        });
      }
    }
  }
  return { ...set, selections };
}

/** The document to run instead in a dry run: the operation with only its root `rateLimit` fields. */
export function dryRunDocument(
  document: DocumentNode,
  operationName: string | null | undefined,
): DocumentNode {
  const operation = getOperationAST(document, operationName);
  if (!operation) return document;
  const fragments = fragmentsOf(document.definitions);
  const kept: OperationDefinitionNode = {
    ...operation,
    selectionSet: pruned(operation.selectionSet, fragments, new Set()),
  };
  return {
    ...document,
    definitions: document.definitions.map((definition) => (definition === operation ? kept : definition)),
  };
}
