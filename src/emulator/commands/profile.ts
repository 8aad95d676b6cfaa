/** profile/portrait_get and profile/portrait_set, with the standard and custom tag rules. */
import { ErrorCodes, LIMITS, type ProfileItem } from '../../tencent/wire.js';
import {
  byteLength,
  CommandError,
  type EnvelopeOut,
  isObjectArray,
  isString,
  isStringArray,
  ok,
} from '../protocol.js';
import type { ProfileValue, User } from '../store.js';
import type { Handler } from './context.js';

type TagRule = { type: 'string'; maxBytes: number; values?: readonly string[] } | { type: 'uint32' };

const str = (maxBytes = 500, values?: readonly string[]): TagRule =>
  values ? { type: 'string', maxBytes, values } : { type: 'string', maxBytes };
const uint: TagRule = { type: 'uint32' };

/** Standard tags (tencent-chat-api.md 5.4). */
export const STANDARD_TAGS: ReadonlyMap<string, TagRule> = new Map<string, TagRule>([
  ['Tag_Profile_IM_Nick', str()],
  ['Tag_Profile_IM_Gender', str(500, ['Gender_Type_Unknown', 'Gender_Type_Female', 'Gender_Type_Male'])],
  ['Tag_Profile_IM_BirthDay', uint],
  ['Tag_Profile_IM_Location', str(16)],
  ['Tag_Profile_IM_SelfSignature', str()],
  [
    'Tag_Profile_IM_AllowType',
    str(500, ['AllowType_Type_NeedConfirm', 'AllowType_Type_AllowAny', 'AllowType_Type_DenyAny']),
  ],
  ['Tag_Profile_IM_Language', uint],
  ['Tag_Profile_IM_Image', str()],
  ['Tag_Profile_IM_MsgSettings', uint],
  ['Tag_Profile_IM_AdminForbidType', str(500, ['AdminForbid_Type_None', 'AdminForbid_Type_SendOut'])],
  ['Tag_Profile_IM_Level', uint],
  ['Tag_Profile_IM_Role', uint],
]);

/** Custom tags: `Tag_Profile_Custom_` + letters only, at most 8 (tencent-chat-api.md 5.5). */
const CUSTOM_TAG = /^Tag_Profile_Custom_[A-Za-z]{1,8}$/;
const CUSTOM_PREFIX = 'Tag_Profile_Custom_';

export function isKnownTag(tag: string): boolean {
  return STANDARD_TAGS.has(tag) || CUSTOM_TAG.test(tag);
}

/** Tags follow_get puts in each item's ProfileItem (only those that are set), plus set custom tags. */
const LIST_TAGS = [
  'Tag_Profile_IM_Nick',
  'Tag_Profile_IM_Image',
  'Tag_Profile_IM_SelfSignature',
  'Tag_Profile_IM_Gender',
  'Tag_Profile_IM_AllowType',
] as const;

export function listProfileItems(user: User): ProfileItem[] {
  const items: ProfileItem[] = [];
  for (const tag of LIST_TAGS) {
    const value = user.profile.get(tag);
    if (value !== undefined) items.push({ Tag: tag, Value: value });
  }
  for (const [tag, value] of user.profile) {
    if (tag.startsWith(CUSTOM_PREFIX)) items.push({ Tag: tag, Value: value });
  }
  return items;
}

