/**
 * One delivery per change: a change made through our API is news, the callback that confirms it a
 * moment later is not; a callback nobody awaited is news. An edge toggled many times keeps its newest
 * changes awaited.
 */
import { describe, expect, it } from 'vitest';
import { EventDeduper, MAX_AWAITED_PER_EDGE } from '../../src/events/dedupe.js';
import type { FollowEvent } from '../../src/events/events.js';

const follow = (change: FollowEvent['change'], source: FollowEvent['source'], at: number): FollowEvent => ({
  type: 'follow',
  change,
  follower: 'alice',
  followee: 'bob',
  at,
  source,
});

describe('EventDeduper', () => {
  it('a callback confirming an API change is dropped; one that nothing awaited is news', () => {
    const dedupe = new EventDeduper();
    expect(dedupe.isNew(follow('FOLLOWED', 'api', 1000))).toBe(true);
    expect(dedupe.isNew(follow('FOLLOWED', 'webhook', 1500))).toBe(false);
    expect(dedupe.isNew(follow('UNFOLLOWED', 'webhook', 2000))).toBe(true);
  });

  it('a callback outside the window confirms nothing', () => {
    const dedupe = new EventDeduper(60_000);
    expect(dedupe.isNew(follow('FOLLOWED', 'api', 1000))).toBe(true);
    expect(dedupe.isNew(follow('FOLLOWED', 'webhook', 62_000))).toBe(true);
  });

  it('an edge toggled many times: its newest changes are still recognised when their callbacks come', () => {
    const dedupe = new EventDeduper();
    const changes: FollowEvent['change'][] = Array.from({ length: 1000 }, (_, i) =>
      i % 2 === 0 ? 'FOLLOWED' : 'UNFOLLOWED',
    );
    changes.forEach((change, i) => {
      expect(dedupe.isNew(follow(change, 'api', 1000 + i))).toBe(true);
    });
    // The callbacks of the newest changes, in order, confirm them.
    const newest = changes.slice(-MAX_AWAITED_PER_EDGE);
    newest.forEach((change, i) => {
      expect(dedupe.isNew(follow(change, 'webhook', 2000 + i))).toBe(false);
    });
    // Nothing is awaited any more: a further callback is news.
    expect(dedupe.isNew(follow('FOLLOWED', 'webhook', 3000))).toBe(true);
  });
});
