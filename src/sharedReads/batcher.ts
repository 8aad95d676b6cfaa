/**
 * Cross-request batching of one kind of keyed read: keys asked by concurrent requests within a short
 * window go upstream together, up to the documented batch size, and a key already in flight is not
 * asked again. Each upstream call is reported to the observers of every request whose keys it carries,
 * so a request's own call record stays exact when it is alone (a request that joins a call already
 * sent is not told of it: it did not cause it).
 *
 * Deadlines: a batch is sent under the latest deadline of the requests waiting for it (or none, if one
 * of them has none), and each request stops waiting at its own deadline.
 */
import type { UpstreamObserver } from '../tencent/api.js';
import {
  currentDeadline,
  type Deadline,
  laterDeadline,
  raceDeadline,
  withDeadline,
} from '../tencent/deadline.js';
import { fanOut } from '../tencent/observers.js';
import type { CacheRef } from './cache.js';

export interface BatcherOptions<I, V> {
  /** The upstream command the batches call (`service/command`), for the errors of passed deadlines. */
  command?: string;
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
  onAnswers?(answers: { key: string; scope: string; gen: number; value: V }[]): void;
  /** Told the size of every batch sent. */
  onBatch?(size: number): void;
}

export interface BatchItem<I> {
  key: string;
  item: I;
}

interface Waiting<I, V> {
  item: I;
  scope: string;
  gen: number;
  resolve: (value: V) => void;
  reject: (error: unknown) => void;
  observers: Set<UpstreamObserver>;
  promise: Promise<V>;
  /** The latest deadline of the requests waiting (undefined: one of them has none). */
  deadline: Deadline | undefined;
}

export class Batcher<I, V> {
  private readonly pending = new Map<string, Waiting<I, V>>();
  private readonly inFlight = new Map<string, Waiting<I, V>>();
  private timer: NodeJS.Timeout | NodeJS.Immediate | undefined;

  private readonly command: string;

  constructor(private readonly options: BatcherOptions<I, V>) {
    this.command = options.command ?? 'shared read';
  }

  /** The value of `item` (cached as `ref`) as read under generation `gen` or later. */
  load(ref: CacheRef, item: I, gen: number, observer?: UpstreamObserver): Promise<V> {
    const { key, scope } = ref;
    const deadline = currentDeadline();
    const flying = this.inFlight.get(key);
    if (flying && flying.gen >= gen) return raceDeadline(flying.promise, deadline, this.command);
    const queued = this.pending.get(key);
    if (queued) {
      // Not sent yet, so its answer will be at least as new as any generation known now.
      queued.gen = Math.max(queued.gen, gen);
      queued.deadline = laterDeadline(queued.deadline, deadline);
      if (observer) queued.observers.add(observer);
      return raceDeadline(queued.promise, deadline, this.command);
    }
    let resolve!: (value: V) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<V>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // Nobody else may be waiting when it fails: a rejection nobody awaits must not crash the process.
    promise.catch(() => undefined);
    const observers = new Set(observer ? [observer] : []);
    this.pending.set(key, { item, scope, gen, resolve, reject, promise, observers, deadline });
    if (this.pending.size >= this.options.maxBatch) this.flush();
    else this.schedule();
    return raceDeadline(promise, deadline, this.command);
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
    const deadline = batch
      .map(([, waiting]) => waiting.deadline)
      .reduce((a, b) => laterDeadline(a, b), batch[0]?.[1].deadline);
    try {
      answers = await withDeadline(deadline, () =>
        this.options.fetch(
          batch.map(([key, waiting]) => ({ key, item: waiting.item })),
          fanOut([...observers]),
        ),
      );
    } catch (error) {
      failure = error;
    }
    const stored: { key: string; scope: string; gen: number; value: V }[] = [];
    for (const [key, waiting] of batch) {
      if (this.inFlight.get(key) === waiting) this.inFlight.delete(key);
      const answer = answers?.get(key);
      if (answers === undefined) waiting.reject(failure);
      else if (answer === undefined) waiting.reject(new Error(`no answer for ${key}`));
      else if (answer instanceof Error) waiting.reject(answer);
      else {
        stored.push({ key, scope: waiting.scope, gen: waiting.gen, value: answer });
        waiting.resolve(answer);
      }
    }
    if (stored.length > 0) this.options.onAnswers?.(stored);
  }
}
