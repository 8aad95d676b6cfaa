/**
 * Value parsers for environment variables. Each returns the typed value or throws a ConfigError naming
 * the variable; none puts the raw value into its message.
 */
import { ConfigError } from './errors.js';

export type Parser<T> = (raw: string, name: string) => T;

/** An integer from `min` to `max`. */
export function int(min: number, max: number): Parser<number> {
  return (raw, name) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new ConfigError(name, `must be an integer from ${min} to ${max}`);
    }
    return n;
  };
}

/** true/false (also 1/0, yes/no, on/off, any case). */
export const bool: Parser<boolean> = (raw, name) => {
  const value = raw.toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw new ConfigError(name, 'must be true or false');
};

/** One of `values` (exact match, so inherited names like `constructor` are refused). */
export function oneOf<const T extends string>(values: readonly T[]): Parser<T> {
  return (raw, name) => {
    if (!(values as readonly string[]).includes(raw)) {
      throw new ConfigError(name, `must be one of ${values.join(', ')}`);
    }
    return raw as T;
  };
}

/** Any non-blank text passing `check` (which returns a problem, or undefined when the text is fine). */
export function text(check: (value: string) => string | undefined = () => undefined): Parser<string> {
  return (raw, name) => {
    const problem = check(raw);
    if (problem !== undefined) throw new ConfigError(name, problem);
    return raw;
  };
}

/** A host name or IP address to listen on. */
export const listenHost: Parser<string> = text((value) =>
  /\s|\//.test(value) ? 'must be a host name or IP address' : undefined,
);

/** An absolute http(s) URL without query, fragment or credentials; returned without a trailing slash. */
export const baseUrl: Parser<string> = (raw, name) => {
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
};

/** A comma-separated list; blank items are dropped, duplicates removed, each item parsed. */
export function list<T>(item: Parser<T>): Parser<T[]> {
  return (raw, name) => [
    ...new Set(
      raw
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== '')
        .map((part) => item(part, name)),
    ),
  ];
}
