/** The emulator's mutable state, shared by the REST pipeline and the control endpoints. */
import type { CallLog } from './callLog.js';
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
  /** Recent REST calls with their timing (GET /__emulator/log). */
  readonly log: CallLog;
  /** Added to every REST call before it is answered (EMULATOR_LATENCY_MS, POST /__emulator/latency). */
  latencyMs: number;
  /** Unix seconds (whole). */
  now(): number;
}
