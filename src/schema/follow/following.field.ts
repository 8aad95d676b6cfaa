import { WHOLE_LIST_COSTS } from '../../loaders/index.js';
import { builder } from '../builder.js';
import { upstreamCost } from '../cost/upstreamCost.js';
import { UserRef } from '../refs.js';
import { connectionArgs, followList, UserConnection } from './followList.js';
import { FollowingFilter, filteredList, filteredListLoads, readFilter } from './followListFilter.js';

builder.objectField(UserRef, 'following', (t) =>
  t.field({
    type: UserConnection,
    description:
      "Users this user follows, newest first. With `filter`, the whole list (at most 5,000, Tencent's " +
      'cap) is read and filtered: who follows back, or a nickname search.',
    args: {
      ...connectionArgs(t.arg),
      filter: t.arg({
        type: FollowingFilter,
        required: false,
        description: 'Only some of the users (who follows back, nickname); the same cursors page it.',
      }),
    },
    extensions: upstreamCost({
      returns: 'connection',
      load: filteredListLoads('following'),
      argumentLoads: { filter: [WHOLE_LIST_COSTS.following, WHOLE_LIST_COSTS.mutuals] },
    }),
    resolve: (user, { filter, ...args }, ctx) => {
      const wanted = readFilter(filter);
      return wanted
        ? filteredList(user, 'following', wanted, args, ctx)
        : followList(user, 'following', args, ctx);
    },
  }),
);
