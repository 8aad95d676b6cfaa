/**
 * official_account_open_http_svc: create/destroy/modify_official_account_base_info,
 * get_official_account_info, get_subscriber_info, add_subscriber, delete_subscriber,
 * get_subscribed_official_account_list; each write is followed by its callback.
 *
 * Choices where upstream is undocumented:
 * - An Owner_Account (create) or Subscriber_Account (get_subscribed_official_account_list) that is not
 *   imported answers 70107 ("requested account not imported").
 * - Official account ids are at most 32 bytes (they are C2C user ids), like any UserID; longer: 6017.
 * - MaxSubscriberNum must be 1..10,000,000 (LIMITS.maxSubscriberNumCap).
 * - Every field is checked before any account is looked up: create checks its fields (6017) before
 *   Owner_Account (70107) and the custom id's uniqueness (130007); modify checks its fields (6017)
 *   before the account (130004). A refused call changes nothing.
 * - get_subscriber_info lists newest first, keyset-paged: `Next` is an opaque cursor and pages stay
 *   stable while subscribers come and go. Limit omitted = 200 (not "all", whatever the doc says).
 * - add_subscriber on an account that is already full answers 130006 for the whole request; items that
 *   hit the cap during the call get Result 0 while the request stays OK.
 * - get_subscribed_official_account_list is in subscription order (oldest first), offset-paged.
 * - modify_official_account_base_info may lower MaxSubscriberNum below the subscriber count: the cap
 *   applies to later subscriptions only.
 * - OfficialAccount.CallbackAfterOfficialAccountInfoChanged (payload undocumented) carries
 *   Official_Account, Operator_Account and EventTime; AfterOfficialAccountFull is sent when an
 *   add_subscriber fills the account.
 */
import { CallbackCommand } from '../../tencent/callbacks.js';
import {
  ErrorCodes,
  isValidUserId,
  LIMITS,
  OFFICIAL_ACCOUNT_FIELDS,
  OFFICIAL_ACCOUNT_PREFIX,
  OFFICIAL_ACCOUNT_TEXT_BYTES,
  type OfficialAccountField,
} from '../../tencent/wire.js';
import {
  byteLength,
  CommandError,
  isInt,
  isObjectArray,
  isString,
  isStringArray,
  type Json,
  ok,
} from '../protocol.js';
import { decodeCursor, encodeCursor } from '../sortedList.js';
import type { OfficialAccount, User } from '../store.js';
import type { CommandContext, Handler } from './context.js';

const BAD = 'invalid request parameter';
const MAX_SUBSCRIBER_NUM_CAP = LIMITS.maxSubscriberNumCap;
const BYTES = OFFICIAL_ACCOUNT_TEXT_BYTES;

function bad(info = BAD): CommandError {
  return new CommandError(ErrorCodes.OaBadParam, info);
}

type TextField = keyof typeof BYTES;

/** A text field within its documented byte limit (UTF-8); `required`: present and not empty. */
function text(body: Json, field: TextField, required = false): string | undefined {
  const value = body[field];
  if (value === undefined && !required) return undefined;
  if (!isString(value) || (required && value === '')) throw bad(`${field} is required and must be a string`);
  if (byteLength(value) > BYTES[field]) throw bad(`${field} is longer than ${BYTES[field]} bytes`);
  return value;
}

function accountId(id: unknown): string {
  if (!isString(id) || id === '') throw bad('Official_Account is required');
  return id;
}

function accountOf(ctx: CommandContext, raw: unknown): OfficialAccount {
  const id = accountId(raw);
  const oa = ctx.store.officialAccounts.get(id);
  if (!oa) throw new CommandError(ErrorCodes.OaNotFound, `official account ${id} does not exist`);
  return oa;
}

