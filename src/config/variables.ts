/**
 * Every environment variable the product reads, in one declarative list: parser, default and the words
 * of the configuration reference (docs/configuration.md and .env.example are generated from it).
 */

import { EMULATOR_DEFAULTS, EMULATOR_SEEDS, type EmulatorSeed } from '../emulator/defaults.js';
import { HTTP_DEFAULTS } from '../server/http.js';
import { LOG_LEVELS } from '../server/observability/logger.js';
import { SAMPLERS, TRACING_DEFAULTS } from '../server/observability/tracing.js';
import { REGION_DOMAINS, type Region, TENCENT_DEFAULTS } from '../tencent/config.js';
import { isValidUserId } from '../tencent/wire.js';
import { baseUrl, bool, int, keyValues, list, listenHost, oneOf, ratio, text } from './parsers.js';
import { variable } from './variable.js';

const userId = text(
  (value) => (isValidUserId(value) ? undefined : 'must be a UserID: 1 to 32 bytes of printable ASCII'),
  'UserID (1 to 32 bytes of printable ASCII)',
);

const CUSTOM_TAG = /^Tag_Profile_Custom_[A-Za-z]{1,8}$/;

/** `scheme://host[:port]` exactly, as a browser sends it in `Origin`. */
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}

const DEV_ON = '`true` with `AUTH_MODE=dev`, else `false`';

