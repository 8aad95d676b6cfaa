/**
 * Cache keys and invalidation scopes of each kind of upstream read, and the scopes a change
 * invalidates. Ids are printable ASCII (Chat UserIDs), so a control character separates them safely.
 */
import type { DomainEvent } from '../events/events.js';
import { FollowListType } from '../tencent/wire.js';

const SEP = '\u001f';
// Concatenation rather than an array join: a write of 40 ids builds some 300 scopes.
const join = (
  a: string,
  b: string | number,
  c?: string | number,
  d?: string | number,
  e?: string | number,
) =>
  c === undefined
    ? `${a}${SEP}${b}`
    : d === undefined
      ? `${a}${SEP}${b}${SEP}${c}`
      : e === undefined
        ? `${a}${SEP}${b}${SEP}${c}${SEP}${d}`
        : `${a}${SEP}${b}${SEP}${c}${SEP}${d}${SEP}${e}`;

/** One of a user's follow lists (follow_get's FollowType: fans, follows, mutual). */
const listScope = (user: string, type: number) => join('follows', user, type);

/** A follow relation is cached once per unordered pair, from the first id's side. */
export function orderedPair(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}

export const keys = {
  counts: (user: string) => ({ key: join('counts', user), scope: join('counts', user) }),
  relation: (a: string, b: string) => {
    const [x, y] = orderedPair(a, b);
    return { key: join('rel', x, y), scope: join('pair', x, y) };
  },
  profile: (user: string, tags: string) => ({
    key: join('profile', user, tags),
    scope: join('profile', user),
  }),
  officialAccount: (id: string) => ({ key: join('oa', id), scope: join('oa', id) }),
  /** A whole list (everyone `user` follows, or their mutuals), kept with the pages of the same list. */
  followList: (user: string, type: number) => ({
    key: join('flist', user, type),
    scope: listScope(user, type),
  }),
  followPage: (user: string, type: number, cursor: string, wantNum: number) => ({
    key: join('fpage', user, type, cursor, wantNum),
    scope: listScope(user, type),
  }),
  subscriberPage: (account: string, next: string, limit: number) => ({
    key: join('spage', account, next, limit),
    scope: join('subscribers', account),
  }),
  subscribedPage: (user: string, offset: number, limit: number) => ({
    key: join('sdpage', user, offset, limit),
    scope: join('subscribed', user),
  }),
} as const;

/** Every cached read a change can make stale. */
export function scopesChangedBy(event: DomainEvent): string[] {
  switch (event.type) {
    case 'follow': {
      // The follower's follows (and whole following list) change, the followee's fans; mutuals of both.
      const { follower, followee } = event;
      return [
        keys.counts(follower).scope,
        keys.counts(followee).scope,
        keys.relation(follower, followee).scope,
        listScope(follower, FollowListType.Follows),
        listScope(follower, FollowListType.Mutual),
        listScope(followee, FollowListType.Fans),
        listScope(followee, FollowListType.Mutual),
      ];
    }
    case 'subscription':
      return [
        keys.officialAccount(event.officialAccount).scope,
        keys.subscriberPage(event.officialAccount, '', 0).scope,
        keys.subscribedPage(event.user, 0, 0).scope,
      ];
    case 'officialAccount':
      return [
        keys.officialAccount(event.officialAccount).scope,
        keys.subscriberPage(event.officialAccount, '', 0).scope,
      ];
  }
}
