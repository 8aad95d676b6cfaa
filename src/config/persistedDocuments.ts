/**
 * PERSISTED_DOCUMENTS: the trusted documents manifest, read once at start-up. Two formats are
 * accepted: `{ "<id>": "<document>", ... }` (what the codegen client preset writes as
 * persisted-documents.json, and relay-compiler's persist output), and Apollo's persisted query manifest
 * (`{ "format": "apollo-persisted-query-manifest", "version": 1, "operations": [{ "id", "body" }] }`).
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from './errors.js';

const NAME = 'PERSISTED_DOCUMENTS';

function entriesOf(json: unknown): [string, unknown][] {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new ConfigError(
      NAME,
      'must be a JSON object (id -> document, or an Apollo persisted query manifest)',
    );
  }
  const manifest = json as { format?: unknown; operations?: unknown };
  if (manifest.format === 'apollo-persisted-query-manifest') {
    if (!Array.isArray(manifest.operations)) throw new ConfigError(NAME, 'has no `operations` list');
    return manifest.operations.map((operation: { id?: unknown; body?: unknown }) => [
      String(operation?.id ?? ''),
      operation?.body,
    ]);
  }
  return Object.entries(json);
}

/** The manifest's documents by id; throws a ConfigError naming the variable (never the file's content). */
export function readPersistedDocuments(path: string): ReadonlyMap<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError(NAME, 'cannot read the file');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConfigError(NAME, 'is not valid JSON');
  }
  const documents = new Map<string, string>();
  for (const [id, document] of entriesOf(json)) {
    if (id === '' || typeof document !== 'string' || document.trim() === '') {
      throw new ConfigError(NAME, 'every entry needs a non-empty id and a document string');
    }
    documents.set(id, document);
  }
  if (documents.size === 0) throw new ConfigError(NAME, 'holds no documents');
  return documents;
}
