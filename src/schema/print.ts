/** `npm run schema:print`: writes schema.graphql (the subgraph SDL, with federation directives). */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSubgraphSchema } from '@apollo/subgraph';
import { lexicographicSortSchema } from 'graphql';
import { parseFederationVersion, subgraphSchema } from './index.js';

export const SCHEMA_FILE = fileURLToPath(new URL('../../schema.graphql', import.meta.url));

/** The SDL of `schema.graphql` (the committed file links the default Federation version). */
export function printSchemaFile(federationVersion?: string): string {
  return printSubgraphSchema(lexicographicSortSchema(subgraphSchema(federationVersion)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(SCHEMA_FILE, printSchemaFile(parseFederationVersion(process.env.FEDERATION_VERSION)));
  console.log(`wrote ${SCHEMA_FILE}`);
}
