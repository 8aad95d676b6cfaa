/**
 * Embedded emulator of Tencent Cloud Chat's REST API (follow, profile, account import, official
 * accounts): same wire protocol, in memory, with control endpoints for tests (see control.ts).
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ConfigError, type Env, readInt } from '../config/env.js';
import { isValidUserId, LIMITS } from '../tencent/wire.js';
import type { EmulatorCore } from './core.js';
import { Faults } from './faults.js';
import { RateLimiter } from './rateLimit.js';
import { applyDemoSeed } from './seed.js';
import { createEmulatorServer } from './server.js';
import { Store } from './store.js';

export { DEMO } from './seed.js';

export interface EmulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 4100; 0 = a random free port. */
  port?: number;
  /** Default 1400000000. */
  sdkAppId?: number;
  /** Default: 64 random hex characters. */
  secretKey?: string;
  /** The only admin identifier. Default 'administrator'. */
  admin?: string;
  /** Default 'none' (npm run emulator defaults to 'demo'). */
  seed?: 'demo' | 'none';
  /** Per command; default 200; 0 = off. */
  rateLimitPerSecond?: number;
  /** Unix seconds clock, for tests. Default Date.now()/1000. */
  now?: () => number;
}

export interface RunningEmulator {
  /** e.g. http://127.0.0.1:4100 (no trailing slash); REST at `${url}/v4/<service>/<command>`. */
  url: string;
  sdkAppId: number;
  secretKey: string;
  admin: string;
  close(): Promise<void>;
}

export const EMULATOR_DEFAULTS = {
  host: '127.0.0.1',
  port: 4100,
  sdkAppId: 1400000000,
  admin: 'administrator',
  rateLimitPerSecond: LIMITS.callsPerSecondPerCommand,
} as const;

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? EMULATOR_DEFAULTS.host;
  const port = options.port ?? EMULATOR_DEFAULTS.port;
  const sdkAppId = options.sdkAppId ?? EMULATOR_DEFAULTS.sdkAppId;
  const secretKey = options.secretKey ?? randomBytes(32).toString('hex');
  const admin = options.admin ?? EMULATOR_DEFAULTS.admin;
  const clock = options.now ?? (() => Date.now() / 1000);

  const core: EmulatorCore = {
    store: new Store(),
    auth: { sdkAppId, secretKey, admin },
    stats: new Map(),
    faults: new Faults(),
    limiter: new RateLimiter(options.rateLimitPerSecond ?? EMULATOR_DEFAULTS.rateLimitPerSecond),
    now: () => Math.floor(clock()),
  };
  if (options.seed === 'demo') applyDemoSeed(core.store);

  const { server, cancelTimers } = createEmulatorServer(core);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostPart}:${address.port}`,
    sdkAppId,
    secretKey,
    admin,
    close() {
      closing ??= new Promise<void>((resolve) => {
        cancelTimers();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function nonBlank(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (raw.trim() === '') throw new ConfigError(name, 'must not be blank');
  return raw.trim();
}

/**
 * Emulator options from EMULATOR_* variables; unset variables are left out (so defaults apply).
 * Invalid values throw a ConfigError naming the variable.
 */
export function emulatorOptionsFromEnv(env: Env = process.env): EmulatorOptions {
  const options: EmulatorOptions = {};
  if (nonBlank(env, 'EMULATOR_PORT') !== undefined) {
    options.port = readInt(env, 'EMULATOR_PORT', EMULATOR_DEFAULTS.port, 0, 65535);
  }
  const host = nonBlank(env, 'EMULATOR_HOST');
  if (host !== undefined) {
    if (/\s|\//.test(host)) throw new ConfigError('EMULATOR_HOST', 'must be a host name or IP address');
    options.host = host;
  }
  if (nonBlank(env, 'EMULATOR_SDKAPPID') !== undefined) {
    options.sdkAppId = readInt(env, 'EMULATOR_SDKAPPID', EMULATOR_DEFAULTS.sdkAppId, 1, 0xffffffff);
  }
  const key = nonBlank(env, 'EMULATOR_SECRET_KEY');
  if (key !== undefined) options.secretKey = key;
  const admin = nonBlank(env, 'EMULATOR_ADMIN');
  if (admin !== undefined) {
    if (!isValidUserId(admin)) {
      throw new ConfigError('EMULATOR_ADMIN', 'must be a UserID: 1 to 32 bytes of printable ASCII');
    }
    options.admin = admin;
  }
  const seed = nonBlank(env, 'EMULATOR_SEED');
  if (seed !== undefined) {
    if (seed !== 'demo' && seed !== 'none')
      throw new ConfigError('EMULATOR_SEED', 'must be "demo" or "none"');
    options.seed = seed;
  }
  if (nonBlank(env, 'EMULATOR_RATE_LIMIT') !== undefined) {
    options.rateLimitPerSecond = readInt(
      env,
      'EMULATOR_RATE_LIMIT',
      EMULATOR_DEFAULTS.rateLimitPerSecond,
      0,
      1_000_000,
    );
  }
  return options;
}
