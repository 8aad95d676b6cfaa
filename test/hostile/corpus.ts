/**
 * The hostile-input corpus: requests an attacker (or a broken client) sends, by category, each with the
 * answer it must get. `hostile.test.ts` sends every case to a real server (dev, jwt and gateway modes,
 * over the real emulator) and checks, for each: an answer within 1 s, the expected status and a stable
 * `extensions.code` on every error, no secret and no stack trace in the response or the log, and a
 * healthy server afterwards.
 *
 * Slow clients (which take seconds by design) and upstream faults are in hostile.test.ts and
 * test/chaos/chaos.test.ts.
 */

export type Mode = 'dev' | 'jwt' | 'gateway';

export type Category =
  | 'malformed HTTP and JSON'
  | 'document shape'
  | 'limits'
  | 'cursors'
  | 'ids'
  | 'auth tokens and headers'
  | 'federation input';

/** What a case may use to build its request. */
export interface CaseContext {
  mode: Mode;
  /** Headers of a signed-in, non-admin user (alice) in this mode. */
  alice: Record<string, string>;
  /** A valid edge cursor of alice's followers. */
  aliceCursor: string;
  /** An HS256 token with exactly these claims, signed with the jwt server's secret (or another one). */
  jwt(claims: Record<string, unknown>, options?: { otherSecret?: boolean }): Promise<string>;
  secrets: { jwt: string; gateway: string; metrics: string };
}

export type HostileRequest =
  /** An HTTP request through fetch. */
  | { method?: string; path?: string; headers?: Record<string, string>; body?: string }
  /** Bytes written to a raw socket as they are (malformed HTTP). */
  | { raw: string };

export interface HostileCase {
  name: string;
  category: Category;
  /** Modes it runs in (default: all three). */
  modes?: readonly Mode[];
  request: (ctx: CaseContext) => HostileRequest | Promise<HostileRequest>;
  /** Allowed HTTP statuses. */
  status: readonly number[];
  /** Codes at least one error must carry (none: the answer may have no errors). */
  codes?: readonly string[];
  /** The answer has no body (a CORS preflight). */
  noBody?: boolean;
}

const json = {
  'content-type': 'application/json',
  accept: 'application/graphql-response+json, application/json;q=0.9',
};
const gql = (query: string, variables?: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ query, ...(variables !== undefined && { variables }), ...extra });
const post = (ctx: CaseContext, body: string, headers: Record<string, string> = {}): HostileRequest => ({
  method: 'POST',
  headers: { ...json, ...ctx.alice, ...headers },
  body,
});

/** Fk spreads F(k-1) twice at the same level. */
function sameLevelBomb(levels: number): string {
  let s = `query Bomb { user(id: "alice") { ...F${levels} } } fragment F0 on User { id followers { totalCount } }`;
  for (let k = 1; k <= levels; k++) s += ` fragment F${k} on User { ...F${k - 1} ...F${k - 1} }`;
  return s;
}

/** Fk selects two connections that both spread F(k-1): 2^levels paths. */
function nestedBomb(levels: number): string {
  let s = `query Bomb { user(id: "alice") { ...N${levels} } } fragment N0 on User { id }`;
  for (let k = 1; k <= levels; k++) {
    s += ` fragment N${k} on User { followers { nodes { ...N${k - 1} } } following { nodes { ...N${k - 1} } } }`;
  }
  return s;
}

/** m fragments per level, each spreading all m of the level below: m^levels paths within the limits. */
function wideBomb(levels: number, m: number): string {
  const spreads = (k: number) => Array.from({ length: m }, (_, j) => `...L${k}_${j}`).join(' ');
  let s = `query Bomb { user(id: "alice") { ${spreads(levels)} } }`;
  for (let i = 0; i < m; i++) s += ` fragment L0_${i} on User { id }`;
  for (let k = 1; k <= levels; k++) {
    for (let i = 0; i < m; i++)
      s += ` fragment L${k}_${i} on User { followers { nodes { ${spreads(k - 1)} } } }`;
  }
  return s;
}

