/**
 * Cross-request batching (src/sharedReads/batcher.ts): loads within the window share one fetch up to
 * maxBatch, a full batch goes at once, a load of a queued key joins it (raising its generation), a key in
 * flight is not asked twice unless the load needs a newer generation, answers are reported with their
 * key's scope and generation, errors reach only the keys they belong to, and every waiting request's
 * observer is told of the call made for it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Batcher, type BatcherOptions, type BatchItem } from '../../src/sharedReads/batcher.js';
import type { UpstreamCallEvent, UpstreamObserver } from '../../src/tencent/api.js';

/** A key cached in a scope of its own (named differently, so that the two cannot be mixed up unseen). */
const ref = (key: string) => ({ key, scope: `scope-of-${key}` });

afterEach(() => {
  vi.useRealTimers();
});

/** A promise that the test resolves. */
function gate<T = void>() {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** The state of a promise, readable synchronously. */
function track<T>(promise: Promise<T>) {
  const state: { status: 'pending' | 'fulfilled' | 'rejected'; value?: T; reason?: unknown } = {
    status: 'pending',
  };
  promise.then(
    (value) => {
      state.status = 'fulfilled';
      state.value = value;
    },
    (reason) => {
      state.status = 'rejected';
      state.reason = reason;
    },
  );
  return state;
}

/** Lets pending promise callbacks and immediates run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

interface Fetch {
  keys: string[];
  observer: UpstreamObserver | undefined;
}

/**
 * A batcher whose fetch records its batches and answers `value-<key>#<n>` (n = the fetch number),
 * or waits for `hold` when set.
 */
function makeBatcher(options: Partial<BatcherOptions<string, string>> & { hold?: Promise<void> } = {}): {
  batcher: Batcher<string, string>;
  fetches: Fetch[];
  batches: number[];
} {
  const fetches: Fetch[] = [];
  const batches: number[] = [];
  const batcher = new Batcher<string, string>({
    maxBatch: 10,
    windowMs: 5,
    async fetch(batch: readonly BatchItem<string>[], observer) {
      fetches.push({ keys: batch.map((b) => b.key), observer });
      const n = fetches.length;
      if (options.hold) await options.hold;
      return new Map(batch.map((b) => [b.key, `value-${b.item}#${n}`]));
    },
    onBatch: (size) => batches.push(size),
    ...options,
  });
  return { batcher, fetches, batches };
}

describe('window', () => {
  it('loads within the window share one fetch; the fetch waits for the window', async () => {
    vi.useFakeTimers();
    const { batcher, fetches } = makeBatcher({ windowMs: 50 });
    const a = batcher.load(ref('a'), 'a', 0);
    const b = batcher.load(ref('b'), 'b', 0);
    await vi.advanceTimersByTimeAsync(49);
    expect(fetches).toHaveLength(0);
    const c = batcher.load(ref('c'), 'c', 0);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetches.map((f) => f.keys)).toEqual([['a', 'b', 'c']]);
    await expect(Promise.all([a, b, c])).resolves.toEqual(['value-a#1', 'value-b#1', 'value-c#1']);
  });

  it('loads after the flush go in the next batch', async () => {
    vi.useFakeTimers();
    const { batcher, fetches } = makeBatcher({ windowMs: 10 });
    const a = batcher.load(ref('a'), 'a', 0);
    await vi.advanceTimersByTimeAsync(10);
    const b = batcher.load(ref('b'), 'b', 0);
    await vi.advanceTimersByTimeAsync(10);
    expect(fetches.map((f) => f.keys)).toEqual([['a'], ['b']]);
    await expect(Promise.all([a, b])).resolves.toEqual(['value-a#1', 'value-b#2']);
  });

  it('windowMs 0 waits for the rest of the tick only', async () => {
    const { batcher, fetches } = makeBatcher({ windowMs: 0 });
    const loads = ['a', 'b', 'c'].map((k) => batcher.load(ref(k), k, 0));
    expect(fetches).toHaveLength(0);
    await Promise.all(loads);
    expect(fetches.map((f) => f.keys)).toEqual([['a', 'b', 'c']]);
  });

  it('a full batch is sent at once, without waiting for the window; the rest waits', async () => {
    vi.useFakeTimers();
    const { batcher, fetches, batches } = makeBatcher({ maxBatch: 3, windowMs: 10_000 });
    const loads = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((k) => batcher.load(ref(k), k, 0));
    // Two full batches went during the loads themselves.
    expect(fetches.map((f) => f.keys)).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
    ]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fetches.map((f) => f.keys)).toEqual([['a', 'b', 'c'], ['d', 'e', 'f'], ['g']]);
    expect(batches).toEqual([3, 3, 1]);
    const values = await Promise.all(loads);
    expect(values).toEqual([
      'value-a#1',
      'value-b#1',
      'value-c#1',
      'value-d#2',
      'value-e#2',
      'value-f#2',
      'value-g#3',
    ]);
  });

  it('never sends more than maxBatch keys in one fetch', async () => {
    const { batcher, fetches } = makeBatcher({ maxBatch: 20, windowMs: 0 });
    const keys = Array.from({ length: 95 }, (_, i) => `k${i}`);
    await Promise.all(keys.map((k) => batcher.load(ref(k), k, 0)));
    expect(fetches.map((f) => f.keys.length)).toEqual([20, 20, 20, 20, 15]);
    expect(fetches.flatMap((f) => f.keys)).toEqual(keys);
  });
});

