/**
 * Value parsers for environment variables. Each returns the typed value or throws a ConfigError naming
 * the variable; none puts the raw value into its message.
 */
import { ConfigError } from './errors.js';

export interface Parser<T> {
  (raw: string, name: string): T;
  /** What the parser accepts, for the configuration reference (e.g. "0 to 65535"). */
  accepts?: string;
}

function parser<T>(accepts: string, parse: (raw: string, name: string) => T): Parser<T> {
  return Object.assign(parse, { accepts });
}

/** An integer from `min` to `max`. */
export function int(min: number, max: number): Parser<number> {
  return parser(`integer, ${min} to ${max}`, (raw, name) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new ConfigError(name, `must be an integer from ${min} to ${max}`);
    }
    return n;
  });
}

/** true/false (also 1/0, yes/no, on/off, any case). */
export const bool: Parser<boolean> = parser('true or false (1/0, yes/no, on/off)', (raw, name) => {
  const value = raw.toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw new ConfigError(name, 'must be true or false');
});

/** One of `values` (exact match, so inherited names like `constructor` are refused). */
export function oneOf<const T extends string>(values: readonly T[]): Parser<T> {
  return parser(values.join(', '), (raw, name) => {
    if (!(values as readonly string[]).includes(raw)) {
      throw new ConfigError(name, `must be one of ${values.join(', ')}`);
    }
    return raw as T;
  });
}

/** Any non-blank text passing `check` (which returns a problem, or undefined when the text is fine). */
export function text(
  check: (value: string) => string | undefined = () => undefined,
  accepts = 'text',
): Parser<string> {
  return parser(accepts, (raw, name) => {
    const problem = check(raw);
    if (problem !== undefined) throw new ConfigError(name, problem);
    return raw;
  });
}

/** A host name or IP address to listen on. */
export const listenHost: Parser<string> = text(
  (value) => (/\s|\//.test(value) ? 'must be a host name or IP address' : undefined),
  'host name or IP address',
);

/** An absolute http(s) URL without query, fragment or credentials; returned without a trailing slash. */
export const baseUrl: Parser<string> = parser('absolute http(s) URL', (raw, name) => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, 'must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(name, 'must be an absolute http(s) URL');
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new ConfigError(name, 'must not carry a query, fragment or credentials');
  }
  return url.toString().replace(/\/+$/, '');
});

/** A comma-separated list; blank items are dropped, duplicates removed, each item parsed. */
export function list<T>(item: Parser<T>): Parser<T[]> {
  return parser(`comma-separated list of ${item.accepts ?? 'values'}`, (raw, name) => [
    ...new Set(
      raw
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== '')
        .map((part) => item(part, name)),
    ),
  ]);
}

/** A number from 0 to 1. */
export const ratio: Parser<number> = parser('number, 0 to 1', (raw, name) => {
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new ConfigError(name, 'must be a number from 0 to 1');
  return n;
});

/** `key=value` pairs separated by commas (W3C baggage style, values percent-decoded), as OTEL_* uses them. */
export const keyValues: Parser<Record<string, string>> = parser(
  'comma-separated `key=value` pairs',
  (raw, name) => {
    const pairs: Record<string, string> = {};
    for (const part of raw.split(',')) {
      if (part.trim() === '') continue;
      const at = part.indexOf('=');
      const key = at > 0 ? part.slice(0, at).trim() : '';
      if (key === '') throw new ConfigError(name, 'must be key=value pairs separated by commas');
      let value: string;
      try {
        value = decodeURIComponent(part.slice(at + 1).trim());
      } catch {
        throw new ConfigError(name, 'has a value that is not valid percent-encoding');
      }
      pairs[key] = value;
    }
    return pairs;
  },
);
