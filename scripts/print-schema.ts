/**
 * `npm run schema:print`: writes schema.graphql (the subgraph SDL, with federation directives) and
 * schema.client.graphql (the API as clients see it, for relay-compiler and code generators).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config/index.js';
import { printClientSdl, printSubgraphSdl } from '../src/schema/sdl.js';

export const SCHEMA_FILE = fileURLToPath(new URL('../schema.graphql', import.meta.url));
export const CLIENT_SCHEMA_FILE = fileURLToPath(new URL('../schema.client.graphql', import.meta.url));

const { federationVersion } = loadConfig(process.env).server;
writeFileSync(SCHEMA_FILE, printSubgraphSdl(federationVersion));
console.log(`wrote ${SCHEMA_FILE} (Federation ${federationVersion})`);
writeFileSync(CLIENT_SCHEMA_FILE, printClientSdl());
console.log(`wrote ${CLIENT_SCHEMA_FILE}`);
