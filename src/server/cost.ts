/**
 * Upstream-cost limit: before execution, the worst-case number of upstream calls an operation can make
 * is estimated from the operation alone (fragments, inline fragments, variables for `first` and list
 * arguments, `_entities` representations), and the operation is refused above the budget.
 *
 * Model. Every selection set runs on a set of objects described by `groups x size`: `size` objects
 * that arrive together (one upstream page, one `users(ids)` list) and `groups` such arrivals that may
 * resolve in separate ticks (one per parent connection). A field loaded through a batching loader
 * costs `groups * ceil(size / batch)` (loaders batch within a tick, and cache by key, so two fields
 * using the same loader on the same objects cost that once); an unbatched page read costs one call per
 * connection instance, `groups * size`. Lists multiply: the edges of a connection are `first` (default
 * 20, or CONNECTION_MAX_FIRST if lower) objects per parent; `users(ids)` and `_entities(representations)` are as long as their argument.
 *
 * The estimate counts the calls of a successful run. Failures can add calls it does not count: retries,
 * and the portrait_get an existence check falls back to when follow_get_info fails as a whole.
 *
 * COSTS is the one place that knows what each field costs upstream; test/server/cost.test.ts checks the
 * estimate against the calls actually made.
 */
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  GraphQLObjectType,
  type GraphQLSchema,
  getArgumentValues,
  getNamedType,
  getOperationAST,
  isCompositeType,
  Kind,
  type SelectionSetNode,
  typeFromAST,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { DEFAULT_FIRST, defaultFirst } from '../schema/paging.js';
import { selectsFollowCount } from '../schema/user/existence.js';
import { LIMITS } from '../tencent/wire.js';
import type { GraphQLContext } from './context.js';
import { queryTooComplex } from './limits.js';

/** How many upstream calls, per `service/command`. */
export type CallEstimate = Record<string, number>;

type Load =
  /** One call per `batch` parent objects (a DataLoader with maxBatchSize = batch). */
  | { command: string; batch: number }
  /** One call per parent object (an unbatched page read), shared by the fields of one connection. */
  | { command: string; perInstance: true }
  /** A write split into chunks of `batch` ids of argument `arg` (a dotted path into the arguments). */
  | { command: string; chunksOf: string; batch: number };

interface FieldCost {
  load?: Load | readonly Load[];
  /**
   * The field checks that the users it returns exist (src/schema/user/existence.ts): with follow_get_info
   * when its selection asks for a follow count of the user (then shared with that count), else with
   * portrait_get. Charged on the returned objects.
   */
  existenceProbe?: true;
  /** Load on the objects this field returns instead of its parent's (e.g. `user(id)` checks existence). */
  loadOnResult?: boolean;
  /**
   * The objects this field returns: `same` = one per parent object, same keys (default); `one` = one per
   * parent object, other keys; `connection` = one connection per parent, whose page size is `first`;
   * `page` = the connection's page, `first` per parent; `{ listArg }` = as many as argument `listArg`;
   * `{ payloadOf }` = one mutation payload per parent, whose `results` page holds one item per id.
   */
  returns?: 'same' | 'one' | 'connection' | 'page' | { listArg: string } | { payloadOf: string };
}

const FOLLOW_GET_INFO = { command: 'follow/follow_get_info', batch: LIMITS.followGetInfoTargets } as const;
const FOLLOW_CHECK = { command: 'follow/follow_check', batch: LIMITS.followCheckTargets } as const;
const PORTRAIT_GET = { command: 'profile/portrait_get', batch: LIMITS.portraitGetAccounts } as const;
const OA_INFO = {
  command: 'official_account_open_http_svc/get_official_account_info',
  batch: LIMITS.officialAccountInfoIds,
} as const;
const FOLLOW_GET = { command: 'follow/follow_get', perInstance: true } as const;
const SUBSCRIBER_INFO = {
  command: 'official_account_open_http_svc/get_subscriber_info',
  perInstance: true,
} as const;
const SUBSCRIBED_LIST = {
  command: 'official_account_open_http_svc/get_subscribed_official_account_list',
  perInstance: true,
} as const;

