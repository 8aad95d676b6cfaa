import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import DirectivesPlugin from '@pothos/plugin-directives';
import ErrorsPlugin from '@pothos/plugin-errors';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { GraphQLError } from 'graphql';
import type { GraphQLContext } from './context.js';
import { decodeNodeId, encodeNodeId } from './node/nodeId.js';

export interface SchemaTypes {
  Context: GraphQLContext;
  AuthScopes: { loggedIn: boolean; admin: boolean };
  Scalars: {
    DateTime: { Input: Date; Output: Date | number | string };
  };
  DefaultFieldNullability: false;
}

// Plugin order matters: auth wraps resolvers first, errors before dataloader, directives and federation last.
export const builder = new SchemaBuilder<SchemaTypes>({
  plugins: [ScopeAuthPlugin, ErrorsPlugin, RelayPlugin, DataloaderPlugin, DirectivesPlugin, FederationPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: (ctx) => ({ loggedIn: !!ctx.viewer, admin: !!ctx.viewer?.isAdmin }),
    treatErrorsAsUnauthorized: true,
    // Subscriptions are authorized when they start, not at their first event.
    authorizeOnSubscribe: true,
    unauthorizedError: (_parent, ctx, _info, result) =>
      new GraphQLError(ctx.viewer ? result.message : 'Sign in to see this.', {
        extensions: { code: ctx.viewer ? 'FORBIDDEN' : 'UNAUTHENTICATED' },
      }),
  },
  errors: {},
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // Node ids are the objects' own ids (node/nodeId.ts); `node` and `nodes` live in node/*.query.ts.
    encodeGlobalID: encodeNodeId,
    decodeGlobalID: (globalId) => decodeNodeId(globalId),
    nodeTypeOptions: {
      description:
        'An object with an id that refetches it through `node(id:)` (Relay). A `User` id is the Chat ' +
        'UserID; an `OfficialAccount` id starts with `@TOA#_`.',
    },
    idFieldOptions: {
      description: "The object's id: a Chat UserID, or an official account id (`@TOA#_...`).",
    },
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    pageInfoTypeOptions: {
      shareable: true,
      description:
        'Relay pagination state of a connection. Pages only go forward (upstream has no backward paging).',
    },
    hasNextPageFieldOptions: { description: 'True when more items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'Always false: upstream only pages forward.' },
    startCursorFieldOptions: {
      description: 'Cursor of the first edge of this page; null for an empty page.',
    },
    endCursorFieldOptions: {
      description: 'Cursor of the last edge of this page; pass it as `after` to get the next page.',
    },
  },
});

/** The builder's resolved type parameters (for helpers that take refs or arg builders). */
export type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

builder.queryType({ description: 'Read access to users, their follow graph and official accounts.' });

builder.subscriptionType({
  description:
    'Live updates from the follow graph and official accounts, fed by Tencent callbacks and by writes made ' +
    'through this API. Over GraphQL over SSE and graphql-ws (WebSocket) at /graphql.',
});

builder.mutationType({
  description:
    'Writes to the follow graph and to official-account subscriptions (each takes a list of ids and ' +
    'returns one result item per distinct id), and official-account administration for admins.',
});
