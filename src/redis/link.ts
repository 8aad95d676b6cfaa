/**
 * The connections to Redis a server keeps (REDIS_URL), and whether Redis can be used right now.
 *
 * Two connections: one for commands (the cache's scripts, the rate limiter, publishing events) and one
 * in subscribe mode for the event channel (such a connection serves nothing else). Commands never
 * queue while Redis is away and give up after a short timeout, so a request never waits on a Redis
 * that is gone: whoever uses the link falls back to its local part (memory cache, local limiter, local
 * events) while `up` is false, and `onChange` reports each transition once.
 */
import { Redis } from 'ioredis';

/** A command Redis has not answered by then counts as failed (the caller falls back). */
export const REDIS_COMMAND_TIMEOUT_MS = 500;

export type RedisState = 'up' | 'down';

/** While Redis is down after a command failed on a connection that looked fine, probe it this often. */
const PROBE_INTERVAL_MS = 1000;

export interface RedisLinkOptions {
  /** Each transition, once: down with the error that showed it, up when Redis answers again. */
  onChange?: (state: RedisState, error?: Error) => void;
}

export class RedisLink {
  readonly commands: Redis;
  readonly subscriber: Redis;
  private state: RedisState | 'connecting' = 'connecting';
  private probe: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<(state: RedisState) => void>();
  /** Resolves once the command connection was ready, or failed, the first time. */
  readonly connected: Promise<void>;

  constructor(
    url: string,
    private readonly options: RedisLinkOptions = {},
  ) {
    const settings = {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
      // Reconnect every 0.1 s to 1 s, for ever: Redis coming back is noticed within a second.
      retryStrategy: (times: number) => Math.min(100 * times, 1000),
    };
    this.commands = new Redis(url, settings);
    // The subscriber must queue its SUBSCRIBE until it is connected (and resubscribes by itself).
    this.subscriber = new Redis(url, { ...settings, enableOfflineQueue: true, commandTimeout: undefined });
    this.connected = new Promise((resolve) => {
      this.commands.once('ready', () => resolve());
      this.commands.once('error', () => resolve());
    });
    this.commands.on('ready', () => this.set('up'));
    this.commands.on('error', (error: Error) => this.set('down', error));
    this.commands.on('close', () => this.set('down', new Error('connection closed')));
    // The subscriber's errors are the same outage: reported through the command connection's.
    this.subscriber.on('error', () => undefined);
  }

  /** True while commands can reach Redis. */
  get up(): boolean {
    return this.state === 'up';
  }

  /** Calls `listener` on every transition; returns the unsubscribe function. */
  onChange(listener: (state: RedisState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * A command failed or timed out: Redis counts as down now, even if the connection has not noticed
   * (a hung server keeps its sockets open). A PING every second brings it back.
   */
  failed(error: Error): void {
    this.set('down', error);
    this.probe ??= setInterval(() => {
      if (this.commands.status !== 'ready') return; // the reconnection's 'ready' will report it
      this.commands.ping().then(
        () => this.set('up'),
        () => undefined,
      );
    }, PROBE_INTERVAL_MS);
    this.probe.unref();
  }

  private set(state: RedisState, error?: Error): void {
    if (state === this.state) return;
    this.state = state;
    if (state === 'up' && this.probe) {
      clearInterval(this.probe);
      this.probe = undefined;
    }
    this.options.onChange?.(state, error);
    for (const listener of this.listeners) listener(state);
  }

  async close(): Promise<void> {
    this.listeners.clear();
    if (this.probe) clearInterval(this.probe);
    await Promise.all(
      [this.commands, this.subscriber].map((redis) => redis.quit().catch(() => redis.disconnect())),
    );
  }
}
