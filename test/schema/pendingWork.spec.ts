/**
 * PendingWork (src/schema/pendingWork.ts): `idle()` resolves only once every tracked resolver promise
 * has settled and none started in the meantime, the way GraphQL execution starts child resolvers
 * right after their parent's promise.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { PendingWork } from '../../src/schema/pendingWork.js';
import { FakeChatApi } from '../support/fakeChatApi.js';
import { run } from '../support/schemaHarness.js';

describe('PendingWork', () => {
  it('idle() waits for tracked work, including work started when earlier work settled', async () => {
    const work = new PendingWork();
    const order: string[] = [];
    const parent = work.track(sleep(10).then(() => 'parent'));
    // A child starts in a microtask after its parent, as GraphQL execution starts child resolvers.
    void parent.then(() => work.track(sleep(15)).then(() => order.push('child')));
    await work.idle().then(() => order.push('idle'));
    expect(order).toEqual(['child', 'idle']);
  });

  it('with nothing pending, idle() resolves at once; a rejected promise counts as settled', async () => {
    const work = new PendingWork();
    await work.idle();
    const failed = work.track(Promise.reject(new Error('x')));
    await expect(failed).rejects.toThrow('x');
    await work.idle();
  });
});

describe('rateLimit { actualCalls } waits for the rest of the operation', () => {
  it('counts the calls of fields that resolve after it started', async () => {
    const fake = new FakeChatApi();
    fake.graph.addUsers('alice', 'bob', 'carol');
    fake.graph.follow('bob', 'alice').follow('carol', 'alice');
    // Upstream is slow: rateLimit resolves long before the followers page and its counts.
    fake.on('follow/follow_get', async (_body, { fallback }) => {
      await sleep(30);
      return fallback();
    });
    const res = await run(
      fake,
      `{ rateLimit { actualCalls estimatedCalls } user(id: "alice") { followers { nodes { followers { totalCount } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    // The followers page proves alice exists (no portrait_get of its own).
    expect(res.calls).toEqual({ 'follow/follow_get': 1, 'follow/follow_get_info': 1 });
    expect(res.data).toMatchObject({ rateLimit: { actualCalls: 2 } });
  });
});