function importedUser(ctx: CommandContext, id: unknown, field: string): User {
  if (!isString(id) || id === '') throw bad(`${field} is required`);
  const user = ctx.store.getUser(id);
  if (!user) throw new CommandError(ErrorCodes.AccountNotImported, `account ${id} is not imported`);
  return user;
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function generatedId(ctx: CommandContext): string {
  for (;;) {
    let suffix = '';
    for (let i = 0; i < 4; i++) suffix += LETTERS[Math.floor(Math.random() * LETTERS.length)];
    const id = `${OFFICIAL_ACCOUNT_PREFIX}@TOA#${suffix}`;
    if (!ctx.store.officialAccounts.has(id)) return id;
  }
}

export const createOfficialAccount: Handler = (ctx, body) => {
  const name = text(body, 'Name', true) as string;
  const introduction = text(body, 'Introduction') ?? '';
  const faceUrl = text(body, 'FaceUrl') ?? '';
  const organization = text(body, 'Organization') ?? '';
  const customString = text(body, 'CustomString') ?? '';
  // Only an absent MaxSubscriberNum takes the default: null is a bad value, as in modify.
  const max = body.MaxSubscriberNum === undefined ? LIMITS.defaultMaxSubscriberNum : body.MaxSubscriberNum;
  if (!isInt(max) || max < 1 || max > MAX_SUBSCRIBER_NUM_CAP) throw bad('invalid MaxSubscriberNum');
  const custom = body.OfficialAccountUserID;
  if (custom !== undefined) {
    if (
      !isString(custom) ||
      !custom.startsWith(OFFICIAL_ACCOUNT_PREFIX) ||
      custom === OFFICIAL_ACCOUNT_PREFIX
    ) {
      throw bad(`OfficialAccountUserID must start with ${OFFICIAL_ACCOUNT_PREFIX}`);
    }
    if (!isValidUserId(custom)) {
      throw bad('invalid OfficialAccountUserID');
    }
  }
  const owner = importedUser(ctx, body.Owner_Account, 'Owner_Account');
  if (custom !== undefined && ctx.store.officialAccounts.has(custom)) {
    throw new CommandError(ErrorCodes.OaAlreadyExists, `official account ${custom} already exists`);
  }
  const id = custom ?? generatedId(ctx);
  ctx.store.createOfficialAccount({
    id,
    owner: owner.id,
    name,
    introduction,
    faceUrl,
    organization,
    customString,
    maxSubscriberNum: max,
    createTime: ctx.now(),
  });
  ctx.emit({
    CallbackCommand: CallbackCommand.OfficialAccountCreated,
    Official_Account: id,
    Operator_Account: ctx.operator,
    Owner_Account: owner.id,
    Name: name,
  });
  return ok({ OfficialAccountUserID: id });
};

export const destroyOfficialAccount: Handler = (ctx, body) => {
  const oa = accountOf(ctx, body.Official_Account);
  ctx.store.destroyOfficialAccount(oa);
  ctx.emit({
    CallbackCommand: CallbackCommand.OfficialAccountDestroyed,
    Official_Account: oa.id,
    Owner_Account: oa.owner,
    Name: oa.name,
  });
  return ok();
};

type EditableField =
  | 'name'
  | 'introduction'
  | 'faceUrl'
  | 'organization'
  | 'customString'
  | 'maxSubscriberNum';

export const modifyOfficialAccount: Handler = (ctx, body) => {
  accountId(body.Official_Account);
  const name = text(body, 'Name');
  if (name === '') throw bad('Name must not be empty');
  const introduction = text(body, 'Introduction');
  const faceUrl = text(body, 'FaceUrl');
  const organization = text(body, 'Organization');
  const customString = text(body, 'CustomString');
  const max = body.MaxSubscriberNum;
  if (max !== undefined && (!isInt(max) || max < 1 || max > MAX_SUBSCRIBER_NUM_CAP)) {
    throw bad('invalid MaxSubscriberNum');
  }
  const oa = accountOf(ctx, body.Official_Account);
  const changes: Partial<Pick<OfficialAccount, EditableField>> = {
    ...(name !== undefined && { name }),
    ...(introduction !== undefined && { introduction }),
    ...(faceUrl !== undefined && { faceUrl }),
    ...(organization !== undefined && { organization }),
    ...(customString !== undefined && { customString }),
    ...(max !== undefined && { maxSubscriberNum: max }),
  };
  const changed = (Object.keys(changes) as EditableField[]).filter((field) => oa[field] !== changes[field]);
  if (changed.length === 0) return ok();
  Object.assign(oa, changes);
  ctx.emit({
    CallbackCommand: CallbackCommand.OfficialAccountInfoChanged,
    Official_Account: oa.id,
    Operator_Account: ctx.operator,
  });
  return ok();
};

function fieldFilter(value: unknown): readonly OfficialAccountField[] {
  if (value === undefined) return OFFICIAL_ACCOUNT_FIELDS;
  if (!isStringArray(value)) throw bad('invalid OfficialAccountBaseInfoFilter');
  for (const f of value) {
    if (!(OFFICIAL_ACCOUNT_FIELDS as readonly string[]).includes(f)) throw bad(`unknown field ${f}`);
  }
  return value as OfficialAccountField[];
}

function responseFilter(body: Json): Json {
  const filter = body.ResponseFilter;
  if (filter === undefined) return {};
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter))
    throw bad('invalid ResponseFilter');
  return filter as Json;
}

