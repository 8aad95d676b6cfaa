/**
 * Composes subgraph SDLs into an Apollo Federation supergraph with @theguild/federation-composition
 * (MIT). Used by `npm run supergraph` (scripts/supergraph.ts) and the federation tests.
 */
import { composeServices, compositionHasErrors } from '@theguild/federation-composition';
import { type GraphQLError, parse } from 'graphql';

export interface SubgraphSource {
  /** Subgraph name (letters, digits, `_` and `-`); becomes the `join__Graph` value. */
  name: string;
  /** The subgraph SDL as printed by `printSubgraphSchema` (with `@link` and `@key`). */
  sdl: string;
  /** Where the router reaches the subgraph. */
  url?: string;
}

/** Composition failed; `errors` are the composition errors (each with `extensions.code`). */
export class CompositionError extends Error {
  constructor(readonly errors: readonly GraphQLError[]) {
    super(`supergraph composition failed:\n${formatCompositionErrors(errors)}`);
    this.name = 'CompositionError';
  }
}

export function formatCompositionErrors(errors: readonly GraphQLError[]): string {
  return errors
    .map((error) => {
      const code = error.extensions?.code;
      return `- ${typeof code === 'string' ? `${code}: ` : ''}${error.message}`;
    })
    .join('\n');
}

function parseSubgraph({ name, sdl }: SubgraphSource) {
  try {
    return parse(sdl);
  } catch (error) {
    throw new Error(`subgraph "${name}" is not valid SDL: ${(error as Error).message}`);
  }
}

export interface Supergraph {
  /** The supergraph SDL (with `@join__*`), for a router or gateway. */
  supergraphSdl: string;
  /** The client-facing API schema. */
  publicSdl: string;
}

/** Composes the subgraphs; throws CompositionError, or an Error for SDL that does not parse. */
export function composeSupergraph(subgraphs: readonly SubgraphSource[]): Supergraph {
  const result = composeServices(
    subgraphs.map((subgraph) => ({
      name: subgraph.name,
      typeDefs: parseSubgraph(subgraph),
      ...(subgraph.url === undefined ? {} : { url: subgraph.url }),
    })),
  );
  if (compositionHasErrors(result)) throw new CompositionError(result.errors);
  return { supergraphSdl: result.supergraphSdl, publicSdl: result.publicSdl };
}
