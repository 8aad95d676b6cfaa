/** `destroyOfficialAccount` (admins): destroy_official_account, one call. */
import { builder } from '../builder.js';
import { upstreamCost } from '../cost/upstreamCost.js';
import { FieldChecks } from '../writes/fields.js';
import { adminOnly, adminWrite, oneCall } from './officialAccountAdmin.js';

const DestroyOfficialAccountInput = builder.inputType('DestroyOfficialAccountInput', {
  description: 'Which official account to destroy.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'The official account id, e.g. `@TOA#_news`.' }),
  }),
});

const DestroyOfficialAccountPayload = builder
  .objectRef<{ id: string }>('DestroyOfficialAccountPayload')
  .implement({
    description: 'Result of `destroyOfficialAccount`.',
    fields: (t) => ({
      destroyedOfficialAccountId: t.exposeID('id', {
        description: 'The id of the account that no longer exists (for clients to drop it from caches).',
      }),
    }),
  });

builder.mutationField('destroyOfficialAccount', (t) =>
  t.field({
    type: DestroyOfficialAccountPayload,
    nullable: true,
    description:
      'Destroys an official account and its subscriptions (admin role required): destroy_official_account. ' +
      'An unknown account is NOT_FOUND on `input.id`.',
    args: {
      input: t.arg({ type: DestroyOfficialAccountInput, required: true, description: 'The account.' }),
    },
    extensions: upstreamCost({
      load: oneCall('official_account_open_http_svc/destroy_official_account', 'input.id'),
    }),
    ...adminOnly,
    resolve: async (_root, { input }, ctx) => {
      const checks = new FieldChecks();
      const id = checks.officialAccountId(input.id, 'input.id');
      checks.throwIfInvalid();
      await adminWrite(ctx, id, () => ctx.api.destroyOfficialAccount(id), { id });
      return { id };
    },
  }),
);
