/**
 * `npm run emulator`: the emulator alone, configured by EMULATOR_* variables, seeded with the demo
 * graph unless EMULATOR_SEED=none. Prints the connection details once, including the emulator's own
 * throwaway secret key (the one place a key is printed: a developer needs it to point the client at
 * a standalone emulator).
 */
import { ConfigError, loadEmulatorConfig } from '../config/index.js';
import { startEmulator } from './index.js';

async function main(): Promise<void> {
  let options: ReturnType<typeof loadEmulatorConfig>;
  try {
    options = loadEmulatorConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`emulator: bad configuration: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const emulator = await startEmulator(options);
  console.log(
    `Tencent Chat emulator listening on ${emulator.url} SDKAppID=${emulator.sdkAppId} ` +
      `admin=${emulator.admin} secretKey=${emulator.secretKey} seed=${options.seed}`,
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`emulator: ${signal}, closing`);
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error('emulator: failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
