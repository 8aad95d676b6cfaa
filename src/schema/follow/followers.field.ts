import { builder } from '../builder.js';
import { UserRef } from '../refs.js';
import { connectionArgs, followList, followListField } from './followList.js';

builder.objectField(UserRef, 'followers', (t) =>
  t.field({
    ...followListField,
    description: 'Users who follow this user.',
    args: connectionArgs(t.arg),
    resolve: (user, args, ctx) => followList(user, 'followers', args, ctx),
  }),
);