describe('keys in flight and generations', () => {
  it('the same key loaded twice in one window is asked once', async () => {
    const { batcher, fetches } = makeBatcher({ windowMs: 0 });
    const [x, y] = await Promise.all([batcher.load(ref('a'), 'a', 0), batcher.load(ref('a'), 'a', 0)]);
    expect(fetches.map((f) => f.keys)).toEqual([['a']]);
    expect([x, y]).toEqual(['value-a#1', 'value-a#1']);
  });

  it('a key in flight is not asked again by a load of the same (or an older) generation', async () => {
    const hold = gate();
    const { batcher, fetches } = makeBatcher({ windowMs: 0, hold: hold.promise });
    const first = batcher.load(ref('a'), 'a', 3);
    await settle();
    expect(fetches).toHaveLength(1);
    const same = batcher.load(ref('a'), 'a', 3);
    const older = batcher.load(ref('a'), 'a', 2);
    await settle();
    expect(fetches).toHaveLength(1);
    hold.open();
    await expect(Promise.all([first, same, older])).resolves.toEqual(['value-a#1', 'value-a#1', 'value-a#1']);
  });

  it('a load with a newer generation does not join an older read in flight', async () => {
    const hold = gate();
    const { batcher, fetches } = makeBatcher({ windowMs: 0, hold: hold.promise });
    const old = batcher.load(ref('a'), 'a', 0);
    await settle();
    const newer = batcher.load(ref('a'), 'a', 1);
    await settle();
    expect(fetches.map((f) => f.keys)).toEqual([['a'], ['a']]);
    hold.open();
    expect(await old).toBe('value-a#1');
    expect(await newer).toBe('value-a#2');
  });

  it('answers are reported with the generation their read started under', async () => {
    const answers: { key: string; scope: string; gen: number; value: string }[] = [];
    const { batcher } = makeBatcher({ windowMs: 0, onAnswers: (a) => answers.push(...a) });
    await Promise.all([
      batcher.load(ref('a'), 'a', 4),
      batcher.load({ key: 'b', scope: 'shared scope' }, 'b', 7),
    ]);
    expect(answers).toEqual([
      { key: 'a', scope: 'scope-of-a', gen: 4, value: 'value-a#1' },
      { key: 'b', scope: 'shared scope', gen: 7, value: 'value-b#1' },
    ]);
  });

  it('a key is asked again once its read has finished (the batcher holds no values)', async () => {
    const { batcher, fetches } = makeBatcher({ windowMs: 0 });
    await batcher.load(ref('a'), 'a', 0);
    await batcher.load(ref('a'), 'a', 0);
    expect(fetches).toHaveLength(2);
  });

  // The first design replaced a queued (not yet sent) read by a load of the same key under a newer
  // generation (or under NaN, what RedisCache.read answers while Redis is down): the first load's
  // promise was never settled, and the request that made it hung.
  it('a load of a queued key joins it, raising its generation: one fetch, every load answered', async () => {
    const answers: { key: string; scope: string; gen: number; value: string }[] = [];
    const { batcher, fetches } = makeBatcher({ windowMs: 0, onAnswers: (a) => answers.push(...a) });
    const old = track(batcher.load(ref('a'), 'a', 1));
    const newer = batcher.load(ref('a'), 'a', 2);
    expect(await newer).toBe('value-a#1');
    for (let i = 0; i < 5; i++) await settle();
    expect(old).toEqual({ status: 'fulfilled', value: 'value-a#1' });
    expect(fetches.map((f) => f.keys)).toEqual([['a']]);
    // Sent after both loads, so its answer is as new as the newer generation, and stored under it.
    expect(answers).toEqual([{ key: 'a', scope: 'scope-of-a', gen: 2, value: 'value-a#1' }]);
  });

  it('an older load joining a queued newer one leaves its generation as it was', async () => {
    const answers: { gen: number }[] = [];
    const { batcher, fetches } = makeBatcher({ windowMs: 0, onAnswers: (a) => answers.push(...a) });
    const values = await Promise.all([batcher.load(ref('a'), 'a', 5), batcher.load(ref('a'), 'a', 3)]);
    expect(values).toEqual(['value-a#1', 'value-a#1']);
    expect(fetches).toHaveLength(1);
    expect(answers.map((a) => a.gen)).toEqual([5]);
  });

  it('loads of one key under an unknown generation (NaN: Redis down) share one fetch, all answered, reported under NaN', async () => {
    const answers: { gen: number }[] = [];
    const { batcher, fetches } = makeBatcher({ windowMs: 0, onAnswers: (a) => answers.push(...a) });
    const first = track(batcher.load(ref('a'), 'a', Number.NaN));
    const second = track(batcher.load(ref('a'), 'a', Number.NaN));
    for (let i = 0; i < 5; i++) await settle();
    expect(first).toEqual({ status: 'fulfilled', value: 'value-a#1' });
    expect(second).toEqual({ status: 'fulfilled', value: 'value-a#1' });
    expect(fetches).toHaveLength(1);
    // NaN: the cache must not store it under a guessed generation.
    expect(answers).toHaveLength(1);
    expect(answers[0]?.gen).toBeNaN();
  });
});

