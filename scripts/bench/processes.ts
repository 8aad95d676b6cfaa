/**
 * The three measured processes, each its own `node`: the emulator (dist/emulator/main.js), the GraphQL
 * server (dist/main.js, with the node flags of package.json's `start` script and npm start's
 * environment defaults) and the BFF (compiled JavaScript, same node binary and flags). CPU time is
 * read from each process's own counters in /proc.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { TENCENT_DEFAULTS } from '../../src/tencent/config.js';
import { build, isStale } from '../build.mjs';

export const ROOT = join(import.meta.dirname, '../..');
const BFF_ENTRY = join(ROOT, '.bench/bff/scripts/bench/bff/main.js');

/** The node flags `npm start` runs the server with (package.json: `exec node <flags> scripts/start.mjs`). */
export function startFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const words = pkg.scripts.start.split(/\s+/);
  const node = words.indexOf('node');
  return words.slice(node + 1).filter((word) => word.startsWith('--'));
}

/** Builds dist/ when stale (as npm start does) and compiles the BFF. */
export function prepareBuilds(): void {
  if (isStale() && !build()) throw new Error('npm run build failed');
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'scripts/bench/bff/tsconfig.json'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}

export interface Running {
  name: string;
  pid: number;
  url: string;
  stop(): Promise<void>;
  /** Kills it as a crash would (SIGKILL) and waits until it is gone. */
  kill(): Promise<void>;
}

/**
 * Spawns `node args`, waits for a line matching `ready` on stdout (its first group is the URL), or, when
 * `ready` is a URL, until that URL's `/health` answers. `onLine` sees every line of its stdout.
 */
export async function startProcess(
  name: string,
  args: string[],
  env: Record<string, string>,
  ready: RegExp | URL,
  onLine?: (line: string) => void,
): Promise<Running> {
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in 30 s`)), 30_000);
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before it was ready`)));
    lines.on('line', (line) => {
      onLine?.(line);
      const match = ready instanceof RegExp ? ready.exec(line) : undefined;
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    if (ready instanceof URL) {
      const poll = () =>
        fetch(new URL('/health', ready)).then(
          () => {
            clearTimeout(timer);
            resolve(ready.href.replace(/\/$/, ''));
          },
          () => setTimeout(poll, 100),
        );
      poll();
    }
  });
  // Keep reading its output (the line reader does), or a full pipe would block it.
  child.stdout!.resume();
  const ended = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  return { name, pid: child.pid!, url, stop: () => ended('SIGTERM'), kill: () => ended('SIGKILL') };
}

/** An emulator process and the credentials it printed. */
export interface RunningEmulator extends Running {
  sdkAppId: string;
  admin: string;
  secretKey: string;
}

/** `node dist/emulator/main.js` with `env` (EMULATOR_*), once it listens. */
export async function startEmulatorProcess(env: Record<string, string>): Promise<RunningEmulator> {
  let credentials: { sdkAppId: string; admin: string; secretKey: string } | undefined;
  const running = await startProcess(
    'emulator',
    [join(ROOT, 'dist/emulator/main.js')],
    { EMULATOR_PORT: '0', ...env },
    /listening on (http:\/\/\S+)/,
    (line) => {
      const match = /SDKAppID=(\d+) admin=(\S+) secretKey=(\S+)/.exec(line);
      if (match) {
        credentials = {
          sdkAppId: match[1] as string,
          admin: match[2] as string,
          secretKey: match[3] as string,
        };
      }
    },
  );
  if (!credentials) throw new Error('the emulator did not print its credentials');
  return { ...running, ...credentials };
}

/**
 * `node <flags> dist/main.js` on `port` against `emulator`, with the flags of `npm start`, AUTH_MODE=dev,
 * LOG_LEVEL=warn and `env` on top, once its /health answers. `onLine` sees its log lines.
 */
