import { type DocumentNode, print } from 'graphql';
import { GraphQLClient } from 'graphql-request';

/** A document of the codegen client preset with `persistedDocuments: true`: its id is `__meta__.hash`. */
type PersistedDocument = DocumentNode & { __meta__?: { hash?: string } };

function isPersistedDocument(value: unknown): value is PersistedDocument {
  return typeof value === 'object' && value !== null && (value as DocumentNode).kind === 'Document';
}

/**
 * graphql-request for this API, sending trusted documents by id: a request whose text is one of
 * `documents` goes out as `{ documentId, operationName, variables }`, so the server can run with
 * ALLOW_ARBITRARY_OPERATIONS=false. Pass the generated module: `import * as documents from './gql/graphql'`.
 */
export function createRequestClient(
  url: string,
  documents: Record<string, unknown>,
  headers: Record<string, string> = {},
): GraphQLClient {
  const ids = new Map<string, string>();
  for (const document of Object.values(documents).filter(isPersistedDocument)) {
    if (document.__meta__?.hash) ids.set(print(document), document.__meta__.hash);
  }
  return new GraphQLClient(url, {
    headers,
    requestMiddleware: (request) => {
      if (typeof request.body !== 'string') return request;
      const body = JSON.parse(request.body) as {
        query?: string;
        operationName?: string;
        variables?: unknown;
      };
      const documentId = body.query === undefined ? undefined : ids.get(body.query);
      if (documentId === undefined) return request;
      const { query: _text, ...rest } = body;
      return { ...request, body: JSON.stringify({ ...rest, documentId }) };
    },
  });
}
