import { deflateSync, inflateSync } from 'node:zlib';
import TLSSigAPIv2 from 'tls-sig-api-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { genUserSig } from '../../src/tencent/usersig.js';
import { Rest } from '../support/emulatorRest.js';

const KEY = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e';
const CMD = 'follow/follow_get_info';
const BODY = { From_Account: 'nobody', To_Account: ['nobody'] };

function decode(sig: string): Record<string, unknown> {
  const b64 = sig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=');
  return JSON.parse(inflateSync(Buffer.from(b64, 'base64')).toString('utf8'));
}
function encode(doc: Record<string, unknown>): string {
  return deflateSync(Buffer.from(JSON.stringify(doc)))
    .toString('base64')
    .replace(/\+/g, '*')
    .replace(/\//g, '-')
    .replace(/=/g, '_');
}

describe('REST protocol', () => {
  let emu: RunningEmulator;
  let rest: Rest;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, secretKey: KEY, rateLimitPerSecond: 0 });
    rest = new Rest(emu);
  });
  afterAll(() => emu.close());

  const code = async (query: Record<string, string | undefined>, body: unknown = BODY, path = CMD) =>
    (await rest.call(path, body, { query })).ErrorCode;

  it('answers a valid call with the full envelope and a JSON content type', async () => {
    const res = await fetch(rest.url(CMD), { method: 'POST', body: JSON.stringify(BODY) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const out = await res.json();
    expect(out).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ErrorDisplay: '' });
    expect(out.FollowInfo[0].ResultCode).toBe(30003);
  });

  it('rejects a missing sdkappid (60012) and a foreign one (60006)', async () => {
    expect(await code({ sdkappid: undefined })).toBe(60012);
    expect(await code({ sdkappid: '1400000001' })).toBe(60006);
    expect(await code({ sdkappid: 'abc' })).toBe(60006);
  });

  it('requires the admin identifier (60010)', async () => {
    const sig = genUserSig(KEY, emu.sdkAppId, 'alice', 3600);
    expect(await code({ identifier: 'alice', usersig: sig })).toBe(60010);
  });

  it('maps every UserSig failure to its code', async () => {
    expect(await code({ usersig: '' })).toBe(70002);
    expect(await code({ usersig: 'not-a-sig' })).toBe(70003);
    expect(await code({ usersig: genUserSig(KEY, 1400000001, emu.admin, 3600) })).toBe(70014);
    expect(await code({ usersig: genUserSig(KEY, emu.sdkAppId, 'someone', 3600) })).toBe(70013);
    const old = Math.floor(Date.now() / 1000) - 7200;
    expect(await code({ usersig: genUserSig(KEY, emu.sdkAppId, emu.admin, 3600, old) })).toBe(70001);
    expect(await code({ usersig: genUserSig('0'.repeat(64), emu.sdkAppId, emu.admin, 3600) })).toBe(70009);
  });

  it('accepts a UserSig made by the official tls-sig-api-v2 package and rejects it tampered (70009)', async () => {
    const sig = new TLSSigAPIv2.Api(emu.sdkAppId, KEY).genSig(emu.admin, 86_400);
    expect(await code({ usersig: sig })).toBe(0);
    const doc = decode(sig);
    const s = doc['TLS.sig'] as string;
    doc['TLS.sig'] = (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    expect(await code({ usersig: encode(doc) })).toBe(70009);
  });

  it('uses the injected clock for expiry', async () => {
    let now = 1_800_000_000;
    const clocked = await startEmulator({ port: 0, secretKey: KEY, now: () => now });
    try {
      const r = new Rest(clocked);
      const sig = genUserSig(KEY, clocked.sdkAppId, clocked.admin, 100, now);
      expect((await r.call(CMD, BODY, { query: { usersig: sig } })).ErrorCode).toBe(0);
      now += 100;
      expect((await r.call(CMD, BODY, { query: { usersig: sig } })).ErrorCode).toBe(0);
      now += 1;
      expect((await r.call(CMD, BODY, { query: { usersig: sig } })).ErrorCode).toBe(70001);
    } finally {
      await clocked.close();
    }
  });

  it('rejects empty and invalid JSON bodies (60003)', async () => {
    for (const rawBody of ['', '   ', '{"a":', '[1]', '"x"', '{"WantNum":100,}']) {
      expect((await rest.call(CMD, null, { rawBody })).ErrorCode).toBe(60003);
    }
  });

  it('answers unknown commands with 60009 and bad URLs or methods with 60002', async () => {
    expect((await rest.call('follow/follow_nope', {})).ErrorCode).toBe(60009);
    expect((await rest.call('nosuch/thing', {})).ErrorCode).toBe(60009);
    expect(await code({ contenttype: undefined })).toBe(60002);
    expect(await code({ random: 'x' })).toBe(60002);
    const get = await rest.raw(CMD, undefined, { method: 'GET' });
    expect(get.status).toBe(200);
    expect(JSON.parse(get.text).ErrorCode).toBe(60002);
  });

  it('caps the body size (60002)', async () => {
    const big = JSON.stringify({ From_Account: 'x', To_Account: ['x'], pad: 'y'.repeat(1_100_000) });
    expect((await rest.call(CMD, null, { rawBody: big })).ErrorCode).toBe(60002);
  });
});

describe('rate limit', () => {
  it('answers 60007 beyond the per-command rate, independently per command', async () => {
    const emu = await startEmulator({ port: 0, rateLimitPerSecond: 5 });
    try {
      const rest = new Rest(emu);
      const codes = await Promise.all(
        Array.from({ length: 10 }, async () => (await rest.call(CMD, BODY)).ErrorCode),
      );
      expect(codes.filter((c) => c === 60007).length).toBeGreaterThanOrEqual(4);
      expect(codes.filter((c) => c === 0).length).toBeGreaterThanOrEqual(5);
      const other = await rest.call('follow/follow_check', { From_Account: 'x', To_Account: ['y'] });
      expect(other.ErrorCode).not.toBe(60007);
    } finally {
      await emu.close();
    }
  });
});
