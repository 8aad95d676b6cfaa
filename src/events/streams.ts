/**
 * Event streams for subscriptions: the events the server delivers (from the bus, once what they change
 * has been invalidated), deduplicated (dedupe.ts), fanned out to the open streams whose filter matches. A stream buffers what its consumer has not read
 * yet, up to a bound: a consumer that falls that far behind is ended with an error (it must resubscribe
 * and re-read), never let to hold memory without limit. `closeAll()` completes every stream (shutdown).
 */
import { EventDeduper } from './dedupe.js';
import type { DomainEvent } from './events.js';

export class StreamOverflowError extends Error {
  constructor() {
    super('the subscription fell too far behind its events');
    this.name = 'StreamOverflowError';
  }
}

/** A stream of events; `drain()` drops what is buffered (a consumer that only needs the latest state). */
export interface EventStream extends AsyncIterableIterator<DomainEvent> {
  drain(): number;
}

export interface EventStreamsOptions {
  /** Events a stream holds for a slow consumer before it is ended. */
  maxBuffered?: number;
}

interface Stream {
  filter: (event: DomainEvent) => boolean;
  push(event: DomainEvent): void;
  end(error?: Error): void;
}

export class EventStreams {
  private readonly streams = new Set<Stream>();
  private readonly deduper = new EventDeduper();
  private readonly maxBuffered: number;

  constructor(options: EventStreamsOptions = {}) {
    this.maxBuffered = options.maxBuffered ?? 1000;
  }

  /**
   * Hands `events` to the open streams that want them (each change once). With no stream open there is
   * nothing to remember either: a stream opened later has not seen the change, so its confirmation by a
   * callback is new to it.
   */
  deliver(events: readonly DomainEvent[]): void {
    if (this.streams.size === 0) return;
    for (const event of events) {
      if (!this.deduper.isNew(event)) continue;
      for (const stream of this.streams) if (stream.filter(event)) stream.push(event);
    }
  }

  /** Open streams (for metrics and tests). */
  get size(): number {
    return this.streams.size;
  }

  /** The events matching `filter` from now on, until the consumer stops or `closeAll()`. */
  open(filter: (event: DomainEvent) => boolean): EventStream {
    const buffered: DomainEvent[] = [];
    let waiting: ((result: IteratorResult<DomainEvent>) => void) | undefined;
    let failed: ((error: Error) => void) | undefined;
    let ended = false;
    let endError: Error | undefined;
    const streams = this.streams;
    const maxBuffered = this.maxBuffered;

    const stream: Stream = {
      filter,
      push(event) {
        if (ended) return;
        if (waiting) {
          const resolve = waiting;
          waiting = undefined;
          failed = undefined;
          resolve({ value: event, done: false });
        } else if (buffered.length >= maxBuffered) {
          stream.end(new StreamOverflowError());
        } else buffered.push(event);
      },
      end(error) {
        if (ended) return;
        ended = true;
        endError = error;
        streams.delete(stream);
        if (waiting) {
          const resolve = waiting;
          const reject = failed;
          waiting = undefined;
          failed = undefined;
          if (error && reject) reject(error);
          else resolve({ value: undefined, done: true });
        }
      },
    };
    streams.add(stream);

    const iterator: EventStream = {
      drain() {
        const dropped = buffered.length;
        buffered.length = 0;
        return dropped;
      },
      next() {
        const event = buffered.shift();
        if (event) return Promise.resolve({ value: event, done: false });
        if (ended) {
          if (endError) {
            const error = endError;
            endError = undefined;
            return Promise.reject(error);
          }
          return Promise.resolve({ value: undefined, done: true });
        }
        return new Promise((resolve, reject) => {
          waiting = resolve;
          failed = reject;
        });
      },
      return() {
        stream.end();
        buffered.length = 0;
        return Promise.resolve({ value: undefined, done: true });
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }

  /** Completes every open stream (their subscriptions end cleanly). */
  closeAll(): void {
    for (const stream of [...this.streams]) stream.end();
  }
}
