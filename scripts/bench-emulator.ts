/**
 * Emulator throughput check: `npm run bench:emulator`. Starts a demo-seeded emulator on a
 * random port with the rate limit off and measures calls/second over keep-alive HTTP (undici Pool)
 * for follow_get (WantNum 100) and follow_get_info (20 users). Bounded by time and by call count.
 */
import { Pool } from 'undici';
import { DEMO, startEmulator } from '../src/emulator/index.js';
import { genUserSig } from '../src/tencent/usersig.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2.5);
const CONCURRENCY = 16;
const MAX_CALLS = 1_000_000;

async function main(): Promise<void> {
  const emu = await startEmulator({ port: 0, seed: 'demo', rateLimitPerSecond: 0 });
  const pool = new Pool(emu.url, { connections: CONCURRENCY, pipelining: 1 });
  const sig = genUserSig(emu.secretKey, emu.sdkAppId, emu.admin, 86_400);
  const path = (command: string) =>
    `/v4/${command}?sdkappid=${emu.sdkAppId}&identifier=${emu.admin}&usersig=${sig}&random=1&contenttype=json`;

  async function measure(name: string, command: string, body: string): Promise<void> {
    const deadline = performance.now() + SECONDS * 1000;
    let calls = 0;
    let failures = 0;
    let bytes = 0;
    const worker = async () => {
      while (performance.now() < deadline && calls < MAX_CALLS) {
        calls++;
        const res = await pool.request({ method: 'POST', path: path(command), body });
        const text = await res.body.text();
        bytes += text.length;
        if (res.statusCode !== 200 || !text.includes('"ErrorCode":0')) failures++;
      }
    };
    const t0 = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const elapsed = (performance.now() - t0) / 1000;
    console.log(
      `${name.padEnd(34)} ${Math.round(calls / elapsed)
        .toString()
        .padStart(7)} calls/s  (${calls} calls in ${elapsed.toFixed(2)} s, ` +
        `${Math.round(bytes / calls)} B/answer, ${failures} failures)`,
    );
  }

  try {
    await measure(
      'follow_get (fans, WantNum 100)',
      'follow/follow_get',
      JSON.stringify({ From_Account: 'alice', FollowType: 1, StartCursor: '', WantNum: 100 }),
    );
    await measure(
      'follow_get_info (20 users)',
      'follow/follow_get_info',
      JSON.stringify({ From_Account: 'alice', To_Account: DEMO.users.slice(0, 20) }),
    );
  } finally {
    await pool.close();
    await emu.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
