import { builder } from '../builder.js';
import { UserRef } from '../refs.js';
import { assertValidId } from '../validation.js';
import { existenceCost, existingUser, probeFor } from './existence.js';

builder.queryField('user', (t) =>
  t.field({
    type: UserRef,
    nullable: true,
    description: 'A user by Chat UserID; null when the account does not exist.',
    args: {
      id: t.arg.id({ required: true, description: 'Chat UserID (at most 32 bytes, printable ASCII).' }),
    },
    extensions: existenceCost('one'),
    resolve: (_root, { id }, ctx, info) => {
      assertValidId(String(id), 'id');
      return existingUser(String(id), ctx, probeFor(info));
    },
  }),
);
