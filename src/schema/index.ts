/** The subgraph schema, built once. Domain modules register their types on import. */
import type { GraphQLSchema } from 'graphql';
import { ConfigError } from '../tencent/config.js';
import { builder } from './builder.js';
import { mapUpstreamErrors } from './errors.js';
import './scalars.js';
import './user/profile.type.js';
import './user/user.type.js';
import './user/followConnections.js';
import './user/user.queries.js';
import './officialAccount/officialAccount.type.js';
import './officialAccount/officialAccount.queries.js';
import './officialAccount/subscribers.js';
import './officialAccount/subscribedAccounts.js';
import './mutations/index.js';

export type { GraphQLContext, SchemaSettings, Viewer } from './context.js';

const FEDERATION_DIRECTIVES = [
  '@key',
  '@shareable',
  '@external',
  '@requires',
  '@provides',
  '@tag',
  '@inaccessible',
];

export const DEFAULT_FEDERATION_VERSION = '2.6';

/**
 * A Federation spec version (FEDERATION_VERSION; unset = 2.6). Capped at 2.9: the versions the
 * composition we test against (@theguild/federation-composition) knows.
 */
export function parseFederationVersion(raw: string | undefined): string {
  const version = raw?.trim() || DEFAULT_FEDERATION_VERSION;
  if (!/^2\.\d$/.test(version)) throw new ConfigError('FEDERATION_VERSION', 'must be 2.0 to 2.9, e.g. 2.6');
  return version;
}

/** GraphiQL documents every type and field; the federation plugin adds a few without descriptions. */
function describeFederationTypes(built: GraphQLSchema): GraphQLSchema {
  const describe = (name: string, description: string) => {
    const type = built.getType(name);
    if (type && !type.description) type.description = description;
  };
  describe('_Any', 'Federation: an entity representation ({ __typename, ...key fields }) from a router.');
  describe('_Entity', 'Federation: every entity type this subgraph resolves (User, OfficialAccount).');
  describe('_Service', "Federation: this subgraph's SDL, for routers and composition.");
  const fields = built.getQueryType()?.getFields() ?? {};
  for (const [name, description] of [
    ['_entities', 'Federation: resolves entity references for a router (no upstream call per reference).'],
    ['_service', "Federation: this subgraph's SDL."],
  ] as const) {
    const field = fields[name];
    if (field && !field.description) field.description = description;
  }
  const representations = fields._entities?.args.find((arg) => arg.name === 'representations');
  if (representations && !representations.description) {
    representations.description = 'The entity references to resolve.';
  }
  return built;
}

const built = new Map<string, GraphQLSchema>();

/** The subgraph schema linking the given Federation version, built once per version. */
export function subgraphSchema(federationVersion: string = DEFAULT_FEDERATION_VERSION): GraphQLSchema {
  let schema = built.get(federationVersion);
  if (!schema) {
    schema = mapUpstreamErrors(
      describeFederationTypes(
        builder.toSubGraphSchema({
          linkUrl: `https://specs.apollo.dev/federation/v${federationVersion}`,
          federationDirectives: FEDERATION_DIRECTIVES,
        }),
      ),
    );
    built.set(federationVersion, schema);
  }
  return schema;
}