const ids = (n: number, prefix = 'u') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const future = (seconds: number) => Math.floor(Date.now() / 1000) + seconds;

const BAD_REQUEST = ['BAD_REQUEST'];
const TOO_COMPLEX = ['QUERY_TOO_COMPLEX'];
const INPUT = ['BAD_USER_INPUT'];
const INVALID = ['GRAPHQL_VALIDATION_FAILED'];
const UNAUTH = ['UNAUTHENTICATED'];

export const CORPUS: readonly HostileCase[] = [
  // ---------- malformed HTTP and JSON ----------
  {
    name: 'a body that is not JSON',
    category: 'malformed HTTP and JSON',
    request: (ctx) => post(ctx, '{"query": "{ viewer { id } }"'),
    status: [400],
    codes: BAD_REQUEST,
  },
  {
    name: 'a JSON array (batching is off)',
    category: 'malformed HTTP and JSON',
    request: (ctx) => post(ctx, JSON.stringify([{ query: '{ viewer { id } }' }])),
    status: [400],
    codes: BAD_REQUEST,
  },
  {
    name: 'JSON null',
    category: 'malformed HTTP and JSON',
    request: (ctx) => post(ctx, 'null'),
    status: [400],
    codes: BAD_REQUEST,
  },
  {
    name: 'a numeric query',
    category: 'malformed HTTP and JSON',
    request: (ctx) => post(ctx, '{"query": 5}'),
    status: [400],
    codes: BAD_REQUEST,
  },
  {
    name: 'no query at all',
    category: 'malformed HTTP and JSON',
    request: (ctx) => post(ctx, '{"variables": {}}'),
    status: [400],
    codes: ['BAD_REQUEST', 'BAD_USER_INPUT'],
  },
  {
    name: 'variables as a string',
    category: 'malformed HTTP and JSON',
    request: (ctx) => post(ctx, '{"query": "{ viewer { id } }", "variables": "nope"}'),
    status: [400],
    codes: BAD_REQUEST,
  },
  {
    name: 'extensions as an array',
    category: 'malformed HTTP and JSON',
    request: (ctx) => post(ctx, '{"query": "{ viewer { id } }", "extensions": [1, 2]}'),
    status: [400],
    codes: BAD_REQUEST,
  },
  {
    name: 'an operationName that is a number',
    category: 'malformed HTTP and JSON',
    request: (ctx) => post(ctx, '{"query": "{ viewer { id } }", "operationName": 7}'),
    status: [400],
    codes: ['BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE'],
  },
  {
    name: 'JSON nested 40,000 levels deep',
    category: 'malformed HTTP and JSON',
    request: (ctx) =>
      post(
        ctx,
        `{"query": "{ __typename }", "variables": {"x": ${'['.repeat(40_000)}${']'.repeat(40_000)}}}`,
      ),
    status: [200, 400],
  },
  {
    name: 'prototype keys in the body and the variables',
    category: 'malformed HTTP and JSON',
    request: (ctx) =>
      post(
        ctx,
        '{"__proto__": {"query": "{ viewer { id } }"}, "constructor": 1, "query": "query($id: ID!) { user(id: $id) { id } }", "variables": {"id": "alice", "__proto__": {"id": "x"}}}',
      ),
    status: [400],
    codes: BAD_REQUEST,
  },
  {
    name: 'invalid UTF-8 and NUL bytes in the query',
    category: 'malformed HTTP and JSON',
    request: (ctx) => post(ctx, '{"query": "{ user(id: \\"al\\u0000ice\\") { id } } \udcff"}'),
    status: [200, 400],
    codes: ['BAD_USER_INPUT', 'GRAPHQL_PARSE_FAILED'],
  },
  {
    name: 'an XML body',
    category: 'malformed HTTP and JSON',
    request: (ctx) => ({
      method: 'POST',
      headers: { ...ctx.alice, 'content-type': 'application/xml' },
      body: '<q/>',
    }),
    status: [415],
    codes: BAD_REQUEST,
  },
  {
    name: 'a text/plain body (a cross-site form could send it)',
    category: 'malformed HTTP and JSON',
    request: (ctx) => ({
      method: 'POST',
      headers: { ...ctx.alice, 'content-type': 'text/plain' },
      body: gql('mutation { followUsers(input: { userIds: ["bob"] }) { succeededCount } }'),
    }),
    status: [403],
    codes: ['FORBIDDEN'],
  },
  {
    name: 'PUT /graphql',
    category: 'malformed HTTP and JSON',
    request: (ctx) => ({ method: 'PUT', headers: { ...json, ...ctx.alice }, body: gql('{ viewer { id } }') }),
    status: [405],
    codes: BAD_REQUEST,
  },
  {
    name: 'a mutation over GET',
    category: 'malformed HTTP and JSON',
    request: (ctx) => ({
      method: 'GET',
      path: `/graphql?query=${encodeURIComponent('mutation { followUsers(input: { userIds: ["bob"] }) { succeededCount } }')}`,
      headers: { ...ctx.alice, 'x-graphql-yoga-csrf': '1' },
    }),
    status: [405],
    codes: BAD_REQUEST,
  },
  {
    name: 'a GET query without a CSRF header',
    category: 'malformed HTTP and JSON',
    request: (ctx) => ({
      method: 'GET',
      path: `/graphql?query=${encodeURIComponent('{ viewer { id } }')}`,
      headers: ctx.alice,
    }),
    status: [403],
    codes: ['FORBIDDEN'],
  },
  {
    name: 'a body over REQUEST_BODY_LIMIT',
    category: 'malformed HTTP and JSON',
    request: (ctx) => post(ctx, gql(`{ __typename }`, { pad: 'x'.repeat(150_000) })),
    status: [413],
    codes: ['REQUEST_ENTITY_TOO_LARGE'],
  },
  {
    name: 'an unknown path',
    category: 'malformed HTTP and JSON',
    request: () => ({ method: 'GET', path: '/admin/../etc/passwd' }),
    status: [404],
    codes: ['NOT_FOUND'],
  },
  {
    name: 'a malformed request line',
    category: 'malformed HTTP and JSON',
    request: () => ({ raw: 'GARBAGE\r\n\r\n' }),
    status: [400],
    codes: BAD_REQUEST,
  },
  {
    name: 'headers over 16 KB',
    category: 'malformed HTTP and JSON',
    request: () => ({ raw: `GET /health HTTP/1.1\r\nHost: x\r\nx-pad: ${'a'.repeat(20_000)}\r\n\r\n` }),
    status: [431],
    codes: BAD_REQUEST,
  },
  {
    name: 'a broken chunked encoding',
    category: 'malformed HTTP and JSON',
    request: () => ({
      raw: 'POST /graphql HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
    }),
    status: [400],
    codes: BAD_REQUEST,
  },
  {
    name: 'both content-length and transfer-encoding (request smuggling)',
    category: 'malformed HTTP and JSON',
    request: () => ({
      raw: 'POST /graphql HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: 4\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\nGET /metrics HTTP/1.1\r\nHost: x\r\n\r\n',
    }),
    status: [400],
    codes: BAD_REQUEST,
  },
  {
    name: 'a header with a line break in its value',
    category: 'malformed HTTP and JSON',
    request: () => ({
      raw: 'GET /health HTTP/1.1\r\nHost: x\r\nx-user-id: alice\rx-user-roles: admin\r\n\r\n',
    }),
    status: [400],
    codes: BAD_REQUEST,
  },

  // ---------- document shape ----------
  {
    name: 'a 40-level fragment bomb (each fragment spreads the previous one twice)',
    category: 'document shape',
    request: (ctx) => post(ctx, gql(sameLevelBomb(40))),
    status: [400],
    codes: TOO_COMPLEX,
  },
  {
    name: 'a 40-level nested fragment bomb (two connections spread the previous level)',
    category: 'document shape',
    request: (ctx) => post(ctx, gql(nestedBomb(40))),
    status: [400],
    codes: TOO_COMPLEX,
  },
  {
    name: 'a wide fragment bomb within the token, depth and alias limits (10^5 paths)',
    category: 'document shape',
    request: (ctx) => post(ctx, gql(wideBomb(5, 10))),
    status: [400],
    codes: TOO_COMPLEX,
  },
  {
    name: '1,900 copies of one field (field merging is quadratic)',
    category: 'document shape',
    request: (ctx) => post(ctx, gql(`{ viewer { ${'id '.repeat(1900)} } }`)),
    status: [200, 400],
  },
  {
    name: '1,000 selection sets nested in each other',
    category: 'document shape',
    request: (ctx) => post(ctx, gql(`${'{ viewer '.repeat(1000)}${'}'.repeat(1000)}`)),
    status: [400],
    codes: TOO_COMPLEX,
  },
  {
    name: '500 aliases',
    category: 'document shape',
    request: (ctx) =>
      post(ctx, gql(`{ ${Array.from({ length: 500 }, (_, i) => `a${i}: viewer { id }`).join(' ')} }`)),
    status: [400],
    codes: TOO_COMPLEX,
  },
  {
    name: '200 directives',
    category: 'document shape',
    request: (ctx) => post(ctx, gql(`{ viewer ${'@include(if: true) '.repeat(200)} { id } }`)),
    status: [400],
    codes: TOO_COMPLEX,
  },
  {
    name: '100 @defer fragments',
    category: 'document shape',
    request: (ctx) => post(ctx, gql(`{ viewer { ${'... @defer { id } '.repeat(100)} } }`)),
    status: [400],
    codes: TOO_COMPLEX,
  },
  {
    name: 'a fragment cycle',
    category: 'document shape',
    request: (ctx) =>
      post(ctx, gql('{ viewer { ...A } } fragment A on User { ...B } fragment B on User { ...A }')),
    status: [200, 400],
    codes: INVALID,
  },
  {
    name: 'a spread of a fragment that does not exist, named like a prototype property',
    category: 'document shape',
    request: (ctx) => post(ctx, gql('{ viewer { ...constructor ...__proto__ } }')),
    status: [200, 400],
    codes: INVALID,
  },
  {
    name: 'a syntax error',
    category: 'document shape',
    request: (ctx) => post(ctx, gql('{ viewer { id }')),
    status: [200, 400],
    codes: ['GRAPHQL_PARSE_FAILED'],
  },
  {
    name: '100 operations and no operationName',
    category: 'document shape',
    request: (ctx) =>
      post(ctx, gql(Array.from({ length: 100 }, (_, i) => `query Q${i} { viewer { id } }`).join(' '))),
    status: [400],
    codes: ['OPERATION_RESOLUTION_FAILURE'],
  },
  {
    name: 'a subscription operation',
    category: 'document shape',
    request: (ctx) => post(ctx, gql('subscription { __typename }')),
    status: [200, 400],
    codes: ['GRAPHQL_VALIDATION_FAILED'],
  },
  {
    name: 'an operation name of 20,000 characters',
    category: 'document shape',
    request: (ctx) => {
      const name = `Q${'x'.repeat(20_000)}`;
      return post(ctx, gql(`query ${name} { viewer { id } }`, undefined, { operationName: name }));
    },
    status: [200],
  },
  {
    name: 'a string literal of 90 KB',
    category: 'document shape',
    request: (ctx) => post(ctx, gql(`{ user(id: "${'x'.repeat(90_000)}") { id } }`)),
    status: [200],
    codes: INPUT,
  },

  // ---------- limits ----------
  {
    name: 'users(ids) with 101 ids',
    category: 'limits',
    request: (ctx) => post(ctx, gql('query($ids: [ID!]!) { users(ids: $ids) { id } }', { ids: ids(101) })),
    status: [200],
    codes: INPUT,
  },
  {
    name: 'first: 100000',
    category: 'limits',
    request: (ctx) => post(ctx, gql('{ user(id: "alice") { followers(first: 100000) { nodes { id } } } }')),
    status: [200],
    codes: INPUT,
  },
  {
    name: 'first: -1',
    category: 'limits',
    request: (ctx) => post(ctx, gql('{ user(id: "alice") { followers(first: -1) { nodes { id } } } }')),
    status: [200],
    codes: INPUT,
  },
  {
    name: 'first beyond a 32-bit Int, as a variable',
    category: 'limits',
    request: (ctx) =>
      post(
        ctx,
        gql('query($n: Int) { user(id: "alice") { followers(first: $n) { nodes { id } } } }', { n: 2 ** 40 }),
      ),
    status: [400],
    codes: INPUT,
  },
  {
    name: 'a variable of the wrong type',
    category: 'limits',
    request: (ctx) => post(ctx, gql('query($id: ID!) { user(id: $id) { id } }', { id: { nested: ['x'] } })),
    status: [400],
    codes: INPUT,
  },
  {
    name: 'a required variable missing',
    category: 'limits',
    request: (ctx) => post(ctx, gql('query($id: ID!) { user(id: $id) { id } }')),
    status: [400],
    codes: INPUT,
  },
  {
    name: 'backward paging (last)',
    category: 'limits',
    request: (ctx) => post(ctx, gql('{ user(id: "alice") { followers(last: 5) { nodes { id } } } }')),
    status: [200],
    codes: INPUT,
  },
  {
    name: '10,001 ids to follow',
    category: 'limits',
    request: (ctx) =>
      post(
        ctx,
        gql('mutation($ids: [ID!]!) { followUsers(input: { userIds: $ids }) { succeededCount } }', {
          ids: ids(10_001),
        }),
      ),
    // Refused by the upstream-call budget before the resolver checks MUTATION_MAX_IDS.
    status: [200, 400],
    codes: ['BAD_USER_INPUT', 'QUERY_TOO_COMPLEX'],
  },
  {
    name: 'nested connections beyond the upstream-call budget',
    category: 'limits',
    request: (ctx) =>
      post(
        ctx,
        gql(
          '{ user(id: "alice") { followers(first: 100) { nodes { following(first: 100) { nodes { followers { totalCount } } } } } } }',
        ),
      ),
    status: [200, 400],
    codes: TOO_COMPLEX,
  },

  // ---------- cursors ----------
  {
    name: 'a garbage cursor',
    category: 'cursors',
    request: (ctx) => post(ctx, gql('{ user(id: "alice") { followers(after: "%%%") { nodes { id } } } }')),
    status: [200],
    codes: INPUT,
  },
  {
    name: 'a cursor with a made-up upstream token (forged signature)',
    category: 'cursors',
    request: (ctx) =>
      post(
        ctx,
        gql('query($a: String) { user(id: "alice") { followers(after: $a) { nodes { id } } } }', {
          a: b64([3, 'forged-token', 0, 'AAAAAAAAAAAAAAAAAAAAAA']),
        }),
      ),
    status: [200],
    codes: INPUT,
  },
  {
    name: "a cursor of alice's followers used on bob's",
    category: 'cursors',
    request: (ctx) =>
      post(
        ctx,
        gql('query($a: String) { user(id: "bob") { followers(after: $a) { nodes { id } } } }', {
          a: ctx.aliceCursor,
        }),
      ),
    status: [200],
    codes: INPUT,
  },
  {
    name: 'a cursor of 50 KB',
    category: 'cursors',
    request: (ctx) =>
      post(
        ctx,
        gql('query($a: String) { user(id: "alice") { followers(after: $a) { nodes { id } } } }', {
          a: 'A'.repeat(50_000),
        }),
      ),
    status: [200],
    codes: INPUT,
  },
  {
    name: 'a cursor of the old unkeyed format',
    category: 'cursors',
    request: (ctx) =>
      post(
        ctx,
        gql('query($a: String) { user(id: "alice") { followers(after: $a) { nodes { id } } } }', {
          a: b64([2, 'abcdefgh', '', 3]),
        }),
      ),
    status: [200],
    codes: INPUT,
  },
  {
    name: 'before (backward paging)',
    category: 'cursors',
    request: (ctx) =>
      post(
        ctx,
        gql('query($a: String) { user(id: "alice") { followers(before: $a) { nodes { id } } } }', {
          a: ctx.aliceCursor,
        }),
      ),
    status: [200],
    codes: INPUT,
  },

  // ---------- ids ----------
  {
    name: 'an empty id',
    category: 'ids',
    request: (ctx) => post(ctx, gql('{ user(id: "") { id } }')),
    status: [200],
    codes: INPUT,
  },
  {
    name: 'an id of 33 bytes',
    category: 'ids',
    request: (ctx) => post(ctx, gql(`{ user(id: "${'a'.repeat(33)}") { id } }`)),
    status: [200],
    codes: INPUT,
  },
  {
    name: 'an id with control characters',
    category: 'ids',
    request: (ctx) => post(ctx, gql('query($id: ID!) { user(id: $id) { id } }', { id: 'al\nice\u0007' })),
    status: [200],
    codes: INPUT,
  },
  {
    name: 'an id in non-ASCII characters',
    category: 'ids',
    request: (ctx) => post(ctx, gql('query($id: ID!) { user(id: $id) { id } }', { id: 'álïçé' })),
    status: [200],
    codes: INPUT,
  },
  {
    name: 'a numeric id',
    category: 'ids',
    request: (ctx) => post(ctx, gql('{ user(id: 12345) { id } }')),
    status: [200],
  },
  {
    name: 'ids named like prototype properties',
    category: 'ids',
    request: (ctx) => post(ctx, gql('{ users(ids: ["__proto__", "constructor", "toString"]) { id } }')),
    status: [200],
  },
  {
    name: 'a Node id that is only the official-account prefix',
    category: 'ids',
    request: (ctx) => post(ctx, gql('{ node(id: "@TOA#_") { id } }')),
    status: [200],
    codes: INPUT,
  },
  {
    name: 'nodes(ids) with 101 ids',
    category: 'ids',
    request: (ctx) => post(ctx, gql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: ids(101) })),
    status: [200],
    codes: INPUT,
  },
  {
    name: 'following on behalf of another user without the admin role',
    category: 'ids',
    request: (ctx) =>
      post(
        ctx,
        gql('mutation { followUsers(input: { userIds: ["carol"], asUserId: "bob" }) { succeededCount } }'),
      ),
    status: [200],
    codes: ['FORBIDDEN'],
  },

  // ---------- auth tokens and headers ----------
  {
    name: 'dev: an x-user-id with a tab in it',
    category: 'auth tokens and headers',
    modes: ['dev'],
    request: () => ({
      method: 'POST',
      headers: { ...json, 'x-user-id': 'al\tice' },
      body: gql('{ viewer { id } }'),
    }),
    status: [401],
    codes: UNAUTH,
  },
  {
    name: 'dev: an x-user-id of 40 bytes',
    category: 'auth tokens and headers',
    modes: ['dev'],
    request: () => ({
      method: 'POST',
      headers: { ...json, 'x-user-id': 'a'.repeat(40) },
      body: gql('{ viewer { id } }'),
    }),
    status: [401],
    codes: UNAUTH,
  },
  {
    name: 'dev: 8 KB of roles',
    category: 'auth tokens and headers',
    modes: ['dev'],
    request: (ctx) => post(ctx, gql('{ viewer { id } }'), { 'x-user-roles': 'x,'.repeat(4000) }),
    status: [200],
  },
  {
    name: 'jwt: an Authorization header that is not Bearer',
    category: 'auth tokens and headers',
    modes: ['jwt'],
    request: () => ({
      method: 'POST',
      headers: { ...json, authorization: 'Basic YWxpY2U6cHc=' },
      body: gql('{ viewer { id } }'),
    }),
    status: [401],
    codes: UNAUTH,
  },
  {
    name: 'jwt: an unsigned token (alg none)',
    category: 'auth tokens and headers',
    modes: ['jwt'],
    request: () => {
      const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'alice', exp: future(300) })}.`;
      return {
        method: 'POST',
        headers: { ...json, authorization: `Bearer ${token}` },
        body: gql('{ viewer { id } }'),
      };
    },
    status: [401],
    codes: UNAUTH,
  },
  {
    name: 'jwt: a token signed with another secret',
    category: 'auth tokens and headers',
    modes: ['jwt'],
    request: async (ctx) => {
      const token = await ctx.jwt({ sub: 'alice', exp: future(300) }, { otherSecret: true });
      return {
        method: 'POST',
        headers: { ...json, authorization: `Bearer ${token}` },
        body: gql('{ viewer { id } }'),
      };
    },
    status: [401],
    codes: UNAUTH,
  },
  {
    name: 'jwt: an expired token',
    category: 'auth tokens and headers',
    modes: ['jwt'],
    request: async (ctx) => {
      const token = await ctx.jwt({ sub: 'alice', exp: future(-3600) });
      return {
        method: 'POST',
        headers: { ...json, authorization: `Bearer ${token}` },
        body: gql('{ viewer { id } }'),
      };
    },
    status: [401],
    codes: UNAUTH,
  },
  {
    name: 'jwt: a token expiring in the year 3000',
    category: 'auth tokens and headers',
    modes: ['jwt'],
    request: async (ctx) => {
      const token = await ctx.jwt({ sub: 'alice', exp: 32_503_680_000 });
      return {
        method: 'POST',
        headers: { ...json, authorization: `Bearer ${token}` },
        body: gql('{ viewer { id } }'),
      };
    },
    status: [401],
    codes: UNAUTH,
  },
  {
    name: 'jwt: a numeric sub',
    category: 'auth tokens and headers',
    modes: ['jwt'],
    request: async (ctx) => {
      const token = await ctx.jwt({ sub: 12345, exp: future(300) });
      return {
        method: 'POST',
        headers: { ...json, authorization: `Bearer ${token}` },
        body: gql('{ viewer { id } }'),
      };
    },
    status: [401],
    codes: UNAUTH,
  },
  {
    name: 'jwt: no sub',
    category: 'auth tokens and headers',
    modes: ['jwt'],
    request: async (ctx) => {
      const token = await ctx.jwt({ exp: future(300) });
      return {
        method: 'POST',
        headers: { ...json, authorization: `Bearer ${token}` },
        body: gql('{ viewer { id } }'),
      };
    },
    status: [401],
    codes: UNAUTH,
  },
  {
    name: 'jwt: a sub that is not a Chat UserID',
    category: 'auth tokens and headers',
    modes: ['jwt'],
    request: async (ctx) => {
      const token = await ctx.jwt({ sub: 'x'.repeat(100), exp: future(300) });
      return {
        method: 'POST',
        headers: { ...json, authorization: `Bearer ${token}` },
        body: gql('{ viewer { id } }'),
      };
    },
    status: [401],
    codes: UNAUTH,
  },
  {
    name: 'jwt: a 60 KB token',
    category: 'auth tokens and headers',
    modes: ['jwt'],
    request: async (ctx) => {
      const token = await ctx.jwt({ sub: 'alice', exp: future(300), pad: 'x'.repeat(60_000) });
      return {
        method: 'POST',
        headers: { ...json, authorization: `Bearer ${token}` },
        body: gql('{ viewer { id } }'),
      };
    },
    status: [200, 401, 431],
  },
  {
    name: 'jwt: anonymous (no token), data refused',
    category: 'auth tokens and headers',
    modes: ['jwt'],
    request: () => ({ method: 'POST', headers: json, body: gql('{ user(id: "alice") { id } }') }),
    status: [401],
    codes: UNAUTH,
  },
  {
    name: 'gateway: a wrong gateway secret',
    category: 'auth tokens and headers',
    modes: ['gateway'],
    request: () => ({
      method: 'POST',
      headers: { ...json, 'x-gateway-secret': 'wrong', 'x-user-id': 'alice', 'x-user-roles': 'admin' },
      body: gql('{ viewer { id } }'),
    }),
    status: [401],
    codes: UNAUTH,
  },
  {
    name: 'gateway: identity headers without the gateway secret count for nothing',
    category: 'auth tokens and headers',
    modes: ['gateway'],
    request: () => ({
      method: 'POST',
      headers: { ...json, 'x-user-id': 'alice', 'x-user-roles': 'admin' },
      body: gql(
        'mutation { followUsers(input: { userIds: ["bob"], asUserId: "carol" }) { succeededCount } }',
      ),
    }),
    status: [401],
    codes: UNAUTH,
  },
  {
    name: 'metrics without its token (jwt and gateway modes)',
    category: 'auth tokens and headers',
    modes: ['jwt', 'gateway'],
    request: () => ({ method: 'GET', path: '/metrics' }),
    status: [401, 404],
    codes: ['UNAUTHENTICATED', 'NOT_FOUND'],
  },
  {
    name: 'metrics with a wrong token',
    category: 'auth tokens and headers',
    modes: ['gateway'],
    request: () => ({
      method: 'GET',
      path: '/metrics',
      headers: { authorization: 'Bearer not-the-token-at-all' },
    }),
    status: [401],
    codes: UNAUTH,
  },
  {
    name: 'a CORS preflight from a foreign origin asking for the identity headers',
    category: 'auth tokens and headers',
    request: () => ({
      method: 'OPTIONS',
      path: '/graphql',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-user-id, x-user-roles, x-gateway-secret, content-type',
      },
    }),
    status: [204],
    noBody: true,
  },
  {
    name: 'an x-request-id with characters a log must not take',
    category: 'auth tokens and headers',
    request: (ctx) =>
      post(ctx, gql('{ viewer { id } }'), { 'x-request-id': `a"}{"level":"fatal${'z'.repeat(300)}` }),
    status: [200],
  },

  // ---------- federation input ----------
  {
    name: '_entities with an unknown __typename',
    category: 'federation input',
    request: (ctx) =>
      post(
        ctx,
        gql('query($r: [_Any!]!) { _entities(representations: $r) { __typename } }', {
          r: [{ __typename: 'Nope', id: 'x' }],
        }),
      ),
    status: [200],
    codes: INPUT,
  },
  {
    name: '_entities with representations that are not objects',
    category: 'federation input',
    request: (ctx) =>
      post(
        ctx,
        gql('query($r: [_Any!]!) { _entities(representations: $r) { __typename } }', {
          r: ['User', 5, [1], true],
        }),
      ),
    status: [200],
    codes: INPUT,
  },
  {
    name: '_entities with a User without an id, and one with a bad id',
    category: 'federation input',
    request: (ctx) =>
      post(
        ctx,
        gql('query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id } } }', {
          r: [{ __typename: 'User' }, { __typename: 'User', id: { $ne: 1 } }],
        }),
      ),
    status: [200],
    codes: INPUT,
  },
  {
    name: '_entities with __typename of a prototype property',
    category: 'federation input',
    request: (ctx) =>
      post(
        ctx,
        gql('query($r: [_Any!]!) { _entities(representations: $r) { __typename } }', {
          r: [{ __typename: '__proto__' }, { __typename: 'constructor' }],
        }),
      ),
    status: [200],
    codes: INPUT,
  },
  {
    name: '_entities with 2,500 representations',
    category: 'federation input',
    request: (ctx) =>
      post(
        ctx,
        gql('query($r: [_Any!]!) { _entities(representations: $r) { __typename } }', {
          r: Array.from({ length: 2500 }, (_, i) => ({ __typename: 'User', id: String(i) })),
        }),
      ),
    status: [200],
  },
  {
    name: '_entities asking for a follower page of 2,500 users (over the upstream-call budget)',
    category: 'federation input',
    request: (ctx) =>
      post(
        ctx,
        gql(
          'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { followers(first: 5) { nodes { id } } } } }',
          {
            r: Array.from({ length: 2500 }, (_, i) => ({ __typename: 'User', id: String(i) })),
          },
        ),
      ),
    status: [200, 400],
    codes: TOO_COMPLEX,
  },
];
