import { WHOLE_LIST_COSTS } from '../../loaders/index.js';
import { builder } from '../builder.js';
import { upstreamCost } from '../cost/upstreamCost.js';
import { UserRef } from '../refs.js';
import { connectionArgs, followList, UserConnection } from './followList.js';
import { filteredList, filteredListLoads, MutualsFilter, readFilter } from './followListFilter.js';

builder.objectField(UserRef, 'mutuals', (t) =>
  t.field({
    type: UserConnection,
    description:
      'Users who follow this user and whom this user follows. With `filter`, the whole list (at most ' +
      '5,000) is read and searched by nickname.',
    args: {
      ...connectionArgs(t.arg),
      filter: t.arg({
        type: MutualsFilter,
        required: false,
        description: 'Only some of the users (nickname); the same cursors page it.',
      }),
    },
    extensions: upstreamCost({
      returns: 'connection',
      load: filteredListLoads('mutuals'),
      argumentLoads: { filter: [WHOLE_LIST_COSTS.mutuals] },
    }),
    resolve: (user, { filter, ...args }, ctx) => {
      const wanted = readFilter(filter);
      return wanted
        ? filteredList(user, 'mutuals', wanted, args, ctx)
        : followList(user, 'mutuals', args, ctx);
    },
  }),
);
