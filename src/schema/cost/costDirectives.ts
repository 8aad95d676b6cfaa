/**
 * `@cost` and `@listSize` (Federation 2.9, the IBM cost spec routers implement for demand control),
 * derived from the same `upstreamCost` declarations the estimator reads (upstreamCost.ts). Routers add
 * weights per object and multiply them by list sizes; they cannot batch, deduplicate or see list
 * arguments. So the unit is a thousandth of an upstream call (COST_UNITS_PER_CALL), and:
 *
 * - a batched load on a field weighs `ceil(1000 / batch)` per object (`profile`: portrait_get, 100 per
 *   call, weighs 10), unless every field that leads to the field's type already loads it for the same
 *   objects (`UserProfile.*` after `User.profile`);
 * - a probe (existence check) weighs its dearest possible load;
 * - a connection's page read (one call per connection) weighs 1000 on its `first` argument, so a count
 *   alone costs no page; the connection gets `@listSize(slicingArguments: ["first"], sizedFields:
 *   ["edges", "nodes"])`, so what is selected below a page counts `first` times;
 * - a list argument (`users(ids)`, `nodes(ids)`) is assumed full: `@listSize(assumedSize: 100)`;
 * - a write weighs one chunk (routers do not see how many ids an input list holds);
 * - a load an argument adds (a `filter` reads a whole list) weighs on that argument, which routers
 *   charge only when it is given; a load priced from facts (what the viewer follows) weighs its worst
 *   case (`routerLoads`).
 *
 * A router's `maxCost` of MAX_UPSTREAM_CALLS x 1000 then refuses about what this server refuses.
 */
import {
  type ConstDirectiveNode,
  type ConstValueNode,
  type FieldDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  type InputValueDefinitionNode,
  Kind,
  type NameNode,
} from 'graphql';
import { WORST_CASE_COST_SETTINGS } from '../context.js';
import { MAX_IDS_PER_QUERY } from '../validation.js';
import { declaredCost, type Load, type LoadContext, type UpstreamCost } from './upstreamCost.js';

/** Router cost units per upstream call. */
export const COST_UNITS_PER_CALL = 1000;

/** The list size a router assumes for a list argument it cannot measure (the most ids a query takes). */
export const ASSUMED_LIST_SIZE = MAX_IDS_PER_QUERY;

/** Routers see no arguments and no facts: loads that depend on them declare `routerLoads`. */
// Loads that depend on the server's settings are weighed as without a shared cache: per object, which
// is what a router can count (with a cache, `viewerIsFollowing` reads one list per operation instead).
const ROUTER_CONTEXT: LoadContext = {
  settings: WORST_CASE_COST_SETTINGS,
  facts: {},
  args: {},
  connectionArgs: undefined,
};

function loadsOf(cost: UpstreamCost): readonly Load[] {
  if (cost.routerLoads) return cost.routerLoads;
  const load = typeof cost.load === 'function' ? cost.load(ROUTER_CONTEXT) : cost.load;
  return load === undefined ? [] : [load].flat();
}

/** What one load weighs per object it runs on. Page reads are charged on `first` (below). */
function weightOf(load: Load): number {
  if ('perInstance' in load || 'perOperation' in load) return 0;
  if ('perObject' in load) return load.perObject * COST_UNITS_PER_CALL;
  if ('chunksOf' in load) return COST_UNITS_PER_CALL;
  return Math.ceil(COST_UNITS_PER_CALL / load.batch);
}

type Field = GraphQLField<unknown, unknown>;

function objectFields(schema: GraphQLSchema): { type: GraphQLObjectType; field: Field }[] {
  return Object.values(schema.getTypeMap())
    .filter(
      (type): type is GraphQLObjectType => type instanceof GraphQLObjectType && !type.name.startsWith('__'),
    )
    .flatMap((type) => Object.values(type.getFields()).map((field) => ({ type, field })));
}

/**
 * Commands already loaded for a type's objects by every field that leads to it (returning its parent's
 * objects, `returns: 'same'`): its own fields need not weigh them again.
 */
function inheritedLoads(schema: GraphQLSchema): Map<string, Set<string>> {
  const byType = new Map<string, Set<string>>();
  for (const { field } of objectFields(schema)) {
    const target = getNamedType(field.type).name;
    const cost = declaredCost(field.extensions);
    const sameObjects = cost !== undefined && (cost.returns ?? 'same') === 'same' && !cost.loadOnResult;
    const batched = sameObjects
      ? loadsOf(cost).filter((load) => 'batch' in load && !('chunksOf' in load))
      : [];
    const loads = new Set<string>(batched.map((load) => load.command));
    const known = byType.get(target);
    // Only what every field leading to the type loads counts (an intersection).
    byType.set(target, known === undefined ? loads : new Set([...known].filter((c) => loads.has(c))));
  }
  return byType;
}