describe('errors', () => {
  it('an Error answer rejects its key only; a key missing from the answer rejects too', async () => {
    const broken = new Error('item failed');
    const batcher = new Batcher<string, string>({
      maxBatch: 10,
      windowMs: 0,
      fetch: async () =>
        new Map<string, string | Error>([
          ['a', 'A'],
          ['b', broken],
        ]),
    });
    const [a, b, c] = await Promise.allSettled([
      batcher.load(ref('a'), 'a', 0),
      batcher.load(ref('b'), 'b', 0),
      batcher.load(ref('c'), 'c', 0),
    ]);
    expect(a).toEqual({ status: 'fulfilled', value: 'A' });
    expect(b).toEqual({ status: 'rejected', reason: broken });
    expect(c.status).toBe('rejected');
    expect(String((c as PromiseRejectedResult).reason)).toMatch(/no answer for c/);
  });

  it('a failed fetch rejects every key of its batch, not the keys of other batches; nothing is reported', async () => {
    const failure = new Error('upstream down');
    const answers: unknown[] = [];
    let n = 0;
    const batcher = new Batcher<string, string>({
      maxBatch: 2,
      windowMs: 0,
      fetch: async (batch) => {
        n += 1;
        if (n === 1) throw failure;
        return new Map(batch.map((b) => [b.key, b.item.toUpperCase()]));
      },
      onAnswers: (a) => answers.push(...a),
    });
    const results = await Promise.allSettled(['a', 'b', 'c'].map((k) => batcher.load(ref(k), k, 0)));
    expect(results).toEqual([
      { status: 'rejected', reason: failure },
      { status: 'rejected', reason: failure },
      { status: 'fulfilled', value: 'C' },
    ]);
    expect(answers).toEqual([{ key: 'c', scope: 'scope-of-c', gen: 0, value: 'C' }]);
    // The failed keys are not stuck in flight: they are asked again.
    await expect(batcher.load(ref('a'), 'a', 0)).resolves.toBe('A');
  });

  it('error answers are not reported to onAnswers (they must not be cached)', async () => {
    const answers: { key: string }[] = [];
    const batcher = new Batcher<string, string>({
      maxBatch: 10,
      windowMs: 0,
      fetch: async () =>
        new Map<string, string | Error>([
          ['a', 'A'],
          ['b', new Error('no')],
        ]),
      onAnswers: (a) => answers.push(...a),
    });
    await Promise.allSettled([batcher.load(ref('a'), 'a', 0), batcher.load(ref('b'), 'b', 0)]);
    expect(answers.map((a) => a.key)).toEqual(['a']);
  });
});

