/**
 * graphql-request with the codegen client preset (docs/clients.md): typed documents from
 * test/generated (this project's own codegen, `persistedDocuments: true`), sent by id to a server that
 * runs trusted documents only (PERSISTED_DOCUMENTS = the manifest codegen wrote,
 * ALLOW_ARBITRARY_OPERATIONS=false).
 */
import { ClientError, gql } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as documents from '../generated/graphql.js';
import { OfficialAccountDocument, UserCountsDocument } from '../generated/graphql.js';
import { type ServerHarness, startServer } from '../support/serverHarness.js';
import { createRequestClient } from './graphqlRequest/client.js';

let h: ServerHarness;
beforeAll(async () => {
  h = await startServer({
    env: {
      PERSISTED_DOCUMENTS: 'test/generated/persisted-documents.json',
      ALLOW_ARBITRARY_OPERATIONS: 'false',
    },
  });
});
afterAll(async () => {
  await h?.close();
});

describe('graphql-request with the client preset and trusted documents', () => {
  it('runs typed documents by id', async () => {
    const client = createRequestClient(h.url, documents, { 'x-user-id': 'bob' });
    const counts = await client.request(UserCountsDocument, { ids: ['alice', 'bob'] });
    // Typed: counts.users is (UserCountsQuery['users'][number] | null)[].
    expect(counts.users.map((user) => user?.followers.totalCount)).toEqual([250, expect.any(Number)]);
    const account = await client.request(OfficialAccountDocument, { id: '@TOA#_news', first: 3 });
    expect(account.officialAccount?.subscribers.edges).toHaveLength(3);
  });

  it('a document that is not in the manifest is refused with PERSISTED_QUERY_ONLY', async () => {
    const client = createRequestClient(h.url, documents);
    const error = await client.request(gql`{ viewer { id } }`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientError);
    expect((error as ClientError).response.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
  });
});
