/**
 * The BFF's routes: one per benchmark operation, each making the upstream calls an expert would make
 * (batched at the documented maxima, independent calls together) and answering the JSON the GraphQL
 * server answers for the same operation. A scenario added to scripts/bench/scenarios adds its route
 * here.
 */
import { cursorsOf, isoTime, pageInfo, tagValue } from './relay.js';
import { chunks, type Json, type Upstream, UpstreamError } from './upstream.js';

export interface RouteInput {
  viewer: string | undefined;
  variables: Json;
  /** The server's CURSOR_SIGNING_KEY: cursors are signed alike. */
  cursorKey: string;
}

export type Route = (upstream: Upstream, input: RouteInput) => Promise<unknown>;

const NICK = 'Tag_Profile_IM_Nick';
const IMAGE = 'Tag_Profile_IM_Image';
const FANS = 1;
const MUTUAL = 3;
const NOT_FOUND = 30003;

async function countsOf(upstream: Upstream, ids: string[]): Promise<Map<string, Json>> {
  const answers = await Promise.all(
    chunks(ids, 20).map((part) =>
      upstream.call('follow/follow_get_info', { From_Account: upstream.admin, To_Account: part }),
    ),
  );
  const byId = new Map<string, Json>();
  for (const answer of answers) for (const item of answer.FollowInfo) byId.set(item.To_Account, item);
  return byId;
}

function countFields(item: Json) {
  return {
    followers: { totalCount: item.FollowerCount },
    following: { totalCount: item.FollowingCount },
    mutuals: { totalCount: item.MutualFollowingCount },
  };
}

/** follow_get from the start of a list; null when the account does not exist. */
async function followPage(upstream: Upstream, owner: string, type: number, wantNum: number) {
  try {
    const page = await upstream.call('follow/follow_get', {
      From_Account: owner,
      FollowType: type,
      StartCursor: '',
      WantNum: wantNum,
    });
    return { items: (page.FollowItem ?? []) as Json[], next: (page.NextCursor ?? '') as string };
  } catch (error) {
    if (error instanceof UpstreamError && error.code === NOT_FOUND) return null;
    throw error;
  }
}

const counts: Route = async (upstream, { variables }) => {
  const ids: string[] = variables.ids;
  const byId = await countsOf(upstream, ids);
  return {
    users: ids.map((id) => {
      const item = byId.get(id);
      return item?.ResultCode === 0 ? { id, ...countFields(item) } : null;
    }),
  };
};

const followersWithProfiles: Route = async (upstream, { variables, cursorKey }) => {
  const page = await followPage(upstream, variables.id, FANS, 100);
  if (!page) return { user: null };
  const cursors = cursorsOf(cursorKey, 'followers', variables.id);
  const items = page.items.slice(0, 100);
  return {
    user: {
      followers: {
        edges: items.map((item, i) => ({
          cursor: cursors.after(i + 1, page.items.length, page.next),
          followedAt: isoTime(item.FollowTime),
          node: {
            id: item.To_Account,
            profile: {
              nickname: tagValue(item.ProfileItem, NICK),
              avatarUrl: tagValue(item.ProfileItem, IMAGE),
            },
          },
        })),
        pageInfo: pageInfo(cursors, items.length, page.items.length, page.next),
      },
    },
  };
};

const followersWithCounts: Route = async (upstream, { viewer, variables }) => {
  const page = await followPage(upstream, variables.id, FANS, 100);
  if (!page) return { user: null };
  const ids: string[] = page.items.slice(0, 100).map((item) => item.To_Account);
  const [byId, relations] = await Promise.all([
    countsOf(upstream, ids),
    viewer
      ? upstream.call('follow/follow_check', { From_Account: viewer, To_Account: ids })
      : { ResultItem: [] },
  ]);
  const followType = new Map<string, number>(
    relations.ResultItem.map((item: Json) => [item.To_Account, item.FollowType]),
  );
  return {
    user: {
      followers: {
        nodes: ids.map((id) => ({
          id,
          viewerIsFollowing: id !== viewer && ((followType.get(id) ?? 0) & 2) !== 0,
          ...countFields(byId.get(id)),
        })),
      },
    },
  };
};

