/** The write scenario: follow 40 users, then unfollow them, alternately, so every iteration does the same work. */
import { DEMO } from '../../../src/emulator/index.js';
import type { Scenario } from './scenario.js';

const TARGETS = DEMO.users.slice(150, 190);
/** Each concurrent worker acts as its own user, so that workers never undo each other's writes. */
const actor = (worker: number) => DEMO.users[200 + (worker % 90)] as string;

export const follow40: Scenario = {
  name: 'follow40',
  title: 'follow / unfollow 40 users',
  measures:
    'A batch write of 40 ids, following and unfollowing alternately: 2 calls of 20 ids, sent together, ' +
    'and one result item per id.',
  operation: (iteration, worker) => {
    const field = iteration % 2 === 0 ? 'followUsers' : 'unfollowUsers';
    return {
      query: `mutation Write($ids: [ID!]!) { ${field}(input: { userIds: $ids }) { results { userId ok status } } }`,
      variables: { ids: TARGETS },
      route: field,
      viewer: actor(worker),
    };
  },
  // follow_add and follow_delete both take 20 ids a call; an iteration makes two calls of one of them.
  minimum: { calls: { 'follow/follow_add or follow_delete': 2 }, roundTrips: 1 },
};
