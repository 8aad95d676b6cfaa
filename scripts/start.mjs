/**
 * `npm start` / `npm run emulator`: runs the built JavaScript (dist/) in this very process, building
 * first when dist/ is missing or older than the sources. No TypeScript runtime and no child process, so
 * a SIGTERM sent to `npm start` (as a container runtime sends it) reaches the server's own handler.
 * A `.env` file in the project root (see `.env.example`) fills in variables the environment lacks.
 *
 *   node scripts/start.mjs [server|emulator]
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, isStale } from './build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const ENTRIES = { server: 'dist/main.js', emulator: 'dist/emulator/main.js' };

const entry = ENTRIES[process.argv[2] ?? 'server'];
if (!entry) {
  console.error(`usage: node scripts/start.mjs [${Object.keys(ENTRIES).join('|')}]`);
  process.exit(2);
}
const envFile = join(root, '.env');
if (existsSync(envFile)) process.loadEnvFile(envFile);
if (isStale()) {
  console.error('dist/ is missing or older than src/: building (npm run build)');
  if (!build()) process.exit(1);
}
await import(pathToFileURL(join(root, entry)).href);
