/**
 * A throwaway Redis for stack tests: Debian's `redis-server` on a free loopback port, with no
 * persistence (`--save '' --appendonly no`) and its working directory in a temporary folder. Fails with
 * a clear message when redis-server is not installed; it does not skip.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.js';

export const REDIS_SERVER = process.env.REDIS_SERVER_PATH ?? '/usr/bin/redis-server';

export interface RunningRedis {
  host: string;
  port: number;
  /** redis://127.0.0.1:<port> */
  url: string;
  /** Stops the server (SIGTERM, then SIGKILL after 5 s) and removes its folder. Idempotent. */
  stop(): Promise<void>;
  /** Kills the server as a crash would (SIGKILL), keeping its port for `resume()`. */
  kill(): Promise<void>;
  /** Starts a new, empty server on the same port after `kill()`. */
  resume(): Promise<void>;
}

/** True when a Redis answers PING on `port`. */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited(child);
  clearTimeout(killer);
}

/** Starts redis-server on `port`; undefined when the port was taken in the meantime. */
async function startOnce(dir: string, port: number): Promise<ChildProcess | undefined> {
  const child = spawn(
    REDIS_SERVER,
    [
      '--bind',
      '127.0.0.1',
      '--port',
      String(port),
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      '--daemonize',
      'no',
      '--loglevel',
      'warning',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      // Most likely the port was taken in the meantime: the caller tries another.
      if (/Address already in use/i.test(output)) return undefined;
      throw new Error(`redis-server exited (${child.exitCode ?? child.signalCode}): ${output.trim()}`);
    }
    if (await answersPing(port)) return child;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stopChild(child);
  throw new Error(`redis-server did not answer PING on port ${port} within 15 s: ${output.trim()}`);
}

export async function startRedis(): Promise<RunningRedis> {
  if (!existsSync(REDIS_SERVER)) {
    throw new Error(
      `${REDIS_SERVER} not found: these tests need Debian's redis-server (apt-get install redis-server), ` +
        'or REDIS_SERVER_PATH pointing at one',
    );
  }
  const dir = await mkdtemp(join(tmpdir(), 'cfg-redis-'));
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    let child = await startOnce(dir, port);
    if (!child) continue;
    let stopping: Promise<void> | undefined;
    return {
      host: '127.0.0.1',
      port,
      url: `redis://127.0.0.1:${port}`,
      stop() {
        stopping ??= stopChild(child as ChildProcess).then(() => rm(dir, { recursive: true, force: true }));
        return stopping;
      },
      async kill() {
        const running = child as ChildProcess;
        if (running.exitCode !== null || running.signalCode !== null) return;
        running.kill('SIGKILL');
        await exited(running);
      },
      async resume() {
        const started = await startOnce(dir, port);
        if (!started) throw new Error(`redis-server: port ${port} was taken while it was down`);
        child = started;
      },
    };
  }
  await rm(dir, { recursive: true, force: true });
  throw new Error('redis-server: no free port after 5 attempts');
}
