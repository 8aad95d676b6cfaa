import { builder } from '../builder.js';
import { UserRef } from '../refs.js';
import { connectionArgs, followList, followListField } from './followList.js';

builder.objectField(UserRef, 'mutuals', (t) =>
  t.field({
    ...followListField,
    description: 'Users who follow this user and whom this user follows.',
    args: connectionArgs(t.arg),
    resolve: (user, args, ctx) => followList(user, 'mutuals', args, ctx),
  }),
);
