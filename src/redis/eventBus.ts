/**
 * The event bus across replicas (REDIS_URL): events are delivered to this process's listeners at once
 * and published on a Redis channel; every other replica delivers what it receives there. If Redis is
 * unreachable, events still reach this process's listeners (a subscriber connected to another replica
 * misses them until Redis is back).
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { type EventBus, type EventListener, LocalEventBus } from '../events/bus.js';
import type { DomainEvent } from '../events/events.js';

interface Message {
  from: string;
  events: readonly DomainEvent[];
}

export interface RedisEventBusOptions {
  channel: string;
  onError: (operation: string, error: unknown) => void;
}

export class RedisEventBus implements EventBus {
  private readonly local: LocalEventBus;
  private readonly id = randomUUID();

  /** `subscriber` is a connection of its own (a Redis connection in subscribe mode serves nothing else). */
  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly options: RedisEventBusOptions,
  ) {
    this.local = new LocalEventBus((error) => options.onError('event listener', error));
    subscriber.on('message', (channel: string, text: string) => {
      if (channel !== options.channel) return;
      let message: Message;
      try {
        message = JSON.parse(text) as Message;
      } catch (error) {
        options.onError('event message', error);
        return;
      }
      if (message.from !== this.id && Array.isArray(message.events)) this.local.publish(message.events);
    });
    subscriber
      .subscribe(options.channel)
      .catch((error: unknown) => options.onError('event subscribe', error));
  }

  publish(events: readonly DomainEvent[]): void {
    if (events.length === 0) return;
    this.local.publish(events);
    const message: Message = { from: this.id, events };
    this.publisher.publish(this.options.channel, JSON.stringify(message)).catch((error: unknown) => {
      this.options.onError('event publish', error);
    });
  }

  subscribe(listener: EventListener): () => void {
    return this.local.subscribe(listener);
  }

  async close(): Promise<void> {
    await this.local.close();
    await this.subscriber.unsubscribe(this.options.channel).catch(() => undefined);
  }
}
