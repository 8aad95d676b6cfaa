/**
 * What every subscription field streams from: the request's live events (deduplicated, already
 * invalidated in the shared cache), holding one of the viewer's subscription slots while it runs.
 * Before each event the request gets fresh loaders, so the fields resolved for it read upstream as it
 * is after the event. Ending the subscription (client gone, server shutting down) releases the slot
 * and the stream at once, even while it waits for an event.
 */
import { GraphQLError } from 'graphql';
import type { DomainEvent } from '../../events/events.js';
import { StreamOverflowError } from '../../events/streams.js';
import type { GraphQLContext } from '../context.js';

export interface LiveEvents<E> extends AsyncIterableIterator<E> {
  /** Resolves when the subscription has ended (used to stop waits). */
  readonly ended: Promise<void>;
  /** Drops the events that arrived and were not read yet. */
  drain(): void;
}

export function liveEvents<E extends DomainEvent>(
  ctx: GraphQLContext,
  filter: (event: DomainEvent) => event is E,
): LiveEvents<E> {
  const release = ctx.holdSubscription();
  const stream = ctx.events.open(filter);
  let end!: () => void;
  const ended = new Promise<void>((resolve) => {
    end = resolve;
  });
  const finish = () => {
    release();
    end();
  };
  const live: LiveEvents<E> = {
    ended,
    drain() {
      stream.drain();
    },
    async next() {
      let result: IteratorResult<DomainEvent>;
      try {
        result = await stream.next();
      } catch (error) {
        finish();
        if (!(error instanceof StreamOverflowError)) throw error;
        throw new GraphQLError('This subscription fell too far behind its events: subscribe again.', {
          extensions: { code: 'RATE_LIMITED' },
        });
      }
      if (result.done) {
        finish();
        return { value: undefined, done: true };
      }
      ctx.renewLoaders();
      return { value: result.value as E, done: false };
    },
    async return() {
      finish();
      await stream.return?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return live;
    },
  };
  return live;
}

/** Waits `ms`, or less if `ended` resolves first; true when the wait was cut short. */
export async function waitOrEnd(ms: number, ended: Promise<void>): Promise<boolean> {
  if (ms <= 0) return false;
  let timer: NodeJS.Timeout | undefined;
  const elapsed = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([elapsed, ended.then(() => true as const)]);
  } finally {
    clearTimeout(timer);
  }
}
