/**
 * Queries run compiled (graphql-jit, src/server/plugins/useCompiledExecution.ts), and a document with
 * several operations runs the one each request names, however often the document comes back.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const DOCUMENT = `query Alice { user(id: "alice") { id } }
query Bob { user(id: "bob") { id } }`;

it('a document of two operations runs the one each request names, every time', async () => {
  for (const operationName of ['Bob', 'Alice', 'Bob', 'Alice']) {
    const res = await fetch(h.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-user-id': 'carol' },
      body: JSON.stringify({ query: DOCUMENT, operationName }),
    });
    const body = (await res.json()) as { data?: { user: { id: string } }; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    expect(body.data?.user.id).toBe(operationName.toLowerCase());
  }
});
