/** The emulator's defaults (also the fallbacks of its EMULATOR_* variables). */
import { LIMITS } from '../tencent/wire.js';

export const EMULATOR_DEFAULTS = {
  host: '127.0.0.1',
  port: 4100,
  sdkAppId: 1400000000,
  admin: 'administrator',
  rateLimitPerSecond: LIMITS.callsPerSecondPerCommand,
  latencyMs: 0,
} as const;

/** The seeds an emulator can start with (EMULATOR_SEED, POST /__emulator/seed). */
export const EMULATOR_SEEDS = ['demo', 'feed', 'crowd', 'none'] as const;
export type EmulatorSeed = (typeof EMULATOR_SEEDS)[number];
