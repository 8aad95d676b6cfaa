import { isValidUserId, LIMITS, OFFICIAL_ACCOUNT_PREFIX } from '../tencent/wire.js';
import { badUserInput } from './errors.js';

/** Checks a Chat UserID / official account id (wire.ts's rule); throws BAD_USER_INPUT naming the argument. */
export function assertValidId(id: string, argument: string): void {
  const valid: boolean = isValidUserId(id); // a type guard: keep `id` a string below
  if (valid) return;
  if (id.length === 0) throw badUserInput(`\`${argument}\` must not be empty.`, argument);
  if (Buffer.byteLength(id) > LIMITS.userIdMaxBytes) {
    throw badUserInput(`\`${argument}\` must be at most ${LIMITS.userIdMaxBytes} bytes.`, argument);
  }
  throw badUserInput(`\`${argument}\` must be printable ASCII without control characters.`, argument);
}

export const MAX_IDS_PER_QUERY = 100;

export function assertValidIdList(ids: readonly string[], argument: string): void {
  if (ids.length > MAX_IDS_PER_QUERY) {
    throw badUserInput(`\`${argument}\` accepts at most ${MAX_IDS_PER_QUERY} ids.`, argument);
  }
  for (const id of ids) assertValidId(id, argument);
}

/** Official account ids start with this. */
export { OFFICIAL_ACCOUNT_PREFIX };

/**
 * The `id` of an entity representation a router sent to `_entities`, checked like an argument (a
 * router passes on whatever another subgraph returned); throws BAD_USER_INPUT. `prefix` is required
 * at the start of the id when given.
 */
export function representationId(ref: { id?: unknown }, typename: string, prefix = ''): string {
  const argument = 'representations';
  const id = ref.id;
  if (typeof id !== 'string') {
    throw badUserInput(`A ${typename} representation needs a string \`id\`.`, argument);
  }
  assertValidId(id, argument);
  if (!id.startsWith(prefix)) {
    throw badUserInput(`A ${typename} \`id\` starts with \`${prefix}\`.`, argument);
  }
  return id;
}
