/** Static limits, the upstream-cost limit, body size, CSRF, introspection and suggestions, over HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, type ServerHarness, startServer } from '../support/serverHarness.js';

const TWO_HOP = `query TwoHop($id: ID!) {
  user(id: $id) {
    followers(first: 10) {
      edges { node { following(first: 5) { edges { node { id profile { nickname } } } } } }
    }
  }
}`;

const TWO_HOP_WITH_FRAGMENTS = `query TwoHopFragments {
  user(id: "alice") { ...Page }
}
fragment Page on User {
  followers(first: 10) { edges { node { ...Inner } } pageInfo { hasNextPage } }
}
fragment Inner on User {
  id
  following(first: 5) { totalCount edges { cursor node { id profile { nickname } } } }
}`;

function nested(depth: number): string {
  // user { followers { nodes { followers { nodes { ... id } } } } }: two levels per hop.
  let inner = 'id';
  for (let i = 0; i < Math.ceil((depth - 1) / 2); i++) inner = `followers(first: 1) { nodes { ${inner} } }`;
  return `{ user(id: "alice") { ${inner} } }`;
}

let dev: ServerHarness;
let strict: ServerHarness;
beforeAll(async () => {
  [dev, strict] = await Promise.all([
    startServer(),
    startServer({
      env: {
        MAX_DEPTH: '6',
        MAX_ALIASES: '2',
        MAX_TOKENS: '60',
        MAX_DIRECTIVES: '1',
        MAX_UPSTREAM_CALLS: '3',
        REQUEST_BODY_LIMIT: '2048',
        INTROSPECTION: 'false',
        BLOCK_FIELD_SUGGESTIONS: 'true',
        GRAPHIQL: 'false',
        MUTATION_MAX_IDS: '2',
      },
    }),
  ]);
});
afterAll(async () => {
  await Promise.all([dev?.close(), strict?.close()]);
});

describe('depth, alias, token and directive limits (defaults)', () => {
  it('ordinary two-hop connection queries pass, with or without fragments', async () => {
    const a = await dev.post({ query: TWO_HOP, variables: { id: 'alice' } });
    expect(a.status).toBe(200);
    expect(a.json.errors).toBeUndefined();
    const b = await dev.post({ query: TWO_HOP_WITH_FRAGMENTS });
    expect(b.status).toBe(200);
    expect(b.json.errors).toBeUndefined();
  });

  it('depth 20 is refused with QUERY_TOO_COMPLEX naming the limit', async () => {
    const res = await dev.post({ query: nested(20) });
    expect(res.status).toBe(400);
    expect(codes(res.json)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(res.json.errors?.[0]?.message).toMatch(/depth limit of 12/i);
    expect(res.json.errors?.[0]?.extensions?.limit).toBe('MAX_DEPTH');
  });

  it('50 aliases are refused', async () => {
    const fields = Array.from({ length: 50 }, (_, i) => `a${i}: user(id: "alice") { id }`).join(' ');
    const res = await dev.post({ query: `{ ${fields} }` });
    expect(res.status).toBe(400);
    expect(codes(res.json)).toContain('QUERY_TOO_COMPLEX');
    expect(res.json.errors?.[0]?.extensions?.limit).toBe('MAX_ALIASES');
  });

  it('5000 tokens are refused', async () => {
    const res = await dev.post({ query: `{ ${'__typename '.repeat(5000)} }` });
    expect(res.status).toBe(400);
    expect(codes(res.json)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(res.json.errors?.[0]?.extensions?.limit).toBe('MAX_TOKENS');
  });

  it('100 directives are refused', async () => {
    const res = await dev.post({ query: `{ __typename ${'@include(if: true) '.repeat(100)} }` });
    expect(res.status).toBe(400);
    expect(codes(res.json)).toContain('QUERY_TOO_COMPLEX');
    expect(res.json.errors?.map((e) => e.extensions?.limit)).toContain('MAX_DIRECTIVES');
  });

  it('the limits come from the environment', async () => {
    const deep = await strict.post({
      query:
        '{ user(id: "alice") { followers(first: 1) { nodes { following(first: 1) { nodes { profile { nickname } } } } } } }',
    });
    expect(codes(deep.json)).toContain('QUERY_TOO_COMPLEX');
    expect(deep.json.errors?.[0]?.message).toMatch(/depth limit of 6/i);
    const aliases = await strict.post({
      query: '{ a: user(id: "a") { id } b: user(id: "b") { id } c: user(id: "c") { id } }',
    });
    expect(aliases.json.errors?.[0]?.extensions?.limit).toBe('MAX_ALIASES');
    const tokens = await strict.post({ query: `{ ${'__typename '.repeat(70)} }` });
    expect(tokens.json.errors?.[0]?.extensions?.limit).toBe('MAX_TOKENS');
    const directives = await strict.post({ query: '{ __typename @include(if: true) @skip(if: false) }' });
    expect(directives.json.errors?.[0]?.extensions?.limit).toBe('MAX_DIRECTIVES');
    const fine = await strict.post({ query: '{ user(id: "alice") { id } }' });
    expect(fine.status).toBe(200);
    expect(fine.json.errors).toBeUndefined();
  });
});

describe('upstream-cost limit', () => {
  it('refuses an operation whose worst case exceeds the budget, naming estimate and budget', async () => {
    const ids = Array.from({ length: 100 }, (_, i) => `u${i}`);
    const query = `query Fanout($ids: [ID!]!, $n: Int) {
      users(ids: $ids) { followers(first: $n) { nodes { followers { totalCount } } } }
    }`;
    await dev.resetStats();
    const res = await dev.post({ query, variables: { ids, n: 100 } });
    expect(res.status).toBe(400);
    expect(codes(res.json)).toEqual(['QUERY_TOO_COMPLEX']);
    const error = res.json.errors?.[0];
    const estimate = error?.extensions?.estimate as number;
    expect(estimate).toBeGreaterThan(200);
    expect(error?.extensions?.budget).toBe(200);
    expect(error?.message).toContain(String(estimate));
    expect(error?.message).toContain('200');
    // Refused before execution: nothing went upstream.
    expect(await dev.stats()).toEqual({});
  });

  it('counts _entities representations', async () => {
    const representations = Array.from({ length: 300 }, (_, i) => ({ __typename: 'User', id: `u${i}` }));
    const query =
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { followers(first: 1) { nodes { id } } } } }';
    const res = await dev.post({ query, variables: { r: representations } });
    expect(codes(res.json)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(res.json.errors?.[0]?.extensions?.estimate).toBe(300);
    const demo = ['alice', 'bob', 'carol', 'dave', 'erin'].map((id) => ({ __typename: 'User', id }));
    const cheap = await dev.post({ query, variables: { r: demo } });
    expect(cheap.json.errors).toBeUndefined();
  });

  it('MAX_UPSTREAM_CALLS sets the budget', async () => {
    const res = await strict.post({ query: '{ a: user(id: "alice") { id } b: user(id: "bob") { id } }' });
    expect(res.json.errors).toBeUndefined();
    const over = await strict.post({
      query:
        '{ user(id: "alice") { followers(first: 3) { nodes { following(first: 1) { nodes { id } } } } } }',
    });
    expect(codes(over.json)).toEqual(['QUERY_TOO_COMPLEX']);
    // alice's page (which also proves she exists) and one page per follower: 1 + 3.
    expect(over.json.errors?.[0]?.extensions).toMatchObject({ estimate: 4, budget: 3 });
  });
});

describe('mutation size', () => {
  it('MUTATION_MAX_IDS caps the ids of one mutation, before any upstream call', async () => {
    const follow = (ids: string[]) =>
      strict.post(
        { query: `mutation { followUsers(input: { userIds: ${JSON.stringify(ids)} }) { results { ok } } }` },
        { 'x-user-id': 'erin' },
      );
    await strict.resetStats();
    const over = await follow(['bob', 'carol', 'dave']);
    expect(codes(over.json)).toEqual(['BAD_USER_INPUT']);
    expect(await strict.stats()).toEqual({});
    const fine = await follow(['bob', 'carol']);
    expect(fine.json.errors).toBeUndefined();
    expect((await strict.stats())['follow/follow_add']).toBe(1);
  });
});

describe('request body size', () => {
  it('answers 413 above REQUEST_BODY_LIMIT (default 100 kB)', async () => {
    const big = { query: `{ __typename }`, variables: { pad: 'x'.repeat(120_000) } };
    const res = await dev.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(big),
    });
    expect(res.status).toBe(413);
    const small = await strict.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(3000) } }),
    });
    expect(small.status).toBe(413);
  });

  it('counts a body without Content-Length (chunked) as it streams in', async () => {
    const chunked = (pad: number) =>
      strict.fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: new Blob([
          JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(pad) } }),
        ]).stream(),
        duplex: 'half',
      } as RequestInit);
    expect((await chunked(3000)).status).toBe(413);
    const fine = await chunked(100);
    expect(fine.status).toBe(200);
    expect(await fine.json()).toMatchObject({ data: { __typename: 'Query' } });
  });
});

describe('CSRF prevention', () => {
  const get = (h: ServerHarness, headers: Record<string, string> = {}) =>
    h.fetch(`/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', ...headers },
    });

  it('refuses GET without a preflight-forcing header, accepts it with one', async () => {
    const plain = await get(dev);
    expect(plain.status).toBe(403);
    const body = (await plain.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await get(dev, { 'x-graphql-yoga-csrf': '1' })).status).toBe(200);
    expect((await get(dev, { 'apollo-require-preflight': 'true' })).status).toBe(200);
  });

  it('refuses form and text POSTs (simple requests), accepts JSON POSTs', async () => {
    const form = new FormData();
    form.set('operations', JSON.stringify({ query: '{ __typename }' }));
    form.set('map', '{}');
    expect((await dev.fetch('/graphql', { method: 'POST', body: form })).status).toBe(403);
    const text = await dev.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(text.status).toBe(403);
    const urlencoded = await dev.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'query=%7B__typename%7D',
    });
    expect(urlencoded.status).toBe(403);
    const json = await dev.post({ query: '{ __typename }' });
    expect(json.status).toBe(200);
  });
});

describe('introspection, suggestions and GraphiQL switches', () => {
  it('introspection is on in dev and off when INTROSPECTION=false (__typename still works)', async () => {
    const query = '{ __schema { queryType { name } } }';
    expect((await dev.post({ query })).json.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const off = await strict.post({ query });
    expect(off.status).toBe(400);
    expect(new Set(codes(off.json))).toEqual(new Set(['FORBIDDEN']));
    expect((await strict.post({ query: '{ __type(name: "User") { name } }' })).json.errors).toBeDefined();
    expect((await strict.post({ query: '{ __typename }' })).json.data).toEqual({ __typename: 'Query' });
  });

  it('field suggestions are shown in dev and hidden with BLOCK_FIELD_SUGGESTIONS', async () => {
    const query = '{ user(id: "alice") { profil { nickname } } }';
    expect((await dev.post({ query })).json.errors?.[0]?.message).toMatch(/Did you mean "profile"/);
    const blocked = (await strict.post({ query })).json.errors?.[0]?.message ?? '';
    expect(blocked).toMatch(/Cannot query field "profil"/);
    expect(blocked).not.toMatch(/Did you mean/);
  });

  it('GraphiQL is served in dev and not when GRAPHIQL=false', async () => {
    const page = await dev.fetch('/graphql', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const off = await strict.fetch('/graphql', { headers: { accept: 'text/html' } });
    expect(off.headers.get('content-type') ?? '').not.toContain('text/html');
  });
});