/** Checks one tag/value pair; returns an error code (or 0) and message. */
export function checkProfileValue(tag: string, value: unknown): [number, string] {
  if (typeof value !== 'string' && !(typeof value === 'number' && Number.isSafeInteger(value))) {
    return [ErrorCodes.ProfileBadParam, `Value of ${tag} must be a string or an integer`];
  }
  const rule = STANDARD_TAGS.get(tag);
  if (!rule) {
    if (!CUSTOM_TAG.test(tag)) return [ErrorCodes.ProfileTagNotFound, `profile tag ${tag} does not exist`];
    if (typeof value === 'string' && byteLength(value) > 500) {
      return [ErrorCodes.ProfileValueTooLong, `value of ${tag} is longer than 500 bytes`];
    }
    if (typeof value === 'number' && (value < 0 || value > Number.MAX_SAFE_INTEGER)) {
      return [ErrorCodes.ProfileInvalidValue, `invalid value for ${tag}`];
    }
    return [0, ''];
  }
  if (rule.type === 'uint32') {
    if (typeof value !== 'number') return [ErrorCodes.ProfileWrongValueType, `${tag} must be an integer`];
    if (value < 0 || value > 0xffffffff) return [ErrorCodes.ProfileInvalidValue, `invalid value for ${tag}`];
    return [0, ''];
  }
  if (typeof value !== 'string') return [ErrorCodes.ProfileWrongValueType, `${tag} must be a string`];
  if (byteLength(value) > rule.maxBytes) {
    return [ErrorCodes.ProfileValueTooLong, `value of ${tag} is longer than ${rule.maxBytes} bytes`];
  }
  if (rule.values && !rule.values.includes(value))
    return [ErrorCodes.ProfileInvalidValue, `invalid value for ${tag}`];
  return [0, ''];
}

const BAD = 'Err_Profile_Comm_Decode_Fail';

export const portraitGet: Handler = (ctx, body) => {
  const { To_Account: to, TagList: tags } = body;
  if (!isStringArray(to) || to.length === 0 || to.length > LIMITS.portraitGetAccounts) {
    throw new CommandError(ErrorCodes.ProfileBadParam, BAD);
  }
  if (!isStringArray(tags) || tags.length === 0) throw new CommandError(ErrorCodes.ProfileBadParam, BAD);
  for (const tag of tags) {
    if (!isKnownTag(tag))
      throw new CommandError(ErrorCodes.ProfileTagNotFound, `profile tag ${tag} does not exist`);
  }
  const items: {
    To_Account: string;
    ProfileItem: ProfileItem[];
    ResultCode: number;
    ResultInfo: string;
  }[] = [];
  const failed: string[] = [];
  for (const id of to) {
    const user = ctx.store.getUser(id);
    if (!user) {
      failed.push(id);
      items.push({
        To_Account: id,
        ProfileItem: [],
        ResultCode: ErrorCodes.ProfileUserNotFound,
        ResultInfo: 'account not found',
      });
      continue;
    }
    const profile: ProfileItem[] = [];
    for (const tag of tags) {
      const value = user.profile.get(tag);
      if (value !== undefined) profile.push({ Tag: tag, Value: value });
    }
    items.push({ To_Account: id, ProfileItem: profile, ResultCode: 0, ResultInfo: '' });
  }
  const out: EnvelopeOut = ok({ UserProfileItem: items });
  if (failed.length > 0) out.Fail_Account = failed;
  return out;
};

export const portraitSet: Handler = (ctx, body) => {
  const { From_Account: from, ProfileItem: profile } = body;
  if (!isString(from) || !isObjectArray(profile) || profile.length === 0) {
    throw new CommandError(ErrorCodes.ProfileBadParam, BAD);
  }
  const user = ctx.store.getUser(from);
  if (!user) throw new CommandError(ErrorCodes.ProfileUserNotFound, `account ${from} not found`);
  const updates: [string, ProfileValue][] = [];
  for (const item of profile) {
    const { Tag: tag, Value: value } = item;
    if (!isString(tag)) throw new CommandError(ErrorCodes.ProfileBadParam, BAD);
    const [code, info] = checkProfileValue(tag, value);
    if (code !== 0) throw new CommandError(code, info);
    updates.push([tag, value as ProfileValue]);
  }
  // All-or-nothing: nothing is written unless every item is valid.
  for (const [tag, value] of updates) ctx.store.setProfile(user, tag, value);
  return ok();
};