/** The page-read weight of a connection type (its `edges` declare the page load). */
function pageWeight(connection: GraphQLNamedType): number {
  if (!(connection instanceof GraphQLObjectType)) return 0;
  const edges = connection.getFields().edges;
  const page = edges ? loadsOf(declaredCost(edges.extensions) ?? {}) : [];
  return page.some((load) => 'perInstance' in load) ? COST_UNITS_PER_CALL : 0;
}

function fieldWeight(type: GraphQLObjectType, field: Field, inherited: Map<string, Set<string>>): number {
  const cost = declaredCost(field.extensions);
  if (!cost) return 0;
  const skip = inherited.get(type.name) ?? new Set<string>();
  let weight = 0;
  for (const load of loadsOf(cost)) {
    if (!skip.has(load.command)) weight += weightOf(load);
  }
  // A count read with the page (offset-paged lists) is one call per connection.
  if (field.name === 'totalCount' && loadsOf(cost).some((load) => 'perInstance' in load)) {
    weight += COST_UNITS_PER_CALL;
  }
  if (cost.probeLoads?.length) weight += Math.max(...cost.probeLoads.map(weightOf));
  return weight;
}

const name = (value: string): NameNode => ({ kind: Kind.NAME, value });
const int = (value: number): ConstValueNode => ({ kind: Kind.INT, value: String(value) });
const strings = (values: readonly string[]): ConstValueNode => ({
  kind: Kind.LIST,
  values: values.map((value): ConstValueNode => ({ kind: Kind.STRING, value })),
});

function costDirective(weight: number): ConstDirectiveNode {
  return {
    kind: Kind.DIRECTIVE,
    name: name('cost'),
    arguments: [{ kind: Kind.ARGUMENT, name: name('weight'), value: int(weight) }],
  };
}

function listSizeDirective(args: Record<string, ConstValueNode>): ConstDirectiveNode {
  return {
    kind: Kind.DIRECTIVE,
    name: name('listSize'),
    arguments: Object.entries(args).map(([key, value]) => ({ kind: Kind.ARGUMENT, name: name(key), value })),
  };
}

/** The directives one field gets, and those of its arguments (by name). */
export function costDirectivesOf(
  type: GraphQLObjectType,
  field: Field,
  inherited: Map<string, Set<string>>,
): { field: ConstDirectiveNode[]; args: Map<string, ConstDirectiveNode[]> } {
  const cost = declaredCost(field.extensions);
  const directives: ConstDirectiveNode[] = [];
  const args = new Map<string, ConstDirectiveNode[]>();
  if (!cost) return { field: directives, args };
  for (const [name, loads] of Object.entries(cost.argumentLoads ?? {})) {
    const weight = loads.reduce((sum, load) => sum + weightOf(load), 0);
    if (weight > 0) args.set(name, [costDirective(weight)]);
  }
  const weight = fieldWeight(type, field, inherited);
  if (weight > 0) directives.push(costDirective(weight));
  const returns = cost.returns ?? 'same';
  if (returns === 'connection') {
    directives.push(
      listSizeDirective({
        slicingArguments: strings(['first']),
        sizedFields: strings(['edges', 'nodes']),
        requireOneSlicingArgument: { kind: Kind.BOOLEAN, value: false },
      }),
    );
    const page = pageWeight(getNamedType(field.type));
    if (page > 0) args.set('first', [...(args.get('first') ?? []), costDirective(page)]);
  } else if (typeof returns === 'object' && 'listArg' in returns && !field.name.startsWith('_')) {
    directives.push(listSizeDirective({ assumedSize: int(ASSUMED_LIST_SIZE) }));
  }
  return { field: directives, args };
}

function withDirectives(
  node: FieldDefinitionNode,
  field: ConstDirectiveNode[],
  args: Map<string, ConstDirectiveNode[]>,
): FieldDefinitionNode {
  return {
    ...node,
    directives: [...(node.directives ?? []), ...field],
    arguments: node.arguments?.map((arg): InputValueDefinitionNode => {
      const extra = args.get(arg.name.value) ?? [];
      return extra.length > 0 ? { ...arg, directives: [...(arg.directives ?? []), ...extra] } : arg;
    }),
  };
}

/**
 * Adds `@cost` / `@listSize` to the printed definitions (the types' AST nodes, which the subgraph SDL
 * printer reads) of every field that declares an upstream cost. The schema must link federation >= 2.9
 * and import both directives.
 */
export function addCostDirectives(schema: GraphQLSchema): void {
  const inherited = inheritedLoads(schema);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || type.name.startsWith('__') || !type.astNode) continue;
    const fields = type.getFields();
    const astNode = type.astNode;
    (type as { astNode: typeof astNode }).astNode = {
      ...astNode,
      fields: astNode.fields?.map((node) => {
        const field = fields[node.name.value];
        if (!field) return node;
        const directives = costDirectivesOf(type, field, inherited);
        return directives.field.length || directives.args.size
          ? withDirectives(node, directives.field, directives.args)
          : node;
      }),
    };
  }
}
