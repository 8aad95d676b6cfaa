/**
 * Typed domain events: what changed in the follow graph and in official accounts, one change per
 * event, whether we learned it from a verified Tencent callback or made it through our own API.
 */

/** How we learned of the change. */
export type EventSource = 'webhook' | 'api';

export interface FollowEvent {
  type: 'follow';
  change: 'FOLLOWED' | 'UNFOLLOWED';
  follower: string;
  followee: string;
  /** Milliseconds since the epoch (Tencent's EventTime for callbacks). */
  at: number;
  source: EventSource;
}

export interface SubscriptionEvent {
  type: 'subscription';
  change: 'SUBSCRIBED' | 'UNSUBSCRIBED';
  officialAccount: string;
  user: string;
  at: number;
  source: EventSource;
}

export interface OfficialAccountEvent {
  type: 'officialAccount';
  change: 'CREATED' | 'INFO_CHANGED' | 'FULL' | 'DESTROYED';
  officialAccount: string;
  at: number;
  source: EventSource;
}

export type DomainEvent = FollowEvent | SubscriptionEvent | OfficialAccountEvent;
