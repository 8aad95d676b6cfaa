/** The subgraph schema, built once per Federation version. Domain modules register their fields on import. */
import { printSubgraphSchema } from '@apollo/subgraph';
import { type GraphQLSchema, isObjectType, isUnionType } from 'graphql';
import { builder } from './builder.js';
import { addCostDirectives } from './cost/costDirectives.js';
import { upstreamCost } from './cost/upstreamCost.js';
import { badUserInput, mapUpstreamErrors } from './errors.js';
import { withIncrementalDirectives } from './incremental.js';
import { trackPendingWork } from './pendingWork.js';
import './scalars.js';
import './user/profile.type.js';
import './user/user.type.js';
import './follow/followers.field.js';
import './follow/following.field.js';
import './follow/mutuals.field.js';
import './follow/knownFollowers.field.js';
import './user/user.query.js';
import './user/users.query.js';
import './user/viewer.query.js';
import './officialAccount/officialAccount.type.js';
import './officialAccount/officialAccount.query.js';
import './officialAccount/subscribers.field.js';
import './officialAccount/subscribedOfficialAccounts.field.js';
import './follow/followEvents.subscription.js';
import './follow/followCounts.subscription.js';
import './officialAccount/officialAccountEvents.subscription.js';
import './follow/followUsers.mutation.js';
import './follow/unfollowUsers.mutation.js';
import './officialAccount/subscribeToOfficialAccount.mutation.js';
import './officialAccount/unsubscribeFromOfficialAccount.mutation.js';
import './officialAccount/createOfficialAccount.mutation.js';
import './officialAccount/updateOfficialAccount.mutation.js';
import './officialAccount/destroyOfficialAccount.mutation.js';
import './node/node.query.js';
import './node/nodes.query.js';
import './rateLimit/rateLimit.query.js';

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

/** From this version on, the subgraph emits `@cost` / `@listSize` for routers (demand control). */
export const COST_DIRECTIVES_SINCE = '2.9';

/** True when `version` (`2.x`) links `@cost` and `@listSize`. */
export function emitsCostDirectives(version: string): boolean {
  return Number(version.split('.')[1]) >= Number(COST_DIRECTIVES_SINCE.split('.')[1]);
}

/**
 * `@cost` / `@listSize` from the fields' upstream-cost declarations (cost/costDirectives.ts), printed in
 * the SDL and served by `_service { sdl }`.
 */
function withCostDirectives(built: GraphQLSchema): GraphQLSchema {
  addCostDirectives(built);
  const service = built.getQueryType()?.getFields()._service;
  if (service) {
    const sdl = printSubgraphSchema(built);
    service.resolve = () => ({ sdl });
  }
  return built;
}

/**
 * The fields the federation plugin adds: descriptions (GraphiQL documents every type and field) and
 * upstream costs (resolving a reference is free; what a router selects below it is not).
 */
function completeFederationFields(built: GraphQLSchema): GraphQLSchema {
  const describe = (name: string, description: string) => {
    const type = built.getType(name);
    if (type && !type.description) type.description = description;
  };
  describe('_Any', 'Federation: an entity representation ({ __typename, ...key fields }) from a router.');
  describe('_Entity', 'Federation: every entity type this subgraph resolves (User, OfficialAccount).');
  describe('_Service', "Federation: this subgraph's SDL, for routers and composition.");
  const fields = built.getQueryType()?.getFields() ?? {};
  const federationFields = [
    [
      '_entities',
      'Federation: resolves entity references for a router (no upstream call per reference).',
      upstreamCost({ returns: { listArg: 'representations' } }),
    ],
    ['_service', "Federation: this subgraph's SDL.", upstreamCost()],
  ] as const;
  for (const [name, description, cost] of federationFields) {
    const field = fields[name];
    if (!field) continue;
    if (!field.description) field.description = description;
    field.extensions = { ...field.extensions, ...cost };
  }
  const sdl = built.getType('_Service');
  if (isObjectType(sdl)) {
    for (const field of Object.values(sdl.getFields()))
      field.extensions = { ...field.extensions, ...upstreamCost() };
  }
  const representations = fields._entities?.args.find((arg) => arg.name === 'representations');
  if (representations && !representations.description) {
    representations.description = 'The entity references to resolve.';
  }
  refuseUnknownEntities(built);
  return built;
}

/**
 * `_entities` with a representation whose `__typename` is not an entity of this subgraph: the federation
 * library throws a plain Error (an internal error with a stack trace in the log). It is the caller's
 * mistake: that entry alone fails with BAD_USER_INPUT, the others resolve.
 */
function refuseUnknownEntities(built: GraphQLSchema): void {
  const field = built.getQueryType()?.getFields()._entities;
  const entity = built.getType('_Entity');
  const resolve = field?.resolve;
  if (!field || !resolve || !isUnionType(entity)) return;
  const known = new Set(entity.getTypes().map((type) => type.name));
  const isKnown = (representation: unknown) => {
    const typename = (representation as { __typename?: unknown } | null)?.__typename;
    return typeof typename === 'string' && known.has(typename);
  };
  field.resolve = (source, args, context, info) => {
    const all = (args as { representations?: unknown }).representations;
    if (!Array.isArray(all) || all.every(isKnown)) return resolve(source, args, context, info);
    const out: unknown[] = all.map((representation) =>
      isKnown(representation)
        ? undefined
        : badUserInput(
            `A representation's \`__typename\` must be one of this subgraph's entities: ${[...known].join(', ')}.`,
            'representations',
          ),
    );
    const valid = all.filter(isKnown);
    if (valid.length === 0) return out;
    return Promise.resolve(resolve(source, { ...args, representations: valid }, context, info)).then(
      (resolved) => {
        const values = resolved as unknown[];
        let next = 0;
        return out.map((value) => (value === undefined ? values[next++] : value));
      },
    );
  };
}

const built = new Map<string, GraphQLSchema>();

/** The subgraph schema linking the given Federation version, built once per version. */
export function subgraphSchema(federationVersion: string = DEFAULT_FEDERATION_VERSION): GraphQLSchema {
  let schema = built.get(federationVersion);
  if (!schema) {
    const costs = emitsCostDirectives(federationVersion);
    schema = trackPendingWork(
      mapUpstreamErrors(
        completeFederationFields(
          builder.toSubGraphSchema({
            linkUrl: `https://specs.apollo.dev/federation/v${federationVersion}`,
            federationDirectives: [...FEDERATION_DIRECTIVES, ...(costs ? ['@cost', '@listSize'] : [])],
          }),
        ),
      ),
    );
    if (costs) schema = withCostDirectives(schema);
    built.set(federationVersion, schema);
  }
  return schema;
}

const served = new Map<string, GraphQLSchema>();

/** The schema the server executes: the subgraph schema plus `@defer` and `@stream`. */
export function servedSchema(federationVersion: string = DEFAULT_FEDERATION_VERSION): GraphQLSchema {
  let schema = served.get(federationVersion);
  if (!schema) {
    schema = withIncrementalDirectives(subgraphSchema(federationVersion));
    served.set(federationVersion, schema);
  }
  return schema;
}
