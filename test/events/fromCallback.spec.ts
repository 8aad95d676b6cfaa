/**
 * Tencent callback bodies -> domain events (src/events/fromCallback.ts): every command the intake
 * understands, the asymmetric follow payloads, EventTime carried as `at`, and everything else refused
 * (undefined), including prototype names as commands and fields of the wrong type.
 */
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/events/events.js';
import { eventsFromCallback } from '../../src/events/fromCallback.js';
import { CallbackCommand } from '../../src/tencent/callbacks.js';

const EVENT_TIME = 1702018343678;
const RECEIVED_AT = 1_800_000_000_000;

describe('follow callbacks', () => {
  it('AfterFollowAdd: one FOLLOWED event per FollowList item, EventTime as `at`, source webhook', () => {
    const events = eventsFromCallback(
      {
        CallbackCommand: 'Follow.CallbackAfterFollowAdd',
        From_Account: 'UserID_001',
        FollowList: [{ To_Account: 'UserID_002' }, { To_Account: 'UserID_003' }],
        EventTime: EVENT_TIME,
      },
      RECEIVED_AT,
    );
    expect(events).toEqual<DomainEvent[]>([
      {
        type: 'follow',
        change: 'FOLLOWED',
        follower: 'UserID_001',
        followee: 'UserID_002',
        at: EVENT_TIME,
        source: 'webhook',
      },
      {
        type: 'follow',
        change: 'FOLLOWED',
        follower: 'UserID_001',
        followee: 'UserID_003',
        at: EVENT_TIME,
        source: 'webhook',
      },
    ]);
  });

  it('AfterFollowDelete: one UNFOLLOWED event per To_Account string (the flat list)', () => {
    const events = eventsFromCallback(
      {
        CallbackCommand: CallbackCommand.FollowDelete,
        From_Account: 'UserID_001',
        To_Account: ['UserID_002', 'UserID_003'],
        EventTime: EVENT_TIME,
      },
      RECEIVED_AT,
    );
    expect(events).toEqual<DomainEvent[]>([
      {
        type: 'follow',
        change: 'UNFOLLOWED',
        follower: 'UserID_001',
        followee: 'UserID_002',
        at: EVENT_TIME,
        source: 'webhook',
      },
      {
        type: 'follow',
        change: 'UNFOLLOWED',
        follower: 'UserID_001',
        followee: 'UserID_003',
        at: EVENT_TIME,
        source: 'webhook',
      },
    ]);
  });

  it('the payloads are not interchangeable: the add shape on delete and the delete shape on add are refused', () => {
    expect(
      eventsFromCallback(
        {
          CallbackCommand: CallbackCommand.FollowDelete,
          From_Account: 'a',
          To_Account: [{ To_Account: 'b' }],
          EventTime: EVENT_TIME,
        },
        RECEIVED_AT,
      ),
    ).toBeUndefined();
    expect(
      eventsFromCallback(
        {
          CallbackCommand: CallbackCommand.FollowDelete,
          From_Account: 'a',
          FollowList: [{ To_Account: 'b' }],
          EventTime: EVENT_TIME,
        },
        RECEIVED_AT,
      ),
    ).toBeUndefined();
    expect(
      eventsFromCallback(
        {
          CallbackCommand: CallbackCommand.FollowAdd,
          From_Account: 'a',
          To_Account: ['b'],
          EventTime: EVENT_TIME,
        },
        RECEIVED_AT,
      ),
    ).toBeUndefined();
    expect(
      eventsFromCallback(
        {
          CallbackCommand: CallbackCommand.FollowAdd,
          From_Account: 'a',
          FollowList: ['b'],
          EventTime: EVENT_TIME,
        },
        RECEIVED_AT,
      ),
    ).toBeUndefined();
  });

  it('an empty list is understood and reports nothing', () => {
    expect(
      eventsFromCallback(
        { CallbackCommand: CallbackCommand.FollowAdd, From_Account: 'a', FollowList: [], EventTime: 1 },
        RECEIVED_AT,
      ),
    ).toEqual([]);
    expect(
      eventsFromCallback(
        { CallbackCommand: CallbackCommand.FollowDelete, From_Account: 'a', To_Account: [], EventTime: 1 },
        RECEIVED_AT,
      ),
    ).toEqual([]);
  });
});

