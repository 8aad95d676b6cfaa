/**
 * `npm run build`: compiles src/ into dist/ (tsc, no bundling) and stamps the build, so that
 * `npm start` (scripts/start.mjs) can tell whether dist/ is older than the sources.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

export function build() {
  rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) return false;
  writeFileSync(new URL('../dist/.build-stamp', import.meta.url), `${new Date().toISOString()}\n`);
  return true;
}

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when dist/ is missing or older than any of its inputs. */
export function isStale() {
  let built;
  try {
    built = statSync(join(root, 'dist/.build-stamp')).mtimeMs;
  } catch {
    return true;
  }
  const inputs = ['src', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];
  return inputs.some((input) => newestMtime(join(root, input)) > built);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = build() ? 0 : 1;
}
