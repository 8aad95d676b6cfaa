/** `subscribeToOfficialAccount`: add_subscriber for the viewer (or, for admins, any users). */
import { defineSubscriptionWriteMutation } from './subscriptionWrite.js';

defineSubscriptionWriteMutation({
  field: 'subscribeToOfficialAccount',
  typePrefix: 'Subscribe',
  verb: 'subscribe',
  gerund: 'subscribing',
  participle: 'subscribed',
  preposition: 'to',
  upstream: 'add_subscriber',
  succeeded: { status: 'SUBSCRIBED', description: 'The user is subscribed now (add_subscriber Result 1).' },
  unchanged: {
    status: 'ALREADY_SUBSCRIBED',
    description: 'The user was subscribed already; nothing changed (Result 2). Counts as ok.',
  },
  accountFull: {
    status: 'SUBSCRIBER_LIMIT_REACHED',
    description:
      'The official account has its maximum number of subscribers (MaxSubscriberNum; Tencent 130006 ' +
      'when the account was full before the call).',
    message: 'The official account has reached its maximum number of subscribers.',
  },
  failedMessage: 'Tencent Cloud Chat did not subscribe this user (add_subscriber Result 0).',
  send: (api, accountId, userIds) => api.addSubscriber(accountId, userIds),
});
