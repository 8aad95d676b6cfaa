/**
 * Embedded emulator of Tencent Cloud Chat's REST API (follow, profile, account import, official
 * accounts): same wire protocol, in memory, with control endpoints for tests (see control.ts).
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { CallbackSender, type CallbackTarget } from './callbacks.js';
import { CallLog } from './callLog.js';
import { CallStats } from './callStats.js';
import type { EmulatorCore } from './core.js';
import { EMULATOR_DEFAULTS } from './defaults.js';
import { Faults } from './faults.js';
import { RateLimiter } from './rateLimit.js';
import { applySeed, type EmulatorSeed } from './seeds.js';
import { createEmulatorServer } from './server.js';
import { Store } from './store.js';

export type { CallbackTarget } from './callbacks.js';
export { EMULATOR_DEFAULTS } from './defaults.js';
export { DEMO, seededRandom } from './seed.js';
export { CROWD } from './seedCrowd.js';
export { FEED_USER_IDS, FEED_ZIPF_S, zipfSampler } from './seedFeed.js';
export type { EmulatorSeed } from './seeds.js';

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
  /**
   * Default 'none' (npm run emulator defaults to 'demo'); 'feed' is the 2,000-user load-test graph,
   * 'crowd' a 10,000-follower account and viewers following 0, 250 and 5,000 users.
   */
  seed?: EmulatorSeed;
  /** Per command; default 200; 0 = off. */
  rateLimitPerSecond?: number;
  /** Milliseconds added to every REST call (an upstream's network and service time); default 0. */
  latencyMs?: number;
  /** Unix seconds clock, for tests. Default Date.now()/1000. */
  now?: () => number;
  /** Where to send Tencent's callbacks after writes (default: nowhere). */
  callback?: CallbackTarget;
}

export interface RunningEmulator {
  /** e.g. http://127.0.0.1:4100 (no trailing slash); REST at `${url}/v4/<service>/<command>`. */
  url: string;
  sdkAppId: number;
  secretKey: string;
  admin: string;
  /** Sends callbacks to `target` from now on (undefined: stops them). */
  setCallback(target: CallbackTarget | undefined): void;
  /** Resolves when every queued callback has been delivered. */
  callbacksIdle(): Promise<void>;
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? EMULATOR_DEFAULTS.host;
  const port = options.port ?? EMULATOR_DEFAULTS.port;
  const sdkAppId = options.sdkAppId ?? EMULATOR_DEFAULTS.sdkAppId;
  const secretKey = options.secretKey ?? randomBytes(32).toString('hex');
  const admin = options.admin ?? EMULATOR_DEFAULTS.admin;
  const clock = options.now ?? (() => Date.now() / 1000);

  const faults = new Faults();
  const now = () => Math.floor(clock());
  const callbacks = new CallbackSender(sdkAppId, faults, now);
  callbacks.target = options.callback;
  const core: EmulatorCore = {
    store: new Store(),
    auth: { sdkAppId, secretKey, admin },
    stats: new CallStats(),
    faults,
    limiter: new RateLimiter(options.rateLimitPerSecond ?? EMULATOR_DEFAULTS.rateLimitPerSecond),
    callbacks,
    log: new CallLog(),
    latencyMs: options.latencyMs ?? EMULATOR_DEFAULTS.latencyMs,
    now,
  };
  applySeed(core.store, options.seed ?? 'none');

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
    setCallback(target) {
      callbacks.target = target;
    },
    callbacksIdle: () => callbacks.idle(),
    close() {
      closing ??= new Promise<void>((resolve) => {
        cancelTimers();
        callbacks.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
