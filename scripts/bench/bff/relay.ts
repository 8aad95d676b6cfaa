/** Relay-shaped pages with the GraphQL server's cursor format, so that both answer the same JSON. */
import { type Cipheriv, createCipheriv, createHmac } from 'node:crypto';

/** The part of PageInfo the benchmark's operations select. */
export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

/**
 * Cursors of one list (owner and list name), for a page read from the start of the list, signed as the
 * server signs them with its cursor key (CURSOR_SIGNING_KEY): a token's key is HMAC-SHA256 of the list
 * and the token (first 16 bytes), a position's tag the AES-128 encryption of the position under it.
 */
export function cursorsOf(key: string, list: string, owner: string) {
  // ECB encrypts each 16-byte block on its own: one cipher per token serves all its positions.
  const ciphers = new Map<string, Cipheriv>();
  const encode = (token: string, skip: number) => {
    let cipher = ciphers.get(token);
    if (cipher === undefined) {
      const tokenKey = createHmac('sha256', key)
        .update(`3\u0000${list}\u0000${owner}\u0000${token}`)
        .digest()
        .subarray(0, 16);
      cipher = createCipheriv('aes-128-ecb', tokenKey, null).setAutoPadding(false);
      ciphers.set(token, cipher);
    }
    const block = Buffer.alloc(16);
    block.writeUInt32BE(Math.floor(skip / 2 ** 32), 8);
    block.writeUInt32BE(skip % 2 ** 32, 12);
    const tag = cipher.update(block).toString('base64url');
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
