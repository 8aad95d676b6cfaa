/**
 * `@defer` and `@stream`, as this API serves them (incremental delivery over multipart HTTP or SSE).
 * graphql-js 16 does not define them; the server adds these definitions to the schema it serves, and
 * the client schema (`schema.client.graphql`) declares them, so client compilers accept them.
 */
import {
  DirectiveLocation,
  GraphQLBoolean,
  GraphQLDirective,
  GraphQLInt,
  GraphQLNonNull,
  GraphQLSchema,
  GraphQLString,
} from 'graphql';

export const DeferDirective = new GraphQLDirective({
  name: 'defer',
  description:
    'Delivers the fields of this fragment in a later payload of the same response (multipart HTTP or ' +
    'SSE), when `if` is true or omitted.',
  locations: [DirectiveLocation.FRAGMENT_SPREAD, DirectiveLocation.INLINE_FRAGMENT],
  args: {
    if: {
      type: new GraphQLNonNull(GraphQLBoolean),
      defaultValue: true,
      description: 'Deferred when true (the default).',
    },
    label: { type: GraphQLString, description: 'Names this deferred payload (unique in the operation).' },
  },
});

export const StreamDirective = new GraphQLDirective({
  name: 'stream',
  description:
    'Delivers the items of this list field one by one after the first `initialCount`, in later payloads ' +
    'of the same response, when `if` is true or omitted.',
  locations: [DirectiveLocation.FIELD],
  args: {
    if: {
      type: new GraphQLNonNull(GraphQLBoolean),
      defaultValue: true,
      description: 'Streamed when true (the default).',
    },
    label: { type: GraphQLString, description: 'Names the streamed payloads (unique in the operation).' },
    initialCount: {
      type: GraphQLInt,
      defaultValue: 0,
      description: 'How many items come in the first payload.',
    },
  },
});

/** `schema` with `@defer` and `@stream` defined (the same types, resolvers and extensions). */
export function withIncrementalDirectives(schema: GraphQLSchema): GraphQLSchema {
  const config = schema.toConfig();
  const names = new Set(config.directives.map((directive) => directive.name));
  const added = [DeferDirective, StreamDirective].filter((directive) => !names.has(directive.name));
  if (added.length === 0) return schema;
  return new GraphQLSchema({ ...config, directives: [...config.directives, ...added] });
}
