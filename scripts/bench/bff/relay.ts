/** Relay-shaped pages with the GraphQL server's cursor format, so that both answer the same JSON. */
import { createHmac, hash } from 'node:crypto';

/** The part of PageInfo the benchmark's operations select. */
export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

/**
 * Cursors of one list (owner and list name), for a page read from the start of the list: signed with
 * the server's cursor key (CURSOR_SIGNING_KEY): the token's secret is HMAC-SHA256 of the list and the
 * token, a position's tag the SHA-256 of that secret and the skip, truncated.
 */
export function cursorsOf(key: string, list: string, owner: string) {
  const secrets = new Map<string, string>();
  const encode = (token: string, skip: number) => {
    let secret = secrets.get(token);
    if (secret === undefined) {
      secret = createHmac('sha256', key).update(`3\u0000${list}\u0000${owner}\u0000${token}`).digest('hex');
      secrets.set(token, secret);
    }
    const tag = hash('sha256', `${secret}\u0000${skip}`, 'base64url').slice(0, 22);
    return Buffer.from(JSON.stringify([3, token, skip, tag])).toString('base64url');
  };
  return {
    /** The cursor after the `position`-th item (1-based) of a page of `size` items. */
    after(position: number, size: number, next: string): string {
      return position >= size && next !== '' ? encode(next, 0) : encode('', position);
    },
  };
}

/** PageInfo of the first `taken` items of a page of `size` items whose continuation is `next`. */
export function pageInfo(
  cursors: ReturnType<typeof cursorsOf>,
  taken: number,
  size: number,
  next: string,
): PageInfo {
  return {
    hasNextPage: size > taken || next !== '',
    endCursor: taken > 0 ? cursors.after(taken, size, next) : null,
  };
}

export function isoTime(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString();
}

/** A profile tag's value as the GraphQL schema returns it (unset and empty are null). */
export function tagValue(items: { Tag: string; Value: string | number }[] | undefined, tag: string) {
  const value = items?.find((item) => item.Tag === tag)?.Value;
  return value === undefined || value === '' ? null : String(value);
}
