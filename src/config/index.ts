/** Settings from the environment: called by entry points only (src/main.ts, the emulator CLI, scripts). */
export { ConfigError } from './errors.js';
export {
  type AppConfig,
  devAuthOnNetwork,
  loadConfig,
  loadEmulatorConfig,
  type UpstreamSettings,
} from './load.js';
export type { Env } from './variable.js';
