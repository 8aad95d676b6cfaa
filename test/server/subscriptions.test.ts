/**
 * Subscriptions over real HTTP (GraphQL over SSE) and WebSocket (graphql-ws) against the real emulator,
 * whose callbacks reach the server: a change made directly against the emulator (as a client SDK would)
 * arrives once on each transport, in order; changes made through the API arrive once (the callback
 * that confirms them is not a second event); counts are coalesced; auth, limits, disconnects, forged
 * callbacks and shutdown behave.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/emulator/index.js';
import { FollowListType } from '../../src/tencent/wire.js';
import { serverConfig } from '../support/config.js';
import { type Harness, startHarness } from '../support/harness.js';
import { sseSubscribe, wsSubscribe } from '../support/subscriptions.js';

const TOKEN = 'subscription-test-callback-token';

const FOLLOW_EVENTS = `subscription($userId: ID) { followEvents(userId: $userId) {
  kind at follower { id following { totalCount } } followee { id followers { totalCount } } } }`;
const COUNTS =
  'subscription($userId: ID!) { followCounts(userId: $userId) { userId followers following mutuals } }';
const ACCOUNT_EVENTS = `subscription($id: ID!) { officialAccountEvents(officialAccountId: $id) {
  kind officialAccountId user { id } officialAccount { subscriberCount } } }`;

interface FollowEventData {
  followEvents: {
    kind: 'FOLLOWED' | 'UNFOLLOWED';
    at: string;
    follower: { id: string; following: { totalCount: number } };
    followee: { id: string; followers: { totalCount: number } };
  };
}

let h: Harness;
beforeAll(async () => {
  const base = serverConfig({});
  h = await startHarness({
    sharedReads: { cache: 'memory' },
    callbackToken: TOKEN,
    server: { subscriptions: { ...base.subscriptions, countsIntervalMs: 300, perViewer: 5 } },
  });
});
afterAll(() => h.close());

const as = (viewer: string, roles?: string) => ({
  'x-user-id': viewer,
  ...(roles && { 'x-user-roles': roles }),
});
const stats = async () =>
  ((await (await fetch(`${h.emulator.url}/__emulator/stats`)).json()) as { callbacks: { sent: number } })
    .callbacks;

describe('followEvents', () => {
  it('a follow made directly against the emulator reaches an SSE and a WebSocket subscriber once each, in order, with fresh counts', async () => {
    const followee = 'user_050';
    const sse = sseSubscribe<FollowEventData>(h.url, FOLLOW_EVENTS, {}, as(followee));
    const ws = wsSubscribe<FollowEventData>(h.wsUrl, FOLLOW_EVENTS, {}, as(followee));
    try {
      // Both are listening once a change made through the API reaches them.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const before = (
        await h.gql<{ user: { followers: { totalCount: number } } }>(
          `{ user(id: "${followee}") { followers { totalCount } } }`,
        )
      ).data?.user.followers.totalCount as number;
      const started = Date.now();
      await h.client.followAdd('user_051', [followee]);
      await h.client.followDelete('user_051', [followee]);
      const [sseFollow, sseUnfollow] = await sse.next(2);
      const [wsFollow, wsUnfollow] = await ws.next(2);
      const latency = Date.now() - started;
      for (const [follow, unfollow] of [
        [sseFollow, sseUnfollow],
        [wsFollow, wsUnfollow],
      ]) {
        expect(follow?.data?.followEvents).toMatchObject({
          kind: 'FOLLOWED',
          follower: { id: 'user_051' },
          followee: { id: followee },
        });
        expect(unfollow?.data?.followEvents).toMatchObject({
          kind: 'UNFOLLOWED',
          follower: { id: 'user_051' },
        });
      }
      // Counts are read after each event, not from what the subscription began with.
      expect(sseFollow?.data?.followEvents.followee.followers.totalCount).toBeGreaterThanOrEqual(before);
      expect(sseUnfollow?.data?.followEvents.followee.followers.totalCount).toBe(before);
      // Loose on a loaded machine; the measured figure is reported in docs/subscriptions.md.
      expect(latency).toBeLessThan(5000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(sse.messages).toHaveLength(2);
      expect(ws.messages).toHaveLength(2);
    } finally {
      await sse.stop();
      await ws.stop();
    }
  });

  it('30 follows made directly against the emulator arrive on both transports one by one, in order (latency printed)', async () => {
    const followee = 'user_052';
    const followers = Array.from({ length: 30 }, (_, i) => `user_${String(110 + i).padStart(3, '0')}`);
    for (const follower of followers) await h.client.followDelete(follower, [followee]);
    await h.emulator.callbacksIdle();
    const sse = sseSubscribe<FollowEventData>(h.url, FOLLOW_EVENTS, {}, as(followee));
    const ws = wsSubscribe<FollowEventData>(h.wsUrl, FOLLOW_EVENTS, {}, as(followee));
    const latencies: number[] = [];
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (const [i, follower] of followers.entries()) {
        const started = performance.now();
        await h.client.followAdd(follower, [followee]);
        await Promise.all(
          [sse, ws].map(async (subscription) => {
            await subscription.next(i + 1);
            latencies.push(performance.now() - started);
          }),
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (const subscription of [sse, ws]) {
        expect(subscription.messages.map((message) => message.data?.followEvents.follower.id)).toEqual(
          followers,
        );
      }
      latencies.sort((a, b) => a - b);
      const at = (q: number) =>
        Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] as number);
      console.log(
        `follow -> subscriber (SSE and WebSocket, ${latencies.length} deliveries): p50 ${at(0.5)} ms, p99 ${at(0.99)} ms`,
      );
      // The target is 500 ms on loopback; the bound is looser for a loaded CI machine.
      expect(at(0.99)).toBeLessThan(2000);
    } finally {
      await sse.stop();
      await ws.stop();
      for (const follower of followers) await h.client.followDelete(follower, [followee]);
    }
  });

  it('a follow made through the API arrives once, not again when its callback confirms it', async () => {
    const sse = sseSubscribe<FollowEventData>(h.url, FOLLOW_EVENTS, {}, as('user_060'));
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const sentBefore = (await stats()).sent;
      await h.gql(
        'mutation { followUsers(input: { userIds: ["user_061"] }) { results { ok } } }',
        undefined,
        as('user_060'),
      );
      await sse.next(1);
      await h.emulator.callbacksIdle();
      expect((await stats()).sent).toBeGreaterThan(sentBefore);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(sse.messages).toHaveLength(1);
      expect(sse.messages[0]?.data?.followEvents).toMatchObject({
        kind: 'FOLLOWED',
        followee: { id: 'user_061' },
      });
    } finally {
      await sse.stop();
    }
  });

  it("anonymous callers must sign in; another user's events need the admin role", async () => {
    const anonymous = sseSubscribe(h.url, FOLLOW_EVENTS);
    const [refused] = await anonymous.next(1);
    expect(refused?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await anonymous.stop();
    const other = sseSubscribe(h.url, FOLLOW_EVENTS, { userId: 'alice' }, as('bob'));
    const [forbidden] = await other.next(1);
    expect(forbidden?.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await other.stop();
    // user_070 may follow alice in the demo graph: start from "not following".
    await h.client.followDelete('user_070', ['alice']);
    await h.emulator.callbacksIdle();
    const admin = sseSubscribe<FollowEventData>(
      h.url,
      FOLLOW_EVENTS,
      { userId: 'alice' },
      as('bob', 'admin'),
    );
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await h.client.followAdd('user_070', ['alice']);
      const [event] = await admin.next(1);
      expect(event?.data?.followEvents.followee.id).toBe('alice');
    } finally {
      await admin.stop();
      await h.client.followDelete('user_070', ['alice']);
    }
  });

  it('a forged or unsigned callback produces no event', async () => {
    const sse = sseSubscribe<FollowEventData>(h.url, FOLLOW_EVENTS, {}, as('user_080'));
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const body = JSON.stringify({
        CallbackCommand: 'Follow.CallbackAfterFollowAdd',
        From_Account: 'user_081',
        FollowList: [{ To_Account: 'user_080' }],
        EventTime: Date.now(),
      });
      const base = `${h.url.replace('/graphql', '/tencent/callback')}?SdkAppid=${h.emulator.sdkAppId}&CallbackCommand=Follow.CallbackAfterFollowAdd&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI`;
      const now = Math.floor(Date.now() / 1000);
      for (const url of [base, `${base}&RequestTime=${now}&Sign=${'0'.repeat(64)}`]) {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        expect(res.status).toBe(401);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(sse.messages).toEqual([]);
    } finally {
      await sse.stop();
    }
  });
});

describe('followCounts', () => {
  it('sends the counts at once, then after a burst of changes once per interval, with the final counts', async () => {
    const user = 'user_090';
    const sse = sseSubscribe<{ followCounts: { followers: number } }>(h.url, COUNTS, { userId: user });
    try {
      const [first] = await sse.next(1);
      const start = first?.data?.followCounts.followers as number;
      await h.client.followAdd('user_091', [user]);
      await h.client.followAdd('user_092', [user]);
      await h.client.followAdd('user_093', [user]);
      const messages = await sse.next(2);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      // Three changes in a burst: one or two messages, the last with all three.
      expect(sse.messages.length).toBeLessThanOrEqual(3);
      expect(sse.messages.at(-1)?.data?.followCounts.followers).toBe(start + 3);
      expect(messages[1]?.data?.followCounts.followers).toBeGreaterThan(start);
    } finally {
      await sse.stop();
      await h.client.followDelete('user_091', [user]);
      await h.client.followDelete('user_092', [user]);
      await h.client.followDelete('user_093', [user]);
    }
  });

  it("runs as a browser's EventSource sends it (GET, no CSRF header); a JSON GET without the header stays refused", async () => {
    const url = new URL(h.url);
    url.searchParams.set('query', COUNTS);
    url.searchParams.set('variables', JSON.stringify({ userId: 'user_101' }));
    const abort = new AbortController();
    const response = await fetch(url, {
      headers: { accept: 'text/event-stream', 'cache-control': 'no-cache' },
      signal: abort.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    while (!text.includes('"followCounts"')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    abort.abort();
    expect(text).toMatch(/data: \{"data":\{"followCounts":\{"userId":"user_101","followers":\d+/);

    const json = await fetch(url, { headers: { accept: 'application/json' } });
    expect(json.status).toBe(403);
  });

  it('sends nothing when a change leaves the counts as they were', async () => {
    const sse = sseSubscribe<{ followCounts: { followers: number } }>(h.url, COUNTS, { userId: 'user_100' });
    try {
      await sse.next(1);
      // Following someone the user already follows changes nothing: no callback, no message.
      const following = (await h.client.followList('user_100', FollowListType.Follows)) ?? [];
      if (following[0]) await h.client.followAdd('user_100', [following[0].To_Account]);
      await new Promise((resolve) => setTimeout(resolve, 800));
      expect(sse.messages).toHaveLength(1);
    } finally {
      await sse.stop();
    }
  });
});

describe('officialAccountEvents', () => {
  it('an admin sees subscribers added and removed and info changes, in order', async () => {
    const id = DEMO.officialAccounts.news.id;
    type Data = {
      officialAccountEvents: {
        kind: string;
        user: { id: string } | null;
        officialAccount: { subscriberCount: number };
      };
    };
    const sse = sseSubscribe<Data>(h.url, ACCOUNT_EVENTS, { id }, as('ops', 'admin'));
    try {
      await h.client.deleteSubscriber(id, ['user_200']);
      await h.emulator.callbacksIdle();
      await new Promise((resolve) => setTimeout(resolve, 300));
      const seen = sse.messages.length;
      await h.client.addSubscriber(id, ['user_200']);
      await h.client.deleteSubscriber(id, ['user_200']);
      await h.client.modifyOfficialAccount({
        Official_Account: id,
        Introduction: `Changed at ${Date.now()}`,
      });
      const events = (await sse.next(seen + 3)).slice(seen);
      expect(events.map((e) => e.data?.officialAccountEvents.kind)).toEqual([
        'SUBSCRIBER_ADDED',
        'SUBSCRIBER_REMOVED',
        'INFO_CHANGED',
      ]);
      expect(events[0]?.data?.officialAccountEvents.user?.id).toBe('user_200');
    } finally {
      await sse.stop();
    }
  });

  it('needs the admin role', async () => {
    const sse = sseSubscribe(h.url, ACCOUNT_EVENTS, { id: DEMO.officialAccounts.news.id }, as('alice'));
    const [refused] = await sse.next(1);
    expect(refused?.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('limits and resources', () => {
  it('a viewer runs at most SUBSCRIPTIONS_PER_VIEWER at once over SSE and WebSocket together; ending one frees its slot', async () => {
    const viewer = as('user_250');
    const held = [
      ...Array.from({ length: 3 }, () => sseSubscribe(h.url, FOLLOW_EVENTS, {}, viewer)),
      ...Array.from({ length: 2 }, () => wsSubscribe(h.wsUrl, FOLLOW_EVENTS, {}, viewer)),
    ];
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const sixth = sseSubscribe(h.url, FOLLOW_EVENTS, {}, viewer);
      const [refused] = await sixth.next(1).catch((error) => {
        throw new Error(
          `${error}; streams ${h.dataPlane.streams.size}; held ${JSON.stringify(held.map((x) => x.messages))}`,
        );
      });
      expect(refused?.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      await held[0]?.stop();
      await new Promise((resolve) => setTimeout(resolve, 300));
      const again = sseSubscribe<FollowEventData>(h.url, FOLLOW_EVENTS, {}, viewer);
      await h.client.followDelete('user_251', ['user_250']);
      await h.emulator.callbacksIdle();
      await new Promise((resolve) => setTimeout(resolve, 300));
      await h.client.followAdd('user_251', ['user_250']);
      const [event] = await again.next(1);
      expect(event?.data?.followEvents.follower.id).toBe('user_251');
      await again.stop();
    } finally {
      for (const s of held) await s.stop();
    }
  });

  it('subscribers that disconnect leave no stream behind', async () => {
    const streams = () => h.dataPlane.streams.size;
    const settle = Date.now() + 3000;
    while (streams() > 0 && Date.now() < settle) await new Promise((r) => setTimeout(r, 50));
    const before = streams();
    const subs = Array.from({ length: 20 }, (_, i) =>
      sseSubscribe(h.url, FOLLOW_EVENTS, {}, as(`user_${400 + i}`)),
    );
    const deadline = Date.now() + 5000;
    while (streams() < before + 20 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(streams()).toBe(before + 20);
    for (const s of subs) await s.stop();
    while (streams() > before && Date.now() < deadline + 5000) await new Promise((r) => setTimeout(r, 50));
    expect(streams()).toBe(before);
  });

  it('a subscription whose estimate per event is over the budget is refused before it starts', async () => {
    const strict = await startHarness({
      server: { ...serverConfig({}), limits: { ...serverConfig({}).limits, maxUpstreamCalls: 2 } },
    });
    try {
      const query = `subscription { followEvents(userId: "alice") { follower { followers(first: 100) {
        nodes { followers { totalCount } profile { nickname } } } } } }`;
      const res = await fetch(strict.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...as('ops', 'admin') },
        body: JSON.stringify({ query }),
      });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('QUERY_TOO_COMPLEX');
    } finally {
      await strict.close();
    }
  });
});

describe('shutdown', () => {
  it('completes every running subscription cleanly, on both transports', async () => {
    const other = await startHarness({});
    const sse = sseSubscribe(other.url, FOLLOW_EVENTS, {}, as('alice'));
    const ws = wsSubscribe(other.wsUrl, FOLLOW_EVENTS, {}, as('alice'));
    await new Promise((resolve) => setTimeout(resolve, 500));
    await other.close();
    await Promise.all([sse.completed, ws.completed]);
    expect(sse.messages.filter((m) => m.errors)).toEqual([]);
  });
});
