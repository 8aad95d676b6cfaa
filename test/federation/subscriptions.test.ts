/**
 * Subscriptions through Hive Gateway: a client subscribes at the gateway (GraphQL over SSE), the
 * gateway subscribes at this subgraph (its default: SSE over HTTP, with the forwarded identity and the
 * gateway secret) and completes each event with fields from the accounts subgraph. The event comes
 * from a follow made directly against the emulator, reported by its webhook.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sseSubscribe } from '../support/subscriptions.js';
import { accountName } from './accountsSubgraph.js';
import { gatewayMode, type Stack, startStack } from './stack.js';

const TOKEN = 'federation-subscriptions-callback-token';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ ...gatewayMode(), callbackToken: TOKEN });
});
afterAll(async () => {
  await stack?.close();
});

const FOLLOW_EVENTS = `subscription { followEvents {
  kind
  follower { id name }
  followee { id name followers { totalCount } }
} }`;

interface Named {
  id: string;
  name: string;
}
interface FollowEventData {
  followEvents: {
    kind: string;
    follower: Named;
    followee: Named & { followers: { totalCount: number } };
  };
}

describe('subscriptions through Hive Gateway', () => {
  it("a webhook's follow reaches a subscriber at the gateway, with the accounts subgraph's names and fresh counts", async () => {
    const followee = 'user_070';
    const follower = 'user_071';
    await stack.follow.client.followDelete(follower, [followee]);
    const subscription = sseSubscribe<FollowEventData>(
      stack.gateway.url,
      FOLLOW_EVENTS,
      {},
      {
        'x-user-id': followee,
      },
    );
    try {
      // The gateway has subscribed at the subgraph once a change made through the API reaches it.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const before = await stack.gateway.gql<{ me: { followers: { totalCount: number } } }>(
        '{ me { followers { totalCount } } }',
        {},
        { 'x-user-id': followee },
      );
      await stack.follow.client.followAdd(follower, [followee]);
      const [message] = await subscription.next(1, 10_000);
      expect(message?.errors).toBeUndefined();
      expect(message?.data?.followEvents).toEqual({
        kind: 'FOLLOWED',
        follower: { id: follower, name: accountName(follower) },
        followee: {
          id: followee,
          name: accountName(followee),
          followers: { totalCount: (before.data?.me.followers.totalCount as number) + 1 },
        },
      });
    } finally {
      await subscription.stop();
      await stack.follow.client.followDelete(follower, [followee]);
    }
  });

  it('a gateway without the secret gets no events: the subgraph treats its caller as anonymous', async () => {
    const subscription = sseSubscribe(
      stack.gatewayWithoutSecret.url,
      FOLLOW_EVENTS,
      {},
      {
        'x-user-id': 'user_072',
      },
    );
    try {
      await subscription.completed;
      // Without the secret the forwarded identity is not trusted: the caller is anonymous.
      expect(subscription.messages).toHaveLength(1);
      expect(subscription.messages[0]?.data ?? null).toBeNull();
      expect(subscription.messages[0]?.errors?.map((error) => error.extensions?.code)).toEqual([
        'UNAUTHENTICATED',
      ]);
      expect(JSON.stringify(subscription.messages)).not.toContain(TOKEN);
    } finally {
      await subscription.stop();
    }
  });
});
