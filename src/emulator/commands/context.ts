import type { CallbackPayload } from '../../tencent/callbacks.js';
import type { EnvelopeOut, Json } from '../protocol.js';
import type { Store } from '../store.js';

/** A callback to send once the command has answered OK; `EventTime` is filled in. */
export type CallbackDraft = CallbackPayload extends infer P
  ? P extends unknown
    ? Omit<P, 'EventTime'>
    : never
  : never;

export interface CommandContext {
  readonly store: Store;
  /** Current unix time in whole seconds. */
  now(): number;
  /** The admin account that made the REST call (`Operator_Account` of callbacks). */
  readonly operator: string;
  /** Queues a third-party callback reporting what this command changed (like Tencent after a write). */
  emit(callback: CallbackDraft): void;
}

/** A command handler: validated request in, response envelope out (throw CommandError to fail it all). */
export type Handler = (ctx: CommandContext, body: Json) => EnvelopeOut;