const DIAGNOSIS_PORTRAIT_GET = {
  command: 'profile/portrait_get',
  chunksOf: 'input.userIds',
  batch: LIMITS.portraitGetAccounts,
} as const;

/** `Type.field` -> cost; `Type.*` applies to every other field of the type except `__typename`. */
export const COSTS: Readonly<Record<string, FieldCost>> = {
  'Query.user': { existenceProbe: true, returns: 'one' },
  'Query.users': { existenceProbe: true, returns: { listArg: 'ids' } },
  'Query.viewer': { existenceProbe: true, returns: 'one' },
  'Query.officialAccount': { load: OA_INFO, loadOnResult: true, returns: 'one' },
  // Resolving a reference is free; what the gateway selects below it is not.
  'Query._entities': { returns: { listArg: 'representations' } },

  'User.id': {},
  'User.profile': { load: PORTRAIT_GET },
  'User.viewerIsFollowing': { load: FOLLOW_CHECK },
  'User.isFollowingViewer': { load: FOLLOW_CHECK },
  'User.followers': { returns: 'connection' },
  'User.following': { returns: 'connection' },
  'User.mutuals': { returns: 'connection' },
  'User.subscribedOfficialAccounts': { returns: 'connection' },
  // Tags missing from profile data that came with follow_get are read with portrait_get.
  'UserProfile.*': { load: PORTRAIT_GET },

  'UserConnection.totalCount': { load: FOLLOW_GET_INFO },
  'UserConnection.edges': { load: FOLLOW_GET, returns: 'page' },
  'UserConnection.nodes': { load: FOLLOW_GET, returns: 'page' },
  'UserConnection.pageInfo': { load: FOLLOW_GET },
  'UserEdge.node': {},

  'SubscribedOfficialAccountConnection.totalCount': { load: SUBSCRIBED_LIST },
  'SubscribedOfficialAccountConnection.edges': { load: SUBSCRIBED_LIST, returns: 'page' },
  'SubscribedOfficialAccountConnection.nodes': { load: SUBSCRIBED_LIST, returns: 'page' },
  'SubscribedOfficialAccountConnection.pageInfo': { load: SUBSCRIBED_LIST },
  'SubscribedOfficialAccountEdge.node': {},

  'OfficialAccount.id': {},
  'OfficialAccount.owner': { load: OA_INFO, returns: 'one' },
  'OfficialAccount.subscribers': { returns: 'connection' },
  'OfficialAccount.*': { load: OA_INFO },
  'OfficialAccountSubscriberConnection.totalCount': { load: OA_INFO },
  'OfficialAccountSubscriberConnection.edges': { load: SUBSCRIBER_INFO, returns: 'page' },
  'OfficialAccountSubscriberConnection.nodes': { load: SUBSCRIBER_INFO, returns: 'page' },
  'OfficialAccountSubscriberConnection.pageInfo': { load: SUBSCRIBER_INFO },
  'OfficialAccountSubscriberEdge.node': {},

  // Writes: chunked by the documented maxima. The payload is one object whose `results` hold one item
  // per requested id (like a connection page of that many items). Subscription writes diagnose upstream
  // Result 0 afterwards (src/schema/mutations/subscribers.ts): portrait_get per 100 ids and one
  // get_official_account_info.
  'Mutation.followUsers': {
    load: { command: 'follow/follow_add', chunksOf: 'input.userIds', batch: LIMITS.followAddTargets },
    returns: { payloadOf: 'input.userIds' },
  },
  'Mutation.unfollowUsers': {
    load: { command: 'follow/follow_delete', chunksOf: 'input.userIds', batch: LIMITS.followDeleteTargets },
    returns: { payloadOf: 'input.userIds' },
  },
  'Mutation.subscribeToOfficialAccount': {
    load: [
      OA_INFO,
      {
        command: 'official_account_open_http_svc/add_subscriber',
        chunksOf: 'input.userIds',
        batch: LIMITS.addSubscriberMax,
      },
      DIAGNOSIS_PORTRAIT_GET,
    ],
    returns: { payloadOf: 'input.userIds' },
  },
  'Mutation.unsubscribeFromOfficialAccount': {
    load: [
      OA_INFO,
      {
        command: 'official_account_open_http_svc/delete_subscriber',
        chunksOf: 'input.userIds',
        batch: LIMITS.deleteSubscriberMax,
      },
      DIAGNOSIS_PORTRAIT_GET,
    ],
    returns: { payloadOf: 'input.userIds' },
  },
  'FollowUsersPayload.results': { returns: 'page' },
  'UnfollowUsersPayload.results': { returns: 'page' },
  'SubscribeToOfficialAccountPayload.results': { returns: 'page' },
  'UnsubscribeFromOfficialAccountPayload.results': { returns: 'page' },
};

