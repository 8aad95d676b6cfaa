import { LIMITS } from '../tencent/wire.js';
import { badUserInput } from './errors.js';

// Printable ASCII only: no control characters, nothing that needs escaping on the wire.
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

/** Checks a Chat UserID / official account id; throws BAD_USER_INPUT naming the argument. */
export function assertValidId(id: string, argument: string): void {
  if (id.length === 0) throw badUserInput(`\`${argument}\` must not be empty.`, argument);
  if (Buffer.byteLength(id) > LIMITS.userIdMaxBytes) {
    throw badUserInput(`\`${argument}\` must be at most ${LIMITS.userIdMaxBytes} bytes.`, argument);
  }
  if (!PRINTABLE_ASCII.test(id)) {
    throw badUserInput(`\`${argument}\` must be printable ASCII without control characters.`, argument);
  }
}

export const MAX_IDS_PER_QUERY = 100;

export function assertValidIdList(ids: readonly string[], argument: string): void {
  if (ids.length > MAX_IDS_PER_QUERY) {
    throw badUserInput(`\`${argument}\` accepts at most ${MAX_IDS_PER_QUERY} ids.`, argument);
  }
  for (const id of ids) assertValidId(id, argument);
}
