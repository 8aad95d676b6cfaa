/** The id lists a write mutation takes. */
import type { GraphQLContext } from '../context.js';
import { badUserInput } from '../errors.js';
import { assertValidId } from '../validation.js';

/**
 * Validates a list of Chat UserIDs and returns the distinct ones in first-occurrence order. The
 * request-wide maximum (MUTATION_MAX_IDS) applies to the list as given, before de-duplication.
 */
export function distinctIds(
  raw: readonly (string | number)[],
  argument: string,
  ctx: GraphQLContext,
): string[] {
  const max = ctx.settings.mutationMaxIds;
  if (raw.length === 0) throw badUserInput(`\`${argument}\` must hold at least one id.`, argument);
  if (raw.length > max) {
    throw badUserInput(
      `\`${argument}\` accepts at most ${max} ids per request (got ${raw.length}).`,
      argument,
    );
  }
  const seen = new Set<string>();
  raw.forEach((value, index) => {
    const id = String(value);
    assertValidId(id, `${argument}[${index}]`);
    seen.add(id);
  });
  return [...seen];
}