export const V = {
  // ---------- upstream ----------
  TENCENT_SDKAPPID: variable({
    name: 'TENCENT_SDKAPPID',
    group: 'upstream',
    description: "The app's SDKAppID. **Unset: the server starts the embedded emulator** with demo data.",
    parse: int(1, 0xffffffff),
    example: '1400000000',
  }),
  TENCENT_SECRET_KEY: variable({
    name: 'TENCENT_SECRET_KEY',
    group: 'upstream',
    description: "The app's secret key, required with `TENCENT_SDKAPPID`.",
    parse: text(),
    secret: true,
  }),
  TENCENT_ADMIN_IDENTIFIER: variable({
    name: 'TENCENT_ADMIN_IDENTIFIER',
    group: 'upstream',
    description: 'The App admin account the REST calls are signed as (also `From_Account` of counts).',
    parse: text(
      (value) => (Buffer.byteLength(value) > 32 ? 'must be at most 32 bytes' : undefined),
      'at most 32 bytes',
    ),
    fallback: TENCENT_DEFAULTS.adminIdentifier,
  }),
  TENCENT_REGION: variable({
    name: 'TENCENT_REGION',
    group: 'upstream',
    description: 'Data centre of the app (each has its own API domain).',
    parse: oneOf(Object.keys(REGION_DOMAINS) as Region[]),
    fallback: 'china' as Region,
  }),
  TENCENT_API_BASE_URL: variable({
    name: 'TENCENT_API_BASE_URL',
    group: 'upstream',
    description: "Overrides the region's domain, e.g. `http://127.0.0.1:4100` for a standalone emulator.",
    parse: baseUrl,
    defaultText: "the region's domain",
  }),
  TENCENT_TIMEOUT_MS: variable({
    name: 'TENCENT_TIMEOUT_MS',
    group: 'upstream',
    description: "Timeout of one upstream attempt (above Tencent's internal 3 s).",
    parse: int(3100, 120_000),
    fallback: TENCENT_DEFAULTS.timeoutMs,
  }),
  TENCENT_CONNECTIONS: variable({
    name: 'TENCENT_CONNECTIONS',
    group: 'upstream',
    description:
      'Keep-alive connections to the upstream. The default carries 200 calls/s per command at 30 ms ' +
      'per call for every read command at once; size it to rate x latency x commands in use.',
    parse: int(1, 1024),
    fallback: TENCENT_DEFAULTS.connections,
  }),
  TENCENT_RATE_LIMIT: variable({
    name: 'TENCENT_RATE_LIMIT',
    group: 'upstream',
    description:
      'Calls per second per command for the whole app (0 = no client-side limit); Tencent allows 200. ' +
      'With `REDIS_URL`, all replicas share this one budget; without Redis (or while it is down) each ' +
      'replica takes `TENCENT_RATE_LIMIT / TENCENT_EXPECTED_REPLICAS`.',
    parse: int(0, 100_000),
    fallback: TENCENT_DEFAULTS.rateLimitPerSecond,
  }),
  TENCENT_RATE_LIMIT_MAX_WAIT_MS: variable({
    name: 'TENCENT_RATE_LIMIT_MAX_WAIT_MS',
    group: 'upstream',
    description:
      'The longest an upstream call waits for its turn under `TENCENT_RATE_LIMIT`; a call that would ' +
      'wait longer fails at once with `RATE_LIMITED` (and `retryAfterMs`).',
    parse: int(0, 60_000),
    fallback: TENCENT_DEFAULTS.rateLimitMaxWaitMs,
  }),
  TENCENT_EXPECTED_REPLICAS: variable({
    name: 'TENCENT_EXPECTED_REPLICAS',
    group: 'upstream',
    description:
      'How many replicas share the rate budget: when a replica cannot share it through Redis, it ' +
      'limits itself to its share, `TENCENT_RATE_LIMIT / TENCENT_EXPECTED_REPLICAS`.',
    parse: int(1, 10_000),
    fallback: TENCENT_DEFAULTS.expectedReplicas,
  }),
  TENCENT_MAX_RETRIES: variable({
    name: 'TENCENT_MAX_RETRIES',
    group: 'upstream',
    description: 'Retries of a failed call (reads; writes only when the answer proves nothing was applied).',
    parse: int(0, 10),
    fallback: TENCENT_DEFAULTS.maxRetries,
  }),
  TENCENT_RETRY_DEADLINE_MS: variable({
    name: 'TENCENT_RETRY_DEADLINE_MS',
    group: 'upstream',
    description:
      "Time budget of one call including retries; a retry's timeout is cut to what is left. Within a " +
      'GraphQL request, `REQUEST_DEADLINE_MS` bounds it further.',
    parse: int(0, 600_000),
    fallback: TENCENT_DEFAULTS.retryDeadlineMs,
  }),
  CIRCUIT_BREAKER_FAILURE_RATIO: variable({
    name: 'CIRCUIT_BREAKER_FAILURE_RATIO',
    group: 'upstream',
    description:
      'Share of failed upstream calls of one command within 10 s (timeouts, connection failures, 5xx, ' +
      '"retry later" codes) that opens its circuit: calls then fail at once with `UPSTREAM_UNAVAILABLE` ' +
      'until a probe succeeds. 0 = no circuit breaker.',
    parse: ratio,
    fallback: TENCENT_DEFAULTS.circuitBreaker.failureRatio,
  }),
  CIRCUIT_BREAKER_MIN_CALLS: variable({
    name: 'CIRCUIT_BREAKER_MIN_CALLS',
    group: 'upstream',
    description: 'Fewest calls of a command within 10 s before its circuit may open.',
    parse: int(1, 100_000),
    fallback: TENCENT_DEFAULTS.circuitBreaker.minCalls,
  }),
  CIRCUIT_BREAKER_OPEN_MS: variable({
    name: 'CIRCUIT_BREAKER_OPEN_MS',
    group: 'upstream',
    description:
      'How long an open circuit refuses calls before one probe may go (doubled after each failed probe, up to 8 times).',
    parse: int(100, 600_000),
    fallback: TENCENT_DEFAULTS.circuitBreaker.openMs,
  }),

  TENCENT_CALLBACKS: variable({
    name: 'TENCENT_CALLBACKS',
    group: 'upstream',
    description:
      "Accept Tencent's third-party callbacks (webhooks) at `TENCENT_CALLBACK_PATH`; they keep the cache " +
      'current and feed subscriptions. Set the same URL and token in the Tencent console (docs/callbacks.md).',
    parse: bool,
    defaultText: '`true` with the embedded emulator or when `TENCENT_CALLBACK_TOKEN` is set, else `false`',
  }),
  TENCENT_CALLBACK_PATH: variable({
    name: 'TENCENT_CALLBACK_PATH',
    group: 'upstream',
    description: 'Path of the callback intake on this server.',
    parse: text(
      (value) =>
        /^\/[A-Za-z0-9/_.-]*$/.test(value) && value !== '/graphql'
          ? undefined
          : 'must be a path such as /tencent/callback',
      'URL path',
    ),
    fallback: '/tencent/callback',
  }),
  TENCENT_CALLBACK_TOKEN: variable({
    name: 'TENCENT_CALLBACK_TOKEN',
    group: 'upstream',
    description:
      "The console's callback authentication token: callbacks must carry `Sign = hex(sha256(token + " +
      'RequestTime))` and a RequestTime within 60 s. Unset: unsigned callbacks are accepted (SdkAppid checked).',
    parse: text(),
    secret: true,
  }),

  // ---------- shared reads ----------
  CACHE: variable({
    name: 'CACHE',
    group: 'cache',
    description:
      'Cache of upstream reads: `memory` (this process), `redis` (shared by replicas, needs `REDIS_URL`) or `off`.',
    parse: oneOf(['memory', 'redis', 'off'] as const),
    fallback: 'memory' as 'memory' | 'redis' | 'off',
  }),
  REDIS_URL: variable({
    name: 'REDIS_URL',
    group: 'cache',
    description: 'Redis for state shared by replicas, e.g. `redis://127.0.0.1:6379/0` (`rediss://` for TLS).',
    parse: text(
      (value) => (/^rediss?:\/\/[^\s]+$/.test(value) ? undefined : 'must be a redis:// or rediss:// URL'),
      'redis:// or rediss:// URL',
    ),
    secret: true,
  }),
  CACHE_MAX_ENTRIES: variable({
    name: 'CACHE_MAX_ENTRIES',
    group: 'cache',
    description: 'Most values the in-memory cache holds (least recently used go first).',
    parse: int(100, 10_000_000),
    fallback: 100_000,
  }),
  CACHE_MAX_MB: variable({
    name: 'CACHE_MAX_MB',
    group: 'cache',
    description:
      'Approximate memory the in-memory cache may hold, in MiB (pages of follow lists weigh most).',
    parse: int(1, 65_536),
    fallback: 256,
  }),
  CACHE_TTL_COUNTS_S: variable({
    name: 'CACHE_TTL_COUNTS_S',
    group: 'cache',
    description:
      'How long follower / following / mutual counts are reused (seconds; callbacks and our writes ' +
      'invalidate sooner). 0 for this and the other `CACHE_TTL_*`: never cached.',
    parse: int(0, 86_400),
    fallback: 30,
  }),
  CACHE_TTL_RELATIONS_S: variable({
    name: 'CACHE_TTL_RELATIONS_S',
    group: 'cache',
    description:
      'How long a relation between two users (`viewerIsFollowing`, `isFollowingViewer`) is reused.',
    parse: int(0, 86_400),
    fallback: 30,
  }),
  CACHE_TTL_PROFILES_S: variable({
    name: 'CACHE_TTL_PROFILES_S',
    group: 'cache',
    description:
      'How long profiles are reused (no callback reports profile changes: this is their staleness bound).',
    parse: int(0, 86_400),
    fallback: 120,
  }),
  CACHE_TTL_OFFICIAL_ACCOUNTS_S: variable({
    name: 'CACHE_TTL_OFFICIAL_ACCOUNTS_S',
    group: 'cache',
    description: 'How long official-account info (name, subscriber count, ...) is reused.',
    parse: int(0, 86_400),
    fallback: 60,
  }),
  CACHE_TTL_PAGES_S: variable({
    name: 'CACHE_TTL_PAGES_S',
    group: 'cache',
    description: 'How long a page of a follow or subscriber list is reused.',
    parse: int(0, 86_400),
    fallback: 15,
  }),
  SHARED_BATCHING: variable({
    name: 'SHARED_BATCHING',
    group: 'cache',
    description:
      "Concurrent requests share upstream calls: keys in flight are not asked twice, and several requests' keys fill one batch.",
    parse: bool,
    fallback: true,
  }),
  BATCH_WINDOW_MS: variable({
    name: 'BATCH_WINDOW_MS',
    group: 'cache',
    description:
      'How long the first key of a shared batch waits for others (0: only what the current tick asks).',
    parse: int(0, 50),
    fallback: 1,
  }),

  // ---------- subscriptions ----------
  SUBSCRIPTIONS_PER_VIEWER: variable({
    name: 'SUBSCRIPTIONS_PER_VIEWER',
    group: 'subscriptions',
    description:
      'Subscriptions one viewer may run at once, over SSE and WebSocket together (anonymous callers: per client address).',
    parse: int(1, 100_000),
    fallback: 20,
  }),
  SUBSCRIPTIONS_PER_CONNECTION: variable({
    name: 'SUBSCRIPTIONS_PER_CONNECTION',
    group: 'subscriptions',
    description: 'Subscriptions one WebSocket connection may run at once.',
    parse: int(1, 10_000),
    fallback: 10,
  }),
  SUBSCRIPTION_COUNTS_INTERVAL_MS: variable({
    name: 'SUBSCRIPTION_COUNTS_INTERVAL_MS',
    group: 'subscriptions',
    description: '`followCounts` sends at most one message per user per this many ms (bursts are coalesced).',
    parse: int(0, 600_000),
    fallback: 1000,
  }),
  PUBLIC_EVENT_SUBSCRIPTIONS: variable({
    name: 'PUBLIC_EVENT_SUBSCRIPTIONS',
    group: 'subscriptions',
    description:
      "Let callers who are not admins subscribe to another user's `followEvents` and to `officialAccountEvents`.",
    parse: bool,
    fallback: false,
  }),

  // ---------- server ----------
  PORT: variable({
    name: 'PORT',
    group: 'server',
    description: 'Port to listen on (0 = any free port).',
    parse: int(0, 65_535),
    fallback: 4000,
  }),
  HOST: variable({
    name: 'HOST',
    group: 'server',
    description:
      'Address to listen on. With `AUTH_MODE=dev` it must be a loopback address (`127.x.x.x`, `::1`, ' +
      '`localhost`); see `DEV_AUTH_ALLOW_NETWORK`.',
    parse: listenHost,
    fallback: '127.0.0.1',
  }),
  REQUEST_DEADLINE_MS: variable({
    name: 'REQUEST_DEADLINE_MS',
    group: 'server',
    description:
      'Deadline of one GraphQL request from its arrival: every upstream call and retry it makes shares ' +
      'it, a limiter queue longer than the time left is refused at once (`RATE_LIMITED`), and writes ' +
      'leave its last quarter (at most 1 s) for reading the state back when an answer is lost.',
    parse: int(200, 600_000),
    fallback: 5000,
  }),
  CURSOR_SIGNING_KEY: variable({
    name: 'CURSOR_SIGNING_KEY',
    group: 'server',
    description:
      'Key that signs connection cursors (HMAC-SHA256 and AES-128), so that clients cannot make up upstream page ' +
      'tokens; at least 32 characters, the same on every replica. Changing it invalidates cursors in use.',
    parse: text(
      (value) => (value.length >= 32 ? undefined : 'must be at least 32 characters'),
      'at least 32 characters',
    ),
    secret: true,
    defaultText:
      'derived from `TENCENT_SECRET_KEY` (HKDF-SHA256); random per process with the embedded emulator',
  }),
  MAX_IN_FLIGHT_REQUESTS: variable({
    name: 'MAX_IN_FLIGHT_REQUESTS',
    group: 'server',
    description:
      'GraphQL requests worked on at once; more are refused at once, before parsing, with HTTP 503, ' +
      '`Retry-After` and `RATE_LIMITED` (0 = no limit). Raise it when upstream answers slowly: at 200 ' +
      'requests/s taking 1 s each, 200 are in flight.',
    parse: int(0, 1_000_000),
    fallback: 256,
  }),
  HTTP_HEADERS_TIMEOUT_MS: variable({
    name: 'HTTP_HEADERS_TIMEOUT_MS',
    group: 'server',
    description: "Time a client has to send a request's headers before the connection is closed.",
    parse: int(1000, 600_000),
    fallback: HTTP_DEFAULTS.headersTimeoutMs,
  }),
  HTTP_REQUEST_TIMEOUT_MS: variable({
    name: 'HTTP_REQUEST_TIMEOUT_MS',
    group: 'server',
    description:
      'Time a client has to send a whole request, body included (a client trickling its body is cut off ' +
      'with 408). Responses are bounded by `REQUEST_DEADLINE_MS` instead.',
    parse: int(1000, 600_000),
    fallback: HTTP_DEFAULTS.requestTimeoutMs,
  }),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: variable({
    name: 'HTTP_KEEP_ALIVE_TIMEOUT_MS',
    group: 'server',
    description:
      'How long an idle keep-alive connection stays open (behind a load balancer: longer than its idle timeout).',
    parse: int(100, 600_000),
    fallback: HTTP_DEFAULTS.keepAliveTimeoutMs,
  }),
  CORS_ORIGINS: variable({
    name: 'CORS_ORIGINS',
    group: 'server',
    description:
      'Web origins (e.g. `https://app.example.com`, comma-separated) whose pages may call this server ' +
      'from a browser. Others, and any origin when unset, get no CORS headers: only same-origin pages ' +
      '(GraphiQL) and non-browser clients can call. The dev identity headers are allowed cross-origin ' +
      'only in dev mode.',
    parse: list(
      text(
        (value) => (isOrigin(value) ? undefined : 'must be origins such as https://app.example.com'),
        'origin',
      ),
    ),
    fallback: [] as string[],
  }),
  CONNECTION_MAX_FIRST: variable({
    name: 'CONNECTION_MAX_FIRST',
    group: 'server',
    description: 'Largest `first` a connection accepts.',
    parse: int(1, 1000),
    fallback: 100,
  }),
  MUTATION_MAX_IDS: variable({
    name: 'MUTATION_MAX_IDS',
    group: 'server',
    description: 'Most ids one mutation accepts (`BAD_USER_INPUT` above).',
    parse: int(1, 10_000),
    fallback: 1000,
  }),
  PROFILE_CUSTOM_TAGS: variable({
    name: 'PROFILE_CUSTOM_TAGS',
    group: 'server',
    description:
      'Custom profile tags read into `profile.customTags`, comma-separated (`Tag_Profile_Custom_` plus 1-8 letters).',
    parse: list(
      text(
        (tag) => (CUSTOM_TAG.test(tag) ? undefined : 'each tag is Tag_Profile_Custom_ plus 1-8 letters'),
        '`Tag_Profile_Custom_<1-8 letters>`',
      ),
    ),
    fallback: ['Tag_Profile_Custom_City'],
  }),
  FEDERATION_VERSION: variable({
    name: 'FEDERATION_VERSION',
    group: 'server',
    description:
      "Apollo Federation 2 version in the subgraph's `@link` (2.0 to 2.9). From 2.9 the SDL carries " +
      '`@cost` / `@listSize` for routers that do demand control.',
    parse: text(
      (value) => (/^2\.\d$/.test(value) ? undefined : 'must be 2.0 to 2.9, e.g. 2.6'),
      '2.0 to 2.9',
    ),
    fallback: '2.6',
  }),
  PERSISTED_DOCUMENTS: variable({
    name: 'PERSISTED_DOCUMENTS',
    group: 'server',
    description:
      'Path of a trusted documents manifest: `{"<id>": "<document>"}` (the codegen client preset\'s ' +
      '`persisted-documents.json`) or an Apollo persisted query manifest. Clients send the id ' +
      '(`documentId`, or `extensions.persistedQuery.sha256Hash`) instead of the query.',
    parse: text(),
    defaultText: 'none',
    example: 'persisted-documents.json',
  }),
  ALLOW_ARBITRARY_OPERATIONS: variable({
    name: 'ALLOW_ARBITRARY_OPERATIONS',
    group: 'server',
    description:
      'Run operations sent as query text (and register automatic persisted queries). Set `false` for ' +
      'production frontends: only the documents of `PERSISTED_DOCUMENTS` run. Routers send query text.',
    parse: bool,
    defaultText: '`false` when `PERSISTED_DOCUMENTS` is set outside `AUTH_MODE=dev`, else `true`',
  }),
  GRAPHIQL: variable({
    name: 'GRAPHIQL',
    group: 'server',
    description: 'Serve GraphiQL at `/graphql` to browsers.',
    parse: bool,
    defaultText: DEV_ON,
  }),
  INTROSPECTION: variable({
    name: 'INTROSPECTION',
    group: 'server',
    description: 'Allow `__schema` / `__type` (and anonymous `_service`).',
    parse: bool,
    defaultText: DEV_ON,
  }),
  EXPOSE_UPSTREAM_CALLS: variable({
    name: 'EXPOSE_UPSTREAM_CALLS',
    group: 'server',
    description: 'Add `extensions.upstreamCalls` and `extensions.upstreamCallsEstimate` to responses.',
    parse: bool,
    defaultText: DEV_ON,
  }),
  EXPOSE_COST: variable({
    name: 'EXPOSE_COST',
    group: 'server',
    description:
      "Add `extensions.cost` to every response: the operation's estimated and actual upstream calls, `MAX_UPSTREAM_CALLS`, and per command what is left of the rate limit (as `Query.rateLimit` reports it).",
    parse: bool,
    defaultText: DEV_ON,
  }),
  BLOCK_FIELD_SUGGESTIONS: variable({
    name: 'BLOCK_FIELD_SUGGESTIONS',
    group: 'server',
    description: 'Hide "Did you mean ...?" suggestions in validation errors.',
    parse: bool,
    defaultText: '`false` with `AUTH_MODE=dev`, else `true`',
  }),

  // ---------- auth ----------
  AUTH_MODE: variable({
    name: 'AUTH_MODE',
    group: 'auth',
    description:
      '`dev` (trust `x-user-id` / `x-user-roles`; loopback upstream and `HOST` only), `jwt` or `gateway`.',
    parse: oneOf(['dev', 'jwt', 'gateway'] as const),
    defaultText: '`dev` with the embedded emulator; required otherwise',
    example: 'dev',
  }),
  ALLOW_ANONYMOUS: variable({
    name: 'ALLOW_ANONYMOUS',
    group: 'auth',
    description: 'Whether anonymous callers may read data (including through `_entities`).',
    parse: bool,
    defaultText: DEV_ON,
  }),
  DEV_AUTH_ALLOW_NETWORK: variable({
    name: 'DEV_AUTH_ALLOW_NETWORK',
    group: 'auth',
    description:
      '`true` lets `AUTH_MODE=dev` listen on a non-loopback `HOST`, with the embedded emulator only ' +
      '(demo data). Anyone who can reach the server can then act as any user.',
    parse: bool,
    fallback: false,
  }),
  JWT_SECRET: variable({
    name: 'JWT_SECRET',
    group: 'auth',
    description: 'HS256 shared secret (at least 32 characters). Set this or `JWT_JWKS_URL`, not both.',
    parse: text(),
    secret: true,
  }),
  JWT_JWKS_URL: variable({
    name: 'JWT_JWKS_URL',
    group: 'auth',
    description: 'JWKS URL for asymmetric tokens: https, or http on loopback only.',
    parse: text(),
  }),
  JWT_ISSUER: variable({
    name: 'JWT_ISSUER',
    group: 'auth',
    description: 'Required `iss` of tokens.',
    parse: text(),
    defaultText: 'unchecked',
  }),
  JWT_AUDIENCE: variable({
    name: 'JWT_AUDIENCE',
    group: 'auth',
    description: 'Required `aud` of tokens.',
    parse: text(),
    defaultText: 'unchecked',
  }),
  JWT_CLOCK_SKEW_SECONDS: variable({
    name: 'JWT_CLOCK_SKEW_SECONDS',
    group: 'auth',
    description: 'Tolerance for `exp` / `nbf`.',
    parse: int(0, 300),
    fallback: 30,
  }),
  JWT_MAX_LIFETIME_SECONDS: variable({
    name: 'JWT_MAX_LIFETIME_SECONDS',
    group: 'auth',
    description:
      'Longest lifetime a token may have: its `exp` at most this far in the future (and from its `iat`, ' +
      'when present). A token valid for years is refused as if expired.',
    parse: int(60, 31_536_000),
    fallback: 86_400,
  }),
  JWT_ROLES_CLAIM: variable({
    name: 'JWT_ROLES_CLAIM',
    group: 'auth',
    description:
      'Claim holding the roles: an array or a space/comma string; dotted names reach nested claims.',
    parse: text(),
    fallback: 'roles',
  }),
  JWT_ADMIN_ROLE: variable({
    name: 'JWT_ADMIN_ROLE',
    group: 'auth',
    description:
      'Role that makes a JWT viewer an admin (in dev and gateway modes `x-user-roles` uses `admin`).',
    parse: text(),
    fallback: 'admin',
  }),
  GATEWAY_SECRET: variable({
    name: 'GATEWAY_SECRET',
    group: 'auth',
    description:
      'Required with `AUTH_MODE=gateway` (at least 16 characters); compared with `x-gateway-secret`.',
    parse: text(),
    secret: true,
  }),

  // ---------- limits ----------
  MAX_DEPTH: variable({
    name: 'MAX_DEPTH',
    group: 'limits',
    description: 'Maximum selection depth (fragments flattened).',
    parse: int(1, 100),
    fallback: 12,
  }),
  MAX_ALIASES: variable({
    name: 'MAX_ALIASES',
    group: 'limits',
    description: 'Maximum aliases per operation.',
    parse: int(0, 1000),
    fallback: 30,
  }),
  MAX_TOKENS: variable({
    name: 'MAX_TOKENS',
    group: 'limits',
    description: 'Maximum lexical tokens per document.',
    parse: int(10, 100_000),
    fallback: 2000,
  }),
  MAX_DIRECTIVES: variable({
    name: 'MAX_DIRECTIVES',
    group: 'limits',
    description: 'Maximum directives per operation.',
    parse: int(0, 1000),
    fallback: 50,
  }),
  MAX_EXPANDED_FIELDS: variable({
    name: 'MAX_EXPANDED_FIELDS',
    group: 'limits',
    description:
      'Maximum field selections a document may expand to once every fragment spread is replaced by its ' +
      'fragment; checked right after parsing, before validation (stops "fragment bombs").',
    parse: int(10, 100_000),
    fallback: 2000,
  }),
  MAX_UPSTREAM_CALLS: variable({
    name: 'MAX_UPSTREAM_CALLS',
    group: 'limits',
    description: 'Budget for the worst-case upstream calls of one operation (`QUERY_TOO_COMPLEX` above).',
    parse: int(1, 100_000),
    fallback: 200,
  }),
  REQUEST_BODY_LIMIT: variable({
    name: 'REQUEST_BODY_LIMIT',
    group: 'limits',
    description: 'Largest request body in bytes (HTTP 413 above).',
    parse: int(1024, 100_000_000),
    fallback: 100_000,
  }),

  // ---------- operations ----------
  LOG_LEVEL: variable({
    name: 'LOG_LEVEL',
    group: 'operations',
    description: `Log level: ${LOG_LEVELS.map((l) => `\`${l}\``).join(', ')}.`,
    parse: (raw, name) => oneOf(LOG_LEVELS)(raw.toLowerCase(), name),
    fallback: 'info' as (typeof LOG_LEVELS)[number],
  }),
  METRICS_PORT: variable({
    name: 'METRICS_PORT',
    group: 'operations',
    description:
      'Serve `/metrics` on this port (on `HOST`) instead of the public one, for a scraper on a private ' +
      'network; `/metrics` on the public port then answers 404.',
    parse: int(1, 65_535),
  }),
  METRICS_TOKEN: variable({
    name: 'METRICS_TOKEN',
    group: 'operations',
    description:
      '`/metrics` answers only requests with `Authorization: Bearer <token>` (at least 16 characters). ' +
      'Without it or `METRICS_PORT`, `/metrics` is open in dev mode and not served in jwt / gateway mode.',
    parse: text(
      (value) => (value.length >= 16 ? undefined : 'must be at least 16 characters'),
      'at least 16 characters',
    ),
    secret: true,
  }),
  METRICS_OPERATION_NAMES: variable({
    name: 'METRICS_OPERATION_NAMES',
    group: 'operations',
    description:
      'Operation names counted under their own name in the request metrics (comma-separated), besides ' +
      "the trusted documents' names; others count as `other`. With neither, dev mode learns the first 200 " +
      'names it sees and other modes count every operation as `other` (callers choose names: a learned set ' +
      'could be filled by anyone).',
    parse: list(
      text(
        (value) =>
          /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(value) ? undefined : 'must be GraphQL operation names',
        'operation name',
      ),
    ),
    fallback: [] as string[],
  }),
  READY_CACHE_MS: variable({
    name: 'READY_CACHE_MS',
    group: 'operations',
    description: 'How long a `/ready` answer is reused.',
    parse: int(0, 600_000),
    fallback: 5000,
  }),
  SHUTDOWN_TIMEOUT_MS: variable({
    name: 'SHUTDOWN_TIMEOUT_MS',
    group: 'operations',
    description: 'Hard deadline for a graceful shutdown (requests still running then are cut, exit 1).',
    parse: int(100, 600_000),
    fallback: 10_000,
  }),

  // ---------- tracing (OpenTelemetry's standard variables) ----------
  OTEL_SDK_DISABLED: variable({
    name: 'OTEL_SDK_DISABLED',
    group: 'tracing',
    description: '`true` turns tracing off whatever the other variables say.',
    parse: bool,
    fallback: false,
  }),
  OTEL_TRACES_EXPORTER: variable({
    name: 'OTEL_TRACES_EXPORTER',
    group: 'tracing',
    description:
      '`otlp` (OTLP over HTTP/protobuf), `console` (spans on stdout) or `none`. Tracing is off unless ' +
      'this is set (unlike the SDK default, `otlp`).',
    parse: oneOf(['otlp', 'console', 'none'] as const),
    fallback: 'none' as 'otlp' | 'console' | 'none',
    example: 'otlp',
  }),
  OTEL_SERVICE_NAME: variable({
    name: 'OTEL_SERVICE_NAME',
    group: 'tracing',
    description: '`service.name` of the spans.',
    parse: text(),
    fallback: TRACING_DEFAULTS.serviceName as string,
  }),
  OTEL_RESOURCE_ATTRIBUTES: variable({
    name: 'OTEL_RESOURCE_ATTRIBUTES',
    group: 'tracing',
    description:
      'More resource attributes, `key=value` pairs separated by commas (e.g. `deployment.environment.name=prod`).',
    parse: keyValues,
    fallback: {} as Record<string, string>,
    defaultText: 'none',
    example: 'deployment.environment.name=dev',
  }),
  OTEL_EXPORTER_OTLP_ENDPOINT: variable({
    name: 'OTEL_EXPORTER_OTLP_ENDPOINT',
    group: 'tracing',
    description: 'Base URL of the OTLP/HTTP receiver; traces go to `<endpoint>/v1/traces`.',
    parse: baseUrl,
    fallback: TRACING_DEFAULTS.otlpEndpoint as string,
  }),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: variable({
    name: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
    group: 'tracing',
    description: 'Full URL for traces; wins over `OTEL_EXPORTER_OTLP_ENDPOINT`.',
    parse: baseUrl,
    defaultText: '`<OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces`',
  }),
  OTEL_EXPORTER_OTLP_HEADERS: variable({
    name: 'OTEL_EXPORTER_OTLP_HEADERS',
    group: 'tracing',
    description: 'Headers for the OTLP receiver (e.g. an API key), `key=value` pairs separated by commas.',
    parse: keyValues,
    secret: true,
  }),
  OTEL_EXPORTER_OTLP_TRACES_HEADERS: variable({
    name: 'OTEL_EXPORTER_OTLP_TRACES_HEADERS',
    group: 'tracing',
    description: 'Headers for traces only; added to (and winning over) `OTEL_EXPORTER_OTLP_HEADERS`.',
    parse: keyValues,
    secret: true,
  }),
  OTEL_EXPORTER_OTLP_PROTOCOL: variable({
    name: 'OTEL_EXPORTER_OTLP_PROTOCOL',
    group: 'tracing',
    description: 'Only `http/protobuf` is supported (start-up fails on `grpc` or `http/json`).',
    parse: oneOf(['http/protobuf'] as const),
    fallback: 'http/protobuf' as const,
  }),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: variable({
    name: 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL',
    group: 'tracing',
    description: 'As `OTEL_EXPORTER_OTLP_PROTOCOL`, for traces.',
    parse: oneOf(['http/protobuf'] as const),
    fallback: 'http/protobuf' as const,
  }),
  OTEL_TRACES_SAMPLER: variable({
    name: 'OTEL_TRACES_SAMPLER',
    group: 'tracing',
    description: "Which traces are recorded; the `parentbased_*` samplers follow the caller's decision.",
    parse: oneOf(SAMPLERS),
    fallback: TRACING_DEFAULTS.sampler,
  }),
  OTEL_TRACES_SAMPLER_ARG: variable({
    name: 'OTEL_TRACES_SAMPLER_ARG',
    group: 'tracing',
    description: 'The ratio of the `traceidratio` samplers.',
    parse: ratio,
    fallback: 1,
  }),

  // ---------- emulator ----------
  EMULATOR_PORT: variable({
    name: 'EMULATOR_PORT',
    group: 'emulator',
    description: 'Port of the standalone emulator.',
    parse: int(0, 65_535),
    fallback: EMULATOR_DEFAULTS.port as number,
  }),
  EMULATOR_HOST: variable({
    name: 'EMULATOR_HOST',
    group: 'emulator',
    description: 'Address of the standalone emulator.',
    parse: listenHost,
    fallback: EMULATOR_DEFAULTS.host as string,
  }),
  EMULATOR_SDKAPPID: variable({
    name: 'EMULATOR_SDKAPPID',
    group: 'emulator',
    description: 'The SDKAppID it accepts.',
    parse: int(1, 0xffffffff),
    fallback: EMULATOR_DEFAULTS.sdkAppId as number,
  }),
  EMULATOR_SECRET_KEY: variable({
    name: 'EMULATOR_SECRET_KEY',
    group: 'emulator',
    description: 'The key UserSigs must be signed with (printed at start when random).',
    parse: text(),
    secret: true,
    defaultText: 'random',
  }),
  EMULATOR_ADMIN: variable({
    name: 'EMULATOR_ADMIN',
    group: 'emulator',
    description: 'The admin identifier it accepts.',
    parse: userId,
    fallback: EMULATOR_DEFAULTS.admin as string,
  }),
  EMULATOR_SEED: variable({
    name: 'EMULATOR_SEED',
    group: 'emulator',
    description:
      '`demo` (300 users, follows, two official accounts), `feed` (2,000 users, Zipf-distributed follows, for load tests), `crowd` (an account with 10,000 followers, viewers following 0, 250 and 5,000 users) or `none`.',
    parse: oneOf(EMULATOR_SEEDS),
    fallback: 'demo' as EmulatorSeed,
  }),
  EMULATOR_CALLBACK_URL: variable({
    name: 'EMULATOR_CALLBACK_URL',
    group: 'emulator',
    description:
      "Where the emulator sends Tencent's callbacks after every successful write (like the console's callback URL).",
    parse: baseUrl,
    defaultText: 'none (no callbacks)',
  }),
  EMULATOR_CALLBACK_TOKEN: variable({
    name: 'EMULATOR_CALLBACK_TOKEN',
    group: 'emulator',
    description: 'Token the emulator signs its callbacks with (`Sign`, `RequestTime`).',
    parse: text(),
    secret: true,
  }),
  EMULATOR_RATE_LIMIT: variable({
    name: 'EMULATOR_RATE_LIMIT',
    group: 'emulator',
    description: 'Calls per second per command before it answers 60007 (0 = off).',
    parse: int(0, 1_000_000),
    fallback: EMULATOR_DEFAULTS.rateLimitPerSecond as number,
  }),
  EMULATOR_LATENCY_MS: variable({
    name: 'EMULATOR_LATENCY_MS',
    group: 'emulator',
    description:
      "Milliseconds added to every REST call, like a real upstream's round trip (also settable at run " +
      'time: `POST /__emulator/latency`).',
    parse: int(0, 60_000),
    fallback: EMULATOR_DEFAULTS.latencyMs as number,
  }),
} as const;

export const VARIABLES = Object.values(V);