function costOf(type: GraphQLObjectType, field: string): FieldCost {
  return COSTS[`${type.name}.${field}`] ?? (field === '__typename' ? {} : (COSTS[`${type.name}.*`] ?? {}));
}

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
}

function lengthAt(args: Record<string, unknown>, path: string): number {
  let value: unknown = args;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return 1;
    value = (value as Record<string, unknown>)[part];
  }
  if (Array.isArray(value)) return value.length;
  return 1; // absent (e.g. "the viewer") or a single value coerced to a list of one
}

class Estimator {
  private nextId = 1;
  private readonly charged = new Set<string>();
  readonly calls: CallEstimate = {};

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>,
    private readonly variables: Record<string, unknown>,
    /** `first` of a connection that omits it (as src/schema/paging.ts defaults it). */
    private readonly defaultFirst: number,
  ) {}

  private firstOf(args: Record<string, unknown>): number {
    const first = args.first;
    return typeof first === 'number' && Number.isFinite(first)
      ? Math.max(0, Math.floor(first))
      : this.defaultFirst;
  }

  private charge(dedupeKey: string, command: string, calls: number): void {
    if (calls <= 0 || this.charged.has(dedupeKey)) return;
    this.charged.add(dedupeKey);
    this.calls[command] = (this.calls[command] ?? 0) + calls;
  }

  private load(load: Load, on: ObjectSet, args: Record<string, unknown>, occurrence: number): void {
    if ('perInstance' in load) {
      this.charge(`${on.instance}|${load.command}`, load.command, on.groups * on.size);
    } else if ('chunksOf' in load) {
      const n = lengthAt(args, load.chunksOf);
      this.charge(
        `write${occurrence}|${load.command}`,
        load.command,
        on.groups * on.size * Math.ceil(n / load.batch),
      );
    } else {
      this.charge(`${on.keys}|${load.command}`, load.command, on.groups * Math.ceil(on.size / load.batch));
    }
  }

  private resultSet(cost: FieldCost, parent: ObjectSet, args: Record<string, unknown>): ObjectSet {
    const returns = cost.returns ?? 'same';
    const id = this.nextId++;
    if (returns === 'same') return parent;
    if (returns === 'one') return { keys: id, instance: id, groups: parent.groups, size: parent.size };
    if (returns === 'connection') return { ...parent, instance: id, first: this.firstOf(args) };
    if (returns === 'page') {
      return {
        keys: id,
        instance: id,
        groups: parent.groups * parent.size,
        size: parent.first ?? this.defaultFirst,
      };
    }
    if ('payloadOf' in returns) {
      return { ...parent, keys: id, instance: id, first: lengthAt(args, returns.payloadOf) };
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
    fragmentsSeen: ReadonlySet<string>,
  ): void {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (!(type instanceof GraphQLObjectType)) {
          // Fields on an interface or union: only __typename is selectable here, and it is free.
          continue;
        }
        const field = type.getFields()[selection.name.value] as GraphQLField<unknown, unknown> | undefined;
        if (!field) continue;
        let args: Record<string, unknown> = {};
        try {
          args = getArgumentValues(field, selection, this.variables);
        } catch {
          // Invalid arguments fail in execution; estimate with the defaults.
        }
        const cost = costOf(type, field.name);
        const occurrence = this.nextId++;
        const result = this.resultSet(cost, on, args);
        const loads: readonly Load[] =
          cost.load === undefined ? [] : Array.isArray(cost.load) ? cost.load : [cost.load as Load];
        for (const load of loads) this.load(load, cost.loadOnResult ? result : on, args, occurrence);
        if (cost.existenceProbe) {
          const counts =
            selection.selectionSet !== undefined &&
            selectsFollowCount(selection.selectionSet, (name) => this.fragments.get(name));
          this.load(counts ? FOLLOW_GET_INFO : PORTRAIT_GET, result, args, occurrence);
        }
        const named = getNamedType(field.type);
        if (selection.selectionSet && isCompositeType(named)) {
          this.selectionSet(selection.selectionSet, named, result, fragmentsSeen);
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? typeFromAST(this.schema, selection.typeCondition) : type;
        if (condition && isCompositeType(condition)) {
          this.selectionSet(selection.selectionSet, condition, on, fragmentsSeen);
        }
      } else {
        const name = selection.name.value;
        const fragment = this.fragments.get(name);
        if (!fragment || fragmentsSeen.has(name)) continue;
        const condition = typeFromAST(this.schema, fragment.typeCondition);
        if (condition && isCompositeType(condition)) {
          this.selectionSet(fragment.selectionSet, condition, on, new Set([...fragmentsSeen, name]));
        }
      }
    }
  }
}

