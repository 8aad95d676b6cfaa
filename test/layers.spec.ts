/**
 * The layers import downwards only: upstream client (src/tencent) <- shared reads (cache, cross-request
 * batching) <- loaders <- schema <- server, with events beside them and src/redis (the Redis-backed
 * bus, cache and rate limiter) used by the server only; the emulator shares nothing with the
 * client but the wire types (REST and callbacks) and UserSig; settings come from src/config alone.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/files.js';

const SRC = join(ROOT, 'src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? files(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

/** `src/<top>/...` modules each file imports (relative imports only), as paths relative to src/. */
function imports(): { from: string; to: string }[] {
  return files(SRC).flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    return [...text.matchAll(/from '(\.{1,2}\/[^']+)'/g)].map((match) => ({
      from: relative(SRC, file),
      to: relative(SRC, join(file, '..', match[1] as string)).replace(/\.js$/, '.ts'),
    }));
  });
}

const top = (path: string) => path.split('/')[0] as string;

/** Entry points wire everything together. */
const ENTRY_POINTS: ReadonlySet<string> = new Set(['main.ts', 'emulator/main.ts']);

/** What each top-level folder may import besides itself. */
const ALLOWED: Record<string, readonly string[]> = {
  tencent: [],
  events: ['tencent/callbacks.ts'],
  sharedReads: ['events', 'tencent'],
  // Everything that talks to Redis: implementations of the bus, cache and limiter interfaces below it.
  redis: ['events', 'sharedReads', 'tencent'],
  loaders: ['tencent'],
  schema: ['loaders', 'tencent', 'events'],
  server: ['schema', 'loaders', 'sharedReads', 'events', 'redis', 'tencent'],
  emulator: ['tencent/wire.ts', 'tencent/usersig.ts', 'tencent/callbacks.ts'],
  federation: [],
  config: ['server', 'sharedReads', 'tencent', 'emulator'],
};

describe('layers', () => {
  it('import only downwards', () => {
    const violations = imports().filter(({ from, to }) => {
      const layer = top(from);
      if (layer === top(to) || ENTRY_POINTS.has(from)) return false;
      const allowed = ALLOWED[layer];
      if (!allowed) return true;
      return !allowed.some((entry) => to === entry || top(to) === entry);
    });
    expect(violations).toEqual([]);
  });

  it('read process.env in entry points only', () => {
    const readers = files(SRC)
      .filter((file) => readFileSync(file, 'utf8').includes('process.env'))
      .map((file) => relative(SRC, file));
    expect(readers.sort()).toEqual([...ENTRY_POINTS].sort());
  });
});
