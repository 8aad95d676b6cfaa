/** The subgraph SDL as committed in `schema.graphql` (printed by scripts/print-schema.ts). */
import { printSubgraphSchema } from '@apollo/subgraph';
import { lexicographicSortSchema } from 'graphql';
import { DEFAULT_FEDERATION_VERSION, subgraphSchema } from './index.js';

/** The subgraph SDL, with `@link` and `@key` (plain printSchema would drop them). */
export function printSubgraphSdl(federationVersion: string = DEFAULT_FEDERATION_VERSION): string {
  return printSubgraphSchema(lexicographicSortSchema(subgraphSchema(federationVersion)));
}
