/** `npm run schema:print`: writes schema.graphql (the subgraph SDL, with federation directives). */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSubgraphSchema } from '@apollo/subgraph';
import { lexicographicSortSchema } from 'graphql';
import { schema } from './index.js';

export const SCHEMA_FILE = fileURLToPath(new URL('../../schema.graphql', import.meta.url));

export function printSchemaFile(): string {
  return printSubgraphSchema(lexicographicSortSchema(schema));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(SCHEMA_FILE, printSchemaFile());
  console.log(`wrote ${SCHEMA_FILE}`);
}
