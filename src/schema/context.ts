import type { Loaders } from '../loaders/index.js';
import type { ChatApi } from '../tencent/api.js';
import type { PendingWork } from './pendingWork.js';

/** The authenticated caller, if any. */
export interface Viewer {
  id: string;
  roles: readonly string[];
  isAdmin: boolean;
}

/** Schema knobs that come from server configuration (the schema itself is built once). */
export interface SchemaSettings {
  /** Largest `first` a connection accepts. */
  connectionMaxFirst: number;
  /** Most ids one mutation accepts (MUTATION_MAX_IDS). */
  mutationMaxIds: number;
  /**
   * `viewerIsFollowing` is answered from the viewer's whole following list, which the shared cache
   * keeps for the viewer's next requests (on with a cache; off: follow_check, 100 users per call).
   */
  followingLists: boolean;
  /** Budget of one operation's worst-case upstream calls (MAX_UPSTREAM_CALLS). */
  maxUpstreamCalls: number;
}

/** The operation's price, set by the server before execution (src/server/plugins/useUpstreamCost.ts). */
export interface OperationCost {
  /** Worst-case upstream calls per `service/command` (schema/cost/estimate.ts). */
  estimate: Record<string, number>;
  /** Priced and not executed: the operation asked `rateLimit(dryRun: true)`. */
  dryRun: boolean;
}

/** What every resolver gets. Built per request by the server (src/server/context.ts). */
export interface GraphQLContext {
  viewer: Viewer | null;
  /** Fresh per request. */
  loaders: Loaders;
  /** The request's view of the upstream client (call counts are recorded through it). */
  api: ChatApi;
  settings: SchemaSettings;
  /** Upstream calls made for this request, per `service/command`. */
  upstreamCalls: Record<string, number>;
  /**
   * The resolvers of this operation still running (`rateLimit { actualCalls }` waits for them). Set
   * only for operations that select `rateLimit` (the server's useUpstreamCost), so others pay nothing.
   */
  work?: PendingWork;
  /** Set by the server before execution; absent when the schema runs without it (unit specs). */
  cost?: OperationCost;
}
