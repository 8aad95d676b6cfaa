/**
 * Two replicas sharing Redis: an event whose callback reached replica A reaches a subscriber on replica
 * B, once; a change made through A reaches B's subscriber once, not again when its callback arrives; a
 * callback Tencent delivers again, to the other replica, is dropped there too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { CallbackCommand, callbackSign } from '../../src/tencent/callbacks.js';
import { type RunningRedis, startRedis } from '../support/redis.js';
import { type Replica, startReplica } from '../support/replicas.js';
import { sseSubscribe, wsSubscribe } from '../support/subscriptions.js';

const TOKEN = 'redis-fan-out-callback-token';
const EVENTS = 'subscription { followEvents { kind follower { id } followee { id } } }';

describe('event fan-out across replicas through Redis', () => {
  let redis: RunningRedis;
  let emulator: RunningEmulator;
  let a: Replica;
  let b: Replica;
  beforeAll(async () => {
    redis = await startRedis();
    emulator = await startEmulator({ port: 0, seed: 'demo', rateLimitPerSecond: 0 });
    a = await startReplica(emulator, {
      redisUrl: redis.url,
      callbackToken: TOKEN,
      sharedReads: { cache: 'memory' },
    });
    b = await startReplica(emulator, {
      redisUrl: redis.url,
      callbackToken: TOKEN,
      sharedReads: { cache: 'memory' },
    });
    emulator.setCallback({ url: a.callbackUrl, token: TOKEN });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await emulator.close();
    await redis.stop();
  });

  it('a callback received by A reaches subscribers on B (SSE and WebSocket), once each', async () => {
    const viewer = { 'x-user-id': 'user_020' };
    const sse = sseSubscribe(b.url, EVENTS, {}, viewer);
    const ws = wsSubscribe(b.wsUrl, EVENTS, {}, viewer);
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const rest = await fetch(`${emulator.url}/__emulator/stats`);
      expect(rest.ok).toBe(true);
      // A change made elsewhere: straight against the emulator, whose callback goes to A only.
      const { createTencentClient } = await import('../../src/tencent/client.js');
      const { configForUpstream } = await import('../../src/tencent/config.js');
      const client = createTencentClient(configForUpstream(emulator, { rateLimitPerSecond: 0 }));
      await client.followDelete('user_021', ['user_020']);
      await emulator.callbacksIdle();
      const seen = sse.messages.length;
      await client.followAdd('user_021', ['user_020']);
      await client.close();
      const [event] = (await sse.next(seen + 1)).slice(seen);
      expect(event?.data).toEqual({
        followEvents: { kind: 'FOLLOWED', follower: { id: 'user_021' }, followee: { id: 'user_020' } },
      });
      await ws.next(1);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(sse.messages.length).toBe(seen + 1);
    } finally {
      await sse.stop();
      await ws.stop();
    }
  });

  it('a follow made through A reaches a subscriber on B once, though its callback comes later', async () => {
    const sse = sseSubscribe(b.url, EVENTS, {}, { 'x-user-id': 'user_030' });
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await fetch(a.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-user-id': 'user_030' },
        body: JSON.stringify({
          query: 'mutation { unfollowUsers(input: { userIds: ["user_031"] }) { results { ok } } }',
        }),
      });
      await emulator.callbacksIdle();
      await new Promise((resolve) => setTimeout(resolve, 300));
      const seen = sse.messages.length;
      await fetch(a.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-user-id': 'user_030' },
        body: JSON.stringify({
          query: 'mutation { followUsers(input: { userIds: ["user_031"] }) { results { ok } } }',
        }),
      });
      await sse.next(seen + 1);
      await emulator.callbacksIdle();
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(sse.messages.slice(seen).map((m) => m.data)).toEqual([
        { followEvents: { kind: 'FOLLOWED', follower: { id: 'user_030' }, followee: { id: 'user_031' } } },
      ]);
    } finally {
      await sse.stop();
    }
  });

  it('a callback delivered again to the other replica is dropped there too: one event', async () => {
    const sse = sseSubscribe(b.url, EVENTS, {}, { 'x-user-id': 'user_041' });
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const requestTime = Math.floor(Date.now() / 1000);
      const query = new URLSearchParams({
        SdkAppid: String(emulator.sdkAppId),
        CallbackCommand: CallbackCommand.FollowAdd,
        contenttype: 'json',
        Sign: callbackSign(TOKEN, requestTime),
        RequestTime: String(requestTime),
      });
      const body = JSON.stringify({
        CallbackCommand: CallbackCommand.FollowAdd,
        From_Account: 'user_040',
        FollowList: [{ To_Account: 'user_041' }],
        EventTime: Date.now(),
      });
      const deliver = (replica: Replica) =>
        fetch(`${replica.callbackUrl}?${query}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
      // Both answer OK, as Tencent expects; only the first delivery becomes an event.
      expect((await deliver(a)).status).toBe(200);
      expect((await deliver(b)).status).toBe(200);
      await sse.next(1);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(sse.messages.map((m) => m.data)).toEqual([
        { followEvents: { kind: 'FOLLOWED', follower: { id: 'user_040' }, followee: { id: 'user_041' } } },
      ]);
    } finally {
      await sse.stop();
    }
  });
});
