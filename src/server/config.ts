/** The GraphQL server's settings (read from the environment by src/config). */
import type { AuthConfig } from './auth/index.js';
import type { HttpSettings } from './http.js';

export interface MetricsSettings {
  /** A separate port for `/metrics` (METRICS_PORT): then the public port does not serve it. */
  port: number | undefined;
  /** A bearer token `/metrics` requires (METRICS_TOKEN). */
  token: string | undefined;
  /** Operation names that are labels besides the trusted documents' (METRICS_OPERATION_NAMES). */
  operationNames: readonly string[];
}

import type { LogLevel } from './observability/logger.js';
import type { TracingConfig } from './observability/tracing.js';
import type { PersistedDocumentsConfig } from './plugins/usePersistedDocuments.js';
import type { LimitsConfig } from './plugins/useQueryLimits.js';
import type { CallbackSettings } from './plugins/useTencentCallbacks.js';

export interface SubscriptionSettings {
  perViewer: number;
  perConnection: number;
  countsIntervalMs: number;
  /** Non-admins may subscribe to others' follow events and to official accounts. */
  publicEvents: boolean;
}

export interface ServerConfig {
  port: number;
  host: string;
  auth: AuthConfig;
  /** Deadline of one GraphQL request, shared by its upstream calls (REQUEST_DEADLINE_MS). */
  requestDeadlineMs: number;
  /** GraphQL requests worked on at once; more are refused at once (MAX_IN_FLIGHT_REQUESTS; 0 = no limit). */
  maxInFlightRequests: number;
  /** Signs connection cursors (CURSOR_SIGNING_KEY, or derived from the Tencent secret key). */
  cursorKey: Uint8Array;
  /** Timeouts of the node:http server (http.ts). */
  http: HttpSettings;
  /** Web origins allowed to call from a browser (CORS_ORIGINS); none: same-origin only. */
  corsOrigins: readonly string[];
  /** Largest `first` a connection accepts (default 100, at most 1000). */
  connectionMaxFirst: number;
  /** Most ids one mutation accepts (default 1000). */
  mutationMaxIds: number;
  /** Federation spec version the subgraph links (default 2.6). */
  federationVersion: string;
  /** Custom profile tags read with every portrait_get. */
  profileCustomTags: string[];
  /** Trusted documents (PERSISTED_DOCUMENTS) and whether query text runs (ALLOW_ARBITRARY_OPERATIONS). */
  persistedDocuments: PersistedDocumentsConfig;
  /** GraphiQL at /graphql in a browser (on in dev mode). */
  graphiql: boolean;
  /** `__schema` / `__type` queries allowed (on in dev mode). */
  introspection: boolean;
  /** Per-request upstream call counts in the response `extensions.upstreamCalls` (dev mode). */
  exposeUpstreamCalls: boolean;
  /** `extensions.cost` (estimated and actual calls, budget, rate limit left) on every response. */
  exposeCost: boolean;
  /** Hide "Did you mean ...?" field suggestions in validation errors (off in dev mode). */
  blockFieldSuggestions: boolean;
  limits: LimitsConfig;
  logLevel: LogLevel;
  /** OpenTelemetry (the standard OTEL_* variables); off unless OTEL_TRACES_EXPORTER is set. */
  tracing: TracingConfig;
  /** Who may read `/metrics`, where, and which operation names are labels. */
  metrics: MetricsSettings;
  /** How long a /ready answer is reused. */
  readyCacheMs: number;
  /** Hard deadline for a graceful shutdown. */
  shutdownTimeoutMs: number;
  /** Tencent's third-party callbacks (the intake's path and token). */
  callbacks: CallbackSettings;
  subscriptions: SubscriptionSettings;
}
