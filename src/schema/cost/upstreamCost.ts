/**
 * How a field declares what it costs upstream, next to its resolver (`extensions: upstreamCost(...)`).
 * The estimator (estimate.ts) reads these declarations generically; a test fails when a field with a
 * resolver declares none.
 *
 * Model. Every selection set runs on a set of objects described by `groups x size`: `size` objects
 * that arrive together (one upstream page, one `users(ids)` list) and `groups` such arrivals that may
 * resolve in separate ticks (one per parent connection). A batched load costs
 * `groups * ceil(size / batch)` (loaders batch within a tick and cache by key, so two fields using the
 * same loader on the same objects cost that once); a page read costs one call per connection instance,
 * `groups * size`; a per-operation load (the viewer's own following list) its calls once per operation;
 * a per-object load (a user's whole list, or knownFollowers' checks) its calls for every object, once
 * per object; a write costs one call per `batch` ids of its argument.
 *
 * A load may depend on the request: the server's settings, the field's arguments (a filter makes a
 * list read the whole list), the arguments of the connection a field belongs to, and facts the server
 * learns before estimating (how many users the viewer follows, which prices knownFollowers).
 */
import type { SelectionSetNode } from 'graphql';
import type { BatchedLoad, PagedLoad, PerObjectLoad, PerOperationLoad } from '../../loaders/costs.js';
import type { Command } from '../../tencent/wire.js';
import type { CostSettings } from '../context.js';
import type { FragmentMap } from '../selection.js';

/** A write split into chunks of `batch` ids of argument `chunksOf` (a dotted path into the arguments). */
export interface ChunkedWrite {
  command: Command;
  chunksOf: string;
  batch: number;
}

export type Load = BatchedLoad | PagedLoad | PerOperationLoad | PerObjectLoad | ChunkedWrite;

/**
 * What the server learns before estimating, for loads that depend on it (`UpstreamCost.facts`). An
 * absent fact is unknown, and the load assumes the worst (e.g. Tencent's cap of 5,000 follows).
 */
export interface CostFacts {
  /** How many users the viewer follows; null without a viewer. */
  viewerFollowing?: number | null;
}
export type CostFact = keyof CostFacts;

/** What a load that depends on the request is computed from. */
export interface LoadContext {
  settings: CostSettings;
  facts: CostFacts;
  /** The field's own arguments. */
  args: Readonly<Record<string, unknown>>;
  /** For a field of a connection object: the arguments of the field that returned the connection. */
  connectionArgs: Readonly<Record<string, unknown>> | undefined;
}

/**
 * The objects a field returns: `same` = its parent's objects (default); `one` = one per parent object,
 * other keys; `connection` = one connection per parent, whose page size is `first`; `page` = the
 * connection's page, `first` per parent; `{ listArg }` = as many per parent as argument `listArg` holds;
 * `{ payloadOf }` = one mutation payload per parent, whose `results` page holds one item per id.
 */
export type Returns = 'same' | 'one' | 'connection' | 'page' | { listArg: string } | { payloadOf: string };

export interface UpstreamCost {
  /** What the field loads; a function when that depends on the request (settings, arguments, facts). */
  load?: Load | readonly Load[] | ((context: LoadContext) => Load | readonly Load[]);
  /** The facts `load` reads: the server learns them before estimating (a query with a viewer only). */
  facts?: readonly CostFact[];
  /**
   * What routers weigh (costDirectives.ts) when `load` is a function of facts they cannot see: the
   * worst case. Default: `load` without arguments, facts or a cache.
   */
  routerLoads?: readonly Load[];
  /**
   * What giving an argument adds, for routers (they see whether an argument is given, not its value):
   * `@cost` on that argument (e.g. `filter` makes a list read the whole list).
   */
  argumentLoads?: Readonly<Record<string, readonly Load[]>>;
  /** Charge `load` on the objects this field returns instead of its parent's (e.g. `officialAccount(id)`). */
  loadOnResult?: boolean;
  /**
   * Loads chosen by what the field's own selection and arguments ask for, charged on the objects it
   * returns (e.g. how `user(id)` proves the account exists; `node(id)` picks the load by the id's type);
   * undefined when a read charged below covers it.
   */
  probe?: (
    selection: SelectionSetNode | undefined,
    fragments: FragmentMap,
    args: Readonly<Record<string, unknown>>,
  ) => Load | readonly Load[] | undefined;
  /**
   * Every load `probe` can choose. Routers cannot run the probe: the `@cost` directive
   * (costDirectives.ts) charges the dearest of these.
   */
  probeLoads?: readonly Load[];
  returns?: Returns;
}

/** The field-extension key the declarations live under. */
export const UPSTREAM_COST = 'upstreamCost';

/** Field `extensions` declaring an upstream cost (no argument: the field makes no upstream call). */
export function upstreamCost(cost: UpstreamCost = {}): { [UPSTREAM_COST]: UpstreamCost } {
  return { [UPSTREAM_COST]: cost };
}

/** The declaration on a built field, if any. */
export function declaredCost(extensions: Readonly<Record<string, unknown>> | null | undefined) {
  return extensions?.[UPSTREAM_COST] as UpstreamCost | undefined;
}
