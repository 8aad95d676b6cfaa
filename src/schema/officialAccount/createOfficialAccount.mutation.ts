/** `createOfficialAccount` (admins): create_official_account, one call; the new account in the payload. */
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

const CreateOfficialAccountInput = builder.inputType('CreateOfficialAccountInput', {
  description:
    "A new official account. Every field is checked against Tencent's limits before anything is sent.",
  fields: (t) => ({
    id: t.id({
      required: false,
      description:
        'Its id: `@TOA#_` and a name, at most 32 bytes in all. Omitted: Tencent makes one (`@TOA#_@TOA#xxxx`).',
    }),
    ownerId: t.id({ required: true, description: 'Chat UserID of the owner (an imported account).' }),
    ...accountInputFields(t, true),
  }),
});

const CreateOfficialAccountPayload = accountPayload(
  'CreateOfficialAccountPayload',
  'Result of `createOfficialAccount`.',
  'The new account, read after the write. Null (with an error entry) only when that read failed; the ' +
    'account exists regardless.',
);

builder.mutationField('createOfficialAccount', (t) =>
  t.field({
    type: CreateOfficialAccountPayload,
    nullable: true,
    description:
      'Creates an official account (admin role required): create_official_account. Invalid fields are ' +
      'BAD_USER_INPUT naming the field (`extensions.argument`, every one in `extensions.invalid`); an ' +
      'id in use is BAD_USER_INPUT on `input.id`; an owner that does not exist, NOT_FOUND on `input.ownerId`.',
    args: {
      input: t.arg({ type: CreateOfficialAccountInput, required: true, description: 'The new account.' }),
    },
    extensions: upstreamCost({ load: oneCall('official_account_open_http_svc/create_official_account') }),
    ...adminOnly,
    resolve: async (_root, { input }, ctx) => {
      const checks = new FieldChecks();
      const custom =
        input.id === null || input.id === undefined
          ? undefined
          : checks.officialAccountId(input.id, 'input.id');
      const owner = checks.userId(input.ownerId, 'input.ownerId');
      const fields = readAccountFields(input, checks, true);
      checks.throwIfInvalid();
      const id = await adminWrite(
        ctx,
        custom,
        () =>
          ctx.api.createOfficialAccount({
            Owner_Account: owner,
            ...(custom !== undefined && { OfficialAccountUserID: custom }),
            Name: fields.Name ?? '',
            ...fields,
          }),
        { id: custom ?? '', owner },
      );
      if (!id) throw new Error('create_official_account answered OK without an id');
      return { officialAccountId: id };
    },
  }),
);
