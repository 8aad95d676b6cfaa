import type { EnvelopeOut, Json } from '../protocol.js';
import type { Store } from '../store.js';

export interface CommandContext {
  readonly store: Store;
  /** Current unix time in whole seconds. */
  now(): number;
}

/** A command handler: validated request in, response envelope out (throw CommandError to fail it all). */
export type Handler = (ctx: CommandContext, body: Json) => EnvelopeOut;
