/**
 * Which connection page a selection is going to read, known before its fields resolve, so that a
 * parent resolver can start that read early (together with its own) or let it prove the parent exists.
 */
import {
  type FieldNode,
  type GraphQLResolveInfo,
  getArgumentValues,
  getNamedType,
  isObjectType,
} from 'graphql';
import { type FragmentMap, forEachField, someField } from '../selection.js';

/** The connection fields that read the page (`totalCount` alone does not). */
const PAGE_FIELDS: ReadonlySet<string> = new Set(['edges', 'nodes', 'pageInfo']);

/** True when a connection's selection reads its page. */
function readsPage(connection: FieldNode, fragments: FragmentMap): boolean {
  if (!connection.selectionSet) return false;
  let found = false;
  forEachField(connection.selectionSet, fragments, (field) => {
    if (PAGE_FIELDS.has(field.name.value)) found = true;
  });
  return found;
}

/**
 * The first field named in `connections`, selected on `typeName` at this level, whose selection reads a
 * page. Directives are not evaluated (as in the cost estimate): a page under `@skip` still counts.
 */
export function findPageField(
  selectionSet: FieldNode['selectionSet'],
  fragments: FragmentMap,
  typeName: string,
  connections: ReadonlySet<string>,
): FieldNode | undefined {
  if (!selectionSet) return undefined;
  let page: FieldNode | undefined;
  someField(selectionSet, fragments, typeName, (field) => {
    if (connections.has(field.name.value) && readsPage(field, fragments)) page = field;
    return page !== undefined;
  });
  return page;
}

export interface SelectedPage {
  /** The connection field's name (e.g. `followers`). */
  field: string;
  /** Its arguments, coerced as execution will coerce them. */
  args: Record<string, unknown>;
}

/**
 * The page the field being resolved will read below it: a connection in `connections` on its (object)
 * return type. Undefined when none is selected or its arguments do not coerce (the field reports that).
 */
export function selectedPage(
  info: GraphQLResolveInfo,
  connections: ReadonlySet<string>,
): SelectedPage | undefined {
  const type = getNamedType(info.returnType);
  if (!isObjectType(type)) return undefined;
  for (const node of info.fieldNodes) {
    const field = findPageField(node.selectionSet, info.fragments, type.name, connections);
    const definition = field && type.getFields()[field.name.value];
    if (!field || !definition) continue;
    try {
      return { field: field.name.value, args: getArgumentValues(definition, field, info.variableValues) };
    } catch {
      return undefined;
    }
  }
  return undefined;
}
