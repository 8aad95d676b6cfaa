/** What subscribe and unsubscribe share: who may act for whom, input handling, diagnosing Result 0. */
import type { AuthScopeMap } from '@pothos/plugin-scope-auth';
import type { SubscriberWriteOutcome } from '../../tencent/api.js';
import type { BuilderTypes } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { assertValidId } from '../validation.js';
import { clearAfterWrite, distinctIds, requestWideError, toRequestError, viewerId } from './results.js';

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

export interface SubscriptionWrite {
  accountId: string;
  viewer: string;
  /** Distinct requested ids, in first-occurrence order. */
  ids: string[];
  outcomes: Map<string, SubscriberWriteOutcome>;
}

/**
 * Validates the input, runs the write (add_subscriber / delete_subscriber, 100 ids per call), clears
 * the request's caches for everything touched, and raises request-wide failures (the official account
 * does not exist, no permission, app misconfigured) as one GraphQL error.
 */
export async function runSubscriptionWrite(
  input: SubscriptionInput,
  ctx: GraphQLContext,
  write: (accountId: string, ids: string[]) => Promise<SubscriberWriteOutcome[]>,
): Promise<SubscriptionWrite> {
  const viewer = viewerId(ctx);
  const accountId = String(input.officialAccountId);
  assertValidId(accountId, 'input.officialAccountId');
  const ids = input.userIds ? distinctIds(input.userIds, 'input.userIds', ctx) : [viewer];
  const outcomes = await write(accountId, ids);
  clearAfterWrite(ctx, ids, accountId);
  const wide = requestWideError(outcomes.map((o) => o.error));
  if (wide) throw toRequestError(wide, `Official account ${accountId} does not exist.`);
  return { accountId, viewer, ids, outcomes: new Map(outcomes.map((o) => [o.account, o])) };
}

export type ZeroCause = 'USER_NOT_FOUND' | 'ACCOUNT_FULL' | 'UNKNOWN';

/**
 * Upstream answers Result 0 ("failed") without saying why. Only for those ids, and after the write:
 * portrait_get tells unknown accounts apart (one call per 100), and with `checkFull` the official
 * account's SubscriberNum / MaxSubscriberNum (one get_official_account_info) tells a full account.
 * Reads that fail leave the cause UNKNOWN.
 */
export async function diagnoseFailures(
  write: SubscriptionWrite,
  ctx: GraphQLContext,
  checkFull: boolean,
): Promise<Map<string, ZeroCause>> {
  const failed = write.ids.filter((id) => {
    const outcome = write.outcomes.get(id);
    return outcome !== undefined && outcome.result === 0 && !outcome.error;
  });
  const causes = new Map<string, ZeroCause>();
  if (failed.length === 0) return causes;
  const profiles = await ctx.loaders.profiles.loadMany(failed);
  let full = false;
  if (checkFull && profiles.some((p) => p !== null && !(p instanceof Error))) {
    try {
      const info = await ctx.loaders.officialAccounts.load(write.accountId);
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
