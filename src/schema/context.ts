import type { DomainEvent } from '../events/events.js';
import type { EventStream } from '../events/streams.js';
import type { Loaders } from '../loaders/index.js';
import type { ChatApi } from '../tencent/api.js';
import type { PendingWork } from './pendingWork.js';

/** The authenticated caller, if any. */
export interface Viewer {
  id: string;
  roles: readonly string[];
  isAdmin: boolean;
}

/** The settings that change what an operation costs upstream (read by the cost estimate). */
export interface CostSettings {
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

/** The cost settings of a server with nothing configured (and of the router hints and unit specs). */
export const DEFAULT_COST_SETTINGS: CostSettings = {
  connectionMaxFirst: 100,
  mutationMaxIds: 1000,
  followingLists: false,
  maxUpstreamCalls: 200,
};

/**
 * No caps and no shared cache: what an estimate assumes for settings it is not given, and what router
 * hints assume (loads per object, as without a cache).
 */
export const WORST_CASE_COST_SETTINGS: CostSettings = {
  connectionMaxFirst: Number.POSITIVE_INFINITY,
  mutationMaxIds: Number.POSITIVE_INFINITY,
  followingLists: false,
  maxUpstreamCalls: Number.POSITIVE_INFINITY,
};

/** The operation's price, set by the server before execution (src/server/plugins/useUpstreamCost.ts). */
export interface OperationCost {
  /** Worst-case upstream calls per `service/command` (schema/cost/estimate.ts). */
  estimate: Record<string, number>;
  /** Priced and not executed: the operation asked `rateLimit(dryRun: true)`. */
  dryRun: boolean;
}

/** Live domain events (deduplicated), for subscriptions. */
export interface EventSource {
  /** The events matching `filter` from now on; returning the iterator stops them. */
  open(filter: (event: DomainEvent) => boolean): EventStream;
}

/** Schema knobs that come from server configuration (the schema itself is built once). */
export interface SchemaSettings extends CostSettings {
  /** Signs edge cursors (CURSOR_SIGNING_KEY, or derived from the Tencent secret key). */
  cursorKey: Uint8Array;
  /** Anyone (not only admins) may subscribe to another user's follow events and to official accounts. */
  publicEventSubscriptions: boolean;
  /** `followCounts` sends at most one message per user per this many ms. */
  countsIntervalMs: number;
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
   * Replaces `loaders` with fresh ones: a subscription does so before each event, so that the event's
   * fields read upstream as it is after the event, not as it was when the subscription began.
   */
  renewLoaders(this: GraphQLContext): void;
  events: EventSource;
  /** Takes one of the viewer's subscription slots; returns its release. Throws RATE_LIMITED when none is left. */
  holdSubscription(): () => void;
  /**
   * The resolvers of this operation still running (`rateLimit { actualCalls }` waits for them). Set
   * only for operations that select `rateLimit` (the server's useUpstreamCost), so others pay nothing.
   */
  work?: PendingWork;
  /** Set by the server before execution; absent when the schema runs without it (unit specs). */
  cost?: OperationCost;
}
