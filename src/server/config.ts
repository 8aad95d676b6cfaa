/**
 * GraphQL server settings from the environment, parsed in one place. Invalid values throw a ConfigError
 * naming the variable.
 */

import { ConfigError, type Env, readBoolean, readInt } from '../config/env.js';
import { parseFederationVersion } from '../schema/index.js';
import { loadTencentConfig } from '../tencent/config.js';
import { checkDevAuthListen, readAuthConfig } from './auth/config.js';
import type { AuthConfig } from './auth/index.js';
import { LIMIT_DEFAULTS, type LimitsConfig } from './limits.js';
import { LOG_LEVELS, type LogLevel } from './logger.js';

export type { AuthConfig, AuthMode } from './auth/index.js';
export type { LimitsConfig } from './limits.js';

export interface ServerConfig {
  port: number;
  host: string;
  /** AUTH_MODE and its settings (auth/config.ts). */
  auth: AuthConfig;
  /** Largest `first` a connection accepts (default 100, at most 1000). */
  connectionMaxFirst: number;
  /** Most ids one mutation accepts (default 1000). */
  mutationMaxIds: number;
  /** Federation spec version the subgraph links (FEDERATION_VERSION, default 2.6). */
  federationVersion: string;
  /** Custom profile tags read with every portrait_get. */
  profileCustomTags: string[];
  /** GraphiQL at /graphql in a browser (on in dev mode). */
  graphiql: boolean;
  /** `__schema` / `__type` queries allowed (INTROSPECTION, on in dev mode). */
  introspection: boolean;
  /** Per-request upstream call counts in the response `extensions.upstreamCalls` (dev mode). */
  exposeUpstreamCalls: boolean;
  /** Hide "Did you mean ...?" field suggestions in validation errors (off in dev mode). */
  blockFieldSuggestions: boolean;
  limits: LimitsConfig;
  logLevel: LogLevel;
  /** How long a /ready answer is reused (READY_CACHE_MS). */
  readyCacheMs: number;
  /** Hard deadline for a graceful shutdown (SHUTDOWN_TIMEOUT_MS). */
  shutdownTimeoutMs: number;
}

export const DEFAULT_PROFILE_CUSTOM_TAGS = ['Tag_Profile_Custom_City'];
const CUSTOM_TAG = /^Tag_Profile_Custom_[A-Za-z]{1,8}$/;

function readCustomTags(env: Env): string[] {
  const raw = env.PROFILE_CUSTOM_TAGS;
  if (raw === undefined) return [...DEFAULT_PROFILE_CUSTOM_TAGS];
  const tags = raw
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
  for (const tag of tags) {
    if (!CUSTOM_TAG.test(tag)) {
      throw new ConfigError('PROFILE_CUSTOM_TAGS', `"${tag}" is not Tag_Profile_Custom_ plus 1-8 letters`);
    }
  }
  return [...new Set(tags)];
}

function readLogLevel(env: Env): LogLevel {
  const raw = env.LOG_LEVEL?.trim().toLowerCase() || 'info';
  if (!LOG_LEVELS.includes(raw as LogLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  }
  return raw as LogLevel;
}

function readLimits(env: Env): LimitsConfig {
  const d = LIMIT_DEFAULTS;
  return {
    maxDepth: readInt(env, 'MAX_DEPTH', d.maxDepth, 1, 100),
    maxAliases: readInt(env, 'MAX_ALIASES', d.maxAliases, 0, 1000),
    maxTokens: readInt(env, 'MAX_TOKENS', d.maxTokens, 10, 100_000),
    maxDirectives: readInt(env, 'MAX_DIRECTIVES', d.maxDirectives, 0, 1000),
    maxUpstreamCalls: readInt(env, 'MAX_UPSTREAM_CALLS', d.maxUpstreamCalls, 1, 100_000),
    requestBodyLimit: readInt(env, 'REQUEST_BODY_LIMIT', d.requestBodyLimit, 1024, 100_000_000),
  };
}

function readHost(env: Env): string {
  const host = env.HOST?.trim() || '127.0.0.1';
  if (/\s|\//.test(host)) throw new ConfigError('HOST', 'must be a host name or IP address');
  return host;
}

/**
 * Reads every server variable. The upstream variables are read too (loadTencentConfig), because the
 * auth rules depend on them: no TENCENT_SDKAPPID = embedded emulator = `dev` by default.
 */
export function loadServerConfig(env: Env = process.env): ServerConfig {
  const tencent = loadTencentConfig(env);
  const upstream = { embedded: !tencent, ...(tencent && { baseUrl: tencent.baseUrl }) };
  const auth = readAuthConfig(env, upstream);
  const host = readHost(env);
  checkDevAuthListen(env, auth.mode, host, upstream);
  const dev = auth.mode === 'dev';
  return {
    port: readInt(env, 'PORT', 4000, 0, 65_535),
    host,
    auth,
    connectionMaxFirst: readInt(env, 'CONNECTION_MAX_FIRST', 100, 1, 1000),
    mutationMaxIds: readInt(env, 'MUTATION_MAX_IDS', 1000, 1, 10_000),
    federationVersion: parseFederationVersion(env.FEDERATION_VERSION),
    profileCustomTags: readCustomTags(env),
    graphiql: readBoolean(env, 'GRAPHIQL', dev),
    introspection: readBoolean(env, 'INTROSPECTION', dev),
    exposeUpstreamCalls: readBoolean(env, 'EXPOSE_UPSTREAM_CALLS', dev),
    blockFieldSuggestions: readBoolean(env, 'BLOCK_FIELD_SUGGESTIONS', !dev),
    limits: readLimits(env),
    logLevel: readLogLevel(env),
    readyCacheMs: readInt(env, 'READY_CACHE_MS', 5000, 0, 600_000),
    shutdownTimeoutMs: readInt(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 100, 600_000),
  };
}
