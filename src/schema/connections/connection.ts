/** Builds the connection and edge object types (one pair per list shape), and the shared paging args. */
import type { ArgBuilder, ObjectRef } from '@pothos/core';
import type { GraphQLResolveInfo } from 'graphql';
import { type BuilderTypes, builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { type UpstreamCost, upstreamCost } from '../cost/upstreamCost.js';
import type { ConnectionSource, EdgeShape } from './paging.js';

interface ConnectionTypeOptions<Node> {
  /** Type name prefix: `${name}Connection` and `${name}Edge`. */
  name: string;
  node: ObjectRef<BuilderTypes, Node>;
  description: string;
  edgeDescription: string;
  nodeDescription: string;
  totalCountDescription: string;
  /** Name and description of the edge's time field (e.g. followedAt). */
  timeField: string;
  timeDescription: string;
  timeNullable: boolean;
  /**
   * What `totalCount` and a page (edges, nodes, pageInfo) cost upstream (absent: nothing beyond what
   * the connection's field declares; a function may read the connection's arguments).
   */
  costs: { totalCount?: UpstreamCost['load']; page?: UpstreamCost['load'] };
  /**
   * Starts the reads a page's nodes will make below `nodes` / `edges` and resolves once they are in, so
   * that their fields answer at once; undefined when the page should not wait (user/pageReads.ts).
   */
  pageReads?: (
    nodes: readonly Node[],
    ctx: GraphQLContext,
    info: GraphQLResolveInfo,
    via: 'nodes' | 'edges',
  ) => Promise<void> | undefined;
}

export function connectionType<Node>(options: ConnectionTypeOptions<Node>) {
  const edge = builder.objectRef<EdgeShape<Node>>(`${options.name}Edge`).implement({
    description: options.edgeDescription,
    shareable: true,
    fields: (t) => ({
      cursor: t.exposeString('cursor', {
        description: 'Opaque position after this edge; pass it as `after` to continue from here.',
      }),
      [options.timeField]: t.field({
        type: 'DateTime',
        nullable: options.timeNullable as true,
        description: options.timeDescription,
        extensions: upstreamCost(),
        resolve: (e) => e.at,
      }),
      node: t.field({
        type: options.node,
        description: options.nodeDescription,
        extensions: upstreamCost(),
        resolve: (e) => e.node as never,
      }),
    }),
  });

  const page = options.costs.page;
  return builder.objectRef<ConnectionSource<Node>>(`${options.name}Connection`).implement({
    description: options.description,
    shareable: true,
    fields: (t) => ({
      // Nullable: the count comes from its own upstream read (e.g. follow_get_info), which may fail
      // while the page loads fine. A failed count is null with an error entry; it must not null the
      // connection and, through it, the user or account it belongs to.
      totalCount: t.int({
        nullable: true,
        description: `${options.totalCountDescription} Null (with an error entry) only when reading the count failed.`,
        extensions: upstreamCost(options.costs.totalCount ? { load: options.costs.totalCount } : {}),
        resolve: (c) => c.totalCount(),
      }),
      // Nullable items: a field that fails below one edge nulls that edge, not the whole page.
      edges: t.field({
        type: [edge],
        nullable: { list: false, items: true },
        description:
          'The edges of this page, in upstream order. An edge is null (with an error entry) when a ' +
          'non-null field below it failed.',
        extensions: upstreamCost({ ...(page && { load: page }), returns: 'page' }),
        resolve: async (c, _args, ctx, info) => {
          const slice = await c.page();
          await options.pageReads?.(slice.nodes, ctx, info, 'edges');
          return slice.edges;
        },
      }),
      nodes: t.field({
        type: [options.node],
        description: 'The nodes of this page (the `node` of each edge), for when cursors are not needed.',
        extensions: upstreamCost({ ...(page && { load: page }), returns: 'page' }),
        resolve: async (c, _args, ctx, info) => {
          const slice = await c.page();
          await options.pageReads?.(slice.nodes, ctx, info, 'nodes');
          return slice.nodes as never;
        },
      }),
      pageInfo: t.field({
        type: builder.pageInfoRef(),
        description: 'Where this page sits in the list.',
        extensions: upstreamCost(page ? { load: page } : {}),
        resolve: async (c) => (await c.page()).pageInfo,
      }),
    }),
  });
}

/** `first`/`after`, plus `last`/`before`, which exist for Relay clients and are refused. */
export const connectionArgs = (t: ArgBuilder<BuilderTypes>) => ({
  first: t.int({
    description:
      'How many items to return (default 20, or the configured maximum if lower; at most the configured ' +
      'maximum, 100 unless changed).',
  }),
  after: t.string({
    description: 'Return items after this cursor (an edge `cursor` or `pageInfo.endCursor`).',
  }),
  last: t.int({ description: 'Not supported (upstream only pages forward); any value is refused.' }),
  before: t.string({ description: 'Not supported (upstream only pages forward); any value is refused.' }),
});