function baseInfo(oa: OfficialAccount, fields: readonly OfficialAccountField[]): Json {
  const all: Record<OfficialAccountField, string | number> = {
    CreateTime: oa.createTime,
    Name: oa.name,
    Owner_Account: oa.owner,
    LastMsgTime: oa.lastMsgTime,
    SubscriberNum: oa.subscribers.size,
    MaxSubscriberNum: oa.maxSubscriberNum,
    Introduction: oa.introduction,
    FaceUrl: oa.faceUrl,
    Organization: oa.organization,
    CustomString: oa.customString,
  };
  const out: Json = { Official_Account: oa.id };
  for (const f of fields) out[f] = all[f];
  return out;
}

export const getOfficialAccountInfo: Handler = (ctx, body) => {
  const list = body.OfficialAccountIdList;
  if (!isObjectArray(list) || list.length === 0 || list.length > LIMITS.officialAccountInfoIds) {
    throw bad(`OfficialAccountIdList must hold 1 to ${LIMITS.officialAccountInfoIds} items`);
  }
  const ids = list.map((x) => x.Official_Account);
  if (!isStringArray(ids)) throw bad();
  const fields = fieldFilter(responseFilter(body).OfficialAccountBaseInfoFilter);
  const OfficialAccountInfoList = ids.map((id) => {
    const oa = ctx.store.officialAccounts.get(id);
    if (!oa) {
      return {
        Official_Account: id,
        ActionStatus: 'FAIL',
        ErrorCode: ErrorCodes.OaNotFound,
        ErrorInfo: 'official account does not exist',
        ErrorDisplay: '',
      };
    }
    return { ...baseInfo(oa, fields), ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ErrorDisplay: '' };
  });
  return ok({ OfficialAccountInfoList });
};

function limitOf(value: unknown, max: number): number {
  if (value === undefined) return max;
  if (!isInt(value) || value < 1 || value > max) throw bad(`Limit must be 1 to ${max}`);
  return value;
}

export const getSubscriberInfo: Handler = (ctx, body) => {
  const limit = limitOf(body.Limit, LIMITS.subscriberPageMax);
  const next = body.Next ?? '';
  if (!isString(next)) throw bad('Next must be a string');
  const cursor = decodeCursor(next);
  if (cursor === null) throw bad('invalid Next');
  const oa = accountOf(ctx, body.Official_Account);
  const page = oa.subscribers.pageDesc(cursor, limit);
  const last = page.items[page.items.length - 1];
  return ok({
    Next: page.more && last ? encodeCursor(last) : '',
    SubscriberNum: oa.subscribers.size,
    SubscriberList: page.items.map((e) => ({
      Subscriber_Account: e.id,
      SubscribeTime: e.time,
      CustomString: '',
      MsgFlag: 'AcceptAndNotify',
      LastSendMsgTime: 0,
    })),
  });
};

/** The subscriber callback listing the users whose subscription changed (Result 1). */
function emitSubscribers(
  ctx: CommandContext,
  command: typeof CallbackCommand.AddSubscriber | typeof CallbackCommand.DeleteSubscriber,
  oa: OfficialAccount,
  results: readonly { Subscriber_Account: string; Result: number }[],
): void {
  const changed = results.filter((r) => r.Result === 1);
  if (changed.length === 0) return;
  ctx.emit({
    CallbackCommand: command,
    Official_Account: oa.id,
    Operator_Account: ctx.operator,
    SubscribeAccountList: changed.map(({ Subscriber_Account }) => ({ Subscriber_Account })),
  });
}

