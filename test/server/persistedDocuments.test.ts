/**
 * Trusted documents and automatic persisted queries over HTTP: documents from the manifest the codegen
 * client preset writes for this project's own documents (test/generated/persisted-documents.json),
 * Apollo's APQ protocol, ALLOW_ARBITRARY_OPERATIONS=false, and GETs without a CSRF header.
 */
import { createHash } from 'node:crypto';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FollowUsersDocument, UsersDocument } from '../generated/graphql.js';
import { countCalls } from '../support/harness.js';
import { codes, type GqlBody, type ServerHarness, startServer } from '../support/serverHarness.js';
import { wsOperation } from '../support/subscriptions.js';

const MANIFEST = 'test/generated/persisted-documents.json';
const hashOf = (document: unknown) => (document as { __meta__: { hash: string } }).__meta__.hash;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const apq = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

let open: ServerHarness;
let trusted: ServerHarness;
beforeAll(async () => {
  [open, trusted] = await Promise.all([
    startServer({ env: { PERSISTED_DOCUMENTS: MANIFEST } }),
    startServer({ env: { PERSISTED_DOCUMENTS: MANIFEST, ALLOW_ARBITRARY_OPERATIONS: 'false' } }),
  ]);
});
afterAll(async () => {
  await Promise.all([open?.close(), trusted?.close()]);
});

async function get(h: ServerHarness, params: Record<string, unknown>, headers: Record<string, string> = {}) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    search.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  }
  const res = await h.fetch(`/graphql?${search}`, { headers: { accept: 'application/json', ...headers } });
  return { status: res.status, json: (await res.json()) as GqlBody };
}

describe('documents from the manifest', () => {
  it('run by documentId (POST) and by APQ hash (GET without a CSRF header)', async () => {
    const variables = { ids: ['alice', 'bob'] };
    const byId = await trusted.post({ documentId: hashOf(UsersDocument), variables });
    expect(byId.status).toBe(200);
    expect(byId.json.data).toEqual({
      users: [
        { id: 'alice', profile: { nickname: expect.any(String) } },
        { id: 'bob', profile: { nickname: expect.any(String) } },
      ],
    });
    const hex = hashOf(UsersDocument).replace(/^sha256:/, '');
    const byGet = await get(trusted, { extensions: apq(hex), variables });
    expect(byGet.status).toBe(200);
    expect(byGet.json.data).toEqual(byId.json.data);
    const byGetId = await get(trusted, { documentId: hashOf(UsersDocument), variables });
    expect(byGetId.json.data).toEqual(byId.json.data);
  });

  it('a persisted mutation does not run over GET (405), even by id', async () => {
    const { result, calls } = await countCalls(trusted, () =>
      get(trusted, {
        documentId: hashOf(FollowUsersDocument),
        variables: { input: { userIds: ['carol'] } },
      }),
    );
    expect(result.status).toBe(405);
    expect(calls['follow/follow_add'] ?? 0).toBe(0);
  });
});

describe('ALLOW_ARBITRARY_OPERATIONS=false', () => {
  it('refuses query text with PERSISTED_QUERY_ONLY, and registers no APQ', async () => {
    const text = await trusted.post({ query: '{ user(id: "alice") { id } }' });
    expect(text.status).toBe(400);
    expect(codes(text.json)).toEqual(['PERSISTED_QUERY_ONLY']);
    const query = '{ viewer { id } }';
    const register = await trusted.post({ query, extensions: apq(sha256(query)) }, { 'x-user-id': 'alice' });
    expect(codes(register.json)).toEqual(['PERSISTED_QUERY_ONLY']);
    const after = await trusted.post({ extensions: apq(sha256(query)) });
    expect(codes(after.json)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });

  it('holds over WebSocket too: text is refused, a manifest id runs', async () => {
    const variables = { ids: ['alice'] };
    const text = wsOperation(trusted.wsUrl, { query: '{ users(ids: ["alice"]) { id } }' });
    const [refused] = await text.next(1);
    expect(refused?.data ?? null).toBeNull();
    expect(refused?.errors?.map((error) => error.extensions?.code)).toEqual(['PERSISTED_QUERY_ONLY']);
    await text.stop();

    const hex = hashOf(UsersDocument).replace(/^sha256:/, '');
    const byId = wsOperation(trusted.wsUrl, { query: '', variables, extensions: apq(hex) });
    const [result] = await byId.next(1);
    expect(result?.data).toEqual({ users: [{ id: 'alice', profile: { nickname: expect.any(String) } }] });
    await byId.stop();
    // Logged like an HTTP request when it ends.
    await expect
      .poll(() => trusted.logs().find((line) => line.msg === 'websocket operation' && line.operationName))
      .toMatchObject({
        transport: 'websocket',
        operationName: 'Users',
        upstreamCalls: { 'profile/portrait_get': 1 },
      });
  });

  it('text sent with a manifest id runs the manifest document, not the text', async () => {
    const res = await trusted.post({
      query: '{ viewer { id } }',
      documentId: hashOf(UsersDocument),
      variables: { ids: ['alice'] },
    });
    expect(res.json.errors).toBeUndefined();
    expect(res.json.data).toEqual({ users: [{ id: 'alice', profile: { nickname: expect.any(String) } }] });
  });
});

describe('automatic persisted queries (ALLOW_ARBITRARY_OPERATIONS=true)', () => {
  it('unknown hash: PersistedQueryNotFound; hash with text registers; then a hash-only GET works without CSRF header', async () => {
    const query = `query Apq { user(id: "carol") { id followers { totalCount } } }`;
    const hash = sha256(query);
    const miss = await open.post({ extensions: apq(hash) });
    expect(miss.json.errors?.[0]?.message).toBe('PersistedQueryNotFound');
    expect(codes(miss.json)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    const register = await open.post({ query, extensions: apq(hash) });
    expect(register.json.errors).toBeUndefined();
    const hit = await get(open, { extensions: apq(hash) });
    expect(hit.status).toBe(200);
    expect(hit.json.data).toEqual(register.json.data);
  });

  it('refuses a hash that does not match the text', async () => {
    const res = await open.post({ query: '{ viewer { id } }', extensions: apq(sha256('{ other }')) });
    expect(res.status).toBe(400);
    expect(codes(res.json)).toEqual(['BAD_USER_INPUT']);
  });

  it('keeps CSRF protection for GETs with query text and for form POSTs', async () => {
    const withText = await get(open, { query: print(UsersDocument), variables: { ids: ['alice'] } });
    expect(withText.status).toBe(403);
    expect(codes(withText.json)).toEqual(['FORBIDDEN']);
    const form = new FormData();
    form.set('operations', JSON.stringify({ documentId: hashOf(UsersDocument), variables: { ids: ['a'] } }));
    form.set('map', '{}');
    expect((await open.fetch('/graphql', { method: 'POST', body: form })).status).toBe(403);
  });

  it('a request with neither text nor id is BAD_USER_INPUT', async () => {
    const res = await open.post({ variables: {} });
    expect(res.status).toBe(400);
    expect(codes(res.json)).toEqual(['BAD_USER_INPUT']);
  });
});
