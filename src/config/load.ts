/**
 * The one adapter from the environment to typed settings. Entry points call it once; everything else
 * receives the settings it needs. Invalid values throw a ConfigError naming the variable.
 */
import { hkdfSync, randomBytes } from 'node:crypto';
import type { EmulatorOptions, EmulatorSeed } from '../emulator/index.js';
import type { ServerConfig } from '../server/config.js';
import type { TracingConfig } from '../server/observability/tracing.js';
import type { PersistedDocumentsConfig } from '../server/plugins/usePersistedDocuments.js';
import type { CallbackSettings } from '../server/plugins/useTencentCallbacks.js';
import type { SharedReadsSettings } from '../sharedReads/settings.js';
import {
  type ClientTuning,
  REGION_DOMAINS,
  TENCENT_DEFAULTS,
  type TencentCredentials,
} from '../tencent/config.js';
import { type AuthUpstream, checkDevAuthListen, readAuthConfig } from './auth.js';
import { ConfigError } from './errors.js';
import { isLoopbackHost } from './loopback.js';
import { readPersistedDocuments } from './persistedDocuments.js';
import { type Env, read } from './variable.js';
import { V } from './variables.js';

/** Where the server's upstream is. */
export type UpstreamSettings =
  /** TENCENT_SDKAPPID set: a real app (or a standalone emulator at TENCENT_API_BASE_URL). */
  | { kind: 'tencent'; credentials: TencentCredentials }
  /** No TENCENT_SDKAPPID: the server starts its own emulator, seeded with demo data. */
  | { kind: 'embedded' };

export interface AppConfig {
  server: ServerConfig;
  upstream: UpstreamSettings;
  /** How the client calls whichever upstream it has. */
  client: ClientTuning;
  sharedReads: SharedReadsSettings;
  /** Redis for state shared by replicas (the cache with CACHE=redis). */
  redisUrl: string | undefined;
}

function readCredentials(env: Env): TencentCredentials | undefined {
  const sdkAppId = read(env, V.TENCENT_SDKAPPID);
  if (sdkAppId === undefined) return undefined;
  const secretKey = read(env, V.TENCENT_SECRET_KEY);
  if (secretKey === undefined) {
    throw new ConfigError('TENCENT_SECRET_KEY', 'is required when TENCENT_SDKAPPID is set');
  }
  const region = read(env, V.TENCENT_REGION);
  return {
    sdkAppId,
    secretKey,
    adminIdentifier: read(env, V.TENCENT_ADMIN_IDENTIFIER),
    // The override wins, but a bad region is refused even then.
    baseUrl: read(env, V.TENCENT_API_BASE_URL) ?? `https://${REGION_DOMAINS[region]}`,
  };
}

function readClientTuning(env: Env): ClientTuning {
  return {
    timeoutMs: read(env, V.TENCENT_TIMEOUT_MS),
    connections: read(env, V.TENCENT_CONNECTIONS),
    rateLimitPerSecond: read(env, V.TENCENT_RATE_LIMIT),
    expectedReplicas: read(env, V.TENCENT_EXPECTED_REPLICAS),
    rateLimitMaxWaitMs: read(env, V.TENCENT_RATE_LIMIT_MAX_WAIT_MS),
    retryDeadlineMs: read(env, V.TENCENT_RETRY_DEADLINE_MS),
    maxRetries: read(env, V.TENCENT_MAX_RETRIES),
    circuitBreaker: {
      ...TENCENT_DEFAULTS.circuitBreaker,
      failureRatio: read(env, V.CIRCUIT_BREAKER_FAILURE_RATIO),
      minCalls: read(env, V.CIRCUIT_BREAKER_MIN_CALLS),
      openMs: read(env, V.CIRCUIT_BREAKER_OPEN_MS),
    },
    userSigExpireSeconds: TENCENT_DEFAULTS.userSigExpireSeconds,
  };
}

function readPersistedDocumentsConfig(env: Env, dev: boolean): PersistedDocumentsConfig {
  const path = read(env, V.PERSISTED_DOCUMENTS);
  const documents = path === undefined ? new Map<string, string>() : readPersistedDocuments(path);
  const allowArbitraryOperations = read(env, V.ALLOW_ARBITRARY_OPERATIONS) ?? (dev || path === undefined);
  if (!allowArbitraryOperations && path === undefined) {
    throw new ConfigError(
      'ALLOW_ARBITRARY_OPERATIONS',
      'false needs PERSISTED_DOCUMENTS (otherwise no operation could run)',
    );
  }
  return { documents, allowArbitraryOperations };
}

