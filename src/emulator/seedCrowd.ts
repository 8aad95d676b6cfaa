/**
 * The `crowd` seed: a deterministic graph sized for the lists bounded by Tencent's cap of 5,000
 * follows (knownFollowers, filtered lists), too big to build through REST in a test.
 *
 * - `crowd_star` has 10,000 followers, `crowd_00001` ... `crowd_10000` (nicknames `Crowd member <n>`).
 * - Viewers with following lists of known sizes, none of whom follows the star:
 *   - `crowd_v0` follows nobody;
 *   - `crowd_v250` follows 250 users: 150 of the star's followers and 100 others (`crowd_x001` ...
 *     `crowd_x100`, nicknames `Passer-by <n>`), interleaved (per 5 follows: 3 followers, 2 others);
 *     every 7th of them (36) follows it back;
 *   - `crowd_v5000` follows 5,000 of the star's followers (the cap), and 1,000 of them follow it back.
 * - Follow times are one second apart in the order above, so newest-first lists are deterministic.
 */
import { DEMO_EPOCH } from './seed.js';
import type { Store, User } from './store.js';

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const member = (n: number) => `crowd_${pad(n, 5)}`;
const passerBy = (n: number) => `crowd_x${pad(n, 3)}`;

/** The accounts and numbers of the crowd seed (tests read them from here). */
export const CROWD = {
  star: 'crowd_star',
  followers: 10_000,
  member,
  passerBy,
  viewers: {
    none: 'crowd_v0',
    small: 'crowd_v250',
    full: 'crowd_v5000',
  },
  /** crowd_v250's follows, in the order it followed them (oldest first). */
  smallFollows: (): string[] => {
    const out: string[] = [];
    let members = 0;
    let others = 0;
    for (let j = 0; j < 250; j++) out.push(j % 5 < 3 ? member(++members) : passerBy(++others));
    return out;
  },
  /** Which of crowd_v250's follows follow it back (every 7th, counting from the first). */
  smallFollowsBack: (index: number): boolean => index % 7 === 0,
  /** Which of crowd_v5000's follows follow it back. */
  fullFollowsBack: (index: number): boolean => index % 5 === 0,
} as const;

export function applyCrowdSeed(store: Store): void {
  let clock = DEMO_EPOCH;
  const tick = () => ++clock;
  const user = (id: string, nick: string): User => {
    const u = store.importUser(id);
    store.setProfile(u, 'Tag_Profile_IM_Nick', nick);
    return u;
  };
  const star = user(CROWD.star, 'The Star');
  const members = Array.from({ length: CROWD.followers }, (_, i) =>
    user(member(i + 1), `Crowd member ${i + 1}`),
  );
  for (let i = 1; i <= 100; i++) user(passerBy(i), `Passer-by ${i}`);
  for (const m of members) store.follow(m, star, tick());

  user(CROWD.viewers.none, 'Viewer of none');
  const small = user(CROWD.viewers.small, 'Viewer of 250');
  CROWD.smallFollows().forEach((id, index) => {
    const target = store.getUser(id) as User;
    store.follow(small, target, tick());
    if (CROWD.smallFollowsBack(index)) store.follow(target, small, tick());
  });
  const full = user(CROWD.viewers.full, 'Viewer of 5000');
  members.slice(0, 5000).forEach((target, index) => {
    store.follow(full, target, tick());
    if (CROWD.fullFollowsBack(index)) store.follow(target, full, tick());
  });
}