describe('official-account callbacks', () => {
  it('AfterAddSubscriber and AfterDeleteSubscriber: one event per listed subscriber', () => {
    const body = (command: string) => ({
      CallbackCommand: command,
      Official_Account: '@TOA#_news',
      Operator_Account: 'administrator',
      SubscribeAccountList: [{ Subscriber_Account: 'u1' }, { Subscriber_Account: 'u2' }],
      EventTime: EVENT_TIME,
    });
    const expected = (change: 'SUBSCRIBED' | 'UNSUBSCRIBED'): DomainEvent[] =>
      ['u1', 'u2'].map((user) => ({
        type: 'subscription',
        change,
        officialAccount: '@TOA#_news',
        user,
        at: EVENT_TIME,
        source: 'webhook',
      }));
    expect(eventsFromCallback(body(CallbackCommand.AddSubscriber), RECEIVED_AT)).toEqual(
      expected('SUBSCRIBED'),
    );
    expect(eventsFromCallback(body(CallbackCommand.DeleteSubscriber), RECEIVED_AT)).toEqual(
      expected('UNSUBSCRIBED'),
    );
  });

  it('Operator_Account is optional on subscriber callbacks', () => {
    expect(
      eventsFromCallback(
        {
          CallbackCommand: CallbackCommand.AddSubscriber,
          Official_Account: '@TOA#_news',
          SubscribeAccountList: [{ Subscriber_Account: 'u1' }],
          EventTime: EVENT_TIME,
        },
        RECEIVED_AT,
      ),
    ).toHaveLength(1);
  });

  it.each([
    [CallbackCommand.OfficialAccountFull, 'FULL', { Official_Account: '@TOA#_x' }],
    [
      CallbackCommand.OfficialAccountInfoChanged,
      'INFO_CHANGED',
      { Official_Account: '@TOA#_x', Operator_Account: 'administrator' },
    ],
    [
      CallbackCommand.OfficialAccountDestroyed,
      'DESTROYED',
      { Official_Account: '@TOA#_x', Owner_Account: 'owner', Name: 'News' },
    ],
    [
      CallbackCommand.OfficialAccountCreated,
      'CREATED',
      {
        Official_Account: '@TOA#_x',
        Operator_Account: 'administrator',
        Owner_Account: 'owner',
        Name: 'News',
      },
    ],
  ] as const)('%s -> one %s event', (command, change, fields) => {
    expect(
      eventsFromCallback({ CallbackCommand: command, ...fields, EventTime: EVENT_TIME }, RECEIVED_AT),
    ).toEqual<DomainEvent[]>([
      { type: 'officialAccount', change, officialAccount: '@TOA#_x', at: EVENT_TIME, source: 'webhook' },
    ]);
  });
});

describe('EventTime', () => {
  it('falls back to the time of receipt when missing or not a number', () => {
    for (const EventTime of [undefined, '1702018343678', null, {}]) {
      const [event] = eventsFromCallback(
        { CallbackCommand: CallbackCommand.OfficialAccountFull, Official_Account: '@TOA#_x', EventTime },
        RECEIVED_AT,
      ) as DomainEvent[];
      expect(event?.at).toBe(RECEIVED_AT);
    }
  });
});

