/** `updateOfficialAccount` (admins): modify_official_account_base_info, one call; the account after it. */
import { builder } from '../builder.js';
import { upstreamCost } from '../cost/upstreamCost.js';
import { FieldChecks } from '../writes/fields.js';
import {
  accountInputFields,
  accountPayload,
  adminOnly,
  adminWrite,
  oneCall,
  readAccountFields,
} from './officialAccountAdmin.js';

const UpdateOfficialAccountInput = builder.inputType('UpdateOfficialAccountInput', {
  description:
    'Which account, and the fields to change (at least one). Absent or null fields are left as they ' +
    "are; every given field is checked against Tencent's limits before anything is sent.",
  fields: (t) => ({
    id: t.id({ required: true, description: 'The official account id, e.g. `@TOA#_news`.' }),
    ...accountInputFields(t, false),
  }),
});

const UpdateOfficialAccountPayload = accountPayload(
  'UpdateOfficialAccountPayload',
  'Result of `updateOfficialAccount`.',
  'The account, read after the write. Null (with an error entry) only when that read failed; the ' +
    'change stands regardless.',
);

builder.mutationField('updateOfficialAccount', (t) =>
  t.field({
    type: UpdateOfficialAccountPayload,
    nullable: true,
    description:
      "Changes an official account's name, introduction, avatar, organization, custom data or " +
      'subscriber limit (admin role required): modify_official_account_base_info. Invalid fields are ' +
      'BAD_USER_INPUT naming the field; an unknown account is NOT_FOUND on `input.id`.',
    args: {
      input: t.arg({ type: UpdateOfficialAccountInput, required: true, description: 'What to change.' }),
    },
    extensions: upstreamCost({
      load: oneCall('official_account_open_http_svc/modify_official_account_base_info', 'input.id'),
    }),
    ...adminOnly,
    resolve: async (_root, { input }, ctx) => {
      const checks = new FieldChecks();
      const id = checks.officialAccountId(input.id, 'input.id');
      const fields = readAccountFields(input, checks, false);
      if (checks.invalid.length === 0 && Object.keys(fields).length === 0) {
        checks.fail('input', 'Give at least one field to change.');
      }
      checks.throwIfInvalid();
      await adminWrite(ctx, id, () => ctx.api.modifyOfficialAccount({ Official_Account: id, ...fields }), {
        id,
      });
      return { officialAccountId: id };
    },
  }),
);
