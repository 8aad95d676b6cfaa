import { builder } from '../builder.js';
import { UserRef } from '../refs.js';
import { connectionArgs, followList, followListField } from './followList.js';

builder.objectField(UserRef, 'following', (t) =>
  t.field({
    ...followListField,
    description: 'Users this user follows.',
    args: connectionArgs(t.arg),
    resolve: (user, args, ctx) => followList(user, 'following', args, ctx),
  }),
);
