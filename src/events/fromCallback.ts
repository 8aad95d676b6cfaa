/** Verified Tencent callbacks -> domain events (one per changed edge or account). */
import { CallbackCommand, type CallbackPayload } from '../tencent/callbacks.js';
import type { DomainEvent, OfficialAccountEvent } from './events.js';

const ACCOUNT_CHANGES: Readonly<Record<string, OfficialAccountEvent['change']>> = {
  [CallbackCommand.OfficialAccountCreated]: 'CREATED',
  [CallbackCommand.OfficialAccountInfoChanged]: 'INFO_CHANGED',
  [CallbackCommand.OfficialAccountFull]: 'FULL',
  [CallbackCommand.OfficialAccountDestroyed]: 'DESTROYED',
};

const isString = (value: unknown): value is string => typeof value === 'string' && value !== '';

/**
 * The events a callback body reports, or undefined when the body is not a callback we understand
 * (unknown command, or fields missing or of the wrong type). Callers answer OK either way.
 */
export function eventsFromCallback(body: unknown, receivedAt: number): DomainEvent[] | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const payload = body as Partial<CallbackPayload> & Record<string, unknown>;
  const at =
    typeof payload.EventTime === 'number' && Number.isFinite(payload.EventTime)
      ? payload.EventTime
      : receivedAt;
  const source = 'webhook' as const;
  switch (payload.CallbackCommand) {
    case CallbackCommand.FollowAdd: {
      const from = payload.From_Account;
      const list = payload.FollowList;
      if (!isString(from) || !Array.isArray(list)) return undefined;
      const targets = list.map((item) => (item as { To_Account?: unknown })?.To_Account);
      if (!targets.every(isString)) return undefined;
      return targets.map((followee) => ({
        type: 'follow',
        change: 'FOLLOWED',
        follower: from,
        followee,
        at,
        source,
      }));
    }
    case CallbackCommand.FollowDelete: {
      const from = payload.From_Account;
      const targets = payload.To_Account;
      if (!isString(from) || !Array.isArray(targets) || !targets.every(isString)) return undefined;
      return targets.map((followee) => ({
        type: 'follow',
        change: 'UNFOLLOWED',
        follower: from,
        followee,
        at,
        source,
      }));
    }
    case CallbackCommand.AddSubscriber:
    case CallbackCommand.DeleteSubscriber: {
      const account = payload.Official_Account;
      const list = payload.SubscribeAccountList;
      if (!isString(account) || !Array.isArray(list)) return undefined;
      const users = list.map((item) => (item as { Subscriber_Account?: unknown })?.Subscriber_Account);
      if (!users.every(isString)) return undefined;
      const change =
        payload.CallbackCommand === CallbackCommand.AddSubscriber ? 'SUBSCRIBED' : 'UNSUBSCRIBED';
      return users.map((user) => ({
        type: 'subscription',
        change,
        officialAccount: account,
        user,
        at,
        source,
      }));
    }
    default: {
      const command = String(payload.CallbackCommand);
      const change = Object.hasOwn(ACCOUNT_CHANGES, command) ? ACCOUNT_CHANGES[command] : undefined;
      const account = payload.Official_Account;
      if (change === undefined || !isString(account)) return undefined;
      return [{ type: 'officialAccount', change, officialAccount: account, at, source }];
    }
  }
}
