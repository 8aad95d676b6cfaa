/**
 * This subgraph composes into a supergraph (with @theguild/federation-composition) next to a second
 * subgraph that shares `User`: from the live schema and from the committed schema.graphql.
 */
import { readFileSync } from 'node:fs';
import { buildSchema, isObjectType, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CompositionError, composeSupergraph, type SubgraphSource } from '../../src/federation/compose.js';
import { DEFAULT_FEDERATION_VERSION } from '../../src/schema/index.js';
import { printSubgraphSdl } from '../../src/schema/sdl.js';
import { serverConfig } from '../support/config.js';
import { SCHEMA_FILE } from '../support/files.js';
import { ACCOUNTS_SDL } from './accountsSubgraph.js';

const accounts: SubgraphSource = { name: 'accounts', sdl: ACCOUNTS_SDL, url: 'http://accounts.test/graphql' };
const follow = (sdl: string): SubgraphSource => ({ name: 'follow', sdl, url: 'http://follow.test/graphql' });

/** `@join__type(graph: X, key: "id")` graphs of a supergraph type, e.g. ['ACCOUNTS', 'FOLLOW']. */
function joinGraphs(supergraphSdl: string, typeName: string): string[] {
  const type = parse(supergraphSdl).definitions.find(
    (d) => d.kind === 'ObjectTypeDefinition' && d.name.value === typeName,
  );
  if (type?.kind !== 'ObjectTypeDefinition') throw new Error(`no type ${typeName} in the supergraph`);
  return (type.directives ?? [])
    .filter((d) => d.name.value === 'join__type')
    .map((d) => {
      const graph = d.arguments?.find((a) => a.name.value === 'graph')?.value;
      return graph?.kind === 'EnumValue' ? graph.value : '?';
    })
    .sort();
}

describe('composition with a second subgraph (accounts) that owns User.name', () => {
  it('composes the live schema (printSubgraphSchema of the running schema)', () => {
    const { supergraphSdl, publicSdl } = composeSupergraph([follow(printSubgraphSdl()), accounts]);
    expect(joinGraphs(supergraphSdl, 'User')).toEqual(['ACCOUNTS', 'FOLLOW']);
    expect(joinGraphs(supergraphSdl, 'PageInfo')).toEqual(['FOLLOW']);
    // The client-facing API offers both subgraphs' fields on one User, and both subgraphs' root fields.
    const api = buildSchema(publicSdl);
    const user = api.getType('User');
    expect(isObjectType(user) && Object.keys(user.getFields())).toEqual(
      expect.arrayContaining([
        'id',
        'name',
        'profile',
        'followers',
        'following',
        'mutuals',
        'viewerIsFollowing',
      ]),
    );
    expect(Object.keys(api.getQueryType()!.getFields())).toEqual(
      expect.arrayContaining(['user', 'users', 'viewer', 'officialAccount', 'me', 'people']),
    );
    expect(api.getQueryType()!.getFields()).not.toHaveProperty('_entities');
  });

  it('composes the committed schema.graphql', () => {
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    const { supergraphSdl } = composeSupergraph([follow(committed), accounts]);
    expect(joinGraphs(supergraphSdl, 'User')).toEqual(['ACCOUNTS', 'FOLLOW']);
  });

  it('links the federation spec version FEDERATION_VERSION selects (default 2.6) and keys User by id', () => {
    const sdl = printSubgraphSdl();
    expect(sdl).toContain(`@link(url: "https://specs.apollo.dev/federation/v${DEFAULT_FEDERATION_VERSION}"`);
    expect(serverConfig({}).federationVersion).toBe('2.6');
    expect(serverConfig({ FEDERATION_VERSION: '2.3' }).federationVersion).toBe('2.3');
    for (const bad of ['2.10', '3.0', 'latest']) {
      expect(() => serverConfig({ FEDERATION_VERSION: bad })).toThrow(
        /^FEDERATION_VERSION: must be 2\.0 to 2\.9/,
      );
    }
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toContain('https://specs.apollo.dev/federation/v2.6');
    expect(sdl).toMatch(/type User implements Node\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/type PageInfo\s+@shareable/);
  });

  it('composes with another Relay subgraph that also defines PageInfo (shareable on both sides)', () => {
    const relaySubgraph: SubgraphSource = {
      name: 'posts',
      url: 'http://posts.test/graphql',
      sdl: /* GraphQL */ `
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable"])
        type PageInfo @shareable {
          hasNextPage: Boolean!
          hasPreviousPage: Boolean!
          startCursor: String
          endCursor: String
        }
        type Post { id: ID! }
        type PostConnection { nodes: [Post!]! pageInfo: PageInfo! }
        type User @key(fields: "id") { id: ID! posts: PostConnection! }
        type Query { posts: PostConnection! }
      `,
    };
    const { supergraphSdl } = composeSupergraph([follow(printSubgraphSdl()), accounts, relaySubgraph]);
    expect(joinGraphs(supergraphSdl, 'PageInfo')).toEqual(['FOLLOW', 'POSTS']);
    expect(joinGraphs(supergraphSdl, 'User')).toEqual(['ACCOUNTS', 'FOLLOW', 'POSTS']);
  });

  it('reports composition errors with their codes', () => {
    const conflicting: SubgraphSource = {
      name: 'conflicting',
      sdl: /* GraphQL */ `
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])
        type PageInfo { hasNextPage: Boolean! }
        type User @key(fields: "id") { id: String! }
        type Query { pages: PageInfo }
      `,
    };
    let error: unknown;
    try {
      composeSupergraph([follow(printSubgraphSdl()), conflicting]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CompositionError);
    const codes = (error as CompositionError).errors.map((e) => e.extensions.code);
    expect(codes).toEqual(expect.arrayContaining(['INVALID_FIELD_SHARING', 'FIELD_TYPE_MISMATCH']));
    expect((error as Error).message).toMatch(/INVALID_FIELD_SHARING: .*PageInfo\.hasNextPage/);
  });

  it('a different FEDERATION_VERSION changes the printed @link and still composes', () => {
    const stdout = printSubgraphSdl('2.3');
    expect(stdout).toContain('@link(url: "https://specs.apollo.dev/federation/v2.3"');
    expect(joinGraphs(composeSupergraph([follow(stdout), accounts]).supergraphSdl, 'User')).toEqual([
      'ACCOUNTS',
      'FOLLOW',
    ]);
  });
});
