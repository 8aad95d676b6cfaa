/**
 * One delivery per change. A change made through our API is published at once (source `api`), and
 * Tencent's callback reports the same change again a moment later (source `webhook`); a change made
 * elsewhere arrives as a callback only. So every `api` event is news and is remembered, per edge or
 * account, as awaiting its callback; a `webhook` event that matches the oldest awaited change of its
 * edge (same change, within `matchWindowMs`) is that confirmation and is dropped; any other `webhook`
 * event is news. Awaited changes whose callback never comes (callbacks off, or lost) expire.
 */
import { LRUCache } from 'lru-cache';
import type { DomainEvent } from './events.js';

const SEP = '\u001f';

/**
 * Changes of one edge remembered while their callback is awaited. An edge that changes more often than
 * this within the window (a client toggling a follow) keeps its newest ones: a callback for an older one
 * is then delivered as news rather than dropped, and each event costs a bounded amount of work.
 */
export const MAX_AWAITED_PER_EDGE = 16;

function edgeOf(event: DomainEvent): string {
  switch (event.type) {
    case 'follow':
      return `follow${SEP}${event.follower}${SEP}${event.followee}`;
    case 'subscription':
      return `subscription${SEP}${event.officialAccount}${SEP}${event.user}`;
    case 'officialAccount':
      return `officialAccount${SEP}${event.officialAccount}`;
  }
}

export class EventDeduper {
  /** Per edge: the changes made through our API whose callback has not come yet, oldest first. */
  private readonly awaited: LRUCache<string, { change: string; at: number }[]>;

  constructor(
    private readonly matchWindowMs = 60_000,
    max = 100_000,
  ) {
    this.awaited = new LRUCache({ max, ttl: matchWindowMs });
  }

  /** True when `event` is news, false when it confirms a change already delivered. */
  isNew(event: DomainEvent): boolean {
    const edge = edgeOf(event);
    const awaited = this.awaited.get(edge) ?? [];
    const fresh = awaited.filter((a) => Math.abs(event.at - a.at) <= this.matchWindowMs);
    if (event.source === 'api') {
      fresh.push({ change: event.change, at: event.at });
      if (fresh.length > MAX_AWAITED_PER_EDGE) fresh.splice(0, fresh.length - MAX_AWAITED_PER_EDGE);
      this.awaited.set(edge, fresh);
      return true;
    }
    const match = fresh.findIndex((a) => a.change === event.change);
    if (match === -1) return true;
    fresh.splice(0, match + 1);
    if (fresh.length === 0) this.awaited.delete(edge);
    else this.awaited.set(edge, fresh);
    return false;
  }
}
