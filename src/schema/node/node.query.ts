import { builder } from '../builder.js';
import { probeFor } from '../user/existence.js';
import { loadNodes } from './loadNode.js';
import { nodeCost } from './nodeCost.js';
import { decodeNodeId } from './nodeId.js';

builder.queryField('node', (t) =>
  t.field({
    type: builder.nodeInterfaceRef(),
    nullable: true,
    description:
      'Any object by its id, for Relay refetching: a `User` (the id is a Chat UserID) or an ' +
      '`OfficialAccount` (the id starts with `@TOA#_`); null when it does not exist.',
    args: {
      id: t.arg.id({
        required: true,
        description: 'A `User.id` or an `OfficialAccount.id`, exactly as the API returned it.',
      }),
    },
    extensions: nodeCost('id', 'one'),
    resolve: async (_root, { id }, ctx, info) => {
      const [node] = await loadNodes([decodeNodeId(String(id))], ctx, probeFor(info));
      return (await node) ?? null;
    },
  }),
);
