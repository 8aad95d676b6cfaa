/**
 * follow/follow_add, follow_delete, follow_check, follow_get, follow_get_info.
 *
 * Choices where upstream is undocumented:
 * - following oneself: per-item ResultCode 30001 (add and delete); follow_check of oneself: FollowType 0.
 * - follow_add of an edge that exists: ResultCode 0 (idempotent; the original FollowTime is kept).
 * - follow_delete of an edge that does not exist: ResultCode 0 (idempotent, like add).
 * - follow_get_info does not require From_Account to be imported (it only reads the targets' counts).
 * - follow_get lists are newest first, ordered by (FollowTime desc, creation order desc). A mutual
 *   item's FollowTime is the later of the two follow times.
 * - A StartCursor that does not decode is answered with 30001.
 * - Callbacks list only the targets whose follow or unfollow changed something.
 */
import { CallbackCommand } from '../../tencent/callbacks.js';
import { ErrorCodes, type FollowGetItem, FollowListType, LIMITS } from '../../tencent/wire.js';
import { CommandError, isInt, isObjectArray, isString, isStringArray, ok } from '../protocol.js';
import { decodeCursor, encodeCursor, type SortedList } from '../sortedList.js';
import type { User } from '../store.js';
import type { CommandContext, Handler } from './context.js';
import { listProfileItems } from './profile.js';

const BAD = 'request parameter error';

interface ResultItem {
  To_Account: string;
  ResultCode: number;
  ResultInfo: string;
}

function item(to: string, code = 0, info = ''): ResultItem {
  return { To_Account: to, ResultCode: code, ResultInfo: info };
}

function fromUser(ctx: CommandContext, from: unknown): User {
  if (!isString(from) || from === '') throw new CommandError(ErrorCodes.FollowBadParam, BAD);
  const user = ctx.store.getUser(from);
  if (!user) throw new CommandError(ErrorCodes.FollowUserNotFound, `account ${from} does not exist`);
  return user;
}

function targets(value: unknown, max: number): string[] {
  if (!isStringArray(value) || value.length === 0 || value.length > max) {
    throw new CommandError(ErrorCodes.FollowBadParam, `To_Account must be 1 to ${max} strings`);
  }
  return value;
}

export const followAdd: Handler = (ctx, body) => {
  const list = body.FollowItem;
  if (!isObjectArray(list) || list.length === 0 || list.length > LIMITS.followAddTargets) {
    throw new CommandError(
      ErrorCodes.FollowBadParam,
      `FollowItem must hold 1 to ${LIMITS.followAddTargets} items`,
    );
  }
  const ids = list.map((x) => x.To_Account);
  if (!isStringArray(ids)) throw new CommandError(ErrorCodes.FollowBadParam, BAD);
  const from = fromUser(ctx, body.From_Account);
  const now = ctx.now();
  const followed: string[] = [];
  const ResultItem = ids.map((id) => {
    if (id === from.id) return item(id, ErrorCodes.FollowBadParam, 'cannot follow oneself');
    const to = ctx.store.getUser(id);
    if (!to) return item(id, ErrorCodes.FollowUserNotFound, 'account does not exist');
    if (from.following.has(id)) return item(id);
    if (from.following.size >= LIMITS.maxFollowingPerUser) {
      return item(id, ErrorCodes.FollowingLimit, 'follow count reached the limit');
    }
    ctx.store.follow(from, to, now);
    followed.push(id);
    return item(id);
  });
  if (followed.length > 0) {
    ctx.emit({
      CallbackCommand: CallbackCommand.FollowAdd,
      From_Account: from.id,
      FollowList: followed.map((To_Account) => ({ To_Account })),
    });
  }
  return ok({ ResultItem });
};

