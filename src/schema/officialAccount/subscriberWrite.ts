/** What subscribe and unsubscribe share: who may act for whom, their input, and diagnosing Result 0. */
import type { AuthScopeMap } from '@pothos/plugin-scope-auth';
import { LOADER_COSTS } from '../../loaders/index.js';
import type { SubscriberWriteOutcome } from '../../tencent/api.js';
import { LIMITS } from '../../tencent/wire.js';
import type { BuilderTypes } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import type { ChunkedWrite, Load } from '../cost/upstreamCost.js';
import { assertValidId } from '../validation.js';
import { viewerId } from '../writes/auth.js';
import { distinctIds } from '../writes/ids.js';

export interface SubscriptionInput {
  officialAccountId: string | number;
  userIds?: readonly (string | number)[] | null;
}

/** Signed in; naming anyone but yourself in `userIds` additionally needs the admin role. */
export function subscriptionScopes(
  input: SubscriptionInput,
  ctx: GraphQLContext,
): AuthScopeMap<BuilderTypes> {
  const others = (input.userIds ?? []).some((id) => String(id) !== ctx.viewer?.id);
  return others ? { admin: true } : { loggedIn: true };
}

export interface SubscriptionTarget {
  accountId: string;
  viewer: string;
  /** Distinct requested ids (default: the viewer), in first-occurrence order. */
  ids: string[];
}

/** Validates the input: the account id, and the user ids (the viewer when none are given). */
export function readSubscriptionInput(input: SubscriptionInput, ctx: GraphQLContext): SubscriptionTarget {
  const viewer = viewerId(ctx);
  const accountId = String(input.officialAccountId);
  assertValidId(accountId, 'input.officialAccountId');
  const ids = input.userIds ? distinctIds(input.userIds, 'input.userIds', ctx) : [viewer];
  return { accountId, viewer, ids };
}

/**
 * Upper bound of a subscription write: the write in chunks of `batch`, the portrait_get calls that
 * diagnose Result 0 (one per 100 ids) and, when a full account is diagnosed too, the account's info.
 */
export function subscriptionWriteCost(write: ChunkedWrite, diagnosesFullAccount: boolean): Load[] {
  return [
    ...(diagnosesFullAccount ? [LOADER_COSTS.officialAccounts] : []),
    write,
    { command: LOADER_COSTS.profiles.command, chunksOf: write.chunksOf, batch: LIMITS.portraitGetAccounts },
  ];
}

export type ZeroCause = 'USER_NOT_FOUND' | 'ACCOUNT_FULL' | 'UNKNOWN';

/**
 * Upstream answers Result 0 ("failed") without saying why. Only for those ids, and after the write:
 * portrait_get tells unknown accounts apart (one call per 100), and with `checkFull` the official
 * account's SubscriberNum / MaxSubscriberNum (one get_official_account_info) tells a full account.
 * Reads that fail leave the cause UNKNOWN.
 */
export async function diagnoseFailures(
  target: SubscriptionTarget,
  outcomes: ReadonlyMap<string, SubscriberWriteOutcome>,
  ctx: GraphQLContext,
  checkFull: boolean,
): Promise<Map<string, ZeroCause>> {
  const failed = target.ids.filter((id) => {
    const outcome = outcomes.get(id);
    return outcome !== undefined && outcome.result === 0 && !outcome.error;
  });
  const causes = new Map<string, ZeroCause>();
  if (failed.length === 0) return causes;
  const profiles = await ctx.loaders.profiles.loadMany(failed);
  let full = false;
  if (checkFull && profiles.some((p) => p !== null && !(p instanceof Error))) {
    try {
      const info = await ctx.loaders.officialAccounts.load(target.accountId);
      full = info?.MaxSubscriberNum !== undefined && (info.SubscriberNum ?? 0) >= info.MaxSubscriberNum;
    } catch {
      full = false;
    }
  }
  failed.forEach((id, i) => {
    const profile = profiles[i];
    if (profile === null) causes.set(id, 'USER_NOT_FOUND');
    else if (!(profile instanceof Error) && full) causes.set(id, 'ACCOUNT_FULL');
    else causes.set(id, 'UNKNOWN');
  });
  return causes;
}
