import { fileURLToPath } from 'node:url';

/** The project root, and files in it. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SCHEMA_FILE = fileURLToPath(new URL('../../schema.graphql', import.meta.url));
export const CLIENT_SCHEMA_FILE = fileURLToPath(new URL('../../schema.client.graphql', import.meta.url));
