/**
 * The common path of every batch mutation once its ids are known: send them upstream (the client
 * chunks them at the documented maxima and keeps one chunk's failure to its own items), forget what the
 * request cached about everything the write touched, turn a failure that applies to the whole request
 * into one GraphQL error, and read back the state of every id whose answer was lost (readBack.ts). The
 * mutation maps each id's outcome to its own item type.
 */
import { GraphQLError } from 'graphql';
import { clearOfficialAccount, clearUser } from '../../loaders/index.js';
import type { TencentError } from '../../tencent/errors.js';
import { ErrorCodes } from '../../tencent/wire.js';
import type { GraphQLContext } from '../context.js';
import { upstreamError } from '../errors.js';
import type { ItemResult } from './itemResult.js';
import { isLostAnswer, type ReadBack, settle } from './readBack.js';

/** What the client answers per id (`error`: the upstream call this id was part of failed as a whole). */
export interface WriteOutcome {
  account: string;
  error?: TencentError;
}

/** An id's outcome, with what reading its state back found when the answer was lost. */
export type Settled<O extends WriteOutcome> = O & { readBack?: ReadBack };

export interface BatchWrite<O extends WriteOutcome> {
  /** Distinct, validated ids to send (none: nothing is sent). */
  ids: readonly string[];
  send: (ids: string[]) => Promise<O[]>;
  /** Whose cached reads the write changes. */
  touches: { users: Iterable<string>; officialAccount?: string };
  /** The error message when upstream says the request's subject (the actor, the account) does not exist. */
  notFoundMessage: string;
  /**
   * Whether the requested end state holds now for each of `ids` (those whose answer was lost); ids it
   * could not tell are left out.
   */
  readBack: (ids: string[]) => Promise<Map<string, boolean>>;
  /** Outcomes that leave unknown whether the write was applied (default: the chunk's answer was lost). */
  lost?: (outcome: O) => boolean;
}

/** Each sent id's outcome, by id. Throws when every chunk failed for a reason that is not about the items. */
export async function runBatchWrite<O extends WriteOutcome>(
  ctx: GraphQLContext,
  write: BatchWrite<O>,
): Promise<Map<string, Settled<O>>> {
  const outcomes = write.ids.length > 0 ? await write.send([...write.ids]) : [];
  for (const id of new Set(write.touches.users)) clearUser(ctx.loaders, id);
  if (write.touches.officialAccount !== undefined) {
    clearOfficialAccount(ctx.loaders, write.touches.officialAccount);
  }
  const wide = requestWideError(outcomes.map((o) => o.error));
  if (wide) throw toRequestError(wide, write.notFoundMessage);
  const lost = write.lost ?? ((o: O) => isLostAnswer(o.error));
  const unsure = outcomes.filter(lost);
  const settled = new Map<string, Settled<O>>(outcomes.map((o) => [o.account, o]));
  if (unsure.length === 0) return settled;
  const states = await write.readBack(unsure.map((o) => o.account));
  for (const outcome of unsure) {
    settled.set(outcome.account, {
      ...outcome,
      readBack: settle(states.get(outcome.account), outcome.error),
    });
  }
  return settled;
}

/**
 * Chunk-level codes that say nothing about the items and would be the same for every chunk: app
 * configuration, the acting account or the official account being absent, permissions. When every
 * chunk failed with one of these, the mutation fails with one GraphQL error instead of N failed items.
 * (Transient and rate-limit failures stay per item: other chunks may have succeeded, and the items say
 * which.)
 */