/** Worst-case upstream calls per command of one operation; undefined if the operation is not found. */
export function estimateUpstreamCalls(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> = {},
  /** The server's CONNECTION_MAX_FIRST (the default `first` is capped by it). */
  connectionMaxFirst?: number,
): CallEstimate | undefined {
  const operation = getOperationAST(document, operationName);
  if (!operation) return undefined;
  const root = schema.getRootType(operation.operation);
  if (!root) return undefined;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const first = connectionMaxFirst === undefined ? DEFAULT_FIRST : defaultFirst(connectionMaxFirst);
  const estimator = new Estimator(schema, fragments, variables, first);
  estimator.selectionSet(
    operation.selectionSet,
    root,
    { keys: 0, instance: 0, groups: 1, size: 1 },
    new Set(),
  );
  return estimator.calls;
}

export function totalCalls(estimate: CallEstimate): number {
  return Object.values(estimate).reduce((sum, n) => sum + n, 0);
}

export interface CostPluginOptions {
  maxUpstreamCalls: number;
  /** Add the estimate to the response's extensions (dev mode). */
  exposeEstimate: boolean;
}

/** Refuses operations whose estimate exceeds the budget, with QUERY_TOO_COMPLEX; runs before execution. */
export function upstreamCostPlugin({
  maxUpstreamCalls,
  exposeEstimate,
}: CostPluginOptions): Plugin<GraphQLContext> {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const estimate = estimateUpstreamCalls(
        args.schema,
        args.document,
        args.operationName,
        (args.variableValues ?? {}) as Record<string, unknown>,
        (args.contextValue as Partial<GraphQLContext> | undefined)?.settings?.connectionMaxFirst,
      );
      if (!estimate) return;
      const total = totalCalls(estimate);
      if (total > maxUpstreamCalls) {
        setResultAndStopExecution({
          errors: [
            queryTooComplex(
              `This operation could make up to ${total} upstream calls; the budget is ${maxUpstreamCalls}. ` +
                'Ask for fewer items (smaller `first`, fewer ids) or fewer nested lists.',
              { limit: 'MAX_UPSTREAM_CALLS', estimate: total, budget: maxUpstreamCalls },
            ),
          ],
        });
        return;
      }
      if (!exposeEstimate) return;
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result) return;
          setResult({ ...result, extensions: { ...result.extensions, upstreamCallsEstimate: estimate } });
        },
      };
    },
  };
}
