/** Vitest global setup of the stack tests: one `npm run build` before any test starts a built server. */
import { spawnSync } from 'node:child_process';
import { ROOT } from './files.js';

export default function setup(): void {
  const result = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build failed');
}