const REQUEST_WIDE_CODES: ReadonlySet<number> = new Set<number>([
  ErrorCodes.FollowAppMismatch,
  // Whole-request 30003 means From_Account (the actor) does not exist; unknown targets are per item.
  ErrorCodes.FollowUserNotFound,
  ErrorCodes.FollowAdminRequired,
  ErrorCodes.FollowFeatureDisabled,
  ErrorCodes.BadAccountOrSig,
  ErrorCodes.InvalidSdkAppId,
  ErrorCodes.AdminRequired,
  ErrorCodes.MissingSdkAppId,
  ErrorCodes.SigExpired,
  ErrorCodes.SigEmpty,
  ErrorCodes.SigParse,
  ErrorCodes.SigVerify,
  ErrorCodes.SigIdentifierMismatch,
  ErrorCodes.SigAppIdMismatch,
  ErrorCodes.AccountNotImported,
  ErrorCodes.OaNoPermission,
  ErrorCodes.OaNotFound,
]);

/**
 * The error to raise for the whole mutation when every chunk failed with the same request-wide code.
 * `errors` has one entry per item sent upstream (undefined when its chunk was answered).
 */
export function requestWideError(errors: readonly (TencentError | undefined)[]): TencentError | undefined {
  const first = errors[0];
  if (first?.kind !== 'api' || first.code === undefined || !REQUEST_WIDE_CODES.has(first.code)) {
    return undefined;
  }
  return errors.every((e) => e !== undefined && e.kind === 'api' && e.code === first.code)
    ? first
    : undefined;
}

/** Maps through the shared upstream mapping; NOT_FOUND gets a message naming what is missing. */
function toRequestError(error: TencentError, notFoundMessage: string): GraphQLError {
  const mapped = upstreamError(error);
  if (mapped.extensions.code !== 'NOT_FOUND') return mapped;
  return new GraphQLError(notFoundMessage, { extensions: mapped.extensions });
}

/** The item fields of an id whose upstream chunk failed as a whole. */
export function chunkFailure(error: TencentError): Pick<ItemResult, 'message' | 'tencentCode'> {
  return {
    message: upstreamError(error).message,
    tencentCode: error.kind === 'api' && error.code !== undefined ? error.code : null,
  };
}

/** The item fields of an id whose answer was lost and whose state, read back, shows no change. */
export function notAppliedAfterLostAnswer(
  error: TencentError | undefined,
): Pick<ItemResult, 'message' | 'tencentCode'> {
  const cause = error
    ? chunkFailure(error)
    : { message: 'Tencent Cloud Chat returned no result for this id.', tencentCode: null };
  return {
    message: `${cause.message} Its state, read back, shows it was not applied: it is safe to retry.`,
    tencentCode: cause.tencentCode,
  };
}

/** The item fields of an id whose answer was lost and whose state could not be read back. */
export function unknownAfterLostAnswer(
  error: TencentError | undefined,
): Pick<ItemResult, 'message' | 'tencentCode'> {
  return {
    message:
      'The answer of Tencent Cloud Chat was lost and the state could not be read back in time: it may or ' +
      'may not have been applied. Read it (e.g. `viewerIsFollowing`) before retrying.',
    tencentCode: error?.kind === 'api' && error.code !== undefined ? error.code : null,
  };
}

/**
 * The item fields of an id whose lost answer was read back: `done` when the change holds, FAILED when
 * it does not (safe to retry), UNKNOWN when the state could not be read; undefined when none was.
 */
export function readBackFields<S extends string>(
  outcome: Settled<WriteOutcome> | undefined,
  done: S,
): Pick<ItemResult<S | 'FAILED' | 'UNKNOWN'>, 'status' | 'ok' | 'message' | 'tencentCode'> | undefined {
  switch (outcome?.readBack) {
    case 'holds':
      return { status: done, ok: true, message: null, tencentCode: null };
    case 'does-not-hold':
      return { status: 'FAILED', ok: false, ...notAppliedAfterLostAnswer(outcome.error) };
    case 'unknown':
      return { status: 'UNKNOWN', ok: false, ...unknownAfterLostAnswer(outcome.error) };
    default:
      return undefined;
  }
}

/** Message of a per-item upstream code we have no specific status for. */
export function itemCodeMessage(code: number): string {
  return code < 0
    ? 'Tencent Cloud Chat returned no result for this id; read its state before retrying.'
    : `Tencent Cloud Chat refused this id with error ${code}.`;
}
