/** Relay-shaped pages with the GraphQL server's cursor format, so that both answer the same JSON. */
import { createHash } from 'node:crypto';

/** The part of PageInfo the benchmark's operations select. */
export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

/** Cursors of one list (owner and list name), for a page read from the start of the list. */
export function cursorsOf(list: string, owner: string) {
  const tag = createHash('sha256').update(`${list}\u0000${owner}`).digest('base64url').slice(0, 8);
  const encode = (token: string, skip: number) =>
    Buffer.from(JSON.stringify([2, tag, token, skip])).toString('base64url');
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