export const followDelete: Handler = (ctx, body) => {
  const ids = targets(body.To_Account, LIMITS.followDeleteTargets);
  const from = fromUser(ctx, body.From_Account);
  const unfollowed: string[] = [];
  const ResultItem = ids.map((id) => {
    if (id === from.id) return item(id, ErrorCodes.FollowBadParam, 'cannot unfollow oneself');
    const to = ctx.store.getUser(id);
    if (!to) return item(id, ErrorCodes.FollowUserNotFound, 'account does not exist');
    // Not following: 0 (idempotent). Upstream does not document this case.
    if (ctx.store.unfollow(from, to)) unfollowed.push(id);
    return item(id);
  });
  if (unfollowed.length > 0) {
    ctx.emit({
      CallbackCommand: CallbackCommand.FollowDelete,
      From_Account: from.id,
      To_Account: unfollowed,
    });
  }
  return ok({ ResultItem });
};

export const followCheck: Handler = (ctx, body) => {
  const ids = targets(body.To_Account, LIMITS.followCheckTargets);
  const from = fromUser(ctx, body.From_Account);
  const ResultItem = ids.map((id) => {
    const to = ctx.store.getUser(id);
    if (!to) return { ...item(id, ErrorCodes.FollowUserNotFound, 'account does not exist'), FollowType: 0 };
    return { ...item(id), FollowType: to === from ? 0 : ctx.store.relation(from, to) };
  });
  return ok({ ResultItem });
};

function listOf(user: User, type: number): SortedList {
  switch (type) {
    case FollowListType.Fans:
      return user.followers;
    case FollowListType.Follows:
      return user.following;
    default:
      return user.mutual;
  }
}

export const followGet: Handler = (ctx, body) => {
  const {
    FollowType: type,
    StartCursor: rawCursor = '',
    WantNum: want = LIMITS.followGetWantNumDefault,
  } = body;
  if (type !== 1 && type !== 2 && type !== 3) {
    throw new CommandError(ErrorCodes.FollowBadParam, 'FollowType must be 1, 2 or 3');
  }
  if (!isInt(want) || want < 1 || want > LIMITS.followGetWantNumMax) {
    throw new CommandError(ErrorCodes.FollowBadParam, `WantNum must be 1 to ${LIMITS.followGetWantNumMax}`);
  }
  if (!isString(rawCursor)) throw new CommandError(ErrorCodes.FollowBadParam, 'StartCursor must be a string');
  const cursor = decodeCursor(rawCursor);
  if (cursor === null) throw new CommandError(ErrorCodes.FollowBadParam, 'invalid StartCursor');
  const from = fromUser(ctx, body.From_Account);
  const page = listOf(from, type).pageDesc(cursor, want);
  const FollowItem: FollowGetItem[] = [];
  for (const entry of page.items) {
    const other = ctx.store.getUser(entry.id);
    const out: FollowGetItem = { To_Account: entry.id, FollowTime: entry.time };
    if (other) {
      out.ProfileItem = listProfileItems(other);
      out.profile_sequence = other.profileSeq;
    }
    FollowItem.push(out);
  }
  const last = page.items[page.items.length - 1];
  return ok({ FollowItem, NextCursor: page.more && last ? encodeCursor(last) : '' });
};

export const followGetInfo: Handler = (ctx, body) => {
  if (!isString(body.From_Account)) throw new CommandError(ErrorCodes.FollowBadParam, BAD);
  const ids = targets(body.To_Account, LIMITS.followGetInfoTargets);
  const FollowInfo = ids.map((id) => {
    const user = ctx.store.getUser(id);
    if (!user) {
      return {
        ...item(id, ErrorCodes.FollowUserNotFound, 'account does not exist'),
        FollowerCount: 0,
        FollowingCount: 0,
        MutualFollowingCount: 0,
      };
    }
    return {
      ...item(id),
      FollowerCount: user.followers.size,
      FollowingCount: user.following.size,
      MutualFollowingCount: user.mutual.size,
    };
  });
  return ok({ FollowInfo });
};
