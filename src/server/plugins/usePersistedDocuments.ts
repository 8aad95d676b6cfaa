/**
 * Trusted documents and automatic persisted queries, on yoga's persisted-operations plugin.
 *
 * - A request may name a document by id instead of sending its text: `documentId` (body or GET
 *   parameter; the codegen client preset's `sha256:<hex>` ids) or Apollo's
 *   `extensions.persistedQuery.sha256Hash`. Ids are looked up in the PERSISTED_DOCUMENTS manifest, then
 *   (when arbitrary operations are allowed) among the automatic persisted queries registered so far.
 * - APQ: an unknown id answers `PersistedQueryNotFound` (code PERSISTED_QUERY_NOT_FOUND, as Apollo
 *   Client and urql expect); the client then sends the id with the text, which is checked
 *   (sha256(text) = id) and kept in a bounded in-memory store.
 * - ALLOW_ARBITRARY_OPERATIONS=false: query text is refused (PERSISTED_QUERY_ONLY), APQ registers
 *   nothing, and only manifest documents run. Text sent together with a manifest id runs the manifest's
 *   text, not the client's.
 */
import { createHash } from 'node:crypto';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../../schema/context.js';

export interface PersistedDocumentsConfig {
  /** Trusted documents by id (the manifest; empty when PERSISTED_DOCUMENTS is unset). */
  documents: ReadonlyMap<string, string>;
  /** Query text runs, and APQ registers documents (ALLOW_ARBITRARY_OPERATIONS). */
  allowArbitraryOperations: boolean;
}

/** Automatic persisted queries kept per server process (least recently used dropped first). */
export const APQ_CAPACITY = 1000;

const SHA256_PREFIX = 'sha256:';

/** `sha256:<hex>` and `<hex>` name the same document. */
function normalizeId(id: string): string {
  return id.startsWith(SHA256_PREFIX) ? id.slice(SHA256_PREFIX.length) : id;
}

interface IdParams {
  extensions?: Record<string, unknown>;
  documentId?: unknown;
}

/** The document id a request names, if any: `documentId` or APQ's `extensions.persistedQuery.sha256Hash`. */
export function requestedDocumentId(params: IdParams, request?: Request): string | undefined {
  if (typeof params.documentId === 'string' && params.documentId !== '') return params.documentId;
  if (request?.method === 'GET') {
    const documentId = new URL(request.url).searchParams.get('documentId');
    if (documentId) return documentId;
  }
  const persisted = params.extensions?.persistedQuery as
    | { version?: unknown; sha256Hash?: unknown }
    | undefined;
  if (persisted?.version === 1 && typeof persisted.sha256Hash === 'string' && persisted.sha256Hash !== '') {
    return persisted.sha256Hash;
  }
  return undefined;
}

class LruStore {
  private readonly entries = new Map<string, string>();
  constructor(private readonly capacity: number) {}

  get(key: string): string | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: string): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}

const KEY_NOT_FOUND_MESSAGE =
  'Send a query, or the id of a persisted document (`documentId` or `extensions.persistedQuery.sha256Hash`).';
const PERSISTED_ONLY_MESSAGE =
  'This server runs trusted documents only: send the id of a persisted document instead of its text.';

function manifestOf(config: PersistedDocumentsConfig): Map<string, string> {
  return new Map([...config.documents].map(([id, document]) => [normalizeId(id), document]));
}

/** An operation sent over a WebSocket (graphql-ws `subscribe` payload). */
export interface SocketOperation {
  query?: string | null;
  extensions?: Record<string, unknown> | null;
  documentId?: unknown;
}

/**
 * The same rules for operations that arrive outside yoga's HTTP pipeline (graphql-ws): the text to run,
 * or the error HTTP would answer. A named manifest id runs the manifest's text; otherwise text runs only
 * when arbitrary operations are allowed. (APQ registration is an HTTP affair: over a socket, an id
 * outside the manifest needs its text.)
 */
export function socketDocuments(config: PersistedDocumentsConfig): (operation: SocketOperation) => string {
  const manifest = manifestOf(config);
  return (operation) => {
    const id = requestedDocumentId({
      ...(operation.extensions && { extensions: operation.extensions }),
      documentId: operation.documentId,
    });
    if (id !== undefined) {
      const text = manifest.get(normalizeId(id));
      if (text !== undefined) return text;
      if (config.allowArbitraryOperations && operation.query) return operation.query;
      throw new GraphQLError('PersistedQueryNotFound', { extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
    }
    if (!operation.query)
      throw new GraphQLError(KEY_NOT_FOUND_MESSAGE, { extensions: { code: 'BAD_USER_INPUT' } });
    if (!config.allowArbitraryOperations) {
      throw new GraphQLError(PERSISTED_ONLY_MESSAGE, { extensions: { code: 'PERSISTED_QUERY_ONLY' } });
    }
    return operation.query;
  };
}

export function usePersistedDocuments(config: PersistedDocumentsConfig): Plugin<GraphQLContext>[] {
  const allow = config.allowArbitraryOperations;
  const manifest = manifestOf(config);
  const apq = new LruStore(APQ_CAPACITY);

  // Runs before yoga's plugin: a manifest id sent with text runs the manifest's text; otherwise an id
  // with text is an APQ registration (checked, and only when arbitrary operations are allowed).
  const register: Plugin<GraphQLContext> = {
    onParams({ params, request, setParams }) {
      const id = requestedDocumentId(params as IdParams, request);
      if (id === undefined || !params.query) return;
      const key = normalizeId(id);
      if (manifest.has(key)) {
        const { query: _text, ...rest } = params;
        setParams(rest);
        return;
      }
      if (!allow) return; // refused next, as any query text
      if (createHash('sha256').update(params.query).digest('hex') !== key) {
        throw new GraphQLError('provided sha does not match query', {
          extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
        });
      }
      apq.set(key, params.query);
    },
  };

  return [
    register,
    usePersistedOperations<GraphQLContext>({
      allowArbitraryOperations: allow,
      extractPersistedOperationId: (params, request) =>
        requestedDocumentId(params as IdParams, request) ?? null,
      getPersistedOperation: (id) => {
        const key = normalizeId(id);
        return manifest.get(key) ?? (allow ? apq.get(key) : undefined) ?? null;
      },
      customErrors: {
        notFound: { message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } },
        keyNotFound: {
          message: KEY_NOT_FOUND_MESSAGE,
          extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
        },
        persistedQueryOnly: {
          message: PERSISTED_ONLY_MESSAGE,
          extensions: { code: 'PERSISTED_QUERY_ONLY', http: { status: 400 } },
        },
      },
    }) as Plugin<GraphQLContext>,
  ];
}
