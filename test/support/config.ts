import { type Env, loadConfig } from '../../src/config/index.js';
import type { ServerConfig } from '../../src/server/config.js';

/** The server settings `npm start` would use with this environment. */
export function serverConfig(env: Env): ServerConfig {
  return loadConfig(env).server;
}