describe('observers', () => {
  const recorder = () => {
    const calls: UpstreamCallEvent[] = [];
    const waits: number[] = [];
    const observer: UpstreamObserver = {
      onCall: (event) => calls.push(event),
      onRateLimitWait: (_command, ms) => waits.push(ms),
    };
    return { observer, calls, waits };
  };
  const event: UpstreamCallEvent = {
    command: 'follow/follow_get_info',
    durationMs: 3,
    attempt: 1,
    willRetry: false,
  };

  it('every request waiting on a shared fetch is told of its call, once each', async () => {
    const r1 = recorder();
    const r2 = recorder();
    const r3 = recorder();
    const r4 = recorder();
    const batcher = new Batcher<string, string>({
      maxBatch: 10,
      windowMs: 0,
      fetch: async (batch, observer) => {
        observer?.onCall?.(event);
        observer?.onRateLimitWait?.('follow/follow_get_info', 12);
        return new Map(batch.map((b) => [b.key, b.item]));
      },
    });
    await Promise.all([
      batcher.load(ref('a'), 'a', 0, r1.observer),
      batcher.load(ref('b'), 'b', 0, r2.observer),
      // Joins the queued key 'a': its request waits on the same call.
      batcher.load(ref('a'), 'a', 0, r3.observer),
      // Joins it too, with a newer generation.
      batcher.load(ref('a'), 'a', 1, r4.observer),
      batcher.load(ref('c'), 'c', 0, r1.observer),
    ]);
    for (const r of [r1, r2, r3, r4]) {
      expect(r.calls).toEqual([event]);
      expect(r.waits).toEqual([12]);
    }
  });

  it('a request is told only of the calls it waits on', async () => {
    const r1 = recorder();
    const r2 = recorder();
    const batcher = new Batcher<string, string>({
      maxBatch: 1,
      windowMs: 0,
      fetch: async (batch, observer) => {
        observer?.onCall?.({ ...event, durationMs: batch.length });
        return new Map(batch.map((b) => [b.key, b.item]));
      },
    });
    await Promise.all([
      batcher.load(ref('a'), 'a', 0, r1.observer),
      batcher.load(ref('b'), 'b', 0, r2.observer),
    ]);
    expect(r1.calls).toHaveLength(1);
    expect(r2.calls).toHaveLength(1);
  });

  it('a fetch with no observer waiting gets none', async () => {
    const { batcher, fetches } = makeBatcher({ windowMs: 0 });
    await batcher.load(ref('a'), 'a', 0);
    expect(fetches[0]?.observer).toBeUndefined();
  });
});
