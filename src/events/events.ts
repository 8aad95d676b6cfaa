/**
 * Typed domain events: what changed in the follow graph and in official accounts, one change per
 * event, whether we learned it from a verified Tencent callback or made it through our own API.
 */

/** How we learned of the change. */
export type EventSource = 'webhook' | 'api';

/** What every event carries besides its change. */
interface EventBase {
  /** Milliseconds since the epoch (Tencent's EventTime for callbacks). */
  at: number;
  source: EventSource;
  /** The process that made the change through our API (it has already acted on it). */
  origin?: string;
}

export interface FollowEvent extends EventBase {
  type: 'follow';
  change: 'FOLLOWED' | 'UNFOLLOWED';
  follower: string;
  followee: string;
}

export interface SubscriptionEvent extends EventBase {
  type: 'subscription';
  change: 'SUBSCRIBED' | 'UNSUBSCRIBED';
  officialAccount: string;
  user: string;
}

export interface OfficialAccountEvent extends EventBase {
  type: 'officialAccount';
  change: 'CREATED' | 'INFO_CHANGED' | 'FULL' | 'DESTROYED';
  officialAccount: string;
}

export type DomainEvent = FollowEvent | SubscriptionEvent | OfficialAccountEvent;
