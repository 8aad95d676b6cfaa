/**
 * In-memory state of the emulated app: users and profiles, the follow graph and official accounts.
 * Every list a command pages through is a SortedList, so reads are O(page) and counts are O(1).
 */
import { type Entry, SortedList, type SortKey } from './sortedList.js';

export type ProfileValue = string | number;

export interface User {
  readonly id: string;
  readonly profile: Map<string, ProfileValue>;
  /** Bumped on every profile change (follow_get's `profile_sequence`). */
  profileSeq: number;
  /** Users this user follows. */
  readonly following: SortedList;
  /** Users following this user. */
  readonly followers: SortedList;
  /**
   * Users in both lists. The key of a mutual entry is the later of the two follow edges (so its
   * FollowTime is the later of the two follow times); both sides share it.
   */
  readonly mutual: SortedList;
  /** Official accounts this user subscribes to, in subscription order. */
  readonly subscribed: Map<string, SortKey>;
}

export interface OfficialAccount {
  readonly id: string;
  readonly owner: string;
  name: string;
  introduction: string;
  faceUrl: string;
  maxSubscriberNum: number;
  organization: string;
  customString: string;
  readonly createTime: number;
  lastMsgTime: number;
  readonly subscribers: SortedList;
}

export type NewOfficialAccount = Omit<OfficialAccount, 'subscribers' | 'lastMsgTime'> & {
  lastMsgTime?: number;
};

function laterKey(a: SortKey, b: SortKey): SortKey {
  return a.time > b.time || (a.time === b.time && a.seq > b.seq) ? a : b;
}

export class Store {
  readonly users = new Map<string, User>();
  readonly officialAccounts = new Map<string, OfficialAccount>();
  private seq = 0;

  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  reset(): void {
    this.users.clear();
    this.officialAccounts.clear();
    this.seq = 0;
  }

  getUser(id: string): User | undefined {
    return this.users.get(id);
  }

  /** Idempotent: an existing user is returned as is. */
  importUser(id: string): User {
    let user = this.users.get(id);
    if (!user) {
      user = {
        id,
        profile: new Map(),
        profileSeq: 0,
        following: new SortedList(),
        followers: new SortedList(),
        mutual: new SortedList(),
        subscribed: new Map(),
      };
      this.users.set(id, user);
    }
    return user;
  }

  setProfile(user: User, tag: string, value: ProfileValue): void {
    user.profile.set(tag, value);
    user.profileSeq += 1;
  }

  /** Adds the edge from -> to. Returns false if it already existed (its FollowTime is kept). */
  follow(from: User, to: User, time: number): boolean {
    const seq = this.nextSeq();
    if (!from.following.add(to.id, time, seq)) return false;
    to.followers.add(from.id, time, seq);
    const back = to.following.get(from.id);
    if (back) {
      const key = laterKey(back, { time, seq });
      from.mutual.add(to.id, key.time, key.seq);
      to.mutual.add(from.id, key.time, key.seq);
    }
    return true;
  }

  /** Removes the edge from -> to. Returns false if there was none. */
  unfollow(from: User, to: User): boolean {
    if (!from.following.remove(to.id)) return false;
    to.followers.remove(from.id);
    from.mutual.remove(to.id);
    to.mutual.remove(from.id);
    return true;
  }

  /** follow_check bitmask: bit0 = `to` follows `from`, bit1 = `from` follows `to`. */
  relation(from: User, to: User): number {
    return (to.following.has(from.id) ? 1 : 0) | (from.following.has(to.id) ? 2 : 0);
  }

  createOfficialAccount(init: NewOfficialAccount): OfficialAccount {
    const oa: OfficialAccount = { lastMsgTime: 0, ...init, subscribers: new SortedList() };
    this.officialAccounts.set(oa.id, oa);
    return oa;
  }

  destroyOfficialAccount(oa: OfficialAccount): void {
    for (const id of oa.subscribers.idsAscending()) this.users.get(id)?.subscribed.delete(oa.id);
    this.officialAccounts.delete(oa.id);
  }

  /** Returns false if already subscribed. The caller enforces MaxSubscriberNum. */
  subscribe(oa: OfficialAccount, user: User, time: number): boolean {
    const seq = this.nextSeq();
    if (!oa.subscribers.add(user.id, time, seq)) return false;
    user.subscribed.set(oa.id, { time, seq });
    return true;
  }

  unsubscribe(oa: OfficialAccount, user: User): boolean {
    if (!oa.subscribers.remove(user.id)) return false;
    user.subscribed.delete(oa.id);
    return true;
  }
}

export type { Entry };
