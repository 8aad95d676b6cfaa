/**
 * The one walk over a GraphQL selection set, for everything that reads a document before or beside
 * execution (the upstream-cost estimate, the existence probe, the anonymous-access rule), and the
 * measure that bounds what such walks may cost.
 *
 * `forEachField` flattens one level: the fields selected directly, inside inline fragments and inside
 * named fragments, each named fragment visited once per call however often it is spread. Callers
 * descend into a field's own selection set with a new call. So one level of a document whose fragments
 * spread each other many times ("fragment bombs") costs work proportional to its size.
 *
 * Descending into every field's selection set (as the cost estimate does) visits each field once per
 * path that reaches it: a fragment spread below two different fields is walked twice. That is the
 * document's *expanded* size, which can grow exponentially with the number of fragments (each level's
 * fragment selecting two fields that each spread the previous level's). `expandedFieldCount` measures it
 * in time linear in the document (each fragment is counted once), and the server refuses documents
 * above MAX_EXPANDED_FIELDS right after parsing, before validation or any walk.
 */
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  Kind,
  type SelectionSetNode,
} from 'graphql';

/**
 * `analyse`, worked out once per field node of a (cached, reused) document, for what depends on the
 * document only. A field selected twice (its nodes merged by execution) is analysed every time.
 */
export function perFieldNode<T, A extends unknown[] = []>(
  analyse: (info: GraphQLResolveInfo, ...args: A) => T,
): (info: GraphQLResolveInfo, ...args: A) => T {
  const known = new WeakMap<FieldNode, { value: T }>();
  return (info, ...args) => {
    const single = info.fieldNodes.length === 1 ? info.fieldNodes[0] : undefined;
    if (!single) return analyse(info, ...args);
    let entry = known.get(single);
    if (!entry) {
      entry = { value: analyse(info, ...args) };
      known.set(single, entry);
    }
    return entry.value;
  };
}

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
 * The number of field selections `document` holds once every fragment spread is replaced by the
 * fragment it names, summed over its operations: what a walk that descends into every field visits.
 * Linear in the document's size: each fragment's expansion is counted once, then reused. Spreads of
 * unknown fragments count nothing, and so does a spread that closes a cycle (validation refuses it).
 * Past `cap` the count stops growing: the result is then `cap + 1`.
 */
export function expandedFieldCount(document: DocumentNode, cap = Number.POSITIVE_INFINITY): number {
  const fragments = fragmentsOf(document.definitions);
  const sizes = new Map<string, number>();
  const inProgress = new Set<string>();
  const bounded = (n: number) => Math.min(n, cap + 1);
  const fragmentSize = (name: string): number => {
    const known = sizes.get(name);
    if (known !== undefined) return known;
    const fragment = fragments[name];
    if (!fragment || inProgress.has(name)) return 0;
    inProgress.add(name);
    const size = setSize(fragment.selectionSet);
    inProgress.delete(name);
    sizes.set(name, size);
    return size;
  };
  const setSize = (set: SelectionSetNode): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        total += 1 + (selection.selectionSet ? setSize(selection.selectionSet) : 0);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += setSize(selection.selectionSet);
      } else {
        total += fragmentSize(selection.name.value);
      }
      total = bounded(total);
    }
    return total;
  };
  let total = 0;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION)
      total = bounded(total + setSize(definition.selectionSet));
  }
  return total;
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
