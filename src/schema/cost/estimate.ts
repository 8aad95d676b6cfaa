/**
 * The worst-case number of upstream calls an operation can make, estimated before execution from the
 * operation alone (fragments, inline fragments, variables for `first` and list arguments, `_entities`
 * representations) and the cost each field declares (upstreamCost.ts).
 *
 * The estimate counts the calls of a successful run. Failures can add calls it does not count: retries,
 * and the portrait_get an existence check falls back to when follow_get_info fails as a whole.
 */
import {
  type DocumentNode,
  type GraphQLCompositeType,
  type GraphQLField,
  GraphQLObjectType,
  type GraphQLSchema,
  getArgumentValues,
  getNamedType,
  getOperationAST,
  isCompositeType,
  type SelectionSetNode,
} from 'graphql';
import { defaultFirst } from '../connections/paging.js';
import { type CostSettings, WORST_CASE_COST_SETTINGS } from '../context.js';
import { type FragmentMap, forEachField, fragmentsOf } from '../selection.js';
import {
  type CostFact,
  type CostFacts,
  declaredCost,
  type Load,
  type LoadContext,
  type UpstreamCost,
} from './upstreamCost.js';

/** How many upstream calls, per `service/command`. */
export type CallEstimate = Record<string, number>;

/** Objects a selection set runs on. */
interface ObjectSet {
  /** Identifies the loader keys (objects with the same keys share batched loads). */
  keys: number;
  /** Identifies one field occurrence (page reads are shared by the fields of one connection only). */
  instance: number;
  groups: number;
  size: number;
  /** Page size of the connection this set is (for connection objects). */
  first?: number;
  /** Arguments of the field that returned this connection (for connection objects). */
  connectionArgs?: Record<string, unknown>;
}

/** The length of the list argument at `path` (`distinct`: duplicates counted once, as writes send them). */
function lengthAt(args: Record<string, unknown>, path: string, distinct = false): number {
  let value: unknown = args;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return 1;
    value = (value as Record<string, unknown>)[part];
  }
  if (Array.isArray(value)) return distinct ? new Set(value.map(String)).size : value.length;
  return 1; // absent (e.g. "the viewer") or a single value coerced to a list of one
}

