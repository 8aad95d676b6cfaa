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
import { type FragmentMap, forEachField, perFieldNode, someField } from '../selection.js';

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
 * A finder of the page the field being resolved will read below it: a connection in `connections` on
 * its (object) return type. It answers undefined when none is selected or the connection's arguments do
 * not coerce (the field reports that). Which field it is depends on the document only, so it is looked
 * up once per field node (documents are cached and reused); the arguments, which may be variables,
 * every time.
 */
export function pageFinder(connections: ReadonlySet<string>) {
  const pageField = perFieldNode((info: GraphQLResolveInfo, typeName: string): FieldNode | undefined => {
    let field: FieldNode | undefined;
    for (const node of info.fieldNodes) {
      field ??= findPageField(node.selectionSet, info.fragments, typeName, connections);
    }
    return field;
  });
  return (info: GraphQLResolveInfo): SelectedPage | undefined => {
    const type = getNamedType(info.returnType);
    if (!isObjectType(type)) return undefined;
    const field = pageField(info, type.name);
    const definition = field && type.getFields()[field.name.value];
    if (!field || !definition) return undefined;
    try {
      return { field: field.name.value, args: getArgumentValues(definition, field, info.variableValues) };
    } catch {
      return undefined;
    }
  };
}
