import { builder } from '../builder.js';
import { badUserInput } from '../errors.js';
import { probeFor } from '../user/existence.js';
import { MAX_IDS_PER_QUERY } from '../validation.js';
import { loadNodes } from './loadNode.js';
import { nodeCost } from './nodeCost.js';
import { decodeNodeId } from './nodeId.js';

builder.queryField('nodes', (t) =>
  t.field({
    type: [builder.nodeInterfaceRef()],
    nullable: { list: false, items: true },
    description:
      'Objects by id (users and official accounts may be mixed), in input order; null entries for ids ' +
      'that do not exist.',
    args: {
      ids: t.arg.idList({
        required: true,
        description: `At most ${MAX_IDS_PER_QUERY} ids (\`User.id\` or \`OfficialAccount.id\`).`,
      }),
    },
    extensions: nodeCost('ids', { listArg: 'ids' }),
    resolve: (_root, { ids }, ctx, info) => {
      if (ids.length > MAX_IDS_PER_QUERY) {
        throw badUserInput(`\`ids\` accepts at most ${MAX_IDS_PER_QUERY} ids.`, 'ids');
      }
      return loadNodes(
        ids.map((id) => decodeNodeId(String(id), 'ids')),
        ctx,
        probeFor(info),
      );
    },
  }),
);