describe('malformed or unknown bodies -> undefined', () => {
  const followAdd = {
    CallbackCommand: CallbackCommand.FollowAdd,
    From_Account: 'a',
    FollowList: [{ To_Account: 'b' }],
    EventTime: EVENT_TIME,
  };
  const subscriber = {
    CallbackCommand: CallbackCommand.AddSubscriber,
    Official_Account: '@TOA#_x',
    SubscribeAccountList: [{ Subscriber_Account: 'u' }],
    EventTime: EVENT_TIME,
  };

  it('well-formed bodies of the fixtures are understood (so the refusals below are about the change)', () => {
    expect(eventsFromCallback(followAdd, RECEIVED_AT)).toHaveLength(1);
    expect(eventsFromCallback(subscriber, RECEIVED_AT)).toHaveLength(1);
  });

  it.each([
    ['null', null],
    ['a string', 'Follow.CallbackAfterFollowAdd'],
    ['a number', 42],
    ['an array', [followAdd]],
    ['no CallbackCommand', { ...followAdd, CallbackCommand: undefined }],
    ['an unknown command', { ...followAdd, CallbackCommand: 'Follow.CallbackBeforeFollowAdd' }],
    ['a command of another service', { ...followAdd, CallbackCommand: 'C2C.CallbackAfterSendMsg' }],
    ['CallbackCommand "constructor"', { CallbackCommand: 'constructor', Official_Account: '@TOA#_x' }],
    ['CallbackCommand "__proto__"', { CallbackCommand: '__proto__', Official_Account: '@TOA#_x' }],
    ['CallbackCommand "toString"', { CallbackCommand: 'toString', Official_Account: '@TOA#_x' }],
    ['CallbackCommand "hasOwnProperty"', { CallbackCommand: 'hasOwnProperty', Official_Account: '@TOA#_x' }],
    ['CallbackCommand not a string', { ...followAdd, CallbackCommand: 1 }],
    ['From_Account missing', { ...followAdd, From_Account: undefined }],
    ['From_Account empty', { ...followAdd, From_Account: '' }],
    ['From_Account a number', { ...followAdd, From_Account: 1 }],
    ['FollowList not an array', { ...followAdd, FollowList: { To_Account: 'b' } }],
    ['FollowList item without To_Account', { ...followAdd, FollowList: [{ To_Account: 'b' }, {}] }],
    ['FollowList item null', { ...followAdd, FollowList: [null] }],
    ['To_Account (in FollowList) a number', { ...followAdd, FollowList: [{ To_Account: 7 }] }],
    [
      'delete: To_Account not an array',
      { CallbackCommand: CallbackCommand.FollowDelete, From_Account: 'a', To_Account: 'b' },
    ],
    [
      'delete: a non-string in To_Account',
      { CallbackCommand: CallbackCommand.FollowDelete, From_Account: 'a', To_Account: ['b', 3] },
    ],
    [
      'delete: an empty id in To_Account',
      { CallbackCommand: CallbackCommand.FollowDelete, From_Account: 'a', To_Account: ['b', ''] },
    ],
    ['subscriber: Official_Account missing', { ...subscriber, Official_Account: undefined }],
    ['subscriber: Official_Account a number', { ...subscriber, Official_Account: 5 }],
    ['subscriber: list missing', { ...subscriber, SubscribeAccountList: undefined }],
    ['subscriber: list of strings', { ...subscriber, SubscribeAccountList: ['u'] }],
    [
      'subscriber: a Subscriber_Account not a string',
      { ...subscriber, SubscribeAccountList: [{ Subscriber_Account: 'u' }, { Subscriber_Account: false }] },
    ],
    [
      'account: Official_Account missing',
      { CallbackCommand: CallbackCommand.OfficialAccountDestroyed, Name: 'x' },
    ],
    [
      'account: Official_Account not a string',
      { CallbackCommand: CallbackCommand.OfficialAccountFull, Official_Account: ['@TOA#_x'] },
    ],
    [
      'account: Official_Account empty',
      { CallbackCommand: CallbackCommand.OfficialAccountInfoChanged, Official_Account: '' },
    ],
  ])('%s', (_name, body) => {
    expect(eventsFromCallback(body, RECEIVED_AT)).toBeUndefined();
  });
});