export function startServerProcess(
  name: string,
  port: number,
  emulator: RunningEmulator,
  env: Record<string, string>,
  onLine?: (line: string) => void,
): Promise<Running> {
  return startProcess(
    name,
    [...startFlags(), join(ROOT, 'dist/main.js')],
    {
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      AUTH_MODE: 'dev',
      TENCENT_SDKAPPID: emulator.sdkAppId,
      TENCENT_SECRET_KEY: emulator.secretKey,
      TENCENT_ADMIN_IDENTIFIER: emulator.admin,
      TENCENT_API_BASE_URL: emulator.url,
      ...env,
    },
    new URL(`http://127.0.0.1:${port}`),
    onLine,
  );
}

export interface Stack {
  emulator: Running;
  server: Running;
  bff: Running;
  gatewaySecret: string;
  stop(): Promise<void>;
}

/**
 * Starts the emulator, then the server and the BFF against it. Rate limits are off on both sides
 * (server, emulator): the bench measures the layer, not upstream's quota. The server's shared cache and
 * cross-request batching are off, so both sides make the same calls per operation. With `profileDir`, the server
 * writes a V8 CPU profile there when it stops.
 */
export async function startStack(flags: string[], profileDir?: string): Promise<Stack> {
  const serverFlags = profileDir ? [...flags, '--cpu-prof', `--cpu-prof-dir=${profileDir}`] : flags;
  const secretKey = randomBytes(32).toString('hex');
  const gatewaySecret = randomBytes(16).toString('hex');
  const cursorKey = randomBytes(24).toString('hex');
  const emulator = await startProcess(
    'emulator',
    [join(ROOT, 'dist/emulator/main.js')],
    { EMULATOR_PORT: '0', EMULATOR_SECRET_KEY: secretKey, EMULATOR_RATE_LIMIT: '0', EMULATOR_SEED: 'demo' },
    /listening on (http:\/\/\S+)/,
  );
  const upstream = { sdkAppId: 1400000000, secretKey, admin: 'administrator' };
  const [server, bff] = await Promise.all([
    startProcess(
      'server',
      [...serverFlags, join(ROOT, 'dist/main.js')],
      {
        PORT: '0',
        TENCENT_SDKAPPID: String(upstream.sdkAppId),
        TENCENT_SECRET_KEY: secretKey,
        TENCENT_API_BASE_URL: emulator.url,
        TENCENT_RATE_LIMIT: '0',
        AUTH_MODE: 'gateway',
        GATEWAY_SECRET: gatewaySecret,
        CURSOR_SIGNING_KEY: cursorKey,
        // Every operation makes its own upstream calls, as the BFF's do: the comparison is of the
        // layer's work per request, not of the shared cache (the feed scenario measures that).
        CACHE: 'off',
        SHARED_BATCHING: 'false',
      },
      /"url":"(http:\/\/[^"]+)\/graphql"/,
    ),
    startProcess(
      'bff',
      [
        ...flags,
        BFF_ENTRY,
        JSON.stringify({
          port: 0,
          gatewaySecret,
          cursorKey,
          upstream: { ...upstream, baseUrl: emulator.url, connections: TENCENT_DEFAULTS.connections },
        }),
      ],
      {},
      /listening on (http:\/\/\S+)/,
    ),
  ]);
  return {
    emulator,
    server,
    bff,
    gatewaySecret,
    async stop() {
      await Promise.all([server.stop(), bff.stop()]);
      await emulator.stop();
    },
  };
}

let ticksPerSecond: number | undefined;

/** The kernel's clock tick (USER_HZ), in which /proc reports CPU time; 100 on Linux unless told otherwise. */
function clockTicksPerSecond(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

/** CPU time (user + system, all threads) a process has used so far, in milliseconds. */
export function cpuMs(pid: number): number {
  ticksPerSecond ??= clockTicksPerSecond();
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after "(comm)": state is the 3rd field of the line; utime and stime are the 14th and 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / ticksPerSecond) * 1000;
}
