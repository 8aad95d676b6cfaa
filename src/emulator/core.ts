/** The emulator's mutable state, shared by the REST pipeline and the control endpoints. */

import type { CallbackSender } from './callbacks.js';
import type { CallLog } from './callLog.js';
import type { CallStats } from './callStats.js';
import type { Faults } from './faults.js';
import type { AuthConfig } from './protocol.js';
import type { RateLimiter } from './rateLimit.js';
import type { Store } from './store.js';

export interface EmulatorCore {
  readonly store: Store;
  readonly auth: AuthConfig;
  /** REST calls, FAIL answers by code and the busiest second, per `service/command` (server.ts). */
  readonly stats: CallStats;
  readonly faults: Faults;
  readonly limiter: RateLimiter;
  /** Third-party callbacks after writes (none until a target is set). */
  readonly callbacks: CallbackSender;
  /** Recent REST calls with their timing (GET /__emulator/log). */
  readonly log: CallLog;
  /** Added to every REST call before it is answered (EMULATOR_LATENCY_MS, POST /__emulator/latency). */
  latencyMs: number;
  /** Unix seconds (whole). */
  now(): number;
}
