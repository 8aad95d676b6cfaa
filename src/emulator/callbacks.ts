/**
 * The emulator's third-party callbacks, sent like Tencent sends them (docs/tencent-chat-api.md 6):
 * `POST {url}?SdkAppid=..&CallbackCommand=..&contenttype=json&ClientIP=..&OptPlatform=RESTAPI`, plus
 * `Sign` and `RequestTime` when a token is set, after every write that changed something. Delivery is
 * in order, one at a time; fault rules (`{"callback": "<CallbackCommand>" | "*", "delayMs" | "drop"}`
 * in POST /__emulator/faults) delay or drop them.
 */
import { type CallbackPayload, callbackSign } from '../tencent/callbacks.js';
import type { CallbackDraft } from './commands/index.js';
import type { Faults } from './faults.js';

export interface CallbackTarget {
  url: string;
  token?: string | undefined;
}

export interface CallbackStats {
  sent: number;
  failed: number;
  dropped: number;
}

/** Callbacks are fault-injected under this command name. */
export const callbackFaultName = (command: string) => `callback:${command}`;

const DELIVERY_TIMEOUT_MS = 5000;

export class CallbackSender {
  target: CallbackTarget | undefined;
  readonly stats: CallbackStats = { sent: 0, failed: 0, dropped: 0 };
  private chain: Promise<void> = Promise.resolve();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly sdkAppId: number,
    private readonly faults: Faults,
    /** Unix seconds. */
    private readonly now: () => number,
  ) {}

  /** Queues `drafts` (from one command) for delivery, each stamped with the time of the change. */
  send(drafts: readonly CallbackDraft[]): void {
    const target = this.target;
    if (!target) return;
    const eventTime = Date.now();
    for (const draft of drafts) {
      const payload = { ...draft, EventTime: eventTime } as CallbackPayload;
      const fault = this.faults.pick(callbackFaultName(payload.CallbackCommand));
      if (fault?.effect?.kind === 'drop') {
        this.stats.dropped += 1;
        continue;
      }
      const enqueue = () => {
        this.chain = this.chain.then(() => this.deliver(target, payload));
      };
      if (fault && fault.delayMs > 0) {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          enqueue();
        }, fault.delayMs);
        this.timers.add(timer);
      } else enqueue();
    }
  }

  private async deliver(target: CallbackTarget, payload: CallbackPayload): Promise<void> {
    const query = new URLSearchParams({
      SdkAppid: String(this.sdkAppId),
      CallbackCommand: payload.CallbackCommand,
      contenttype: 'json',
      ClientIP: '127.0.0.1',
      OptPlatform: 'RESTAPI',
    });
    if (target.token !== undefined) {
      const requestTime = String(this.now());
      query.set('Sign', callbackSign(target.token, requestTime));
      query.set('RequestTime', requestTime);
    }
    try {
      const res = await fetch(`${target.url}?${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      await res.arrayBuffer();
      if (res.ok) this.stats.sent += 1;
      else this.stats.failed += 1;
    } catch {
      this.stats.failed += 1;
    }
  }

  /** Resolves once every queued callback has been delivered (or failed). */
  async idle(): Promise<void> {
    await this.chain;
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.target = undefined;
  }
}
