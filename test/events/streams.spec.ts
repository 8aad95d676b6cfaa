/**
 * Delivery to subscription streams: each change once to the streams open when it happens; a stream
 * opened after our own change but before its callback gets the change from the callback.
 */
import { describe, expect, it } from 'vitest';
import type { FollowEvent } from '../../src/events/events.js';
import { EventStreams } from '../../src/events/streams.js';

const follow = (source: FollowEvent['source'], at: number): FollowEvent => ({
  type: 'follow',
  change: 'FOLLOWED',
  follower: 'alice',
  followee: 'bob',
  at,
  source,
});

describe('EventStreams', () => {
  it('a stream open during our change and its callback receives the change once', async () => {
    const streams = new EventStreams();
    const stream = streams.open(() => true);
    streams.deliver([follow('api', 1000)]);
    streams.deliver([follow('webhook', 1500)]);
    expect((await stream.next()).value).toMatchObject({ source: 'api' });
    expect(stream.drain()).toBe(0);
  });

  it('a stream opened after our change but before its callback receives the callback', () => {
    const streams = new EventStreams();
    streams.deliver([follow('api', 1000)]);
    const stream = streams.open(() => true);
    streams.deliver([follow('webhook', 1500)]);
    // The one event it holds is the callback's (drain says how many were waiting).
    expect(stream.drain()).toBe(1);
  });
});
