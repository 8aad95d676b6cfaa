/**
 * The `feed` seed: a larger deterministic graph for load tests (`npm run bench -- --scenario feed`).
 * 2,000 users ranked by popularity; each follows between 5 and 150 others drawn from a Zipf(s = 1.1)
 * distribution over that rank, so a few users have most of the followers, as in a real app.
 */
import { DEMO_EPOCH, seededRandom } from './seed.js';
import type { Store } from './store.js';

export const FEED_USERS = 2000;
export const FEED_ZIPF_S = 1.1;

/** Users by popularity rank (index 0 is the most followed). */
export const FEED_USER_IDS: readonly string[] = Array.from(
  { length: FEED_USERS },
  (_, i) => `feed_${String(i + 1).padStart(4, '0')}`,
);

/** Draws ranks 0..n-1 with probability proportional to 1 / (rank + 1)^s. */
export function zipfSampler(n: number, s: number, random: () => number): () => number {
  const cdf = new Float64Array(n);
  let total = 0;
  for (let k = 0; k < n; k++) {
    total += 1 / (k + 1) ** s;
    cdf[k] = total;
  }
  return () => {
    const target = random() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] as number) < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

export function applyFeedSeed(store: Store): void {
  const random = seededRandom(20261130);
  const zipf = zipfSampler(FEED_USERS, FEED_ZIPF_S, random);
  const users = FEED_USER_IDS.map((id, rank) => {
    const user = store.importUser(id);
    store.setProfile(user, 'Tag_Profile_IM_Nick', `Feed user ${rank + 1}`);
    store.setProfile(user, 'Tag_Profile_IM_Image', `https://avatars.example.com/${id}.png`);
    return user;
  });
  for (const user of users) {
    const follows = 5 + Math.floor(random() ** 2 * 145);
    for (let i = 0; i < follows; i++) {
      const target = users[zipf()];
      if (target && target !== user)
        store.follow(user, target, DEMO_EPOCH + Math.floor(random() * 31_536_000));
    }
  }
}
