/**
 * Subscriptions per viewer (SUBSCRIPTIONS_PER_VIEWER), across transports and connections: a viewer
 * holds a slot while a subscription runs. Anonymous callers are counted per client address.
 */
import { GraphQLError } from 'graphql';

export class SubscriptionSlots {
  private readonly held = new Map<string, number>();

  constructor(private readonly perViewer: number) {}

  /** Takes a slot for `key`; the returned function gives it back (once). */
  hold(key: string): () => void {
    const count = this.held.get(key) ?? 0;
    if (count >= this.perViewer) {
      throw new GraphQLError(
        `At most ${this.perViewer} subscriptions may run at once for one viewer; end one before starting another.`,
        { extensions: { code: 'RATE_LIMITED', limit: 'SUBSCRIPTIONS_PER_VIEWER', max: this.perViewer } },
      );
    }
    this.held.set(key, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.held.get(key) ?? 1) - 1;
      if (left <= 0) this.held.delete(key);
      else this.held.set(key, left);
    };
  }
}