const mutualsPage: Route = async (upstream, { variables, cursorKey }) => {
  const page = await followPage(upstream, variables.id, MUTUAL, 50);
  if (!page) return { user: null };
  const items = page.items.slice(0, 50);
  return {
    user: {
      mutuals: {
        nodes: items.map((item) => ({
          id: item.To_Account,
          profile: { nickname: tagValue(item.ProfileItem, NICK) },
        })),
        pageInfo: pageInfo(
          cursorsOf(cursorKey, 'mutuals', variables.id),
          items.length,
          page.items.length,
          page.next,
        ),
      },
    },
  };
};

const officialAccountWithSubscribers: Route = async (upstream, { variables, cursorKey }) => {
  const id: string = variables.id;
  const [info, page] = await Promise.all([
    upstream.call('official_account_open_http_svc/get_official_account_info', {
      OfficialAccountIdList: [{ Official_Account: id }],
    }),
    upstream
      .call('official_account_open_http_svc/get_subscriber_info', {
        Official_Account: id,
        Next: '',
        Limit: 50,
      })
      .catch(() => null),
  ]);
  const account = info.OfficialAccountInfoList?.[0];
  if (account?.ErrorCode !== 0 || !page) return { officialAccount: null };
  const subscribers: Json[] = (page.SubscriberList ?? []).slice(0, 50);
  const next: string = page.Next ?? '';
  return {
    officialAccount: {
      id,
      name: account.Name ?? '',
      subscriberCount: account.SubscriberNum ?? 0,
      subscribers: {
        nodes: subscribers.map((s) => ({ id: s.Subscriber_Account })),
        pageInfo: pageInfo(
          cursorsOf(cursorKey, 'subscribers', id),
          subscribers.length,
          page.SubscriberList.length,
          next,
        ),
      },
    },
  };
};

const userEntities: Route = async (upstream, { variables }) => {
  const ids: string[] = variables.representations.map((r: Json) => r.id);
  const [profiles, byId] = await Promise.all([
    upstream.call('profile/portrait_get', { To_Account: ids, TagList: [NICK, IMAGE] }),
    countsOf(upstream, ids),
  ]);
  const profileOf = new Map<string, Json>(
    profiles.UserProfileItem.map((item: Json) => [item.To_Account, item]),
  );
  return {
    _entities: ids.map((id) => {
      const profile = profileOf.get(id);
      return {
        id,
        profile:
          profile?.ResultCode === 0
            ? {
                nickname: tagValue(profile.ProfileItem, NICK),
                avatarUrl: tagValue(profile.ProfileItem, IMAGE),
              }
            : null,
        followers: { totalCount: byId.get(id)?.FollowerCount },
      };
    }),
  };
};

/** follow_add / follow_delete in chunks of 20, sent together; one result per id. */
function followWrite(
  command: 'follow/follow_add' | 'follow/follow_delete',
  done: string,
  field: string,
): Route {
  return async (upstream, { viewer, variables }) => {
    const ids: string[] = [...new Set<string>(variables.ids)];
    const answers = await Promise.all(
      chunks(ids, 20).map((part) =>
        upstream.call(
          command,
          command === 'follow/follow_add'
            ? { From_Account: viewer, FollowItem: part.map((To_Account) => ({ To_Account })) }
            : { From_Account: viewer, To_Account: part },
        ),
      ),
    );
    const code = new Map<string, number>();
    for (const answer of answers)
      for (const item of answer.ResultItem) code.set(item.To_Account, item.ResultCode);
    return {
      [field]: {
        results: ids.map((userId) => {
          const ok = code.get(userId) === 0;
          return { userId, ok, status: ok ? done : 'FAILED' };
        }),
      },
    };
  };
}

export const ROUTES: Record<string, Route> = {
  typename: async () => ({ __typename: 'Query' }),
  counts,
  followersWithProfiles,
  followersWithCounts,
  mutualsPage,
  officialAccountWithSubscribers,
  userEntities,
  followUsers: followWrite('follow/follow_add', 'FOLLOWED', 'followUsers'),
  unfollowUsers: followWrite('follow/follow_delete', 'UNFOLLOWED', 'unfollowUsers'),
};