export const addSubscriber: Handler = (ctx, body) => {
  const list = body.SubscriberList;
  if (!isObjectArray(list) || list.length === 0 || list.length > LIMITS.addSubscriberMax) {
    throw bad(`SubscriberList must hold 1 to ${LIMITS.addSubscriberMax} items`);
  }
  const ids = list.map((x) => x.Subscriber_Account);
  if (!isStringArray(ids)) throw bad();
  const oa = accountOf(ctx, body.Official_Account);
  if (oa.subscribers.size >= oa.maxSubscriberNum) {
    throw new CommandError(ErrorCodes.OaSubscriberLimit, 'subscriber count reached MaxSubscriberNum');
  }
  const now = ctx.now();
  const SubscriberList = ids.map((id) => {
    const user = ctx.store.getUser(id);
    if (!user) return { Subscriber_Account: id, Result: 0 };
    if (oa.subscribers.has(id)) return { Subscriber_Account: id, Result: 2 };
    if (oa.subscribers.size >= oa.maxSubscriberNum) return { Subscriber_Account: id, Result: 0 };
    ctx.store.subscribe(oa, user, now);
    return { Subscriber_Account: id, Result: 1 };
  });
  emitSubscribers(ctx, CallbackCommand.AddSubscriber, oa, SubscriberList);
  if (SubscriberList.some((s) => s.Result === 1) && oa.subscribers.size >= oa.maxSubscriberNum) {
    ctx.emit({ CallbackCommand: CallbackCommand.OfficialAccountFull, Official_Account: oa.id });
  }
  return ok({ SubscriberList });
};

export const deleteSubscriber: Handler = (ctx, body) => {
  const ids = body.SubscriberToDel_Account;
  if (!isStringArray(ids) || ids.length === 0 || ids.length > LIMITS.deleteSubscriberMax) {
    throw bad(`SubscriberToDel_Account must hold 1 to ${LIMITS.deleteSubscriberMax} strings`);
  }
  const oa = accountOf(ctx, body.Official_Account);
  const SubscriberList = ids.map((id) => {
    const user = ctx.store.getUser(id);
    if (!user) return { Subscriber_Account: id, Result: 0 };
    return { Subscriber_Account: id, Result: ctx.store.unsubscribe(oa, user) ? 1 : 2 };
  });
  emitSubscribers(ctx, CallbackCommand.DeleteSubscriber, oa, SubscriberList);
  return ok({ SubscriberList });
};

const SELF_FIELDS = ['SubscribeTime', 'CustomString'] as const;

export const getSubscribedOfficialAccountList: Handler = (ctx, body) => {
  const limit = limitOf(body.Limit, LIMITS.subscribedListPageMax);
  const offset = body.Offset ?? 0;
  if (!isInt(offset) || offset < 0) throw bad('Offset must be a non-negative integer');
  const filter = responseFilter(body);
  const fields = fieldFilter(filter.OfficialAccountBaseInfoFilter);
  const selfFields = filter.SelfInfoFilter ?? SELF_FIELDS;
  if (
    !isStringArray(selfFields) ||
    !selfFields.every((f) => (SELF_FIELDS as readonly string[]).includes(f))
  ) {
    throw bad('invalid SelfInfoFilter');
  }
  const user = importedUser(ctx, body.Subscriber_Account, 'Subscriber_Account');
  const total = user.subscribed.size;
  const OfficialAccountInfoList: Json[] = [];
  let i = 0;
  for (const [id, key] of user.subscribed) {
    if (i >= offset + limit) break;
    if (i++ < offset) continue;
    const oa = ctx.store.officialAccounts.get(id);
    if (!oa) continue;
    const self: Json = {};
    if (selfFields.includes('SubscribeTime')) self.SubscribeTime = key.time;
    if (selfFields.includes('CustomString')) self.CustomString = '';
    OfficialAccountInfoList.push({ ...baseInfo(oa, fields), SelfInfo: self });
  }
  const next = Math.min(offset + limit, total);
  return ok({
    OfficialAccountInfoList,
    TotalCount: total,
    CompleteFlag: next >= total ? 1 : 0,
    Next: next,
  });
};
