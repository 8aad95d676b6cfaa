/**
 * The one internal event bus. Producers (the callback intake, our own writes) publish batches of
 * domain events; consumers (cache invalidation, subscriptions) listen. In-process here; a Redis-backed
 * bus with the same interface carries events across replicas.
 */
import type { DomainEvent } from './events.js';

export type EventListener = (events: readonly DomainEvent[]) => void;

export interface EventBus {
  /** Delivers to every listener (on every replica, for a shared bus). Never throws. */
  publish(events: readonly DomainEvent[]): void;
  /** Returns the function that stops listening. */
  subscribe(listener: EventListener): () => void;
  close(): Promise<void>;
}

export class LocalEventBus implements EventBus {
  private readonly listeners = new Set<EventListener>();

  constructor(private readonly onListenerError: (error: unknown) => void = () => {}) {}

  publish(events: readonly DomainEvent[]): void {
    if (events.length === 0) return;
    for (const listener of this.listeners) {
      try {
        listener(events);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
