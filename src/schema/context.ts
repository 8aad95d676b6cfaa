import type { Loaders } from '../loaders/index.js';
import type { ChatApi } from '../tencent/api.js';

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
}

/** Schema knobs that come from server configuration (the schema itself is built once). */
export interface SchemaSettings extends CostSettings {
  /** Signs edge cursors (CURSOR_SIGNING_KEY, or derived from the Tencent secret key). */
  cursorKey: Uint8Array;
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
}