function readTracing(env: Env): TracingConfig {
  const tracesEndpoint = read(env, V.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
  read(env, V.OTEL_EXPORTER_OTLP_PROTOCOL); // only http/protobuf: anything else stops start-up
  read(env, V.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL);
  return {
    exporter: read(env, V.OTEL_SDK_DISABLED) ? 'none' : read(env, V.OTEL_TRACES_EXPORTER),
    serviceName: read(env, V.OTEL_SERVICE_NAME),
    resourceAttributes: read(env, V.OTEL_RESOURCE_ATTRIBUTES),
    otlp: {
      url: tracesEndpoint ?? `${read(env, V.OTEL_EXPORTER_OTLP_ENDPOINT)}/v1/traces`,
      headers: {
        ...read(env, V.OTEL_EXPORTER_OTLP_HEADERS),
        ...read(env, V.OTEL_EXPORTER_OTLP_TRACES_HEADERS),
      },
    },
    sampler: read(env, V.OTEL_TRACES_SAMPLER),
    samplerRatio: read(env, V.OTEL_TRACES_SAMPLER_ARG),
  };
}

function readSharedReads(env: Env): SharedReadsSettings {
  const second = 1000;
  return {
    cache: read(env, V.CACHE),
    maxEntries: read(env, V.CACHE_MAX_ENTRIES),
    maxBytes: read(env, V.CACHE_MAX_MB) * 1024 * 1024,
    ttl: {
      counts: read(env, V.CACHE_TTL_COUNTS_S) * second,
      relations: read(env, V.CACHE_TTL_RELATIONS_S) * second,
      profiles: read(env, V.CACHE_TTL_PROFILES_S) * second,
      officialAccounts: read(env, V.CACHE_TTL_OFFICIAL_ACCOUNTS_S) * second,
      pages: read(env, V.CACHE_TTL_PAGES_S) * second,
    },
    batching: read(env, V.SHARED_BATCHING),
    windowMs: read(env, V.BATCH_WINDOW_MS),
  };
}

function readCallbacks(env: Env, upstream: AuthUpstream): CallbackSettings {
  const token = read(env, V.TENCENT_CALLBACK_TOKEN);
  return {
    enabled: read(env, V.TENCENT_CALLBACKS) ?? (upstream.embedded || token !== undefined),
    path: read(env, V.TENCENT_CALLBACK_PATH),
    token,
  };
}

/**
 * The key that signs connection cursors: CURSOR_SIGNING_KEY; else derived from the app's secret key
 * (every replica of one app derives the same, and cursors survive restarts); else, with the embedded
 * emulator, random.
 */
function readCursorKey(env: Env, credentials: TencentCredentials | undefined): Uint8Array {
  const explicit = read(env, V.CURSOR_SIGNING_KEY);
  if (explicit !== undefined) return new Uint8Array(Buffer.from(explicit, 'utf8'));
  if (credentials) {
    return new Uint8Array(
      hkdfSync('sha256', credentials.secretKey, 'chat-follow-graphql', 'edge cursors v1', 32),
    );
  }
  return new Uint8Array(randomBytes(32));
}

function readServer(env: Env, upstream: AuthUpstream, credentials?: TencentCredentials): ServerConfig {
  const auth = readAuthConfig(env, upstream);
  const host = read(env, V.HOST);
  checkDevAuthListen(env, auth.mode, host, upstream);
  const dev = auth.mode === 'dev';
  return {
    port: read(env, V.PORT),
    host,
    auth,
    requestDeadlineMs: read(env, V.REQUEST_DEADLINE_MS),
    maxInFlightRequests: read(env, V.MAX_IN_FLIGHT_REQUESTS),
    cursorKey: readCursorKey(env, credentials),
    http: {
      headersTimeoutMs: read(env, V.HTTP_HEADERS_TIMEOUT_MS),
      requestTimeoutMs: read(env, V.HTTP_REQUEST_TIMEOUT_MS),
      keepAliveTimeoutMs: read(env, V.HTTP_KEEP_ALIVE_TIMEOUT_MS),
    },
    corsOrigins: read(env, V.CORS_ORIGINS),
    connectionMaxFirst: read(env, V.CONNECTION_MAX_FIRST),
    mutationMaxIds: read(env, V.MUTATION_MAX_IDS),
    federationVersion: read(env, V.FEDERATION_VERSION),
    profileCustomTags: read(env, V.PROFILE_CUSTOM_TAGS),
    persistedDocuments: readPersistedDocumentsConfig(env, dev),
    graphiql: read(env, V.GRAPHIQL) ?? dev,
    introspection: read(env, V.INTROSPECTION) ?? dev,
    exposeUpstreamCalls: read(env, V.EXPOSE_UPSTREAM_CALLS) ?? dev,
    exposeCost: read(env, V.EXPOSE_COST) ?? dev,
    blockFieldSuggestions: read(env, V.BLOCK_FIELD_SUGGESTIONS) ?? !dev,
    limits: {
      maxDepth: read(env, V.MAX_DEPTH),
      maxAliases: read(env, V.MAX_ALIASES),
      maxTokens: read(env, V.MAX_TOKENS),
      maxDirectives: read(env, V.MAX_DIRECTIVES),
      maxExpandedFields: read(env, V.MAX_EXPANDED_FIELDS),
      maxUpstreamCalls: read(env, V.MAX_UPSTREAM_CALLS),
      requestBodyLimit: read(env, V.REQUEST_BODY_LIMIT),
    },
    logLevel: read(env, V.LOG_LEVEL),
    tracing: readTracing(env),
    readyCacheMs: read(env, V.READY_CACHE_MS),
    metrics: {
      port: read(env, V.METRICS_PORT),
      token: read(env, V.METRICS_TOKEN),
      operationNames: read(env, V.METRICS_OPERATION_NAMES),
    },
    shutdownTimeoutMs: read(env, V.SHUTDOWN_TIMEOUT_MS),
    callbacks: readCallbacks(env, upstream),
    subscriptions: {
      perViewer: read(env, V.SUBSCRIPTIONS_PER_VIEWER),
      perConnection: read(env, V.SUBSCRIPTIONS_PER_CONNECTION),
      countsIntervalMs: read(env, V.SUBSCRIPTION_COUNTS_INTERVAL_MS),
      publicEvents: read(env, V.PUBLIC_EVENT_SUBSCRIPTIONS),
    },
  };
}

/** Settings of the GraphQL server process (`npm start`). */
export function loadConfig(env: Env): AppConfig {
  const credentials = readCredentials(env);
  const client = readClientTuning(env);
  const server = readServer(
    env,
    { embedded: !credentials, ...(credentials && { baseUrl: credentials.baseUrl }) },
    credentials,
  );
  const sharedReads = readSharedReads(env);
  const redisUrl = read(env, V.REDIS_URL);
  if (sharedReads.cache === 'redis' && redisUrl === undefined) {
    throw new ConfigError('REDIS_URL', 'is required with CACHE=redis');
  }
  return {
    server,
    upstream: credentials ? { kind: 'tencent', credentials } : { kind: 'embedded' },
    client,
    sharedReads,
    redisUrl,
  };
}

/** True when dev auth listens beyond loopback (allowed only with DEV_AUTH_ALLOW_NETWORK; worth a warning). */
export function devAuthOnNetwork(config: AppConfig): boolean {
  return config.server.auth.mode === 'dev' && !isLoopbackHost(config.server.host);
}

/** Settings of the standalone emulator process (`npm run emulator`). */
export function loadEmulatorConfig(env: Env): EmulatorOptions & { seed: EmulatorSeed } {
  const secretKey = read(env, V.EMULATOR_SECRET_KEY);
  const callbackUrl = read(env, V.EMULATOR_CALLBACK_URL);
  const callbackToken = read(env, V.EMULATOR_CALLBACK_TOKEN);
  if (callbackToken !== undefined && callbackUrl === undefined) {
    throw new ConfigError('EMULATOR_CALLBACK_TOKEN', 'needs EMULATOR_CALLBACK_URL');
  }
  return {
    host: read(env, V.EMULATOR_HOST),
    port: read(env, V.EMULATOR_PORT),
    sdkAppId: read(env, V.EMULATOR_SDKAPPID),
    admin: read(env, V.EMULATOR_ADMIN),
    seed: read(env, V.EMULATOR_SEED),
    rateLimitPerSecond: read(env, V.EMULATOR_RATE_LIMIT),
    latencyMs: read(env, V.EMULATOR_LATENCY_MS),
    ...(secretKey !== undefined && { secretKey }),
    ...(callbackUrl !== undefined && { callback: { url: callbackUrl, token: callbackToken } }),
  };
}
