import { builder } from '../builder.js';
import { UserRef } from '../refs.js';
import { assertValidIdList } from '../validation.js';
import { existenceCost, existingUsers, probeFor } from './existence.js';

builder.queryField('users', (t) =>
  t.field({
    type: [UserRef],
    nullable: { list: false, items: true },
    description: 'Users by Chat UserID, in input order; null entries for accounts that do not exist.',
    args: { ids: t.arg.idList({ required: true, description: 'At most 100 Chat UserIDs.' }) },
    extensions: existenceCost({ listArg: 'ids' }),
    resolve: (_root, { ids }, ctx, info) => {
      const userIds = ids.map(String);
      assertValidIdList(userIds, 'ids');
      return existingUsers(userIds, ctx, probeFor(info));
    },
  }),
);
