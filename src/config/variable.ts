/** One environment variable: how it is parsed, its default, and how the reference documents it. */
import { ConfigError } from './errors.js';
import type { Parser } from './parsers.js';

export const VARIABLE_GROUPS = {
  upstream: 'Upstream (Tencent Cloud Chat)',
  server: 'GraphQL server',
  cache: 'Shared reads (cache and cross-request batching)',
  subscriptions: 'Subscriptions (live updates)',
  auth: 'Authentication',
  limits: 'Query limits',
  operations: 'Operations',
  tracing: 'Tracing (OpenTelemetry)',
  emulator: 'Emulator (`npm run emulator`)',
} as const;
export type VariableGroup = keyof typeof VARIABLE_GROUPS;

interface VariableSpec<T> {
  name: string;
  group: VariableGroup;
  /** One or two sentences for the configuration reference. */
  description: string;
  parse: Parser<T>;
  /** Secrets are neither trimmed nor shown in `.env.example` with a value. */
  secret?: boolean;
  /** The default as the reference shows it, when it is not one plain value (e.g. "`true` in dev"). */
  defaultText?: string;
  /** A value for `.env.example` when the default makes a poor example. */
  example?: string;
}

export interface Variable<T, F extends T | undefined = T | undefined> extends VariableSpec<T> {
  /** The value when the variable is unset or empty. */
  fallback: F;
}

export function variable<T>(spec: VariableSpec<T> & { fallback: T }): Variable<T, T>;
export function variable<T>(spec: VariableSpec<T>): Variable<T, undefined>;
export function variable<T>(spec: VariableSpec<T> & { fallback?: T }): Variable<T> {
  return { ...spec, fallback: spec.fallback };
}

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * The variable's value: unset or empty means its fallback; a value of only spaces is refused (it is
 * almost always a mistake). Values are trimmed, secrets excepted.
 */
export function read<T, F extends T | undefined>(env: Env, v: Variable<T, F>): T | F {
  const raw = env[v.name];
  if (raw === undefined || raw === '') return v.fallback;
  const value = v.secret ? raw : raw.trim();
  if (value.trim() === '') throw new ConfigError(v.name, 'must not be blank');
  return v.parse(value, v.name);
}
