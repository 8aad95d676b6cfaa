/**
 * The one walk over a GraphQL selection set, for everything that reads a document before or beside
 * execution (the upstream-cost estimate, the existence probe, the anonymous-access rule).
 *
 * It flattens one level: the fields selected directly, inside inline fragments and inside named
 * fragments, each named fragment visited once per call however often it is spread. Callers descend into
 * a field's own selection set with a new call. So a document whose fragments spread each other many
 * times ("fragment bombs") costs work proportional to its size, not to its expansion.
 */
import { type FieldNode, type FragmentDefinitionNode, Kind, type SelectionSetNode } from 'graphql';

/** Fragment definitions by name (`info.fragments`, or collected from a document). */
export type FragmentMap = Readonly<Record<string, FragmentDefinitionNode | undefined>>;

/**
 * Calls `visit` for each field selected at this level. `typeCondition` is the innermost type condition
 * the field sits under (undefined: the selection set's own type).
 */
export function forEachField(
  selectionSet: SelectionSetNode,
  fragments: FragmentMap,
  visit: (field: FieldNode, typeCondition: string | undefined) => void,
): void {
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode, condition: string | undefined) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        visit(selection, condition);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, selection.typeCondition?.name.value ?? condition);
      } else {
        const name = selection.name.value;
        if (seen.has(name)) continue;
        seen.add(name);
        const fragment = Object.hasOwn(fragments, name) ? fragments[name] : undefined;
        if (fragment) walk(fragment.selectionSet, fragment.typeCondition.name.value);
      }
    }
  };
  walk(selectionSet, undefined);
}

/**
 * True when a field selected at this level on `typeName` (no type condition, or that type's) passes
 * `test`. Stops at the first match.
 */
export function someField(
  selectionSet: SelectionSetNode,
  fragments: FragmentMap,
  typeName: string,
  test: (field: FieldNode) => boolean,
): boolean {
  let found = false;
  forEachField(selectionSet, fragments, (field, condition) => {
    if (!found && (condition === undefined || condition === typeName) && test(field)) found = true;
  });
  return found;
}

/** The fragment definitions of a document, by name. */
export function fragmentsOf(definitions: readonly { kind: Kind }[]): FragmentMap {
  // No prototype: a fragment named `constructor` must not find Object.prototype's.
  const fragments: Record<string, FragmentDefinitionNode> = Object.create(null);
  for (const definition of definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      const fragment = definition as FragmentDefinitionNode;
      fragments[fragment.name.value] = fragment;
    }
  }
  return fragments;
}

/**
 * The fields selected at this level (inside fragments too, each named fragment once), or undefined
 * when a field or fragment at this level carries a directive (`@skip`, `@include`, `@defer`, ...): for
 * callers that must know which fields will run, not only which may.
 */
export function fieldsWithoutDirectives(
  selectionSet: SelectionSetNode,
  fragments: FragmentMap,
): FieldNode[] | undefined {
  const fields: FieldNode[] = [];
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode): boolean => {
    for (const selection of set.selections) {
      if (selection.directives && selection.directives.length > 0) return false;
      if (selection.kind === Kind.FIELD) {
        fields.push(selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (!walk(selection.selectionSet)) return false;
      } else {
        const name = selection.name.value;
        if (seen.has(name)) continue;
        seen.add(name);
        const fragment = Object.hasOwn(fragments, name) ? fragments[name] : undefined;
        if (!fragment || (fragment.directives && fragment.directives.length > 0)) return false;
        if (!walk(fragment.selectionSet)) return false;
      }
    }
    return true;
  };
  return walk(selectionSet) ? fields : undefined;
}
