/**
 * Filters of the lists Tencent's cap bounds (`following`, `mutuals`): who follows back, and a nickname
 * search. A filtered list is read whole (follow_get pages of 1,000, at most 5 per list) and filtered
 * here; it pages with the same opaque cursors as the plain list (bound to the filter) and its
 * `totalCount` counts the filtered list.
 *
 * - `followsBack` (following only): the user's mutuals list is read whole too, and the following list
 *   keeps its order and follow times. At most 10 follow_get, whatever the user's follower count.
 * - `nicknameContains`: matched against the nickname follow_get returns with each item (its
 *   `ProfileItem`, kept in the whole list's entries), case-insensitively after Unicode NFKC
 *   normalisation; no portrait_get. An item that comes without a nickname does not match.
 */
import { LOADER_COSTS, type PerObjectLoad, WHOLE_LIST_COSTS } from '../../loaders/index.js';
import type { FollowListEntry } from '../../tencent/api.js';
import { FollowListType } from '../../tencent/wire.js';
import { builder } from '../builder.js';
import type { ConnectionArgs, ConnectionSource } from '../connections/paging.js';
import type { GraphQLContext } from '../context.js';
import type { Load, LoadContext } from '../cost/upstreamCost.js';
import { badUserInput } from '../errors.js';
import type { UserShape } from '../refs.js';
import { readWholeList, wholeListConnection } from './wholeList.js';

/** Longest nickname search, in characters (Tencent's nicknames are at most 500 bytes). */
export const NICKNAME_SEARCH_MAX = 100;

export interface ListFilter {
  followsBack?: boolean;
  nicknameContains?: string;
}

const NICKNAME_DESCRIPTION =
  'Only users whose nickname contains this text (case-insensitive; 1 to 100 characters). Matched ' +
  'against the nickname upstream returns with each list item, across the whole list.';

export const FollowingFilter = builder.inputType('FollowingFilter', {
  description:
    'Narrows `following` to some of the users. The filtered list is read whole (at most 5,000 users, ' +
    "Tencent's cap) and paged with the same cursors; `totalCount` counts the filtered list.",
  fields: (t) => ({
    followsBack: t.boolean({
      required: false,
      description:
        'true: only users who follow this user back; false: only users who do not. Also reads the ' +
        'whole mutuals list.',
    }),
    nicknameContains: t.string({ required: false, description: NICKNAME_DESCRIPTION }),
  }),
});

export const MutualsFilter = builder.inputType('MutualsFilter', {
  description:
    'Narrows `mutuals` to some of the users. The filtered list is read whole (at most 5,000 users) and ' +
    'paged with the same cursors; `totalCount` counts the filtered list.',
  fields: (t) => ({
    nicknameContains: t.string({ required: false, description: NICKNAME_DESCRIPTION }),
  }),
});

/** The filter argument as given (GraphQL has coerced it), or undefined. */
function filterArg(args: Readonly<Record<string, unknown>> | undefined): ListFilter | undefined {
  const raw = args?.filter;
  return raw !== null && typeof raw === 'object' ? (raw as ListFilter) : undefined;
}

/** True when the arguments set at least one condition (the list is then read whole). Never throws. */
export function isFiltered(args: Readonly<Record<string, unknown>> | undefined): boolean {
  const filter = filterArg(args);
  return (
    filter !== undefined &&
    ((filter.followsBack ?? null) !== null || (filter.nicknameContains ?? null) !== null)
  );
}

/** A filter argument as GraphQL coerced it (fields may be null). */
export interface FilterArgument {
  followsBack?: boolean | null;
  nicknameContains?: string | null;
}

/** The filter's conditions, checked (BAD_USER_INPUT naming the field); undefined when none is set. */
export function readFilter(raw: FilterArgument | null | undefined): ListFilter | undefined {
  if (!raw) return undefined;
  const filter: ListFilter = {};
  if (raw.followsBack !== undefined && raw.followsBack !== null) filter.followsBack = raw.followsBack;
  if (raw.nicknameContains !== undefined && raw.nicknameContains !== null) {
    const needle = normalise(raw.nicknameContains).trim();
    const length = [...needle].length;
    if (length === 0 || length > NICKNAME_SEARCH_MAX) {
      throw badUserInput(
        `\`filter.nicknameContains\` must be 1 to ${NICKNAME_SEARCH_MAX} characters (spaces at the ends do not count).`,
        'filter.nicknameContains',
      );
    }
    filter.nicknameContains = needle;
  }
  return filter.followsBack === undefined && filter.nicknameContains === undefined ? undefined : filter;
}

function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Binds cursors to the filter: a cursor of one filtered list is refused by the others. */
function variantOf(filter: ListFilter): string {
  return JSON.stringify([filter.followsBack ?? null, filter.nicknameContains ?? null]);
}

/** `user`'s following or mutuals list, read whole and filtered. */
export function filteredList(
  user: UserShape,
  list: 'following' | 'mutuals',
  filter: ListFilter,
  args: ConnectionArgs,
  ctx: GraphQLContext,
): ConnectionSource<UserShape> {
  const scope = { list, owner: user.id, variant: variantOf(filter), key: ctx.settings.cursorKey };
  const type = list === 'following' ? FollowListType.Follows : FollowListType.Mutual;
  return wholeListConnection(scope, args, ctx, async () => {
    const [whole, mutuals] = await Promise.all([
      readWholeList(ctx, user.id, type),
      filter.followsBack === undefined ? undefined : readWholeList(ctx, user.id, FollowListType.Mutual),
    ]);
    let kept: readonly FollowListEntry[] = whole;
    if (mutuals) {
      const back = new Set(mutuals.map((item) => item.To_Account));
      kept = kept.filter((item) => back.has(item.To_Account) === filter.followsBack);
    }
    const needle = filter.nicknameContains;
    if (needle !== undefined) {
      kept = kept.filter((item) => normalise(item.Nick ?? '').includes(needle));
    }
    return kept;
  });
}

/**
 * What a follow list field reads besides its connection's own loads: nothing unfiltered; filtered,
 * the whole list (and, for `followsBack`, the whole mutuals list too), at most 5 follow_get each per
 * user. The connection's count and page cost nothing more then (`listConnectionCosts`).
 */
export function filteredListLoads(list: 'following' | 'mutuals') {
  return ({ args }: LoadContext): PerObjectLoad[] => {
    if (!isFiltered(args)) return [];
    if (list === 'mutuals') return [WHOLE_LIST_COSTS.mutuals];
    const followsBack = (filterArg(args)?.followsBack ?? null) !== null;
    return followsBack
      ? [WHOLE_LIST_COSTS.following, WHOLE_LIST_COSTS.mutuals]
      : [WHOLE_LIST_COSTS.following];
  };
}

/** What the follow lists' connection fields cost: nothing more when the list was read whole. */
export const listConnectionCosts = {
  totalCount: ({ connectionArgs }: LoadContext): Load[] =>
    isFiltered(connectionArgs) ? [] : [LOADER_COSTS.counts],
  page: ({ connectionArgs }: LoadContext): Load[] =>
    isFiltered(connectionArgs) ? [] : [LOADER_COSTS.followPages],
};
