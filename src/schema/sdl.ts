/**
 * The printed schemas: `schema.graphql`, the subgraph SDL for routers and composition, and
 * `schema.client.graphql`, the API as clients see it (no federation machinery), for client compilers
 * and code generators (relay-compiler cannot read `extend schema @link`). Both are written by
 * scripts/print-schema.ts and kept fresh by a test.
 */
import { printSubgraphSchema } from '@apollo/subgraph';
import {
  type DefinitionNode,
  type GraphQLSchema,
  Kind,
  lexicographicSortSchema,
  parse,
  print,
  printSchema,
} from 'graphql';
import { DEFAULT_FEDERATION_VERSION, servedSchema, subgraphSchema } from './index.js';

/** The subgraph SDL, with `@link` and `@key` (plain printSchema would drop them). */
export function printSubgraphSdl(federationVersion: string = DEFAULT_FEDERATION_VERSION): string {
  return printSubgraphSchema(lexicographicSortSchema(subgraphSchema(federationVersion)));
}

/** What Federation adds to a subgraph for routers; clients never send these. */
const FEDERATION_TYPES: ReadonlySet<string> = new Set(['_Any', '_Entity', '_Service']);
const FEDERATION_QUERY_FIELDS: ReadonlySet<string> = new Set(['_entities', '_service']);

function isFederationMachinery(definition: DefinitionNode): boolean {
  return 'name' in definition && definition.name !== undefined && FEDERATION_TYPES.has(definition.name.value);
}

/**
 * A schema as clients see it, printed: federation's `_entities` / `_service` and their types left out,
 * sorted. Works on the served schema and on one rebuilt from introspection alike.
 */
export function printClientSchema(schema: GraphQLSchema): string {
  const queryName = schema.getQueryType()?.name ?? 'Query';
  const document = parse(printSchema(lexicographicSortSchema(schema)));
  const definitions = document.definitions
    .filter((definition) => !isFederationMachinery(definition))
    .map((definition) =>
      definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.name.value === queryName
        ? {
            ...definition,
            fields: definition.fields?.filter((field) => !FEDERATION_QUERY_FIELDS.has(field.name.value)),
          }
        : definition,
    );
  return `${print({ ...document, definitions })}\n`;
}

/** `schema.client.graphql`: the served API (with `@defer` / `@stream`) without federation machinery. */
export function printClientSdl(): string {
  return printClientSchema(servedSchema());
}
