/** Request ids: an incoming `x-request-id` is kept when it is a sane token, otherwise one is made up. */
import { randomUUID } from 'node:crypto';

const SANE = /^[A-Za-z0-9._:-]{8,128}$/;

export function requestIdFrom(headers: Headers): string {
  const incoming = headers.get('x-request-id')?.trim();
  return incoming && SANE.test(incoming) ? incoming : randomUUID();
}
