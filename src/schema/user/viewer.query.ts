import { builder } from '../builder.js';
import { UserRef } from '../refs.js';
import { existenceCost, existingUser, probeFor } from './existence.js';

builder.queryField('viewer', (t) =>
  t.field({
    type: UserRef,
    nullable: true,
    description: 'The signed-in user; null when not signed in or when the account does not exist.',
    extensions: existenceCost('one'),
    resolve: (_root, _args, ctx, info) =>
      ctx.viewer ? existingUser(ctx.viewer.id, ctx, probeFor(info)) : null,
  }),
);
