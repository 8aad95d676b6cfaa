/**
 * Cross-request batching of one kind of keyed read: keys asked by concurrent requests within a short
 * window go upstream together, up to the documented batch size, and a key already in flight is not
 * asked again. Each upstream call is reported to the observers of every request that waits on it, so
 * a request's own call record stays exact when it is alone.
 */
import type { UpstreamObserver } from '../tencent/api.js';

export interface BatcherOptions<I, V> {
  /** Keys per flush; a full batch goes at once. */
  maxBatch: number;
  /** How long the first key of a batch waits for company (0: until the current tick's I/O is done). */
  windowMs: number;
  /** Reads the items upstream; every key gets its answer or an Error. */
  fetch(
    batch: readonly BatchItem<I>[],
    observer: UpstreamObserver | undefined,
  ): Promise<Map<string, V | Error>>;
  /** Told of every answer, with the generation its read started under (to store it). */
  onAnswers?(answers: { key: string; gen: number; value: V }[]): void;
  /** Told the size of every batch sent. */
  onBatch?(size: number): void;
}

export interface BatchItem<I> {
  key: string;
  item: I;
}

interface Waiting<I, V> {
  item: I;
  gen: number;
  resolve: (value: V) => void;
  reject: (error: unknown) => void;
  observers: Set<UpstreamObserver>;
  promise: Promise<V>;
}

/** Reports an upstream call to every observer. */
export function fanOut(observers: ReadonlySet<UpstreamObserver>): UpstreamObserver | undefined {
  if (observers.size === 0) return undefined;
  const list = [...observers];
  if (list.length === 1) return list[0];
  return {
    onCall: (event) => {
      for (const o of list) o.onCall?.(event);
    },
    onRateLimitWait: (command, ms) => {
      for (const o of list) o.onRateLimitWait?.(command, ms);
    },
  };
}

export class Batcher<I, V> {
  private readonly pending = new Map<string, Waiting<I, V>>();
  private readonly inFlight = new Map<string, Waiting<I, V>>();
  private timer: NodeJS.Timeout | NodeJS.Immediate | undefined;

  constructor(private readonly options: BatcherOptions<I, V>) {}

  /** The value of `item` (cached as `key`) as read under generation `gen` or later. */
  load(key: string, item: I, gen: number, observer?: UpstreamObserver): Promise<V> {
    const flying = this.inFlight.get(key);
    if (flying && flying.gen >= gen) return flying.promise;
    const queued = this.pending.get(key);
    if (queued && queued.gen >= gen) {
      if (observer) queued.observers.add(observer);
      return queued.promise;
    }
    let resolve!: (value: V) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<V>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const observers = new Set(observer ? [observer] : []);
    this.pending.set(key, { item, gen, resolve, reject, promise, observers });
    if (this.pending.size >= this.options.maxBatch) this.flush();
    else this.schedule();
    return promise;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer =
      this.options.windowMs > 0
        ? setTimeout(() => this.flush(), this.options.windowMs)
        : setImmediate(() => this.flush());
  }

  private flush(): void {
    if (this.timer) {
      clearTimeout(this.timer as NodeJS.Timeout);
      clearImmediate(this.timer as NodeJS.Immediate);
      this.timer = undefined;
    }
    while (this.pending.size > 0) {
      const batch = [...this.pending].slice(0, this.options.maxBatch);
      for (const [key, waiting] of batch) {
        this.pending.delete(key);
        this.inFlight.set(key, waiting);
      }
      void this.send(batch);
    }
  }

  private async send(batch: [string, Waiting<I, V>][]): Promise<void> {
    const observers = new Set(batch.flatMap(([, waiting]) => [...waiting.observers]));
    this.options.onBatch?.(batch.length);
    let answers: Map<string, V | Error> | undefined;
    let failure: unknown;
    try {
      answers = await this.options.fetch(
        batch.map(([key, waiting]) => ({ key, item: waiting.item })),
        fanOut(observers),
      );
    } catch (error) {
      failure = error;
    }
    const stored: { key: string; gen: number; value: V }[] = [];
    for (const [key, waiting] of batch) {
      if (this.inFlight.get(key) === waiting) this.inFlight.delete(key);
      const answer = answers?.get(key);
      if (answers === undefined) waiting.reject(failure);
      else if (answer === undefined) waiting.reject(new Error(`no answer for ${key}`));
      else if (answer instanceof Error) waiting.reject(answer);
      else {
        stored.push({ key, gen: waiting.gen, value: answer });
        waiting.resolve(answer);
      }
    }
    if (stored.length > 0) this.options.onAnswers?.(stored);
  }
}
