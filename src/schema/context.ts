import type { DomainEvent } from '../events/events.js';
import type { EventStream } from '../events/streams.js';
import type { Loaders } from '../loaders/index.js';
import type { ChatApi } from '../tencent/api.js';

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
  /** Anyone (not only admins) may subscribe to another user's follow events and to official accounts. */
  publicEventSubscriptions: boolean;
  /** `followCounts` sends at most one message per user per this many ms. */
  countsIntervalMs: number;
}

/** Settings of a server with nothing configured (and of the router hints and unit specs). */
export const DEFAULT_SCHEMA_SETTINGS: SchemaSettings = {
  connectionMaxFirst: 100,
  mutationMaxIds: 1000,
  followingLists: false,
  publicEventSubscriptions: false,
  countsIntervalMs: 1000,
};

/** Live domain events (deduplicated), for subscriptions. */
export interface EventSource {
  /** The events matching `filter` from now on; returning the iterator stops them. */
  open(filter: (event: DomainEvent) => boolean): EventStream;
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
}
