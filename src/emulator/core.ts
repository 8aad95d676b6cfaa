/** The emulator's mutable state, shared by the REST pipeline and the control endpoints. */
import type { CallbackSender } from './callbacks.js';
import type { Faults } from './faults.js';
import type { AuthConfig } from './protocol.js';
import type { RateLimiter } from './rateLimit.js';
import type { Store } from './store.js';

export interface EmulatorCore {
  readonly store: Store;
  readonly auth: AuthConfig;
  /** REST calls per `service/command` (see server.ts for what counts). */
  readonly stats: Map<string, number>;
  readonly faults: Faults;
  readonly limiter: RateLimiter;
  /** Third-party callbacks after writes (none until a target is set). */
  readonly callbacks: CallbackSender;
  /** Unix seconds (whole). */
  now(): number;
}
