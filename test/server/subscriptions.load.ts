/**
 * 1,000 concurrent SSE subscriptions on one server process (`node dist/main.js`, as in production),
 * one change made directly against the emulator, fanned out to all of them once each; the server's
 * memory per subscription and the delivery latency are printed (docs/subscriptions.md quotes them).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { Agent } from 'undici';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { createTencentClient, type TencentClient } from '../../src/tencent/client.js';
import { configForUpstream } from '../../src/tencent/config.js';
import { ROOT } from '../support/files.js';
import { freePort } from '../support/ports.js';

const SUBSCRIBERS = 1000;
const TOKEN = 'scale-test-callback-token';

let emulator: RunningEmulator;
let client: TencentClient;
let server: ChildProcess;
let url: string;

const rssKiB = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 'demo', rateLimitPerSecond: 0 });
  client = createTencentClient(configForUpstream(emulator, { rateLimitPerSecond: 0 }));
  const port = await freePort();
  server = spawn(process.execPath, ['dist/main.js'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      AUTH_MODE: 'dev',
      TENCENT_SDKAPPID: String(emulator.sdkAppId),
      TENCENT_SECRET_KEY: emulator.secretKey,
      TENCENT_ADMIN_IDENTIFIER: emulator.admin,
      TENCENT_API_BASE_URL: emulator.url,
      TENCENT_CALLBACK_TOKEN: TOKEN,
      PUBLIC_EVENT_SUBSCRIPTIONS: 'true',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  url = `http://127.0.0.1:${port}/graphql`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error('the server did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  emulator.setCallback({ url: `http://127.0.0.1:${port}/tencent/callback`, token: TOKEN });
}, 60_000);

afterAll(async () => {
  server.kill('SIGTERM');
  await once(server, 'exit');
  await client.close();
  await emulator.close();
});

it(`${SUBSCRIBERS} SSE subscribers each receive one event for one change`, async () => {
  const agent = new Agent({ connections: SUBSCRIBERS + 10 });
  const controller = new AbortController();
  const pid = server.pid as number;
  const rssBefore = rssKiB(pid);
  const received: number[] = [];
  let opened = 0;
  const query = 'subscription { followEvents(userId: "carol") { kind follower { id } } }';
  await client.followDelete('user_150', ['carol']);
  await emulator.callbacksIdle();

  const subscribers = Array.from({ length: SUBSCRIBERS }, async (_, i) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        'x-user-id': `viewer_${i}`,
      },
      body: JSON.stringify({ query }),
      signal: controller.signal,
      // @ts-expect-error undici's dispatcher option on Node's fetch
      dispatcher: agent,
    });
    opened += 1;
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      text += decoder.decode(value);
      const events = text.split('\n\n').filter((chunk) => chunk.startsWith('event: next'));
      if (events.length > 0) {
        received.push(Date.now());
        expect(events[0]).toContain('"follower":{"id":"user_150"}');
        return;
      }
    }
  });

  const deadline = Date.now() + 30_000;
  while (opened < SUBSCRIBERS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  expect(opened).toBe(SUBSCRIBERS);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const rssOpen = rssKiB(pid);

  const started = Date.now();
  await client.followAdd('user_150', ['carol']);
  while (received.length < SUBSCRIBERS && Date.now() < deadline + 30_000) {
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(received.length).toBe(SUBSCRIBERS);
  const latencies = received.map((at) => at - started).sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  console.log(
    `${SUBSCRIBERS} SSE subscriptions: server RSS ${Math.round(rssBefore / 1024)} MiB idle, ` +
      `${Math.round(rssOpen / 1024)} MiB with them open (${(((rssOpen - rssBefore) * 1024) / SUBSCRIBERS / 1024).toFixed(1)} KiB each); ` +
      `one change delivered to all in p50 ${p(0.5)} ms, p99 ${p(0.99)} ms, last ${latencies.at(-1)} ms`,
  );
  controller.abort();
  await Promise.allSettled(subscribers);
  await agent.close();
  await client.followDelete('user_150', ['carol']);
}, 120_000);
