/** `unsubscribeFromOfficialAccount`: delete_subscriber for the viewer (or, for admins, any users). */
import { defineSubscriptionWriteMutation } from './subscriptionWrite.js';

defineSubscriptionWriteMutation({
  field: 'unsubscribeFromOfficialAccount',
  typePrefix: 'Unsubscribe',
  verb: 'unsubscribe',
  gerund: 'unsubscribing',
  participle: 'unsubscribed',
  preposition: 'from',
  upstream: 'delete_subscriber',
  succeeded: {
    status: 'UNSUBSCRIBED',
    description: 'The user was subscribed and is not any more (delete_subscriber Result 1).',
  },
  unchanged: {
    status: 'NOT_SUBSCRIBED',
    description: 'The user was not subscribed; nothing changed (Result 2). Counts as ok.',
  },
  failedMessage: 'Tencent Cloud Chat did not unsubscribe this user (delete_subscriber Result 0).',
  send: (api, accountId, userIds) => api.deleteSubscriber(accountId, userIds),
});
