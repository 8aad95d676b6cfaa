/**
 * Shared pieces of the write mutations (design.md 2.4, 3 "Mutations"): the per-item result shape and
 * interface, payload fields, id input handling, authorization errors and the rule that turns
 * request-wide upstream failures into one GraphQL error.
 *
 * Chunking, bounded concurrency, input order and "retry a write only when the answer proves it was not
 * applied" live in the upstream client (ChatApi.followAdd / followDelete / addSubscriber /
 * deleteSubscriber); a chunk that fails as a whole comes back as items carrying its `error`.
 */
import { GraphQLError } from 'graphql';
import { clearOfficialAccount, clearUser } from '../../loaders/index.js';
import type { TencentError } from '../../tencent/errors.js';
import { ErrorCodes } from '../../tencent/wire.js';
import { type BuilderTypes, builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { badUserInput, forbidden, unauthenticated, upstreamError } from '../errors.js';
import { UserRef } from '../refs.js';
import { assertValidId } from '../validation.js';

builder.mutationType({
  description:
    'Writes to the follow graph and to official-account subscriptions. Each takes a list of ids and ' +
    'returns one result item per distinct id.',
});

/** Names each operation's `<Prefix>Status` enum and `<Prefix>Result` item type. */
export type ItemTypePrefix = 'Follow' | 'Unfollow' | 'Subscribe' | 'Unsubscribe';
export type ItemTypeName = `${ItemTypePrefix}Result`;

/** One requested id's outcome. */
export interface ItemResult<S extends string = string> {
  /** Concrete GraphQL type (resolves the `MutationItemResult` interface). */
  typeName: ItemTypeName;
  userId: string;
  status: S;
  ok: boolean;
  message: string | null;
  tencentCode: number | null;
  /** False when the account is known not to exist; `user` is then null. */
  exists: boolean;
}

export interface PayloadShape<I extends ItemResult> {
  results: I[];
}

export const MutationItemResultRef = builder.interfaceRef<ItemResult>('MutationItemResult').implement({
  description:
    'The outcome of one requested id of a batch mutation. Every payload has one item per distinct ' +
    'requested id, in the order the ids were first given.',
  resolveType: (item) => item.typeName,
  fields: (t) => ({
    userId: t.exposeID('userId', { description: 'The requested Chat UserID this item is about.' }),
    ok: t.exposeBoolean('ok', {
      description: 'True when the requested end state holds for this id (including "already done" statuses).',
    }),
    message: t.exposeString('message', {
      nullable: true,
      description: 'Why the item did not succeed, for people (not for matching); null on success.',
    }),
    tencentCode: t.exposeInt('tencentCode', {
      nullable: true,
      description:
        'The Tencent Cloud Chat error code behind a failure (per-item code, or the code of the upstream ' +
        'call this item was part of); null on success and for failures decided without upstream.',
    }),
    user: t.field({
      type: UserRef,
      nullable: true,
      description:
        'The user, for refetching fresh data (counts, relations) in the same request; null when the ' +
        'account does not exist.',
      resolve: (item) => (item.exists ? { id: item.userId } : null),
    }),
  }),
});

/** `succeededCount` / `failedCount`, shared by every payload. */
export function countFields<P extends PayloadShape<ItemResult>>(
  t: PothosSchemaTypes.ObjectFieldBuilder<BuilderTypes, P>,
) {
  return {
    succeededCount: t.int({
      description: 'Number of items with `ok: true`.',
      resolve: (payload) => payload.results.filter((item) => item.ok).length,
    }),
    failedCount: t.int({
      description: 'Number of items with `ok: false`.',
      resolve: (payload) => payload.results.filter((item) => !item.ok).length,
    }),
  };
}

// ---------- input ----------

export function maxIds(ctx: GraphQLContext): number {
  return ctx.settings.mutationMaxIds;
}

/**
 * Validates a list of Chat UserIDs and returns the distinct ones in first-occurrence order. The
 * request-wide maximum applies to the list as given (before de-duplication).
 */
export function distinctIds(
  raw: readonly (string | number)[],
  argument: string,
  ctx: GraphQLContext,
): string[] {
  const max = maxIds(ctx);
  if (raw.length === 0) throw badUserInput(`\`${argument}\` must hold at least one id.`, argument);
  if (raw.length > max) {
    throw badUserInput(
      `\`${argument}\` accepts at most ${max} ids per request (got ${raw.length}).`,
      argument,
    );
  }
  const seen = new Set<string>();
  raw.forEach((value, index) => {
    const id = String(value);
    assertValidId(id, `${argument}[${index}]`);
    seen.add(id);
  });
  return [...seen];
}

// ---------- authorization ----------

/** For a field's `unauthorizedError`: anonymous -> UNAUTHENTICATED, signed in -> FORBIDDEN. */
export function authError(ctx: GraphQLContext, anonymous: string, notAdmin: string): GraphQLError {
  return ctx.viewer ? forbidden(notAdmin) : unauthenticated(anonymous);
}

/** The signed-in viewer's id (the field's auth scopes guarantee there is one). */
export function viewerId(ctx: GraphQLContext): string {
  if (!ctx.viewer) throw unauthenticated('Sign in first.');
  return ctx.viewer.id;
}

// ---------- upstream outcomes ----------

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
export function toRequestError(error: TencentError, notFoundMessage: string): GraphQLError {
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

/** Message of a per-item upstream code we have no specific status for. */
export function itemCodeMessage(code: number): string {
  return code < 0
    ? 'Tencent Cloud Chat returned no result for this id; read its state before retrying.'
    : `Tencent Cloud Chat refused this id with error ${code}.`;
}

// ---------- cache ----------

/** Forgets what this request cached about the users and account a write touched. */
export function clearAfterWrite(ctx: GraphQLContext, userIds: Iterable<string>, officialAccountId?: string) {
  for (const id of new Set(userIds)) clearUser(ctx.loaders, id);
  if (officialAccountId !== undefined) clearOfficialAccount(ctx.loaders, officialAccountId);
}
