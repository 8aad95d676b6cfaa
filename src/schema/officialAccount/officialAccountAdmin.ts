/**
 * What the official-account administration mutations share (create, update, destroy): admins only,
 * the editable fields and their documented limits (docs/tencent-chat-api.md 3.1 and 3.3: bytes of
 * UTF-8, checked here field by field before anything is sent upstream), the payload, and how
 * upstream's refusals become errors that name the field.
 */
import type { InputFieldBuilder } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { clearOfficialAccount } from '../../loaders/index.js';
import { TencentError } from '../../tencent/errors.js';
import {
  type Command,
  ErrorCodes,
  LIMITS,
  type ModifyOfficialAccountRequest,
  OFFICIAL_ACCOUNT_TEXT_BYTES,
} from '../../tencent/wire.js';
import { type BuilderTypes, builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import type { ChunkedWrite } from '../cost/upstreamCost.js';
import { upstreamCost } from '../cost/upstreamCost.js';
import { upstreamError } from '../errors.js';
import { OfficialAccountRef } from '../refs.js';
import { authError } from '../writes/auth.js';
import type { FieldChecks } from '../writes/fields.js';

/** Admins only: anonymous callers get UNAUTHENTICATED, other users FORBIDDEN. */
export const adminOnly = {
  authScopes: { admin: true },
  unauthorizedError: (_root: unknown, _args: unknown, ctx: GraphQLContext) =>
    authError(
      ctx,
      'Sign in to manage official accounts.',
      'Managing official accounts requires the admin role.',
    ),
} as const;

/** One upstream call per mutation field (the input is one account). */
export function oneCall(command: Command, path = 'input'): ChunkedWrite {
  return { command, chunksOf: path, batch: 1 };
}

/** The editable fields, as the input types take them. */
export interface AccountFieldsInput {
  name?: string | null;
  introduction?: string | null;
  avatarUrl?: string | null;
  organization?: string | null;
  customString?: string | null;
  maxSubscriberCount?: number | null;
}

/** The input fields every editable property gets (create and update alike). */
export function accountInputFields(t: InputFieldBuilder<BuilderTypes, 'InputObject'>, nameRequired: boolean) {
  const bytes = OFFICIAL_ACCOUNT_TEXT_BYTES;
  return {
    name: t.string({
      required: nameRequired,
      description: `Display name: not blank, at most ${bytes.Name} bytes of UTF-8 (Tencent's limit).`,
    }),
    introduction: t.string({
      required: false,
      description: `Introduction text, at most ${bytes.Introduction} bytes of UTF-8; an empty string clears it on update.`,
    }),
    avatarUrl: t.string({
      required: false,
      description: `Avatar image URL (\`FaceUrl\`), at most ${bytes.FaceUrl} bytes; an empty string clears it on update.`,
    }),
    organization: t.string({
      required: false,
      description: `Organization behind the account, at most ${bytes.Organization} bytes; an empty string clears it on update.`,
    }),
    customString: t.string({
      required: false,
      description: `App-defined data, at most ${bytes.CustomString} bytes; an empty string clears it on update.`,
    }),
    maxSubscriberCount: t.int({
      required: false,
      description: `Subscriber limit, 1 to ${LIMITS.maxSubscriberNumCap.toLocaleString('en')} (Tencent's default: ${LIMITS.defaultMaxSubscriberNum.toLocaleString('en')}). It may be set below the current count: later subscriptions are refused.`,
    }),
  };
}

/** The editable fields, checked, in Tencent's names (absent fields are left out). */
export function readAccountFields(
  input: AccountFieldsInput,
  checks: FieldChecks,
  nameRequired: boolean,
): Omit<ModifyOfficialAccountRequest, 'Official_Account'> {
  const bytes = OFFICIAL_ACCOUNT_TEXT_BYTES;
  const name = checks.text(input.name, 'input.name', bytes.Name, {
    required: nameRequired,
    notBlank: true,
  });
  const introduction = checks.text(input.introduction, 'input.introduction', bytes.Introduction);
  const faceUrl = checks.text(input.avatarUrl, 'input.avatarUrl', bytes.FaceUrl);
  const organization = checks.text(input.organization, 'input.organization', bytes.Organization);
  const customString = checks.text(input.customString, 'input.customString', bytes.CustomString);
  const max = checks.int(input.maxSubscriberCount, 'input.maxSubscriberCount', 1, LIMITS.maxSubscriberNumCap);
  return {
    ...(name !== undefined && { Name: name }),
    ...(introduction !== undefined && { Introduction: introduction }),
    ...(faceUrl !== undefined && { FaceUrl: faceUrl }),
    ...(organization !== undefined && { Organization: organization }),
    ...(customString !== undefined && { CustomString: customString }),
    ...(max !== undefined && { MaxSubscriberNum: max }),
  };
}

/**
 * Runs the upstream write; refusals that are about one field become errors naming it (Tencent's code
 * in `extensions.tencentCode`), the rest map as everywhere (schema/errors.ts). Either way the request's
 * cached view of the account is dropped first: the write may have been applied.
 */
export async function adminWrite<T>(
  ctx: GraphQLContext,
  accountId: string | undefined,
  write: () => Promise<T>,
  names: { id: string; owner?: string },
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw adminWriteError(error, names);
  } finally {
    if (accountId !== undefined) clearOfficialAccount(ctx.loaders, accountId);
  }
}

function adminWriteError(error: unknown, names: { id: string; owner?: string }): unknown {
  if (!(error instanceof TencentError) || error.kind !== 'api' || error.code === undefined) return error;
  const base = upstreamError(error).extensions;
  const named = (code: string, argument: string, message: string) =>
    new GraphQLError(message, { extensions: { ...base, code, argument } });
  switch (error.code) {
    case ErrorCodes.OaAlreadyExists:
      return named('BAD_USER_INPUT', 'input.id', `An official account with id ${names.id} already exists.`);
    case ErrorCodes.OaNotFound:
      return named('NOT_FOUND', 'input.id', `Official account ${names.id} does not exist.`);
    case ErrorCodes.AccountNotImported:
      return named(
        'NOT_FOUND',
        'input.ownerId',
        `The owner ${names.owner ?? ''} does not exist.`.replace(' .', '.'),
      );
    case ErrorCodes.OaBadParam:
      return named('BAD_USER_INPUT', 'input', 'Tencent Cloud Chat refused a field of this input (6017).');
    default:
      return error;
  }
}

export interface AccountPayloadShape {
  officialAccountId: string;
}

/** `{ officialAccount }`: the account as it is after the write (read fresh through the loader). */
export function accountPayload(name: string, description: string, fieldDescription: string) {
  return builder.objectRef<AccountPayloadShape>(name).implement({
    description,
    fields: (t) => ({
      officialAccount: t.field({
        type: OfficialAccountRef,
        nullable: true,
        description: fieldDescription,
        extensions: upstreamCost({ returns: 'one' }),
        resolve: (payload) => ({ id: payload.officialAccountId }),
      }),
    }),
  });
}
