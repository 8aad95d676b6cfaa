/** `npm run schema:print`: writes schema.graphql (the subgraph SDL, with federation directives). */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config/index.js';
import { printSubgraphSdl } from '../src/schema/sdl.js';

export const SCHEMA_FILE = fileURLToPath(new URL('../schema.graphql', import.meta.url));

const { federationVersion } = loadConfig(process.env).server;
writeFileSync(SCHEMA_FILE, printSubgraphSdl(federationVersion));
console.log(`wrote ${SCHEMA_FILE} (Federation ${federationVersion})`);
