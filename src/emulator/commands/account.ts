/**
 * im_open_login_svc/account_import and multiaccount_import. Importing is idempotent; Nick/FaceUrl
 * given on a re-import overwrite the profile's Nick/Image. UserIDs are 1-32 bytes of printable ASCII.
 * Bad fields answer 70402, a Nick/FaceUrl over 500 bytes 40601.
 */
import { ErrorCodes, isValidUserId, LIMITS } from '../../tencent/wire.js';
import { byteLength, CommandError, isObjectArray, isString, isStringArray, ok } from '../protocol.js';
import type { Store } from '../store.js';
import type { Handler } from './context.js';

const BAD = 'invalid parameters';

function optionalText(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (!isString(value)) throw new CommandError(ErrorCodes.ImportInvalidParams, BAD);
  if (byteLength(value) > 500)
    throw new CommandError(ErrorCodes.ProfileValueTooLong, 'value longer than 500 bytes');
  return value;
}

export function importOne(store: Store, id: string, nick?: string, faceUrl?: string): void {
  const user = store.importUser(id);
  if (nick !== undefined) store.setProfile(user, 'Tag_Profile_IM_Nick', nick);
  if (faceUrl !== undefined) store.setProfile(user, 'Tag_Profile_IM_Image', faceUrl);
}

export const accountImport: Handler = (ctx, body) => {
  const id = body.UserID ?? body.Identifier;
  if (!isValidUserId(id)) throw new CommandError(ErrorCodes.ImportInvalidParams, BAD);
  const nick = optionalText(body.Nick);
  const faceUrl = optionalText(body.FaceUrl);
  importOne(ctx.store, id, nick, faceUrl);
  return ok();
};

export const multiAccountImport: Handler = (ctx, body) => {
  const { Accounts: accounts, AccountList: list } = body;
  const entries: { id: unknown; nick?: unknown; faceUrl?: unknown }[] = [];
  if (accounts !== undefined && list === undefined) {
    if (!isStringArray(accounts)) throw new CommandError(ErrorCodes.ImportInvalidParams, BAD);
    for (const id of accounts) entries.push({ id });
  } else if (list !== undefined && accounts === undefined) {
    if (!isObjectArray(list)) throw new CommandError(ErrorCodes.ImportInvalidParams, BAD);
    for (const x of list) entries.push({ id: x.UserID, nick: x.Nick, faceUrl: x.FaceUrl });
  } else {
    throw new CommandError(
      ErrorCodes.ImportInvalidParams,
      'exactly one of Accounts or AccountList is required',
    );
  }
  if (entries.length === 0 || entries.length > LIMITS.multiAccountImport) {
    throw new CommandError(
      ErrorCodes.ImportInvalidParams,
      `1 to ${LIMITS.multiAccountImport} accounts per request`,
    );
  }
  const FailAccounts: string[] = [];
  for (const e of entries) {
    const nickOk = e.nick === undefined || (isString(e.nick) && byteLength(e.nick) <= 500);
    const faceOk = e.faceUrl === undefined || (isString(e.faceUrl) && byteLength(e.faceUrl) <= 500);
    if (!isValidUserId(e.id) || !nickOk || !faceOk) {
      FailAccounts.push(String(e.id));
      continue;
    }
    importOne(ctx.store, e.id, e.nick as string | undefined, e.faceUrl as string | undefined);
  }
  return ok({ FailAccounts });
};