class Estimator {
  private nextId = 1;
  /** Calls charged per dedupe key (a key charged again is raised to the larger charge, not added). */
  private readonly charged = new Map<string, number>();
  readonly calls: CallEstimate = {};
  /** The facts the declarations of the visited fields read. */
  readonly factsRead = new Set<CostFact>();
  /**
   * Which root field the walk is under, in a mutation: each mutation clears what the request's
   * loaders hold about the users it touched, so a per-operation read may happen once per root field.
   * Empty in queries.
   */
  private rootField = '';
  /** True while walking a mutation's root selection set. */
  perRootField = false;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: FragmentMap,
    private readonly variables: Record<string, unknown>,
    private readonly settings: CostSettings,
    private readonly facts: CostFacts,
    /** `first` of a connection that omits it (as connections/paging.ts defaults it). */
    private readonly defaultFirst: number,
  ) {}

  private firstOf(args: Record<string, unknown>): number {
    const first = args.first;
    return typeof first === 'number' && Number.isFinite(first)
      ? Math.max(0, Math.floor(first))
      : this.defaultFirst;
  }

  private charge(dedupeKey: string, command: string, calls: number): void {
    const before = this.charged.get(dedupeKey) ?? 0;
    if (calls <= before) return;
    this.charged.set(dedupeKey, calls);
    this.calls[command] = (this.calls[command] ?? 0) + calls - before;
  }

  private load(load: Load, on: ObjectSet, args: Record<string, unknown>, occurrence: number): void {
    if ('perOperation' in load) {
      this.charge(`operation${this.rootField}|${load.command}`, load.command, load.perOperation);
    } else if ('perObject' in load) {
      this.charge(`${on.keys}|${load.memo}`, load.command, on.groups * on.size * load.perObject);
    } else if ('perInstance' in load) {
      this.charge(`${on.instance}|${load.command}`, load.command, on.groups * on.size);
    } else if ('chunksOf' in load) {
      const n = lengthAt(args, load.chunksOf, true);
      this.charge(
        `write${occurrence}|${load.command}`,
        load.command,
        on.groups * on.size * Math.ceil(n / load.batch),
      );
    } else {
      this.charge(`${on.keys}|${load.command}`, load.command, on.groups * Math.ceil(on.size / load.batch));
    }
  }

  private resultSet(cost: UpstreamCost, parent: ObjectSet, args: Record<string, unknown>): ObjectSet {
    const returns = cost.returns ?? 'same';
    const id = this.nextId++;
    if (returns === 'same') return parent;
    if (returns === 'one') return { keys: id, instance: id, groups: parent.groups, size: parent.size };
    if (returns === 'connection') {
      return { ...parent, instance: id, first: this.firstOf(args), connectionArgs: args };
    }
    if (returns === 'page') {
      return {
        keys: id,
        instance: id,
        groups: parent.groups * parent.size,
        size: parent.first ?? this.defaultFirst,
      };
    }
    if ('payloadOf' in returns) {
      return { ...parent, keys: id, instance: id, first: lengthAt(args, returns.payloadOf, true) };
    }
    return {
      keys: id,
      instance: id,
      groups: parent.groups,
      size: parent.size * lengthAt(args, returns.listArg),
    };
  }

  selectionSet(
    selectionSet: SelectionSetNode,
    type: GraphQLCompositeType,
    on: ObjectSet,
    root = false,
  ): void {
    forEachField(selectionSet, this.fragments, (selection, condition) => {
      const parent = condition === undefined ? type : this.schema.getType(condition);
      // Fields on an interface or union: only __typename is selectable there, and it is free.
      if (!(parent instanceof GraphQLObjectType)) return;
      const field = parent.getFields()[selection.name.value] as GraphQLField<unknown, unknown> | undefined;
      if (!field) return;
      let args: Record<string, unknown> = {};
      try {
        args = getArgumentValues(field, selection, this.variables);
      } catch {
        // Invalid arguments fail in execution; estimate with the defaults.
      }
      const cost = declaredCost(field.extensions) ?? {};
      const occurrence = this.nextId++;
      if (root && this.perRootField) this.rootField = `#${occurrence}`;
      const result = this.resultSet(cost, on, args);
      for (const fact of cost.facts ?? []) this.factsRead.add(fact);
      const context: LoadContext = {
        settings: this.settings,
        facts: this.facts,
        args,
        connectionArgs: on.connectionArgs,
      };
      const declared = typeof cost.load === 'function' ? cost.load(context) : cost.load;
      const loads: readonly Load[] = declared === undefined ? [] : [declared].flat();
      for (const load of loads) this.load(load, cost.loadOnResult ? result : on, args, occurrence);
      if (cost.probe) {
        const probes = cost.probe(selection.selectionSet, this.fragments, args);
        if (probes) for (const load of [probes].flat()) this.load(load as Load, result, args, occurrence);
      }
      const named = getNamedType(field.type);
      if (selection.selectionSet && isCompositeType(named)) {
        this.selectionSet(selection.selectionSet, named, result);
      }
    });
  }
}

/** Worst-case upstream calls per command of one operation; undefined if the operation is not found. */
export function estimateUpstreamCalls(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> = {},
  /** The request's settings (CONNECTION_MAX_FIRST caps the default `first`). */
  settings: Partial<CostSettings> = {},
  /** What the server learned before estimating (absent facts: the worst case). */
  facts: CostFacts = {},
): CallEstimate | undefined {
  return estimateOperation(schema, document, operationName, variables, settings, facts)?.calls;
}

export interface OperationEstimate {
  calls: CallEstimate;
  /** The facts the operation's fields are priced from (learn them, then estimate again). */
  factsRead: ReadonlySet<CostFact>;
}

/** `estimateUpstreamCalls`, also saying which facts the price depends on. */
export function estimateOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> = {},
  settings: Partial<CostSettings> = {},
  facts: CostFacts = {},
): OperationEstimate | undefined {
  const full: CostSettings = { ...WORST_CASE_COST_SETTINGS, ...settings };
  const operation = getOperationAST(document, operationName);
  if (!operation) return undefined;
  const root = schema.getRootType(operation.operation);
  if (!root) return undefined;
  const estimator = new Estimator(
    schema,
    fragmentsOf(document.definitions),
    variables,
    full,
    facts,
    defaultFirst(full.connectionMaxFirst),
  );
  estimator.perRootField = operation.operation === 'mutation';
  estimator.selectionSet(operation.selectionSet, root, { keys: 0, instance: 0, groups: 1, size: 1 }, true);
  return { calls: estimator.calls, factsRead: estimator.factsRead };
}

export function totalCalls(estimate: CallEstimate): number {
  return Object.values(estimate).reduce((sum, n) => sum + n, 0);
}
