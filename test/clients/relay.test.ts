/**
 * Relay (docs/clients.md): relay-compiler 21 compiles refetchable fragments against
 * `schema.client.graphql` (a `@refetchable` fragment on User with `followers @connection`, one on
 * OfficialAccount.subscribers), and relay-runtime runs the generated queries against the real server:
 * refetch through `node(id:)`, and paging that the connection handler merges into one list.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type ConcreteRequest,
  createOperationDescriptor,
  type Environment,
  fetchQuery,
  getSelector,
  type ReaderFragment,
} from 'relay-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_SCHEMA_FILE, ROOT } from '../support/files.js';
import { countCalls, type Harness, startHarness } from '../support/harness.js';
import { createEnvironment } from './relay/src/environment.js';

const FIXTURE = join(ROOT, 'test/clients/relay');
let work: string;
let compile: ReturnType<typeof spawnSync>;
let harness: Harness;

/** Copies the fixture (config and sources) into a temporary project and runs relay-compiler there. */
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'relay-'));
  cpSync(join(FIXTURE, 'src'), join(work, 'src'), { recursive: true });
  const config = JSON.parse(readFileSync(join(FIXTURE, 'relay.config.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  writeFileSync(join(work, 'relay.config.json'), JSON.stringify({ ...config, schema: CLIENT_SCHEMA_FILE }));
  mkdirSync(join(work, 'src/__generated__'), { recursive: true });
  compile = spawnSync(join(ROOT, 'node_modules/.bin/relay-compiler'), [], {
    cwd: work,
    encoding: 'utf8',
    timeout: 60_000,
  });
  harness = await startHarness();
}, 90_000);

afterAll(async () => {
  await harness?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function artifact<T>(name: string): Promise<T> {
  const module = (await import(
    pathToFileURL(join(work, 'src/__generated__', `${name}.graphql.ts`)).href
  )) as {
    default: T;
  };
  return module.default;
}

/** Runs a query through Relay's network and store, then reads one fragment of its `node`. */
async function fetchAndRead(
  environment: Environment,
  query: ConcreteRequest,
  fragment: ReaderFragment,
  variables: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  await fetchQuery(environment, query, variables).toPromise();
  const operation = createOperationDescriptor(query, variables);
  const root = environment.lookup(operation.fragment).data as { node: unknown };
  const selector = getSelector(fragment, root.node);
  if (!selector || !('dataID' in selector)) throw new Error('no single fragment selector');
  return environment.lookup(selector).data as Record<string, unknown>;
}

describe('relay-compiler over the client schema', () => {
  it('compiles the fixtures, generating refetch queries that go through node(id:)', async () => {
    expect(compile.status, `${compile.stdout}\n${compile.stderr}`).toBe(0);
    const generated = readdirSync(join(work, 'src/__generated__')).sort();
    expect(generated).toEqual([
      'AccountSubscribersPaginationQuery.graphql.ts',
      'UserFollowersPaginationQuery.graphql.ts',
      'fragmentsUserPageQuery.graphql.ts',
      'fragments_AccountSubscribers.graphql.ts',
      'fragments_UserFollowers.graphql.ts',
    ]);
    for (const name of ['UserFollowersPaginationQuery', 'AccountSubscribersPaginationQuery']) {
      const query = await artifact<ConcreteRequest>(name);
      expect(query.params.text).toContain('node(id: $id)');
    }
  });

  it('fails on a schema without Node (the subgraph SDL cannot be read at all)', () => {
    const broken = mkdtempSync(join(tmpdir(), 'relay-sdl-'));
    try {
      cpSync(join(FIXTURE, 'src'), join(broken, 'src'), { recursive: true });
      mkdirSync(join(broken, 'src/__generated__'), { recursive: true });
      writeFileSync(
        join(broken, 'relay.config.json'),
        JSON.stringify({ src: './src', schema: join(ROOT, 'schema.graphql'), language: 'typescript' }),
      );
      const run = spawnSync(join(ROOT, 'node_modules/.bin/relay-compiler'), [], {
        cwd: broken,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.status).not.toBe(0);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});

describe('relay-runtime against the server (the recipe environment)', () => {
  it('refetches alice through node(id:) and pages 250 followers into one connection', async () => {
    const environment = createEnvironment(harness.url, { 'x-user-id': 'alice' });
    const query = await artifact<ConcreteRequest>('UserFollowersPaginationQuery');
    const fragment = await artifact<ReaderFragment>('fragments_UserFollowers');
    type Followers = {
      totalCount: number;
      edges: { node: { id: string } }[];
      pageInfo: { endCursor: string | null; hasNextPage: boolean };
    };
    const { result: first, calls } = await countCalls(harness, () =>
      fetchAndRead(environment, query, fragment, { id: 'alice', count: 100 }),
    );
    expect(first.id).toBe('alice');
    expect(calls['follow/follow_get']).toBe(1);
    let followers = first.followers as Followers;
    expect(followers.totalCount).toBe(250);
    // loadNext: the same query with the connection's endCursor; Relay appends the edges.
    while (followers.pageInfo.hasNextPage) {
      const next = await fetchAndRead(environment, query, fragment, {
        id: 'alice',
        count: 100,
        cursor: followers.pageInfo.endCursor,
      });
      followers = next.followers as Followers;
    }
    const ids = followers.edges.map((edge) => edge.node.id);
    expect(ids).toHaveLength(250);
    expect(new Set(ids).size).toBe(250);
  });

  it('refetches an official account through node(id:) by its @TOA#_ id', async () => {
    const environment = createEnvironment(harness.url, { 'x-user-id': 'alice' });
    const query = await artifact<ConcreteRequest>('AccountSubscribersPaginationQuery');
    const fragment = await artifact<ReaderFragment>('fragments_AccountSubscribers');
    const account = await fetchAndRead(environment, query, fragment, { id: '@TOA#_news', count: 50 });
    expect(account.id).toBe('@TOA#_news');
    const subscribers = account.subscribers as { totalCount: number; edges: unknown[] };
    expect(subscribers.totalCount).toBe(150);
    expect(subscribers.edges).toHaveLength(50);
  });
});
