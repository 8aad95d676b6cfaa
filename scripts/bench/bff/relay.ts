/** Relay-shaped pages with the GraphQL server's cursor format, so that both answer the same JSON. */
import { createHmac } from 'node:crypto';

/** The part of PageInfo the benchmark's operations select. */
export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

/**
 * Cursors of one list (owner and list name), for a page read from the start of the list: signed with
 * the server's cursor key (CURSOR_SIGNING_KEY), HMAC-SHA256 truncated to 16 bytes.
 */
export function cursorsOf(key: string, list: string, owner: string) {
  const encode = (token: string, skip: number) => {
    const tag = createHmac('sha256', key)
      .update(`3\u0000${list}\u0000${owner}\u0000${token}\u0000${skip}`)
      .digest()
      .subarray(0, 16)
      .toString('base64url');
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
