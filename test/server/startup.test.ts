/**
 * The server as a process, started as a container runs it (`node dist/main.js`) and as a developer does
 * (`npm start`): start-up refuses bad configuration with one line naming the variable, logs the
 * listening URL as JSON, and a SIGTERM sent to the process started (npm itself, for `npm start`)
 * finishes the request in flight, exits 0 and leaves no process behind.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';

import { ROOT } from '../support/files.js';

const COMMANDS = {
  'node dist/main.js': [process.execPath, ['dist/main.js']],
  'npm start': ['npm', ['start']],
} as const;
type Command = keyof typeof COMMANDS;

interface Started {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  exited: Promise<number | null>;
}

function startMain(env: Record<string, string>, command: Command = 'node dist/main.js'): Started {
  const { TENCENT_SDKAPPID: _a, AUTH_MODE: _b, PORT: _c, ...inherited } = process.env;
  const [file, args] = COMMANDS[command];
  const child = spawn(file, [...args], {
    cwd: ROOT,
    env: { ...inherited, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => stdout.push(chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { child, stdout, stderr, exited };
}

/** The JSON log lines (npm adds a plain banner before them). */
function logLines(started: Started): Record<string, unknown>[] {
  return started.stdout
    .join('')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

async function listening(started: Started, timeoutMs = 20_000): Promise<{ url: string; pid: number }> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const entry of logLines(started)) {
      if (typeof entry.url === 'string') return { url: entry.url, pid: entry.pid as number };
    }
    if (started.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`main did not log its URL: ${started.stdout.join('')} ${started.stderr.join('')}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('start-up configuration errors', () => {
  it.each([
    [
      'a real upstream without AUTH_MODE',
      'AUTH_MODE',
      { TENCENT_SDKAPPID: '1400000001', TENCENT_SECRET_KEY: 'k'.repeat(64) },
    ],
    [
      'dev auth against a remote upstream',
      'AUTH_MODE',
      {
        TENCENT_SDKAPPID: '1400000001',
        TENCENT_SECRET_KEY: 'k'.repeat(64),
        AUTH_MODE: 'dev',
        TENCENT_REGION: 'singapore',
      },
    ],
    ['a short gateway secret', 'GATEWAY_SECRET', { AUTH_MODE: 'gateway', GATEWAY_SECRET: 'tiny-secret' }],
  ])('%s stops start-up with one line naming %s', async (_name, variable, env) => {
    const started = startMain(env);
    expect(await started.exited).toBe(1);
    const lines = started.stderr.join('').trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^config error: ${variable}: `));
    expect(lines[0]).not.toContain('tiny-secret');
  });
});

describe('graceful shutdown', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'demo', rateLimitPerSecond: 0 });
  });
  afterAll(() => emulator.close());

  it.each(Object.keys(COMMANDS) as Command[])(
    '%s: SIGTERM lets the request in flight finish (200), refuses new connections, exits 0 and leaves no process',
    async (command) => {
      await fetch(`${emulator.url}/__emulator/stats/reset`, { method: 'POST' });
      const started = startMain(
        {
          TENCENT_SDKAPPID: String(emulator.sdkAppId),
          TENCENT_SECRET_KEY: emulator.secretKey,
          TENCENT_ADMIN_IDENTIFIER: emulator.admin,
          TENCENT_API_BASE_URL: emulator.url,
          AUTH_MODE: 'dev',
        },
        command,
      );
      let serverPid: number | undefined;
      try {
        const { url, pid } = await listening(started);
        serverPid = pid;
        expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
        await fetch(`${emulator.url}/__emulator/faults`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ rules: [{ command: 'follow/follow_get_info', delayMs: 1500 }] }),
        });
        const slow = fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ user(id: "alice") { followers { totalCount } } }' }),
        });
        // Wait until the slow call has reached the emulator, then ask the server to stop.
        for (let i = 0; i < 100; i++) {
          const stats = (await (await fetch(`${emulator.url}/__emulator/stats`)).json()) as {
            calls: Record<string, number>;
          };
          if (stats.calls['follow/follow_get_info']) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        started.child.kill('SIGTERM');
        await new Promise((resolve) => setTimeout(resolve, 200));
        await expect(fetch(url, { method: 'POST', body: '{}' })).rejects.toThrow();

        const res = await slow;
        expect(res.status).toBe(200);
        expect(await res.json()).toMatchObject({ data: { user: { followers: { totalCount: 250 } } } });
        expect(await started.exited).toBe(0);
        expect(logLines(started).map((line) => line.msg)).toContain('shut down cleanly');
        expect(isRunning(pid)).toBe(false);
        expect(started.stdout.join('')).not.toContain(emulator.secretKey);
      } finally {
        started.child.kill('SIGKILL');
        if (serverPid !== undefined && isRunning(serverPid)) process.kill(serverPid, 'SIGKILL');
        await fetch(`${emulator.url}/__emulator/faults`, { method: 'DELETE' });
      }
    },
  );
});
