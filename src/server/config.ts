/**
 * GraphQL server settings from the environment, parsed in one place. Invalid values throw a ConfigError
 * naming the variable.
 */
import { ConfigError, readInt } from '../tencent/config.js';

export type AuthMode = 'dev' | 'jwt' | 'gateway';
const AUTH_MODES: readonly AuthMode[] = ['dev', 'jwt', 'gateway'];

export interface ServerConfig {
  port: number;
  host: string;
  authMode: AuthMode;
  /** Largest `first` a connection accepts (default 100, at most 1000). */
  connectionMaxFirst: number;
  /** Custom profile tags read with every portrait_get. */
  profileCustomTags: string[];
  /** GraphiQL at /graphql in a browser (on in dev mode). */
  graphiql: boolean;
  /** Per-request upstream call counts in the response `extensions.upstreamCalls` (dev mode). */
  exposeUpstreamCalls: boolean;
}

type Env = Record<string, string | undefined>;

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

function readAuthMode(env: Env): AuthMode {
  const raw = env.AUTH_MODE?.trim() || 'dev';
  if (!AUTH_MODES.includes(raw as AuthMode)) {
    throw new ConfigError('AUTH_MODE', `must be one of ${AUTH_MODES.join(', ')}`);
  }
  return raw as AuthMode;
}

function readHost(env: Env): string {
  const host = env.HOST?.trim() || '127.0.0.1';
  if (/\s|\//.test(host)) throw new ConfigError('HOST', 'must be a host name or IP address');
  return host;
}

export function loadServerConfig(env: Env = process.env): ServerConfig {
  const authMode = readAuthMode(env);
  const dev = authMode === 'dev';
  return {
    port: readInt(env, 'PORT', 4000, 0, 65_535),
    host: readHost(env),
    authMode,
    connectionMaxFirst: readInt(env, 'CONNECTION_MAX_FIRST', 100, 1, 1000),
    profileCustomTags: readCustomTags(env),
    graphiql: dev,
    exposeUpstreamCalls: dev,
  };
}
