/**
 * Read-your-writes with the shared cache on: after a mutation returns, every later read of the counts,
 * lists and relations it changed shows it, even while other requests keep reading (and caching) the
 * same keys; and with CACHE=redis, through another replica at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { type RunningRedis, startRedis } from '../support/redis.js';
import { type Replica, startReplica } from '../support/replicas.js';
import { calls, resetStats } from '../support/upstream.js';

async function gql(url: string, query: string, viewer: string): Promise<Record<string, unknown>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-user-id': viewer },
    body: JSON.stringify({ query }),
  });
  const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data ?? {};
}

const STATE = `{ target: user(id: "alice") { followers { totalCount } viewerIsFollowing
  page: followers(first: 100) { nodes { id } } }
  me: viewer { following { totalCount } page: following(first: 100) { nodes { id } } } }`;

interface State {
  followers: number;
  viewerIsFollowing: boolean;
  inFollowerPage: boolean;
  following: number;
  inFollowingPage: boolean;
}

async function state(url: string, viewer: string): Promise<State> {
  const data = (await gql(url, STATE, viewer)) as {
    target: {
      followers: { totalCount: number };
      viewerIsFollowing: boolean;
      page: { nodes: { id: string }[] };
    };
    me: { following: { totalCount: number }; page: { nodes: { id: string }[] } };
  };
  return {
    followers: data.target.followers.totalCount,
    viewerIsFollowing: data.target.viewerIsFollowing,
    inFollowerPage: data.target.page.nodes.some((n) => n.id === viewer),
    following: data.me.following.totalCount,
    inFollowingPage: data.me.page.nodes.some((n) => n.id === 'alice'),
  };
}

const FOLLOW = 'mutation { followUsers(input: { userIds: ["alice"] }) { results { ok } } }';
const UNFOLLOW = 'mutation { unfollowUsers(input: { userIds: ["alice"] }) { results { ok } } }';

/** Readers that keep reading (and caching) the keys the writes change, so reads are in flight at each write. */
function backgroundReaders(url: string, viewer: string, count: number) {
  let running = true;
  const readers = Array.from({ length: count }, async () => {
    while (running) await state(url, viewer).catch(() => undefined);
  });
  return async () => {
    running = false;
    await Promise.all(readers);
  };
}

describe('read-your-writes with CACHE=memory', () => {
  let emulator: RunningEmulator;
  let replica: Replica;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'demo', rateLimitPerSecond: 0 });
    replica = await startReplica(emulator, { sharedReads: { cache: 'memory' } });
  });
  afterAll(async () => {
    await replica.close();
    await emulator.close();
  });

  it('every read after a follow or unfollow shows it (0 stale reads), with readers racing the writes', async () => {
    const viewer = 'user_200';
    const stop = backgroundReaders(replica.url, viewer, 6);
    let stale = 0;
    try {
      const start = await state(replica.url, viewer);
      for (let i = 0; i < 20; i++) {
        const following = i % 2 === 0 ? !start.viewerIsFollowing : start.viewerIsFollowing;
        await gql(replica.url, following ? FOLLOW : UNFOLLOW, viewer);
        const after = await state(replica.url, viewer);
        const delta = following === start.viewerIsFollowing ? 0 : following ? 1 : -1;
        const expected: State = {
          followers: start.followers + delta,
          viewerIsFollowing: following,
          inFollowerPage: following,
          following: start.following + delta,
          inFollowingPage: following,
        };
        if (JSON.stringify(after) !== JSON.stringify(expected)) stale += 1;
      }
    } finally {
      await stop();
    }
    expect(stale).toBe(0);
  });
});

describe('read-your-writes across replicas with CACHE=redis', () => {
  let redisServer: RunningRedis;
  let emulator: RunningEmulator;
  let a: Replica;
  let b: Replica;
  beforeAll(async () => {
    redisServer = await startRedis();
    emulator = await startEmulator({ port: 0, seed: 'demo', rateLimitPerSecond: 0 });
    a = await startReplica(emulator, { sharedReads: { cache: 'redis' }, redisUrl: redisServer.url });
    b = await startReplica(emulator, { sharedReads: { cache: 'redis' }, redisUrl: redisServer.url });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await emulator.close();
    await redisServer.stop();
  });

  it('a follow made through one replica is read back through the other at once', async () => {
    const viewer = 'user_201';
    const stop = backgroundReaders(b.url, viewer, 4);
    let stale = 0;
    try {
      const start = await state(b.url, viewer);
      for (let i = 0; i < 10; i++) {
        const following = i % 2 === 0 ? !start.viewerIsFollowing : start.viewerIsFollowing;
        await gql(a.url, following ? FOLLOW : UNFOLLOW, viewer);
        const after = await state(b.url, viewer);
        if (after.viewerIsFollowing !== following || after.inFollowerPage !== following) stale += 1;
      }
    } finally {
      await stop();
    }
    expect(stale).toBe(0);
  });

  it('a read served by one replica is a cache hit on the other (no upstream call)', async () => {
    const query = '{ user(id: "bob") { followers { totalCount } } }';
    await gql(a.url, query, 'user_202');
    await resetStats(emulator);
    await gql(b.url, query, 'user_202');
    expect(await calls(emulator)).toEqual({});
  });
});
