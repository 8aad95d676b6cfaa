import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeUserSig, genUserSig, UserSigCache, verifyUserSig } from '../../src/tencent/usersig.js';

const require = createRequire(import.meta.url);
const Official = require('tls-sig-api-v2') as {
  Api: new (sdkappid: number, key: string) => { genUserSig(id: string, expire: number): string };
};

// Fixed vector from tencent-chat-api.md section 4.1.
const KEY = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e';
const APP = 1400000000;
const NODE_SIG =
  'eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwhWZiflZpXlQqeKU7MSCgswUJStDEwMogMiUZOamKlkZmqOKplYUZBaBxE1NTY3gosWZ6UpWSj5ljuYp*p7l5unBxXnF2WVhVU4uAf7Ozi5JpX7O5SbuHuUhzgZJmQXaTia2SrUAohcx8g__';
const PYTHON_SIG =
  'eJyrVgrxCdYrSy1SslJQMtIzUNJRAItkpqTmlWSmZUIkKjIT87NK82CSxSnZiQUFmSlAKUMTAyiAyqVWFGQWpYJkTE1NjRDiJZm5YFFzNPXFmekgG3zKHM1T9D3LzdODi-OKs8vCqpxcAvydnV2SSv2cy03cPcpDnA2SMgu0nUxslWoBHdYzUg__';

afterEach(() => vi.restoreAllMocks());

describe('UserSig', () => {
  it('reproduces the documented vector byte for byte', () => {
    expect(genUserSig(KEY, APP, 'xiaojun', 15552000, 1700000000)).toBe(NODE_SIG);
    expect(decodeUserSig(NODE_SIG).sig).toBe('LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4=');
    const admin = decodeUserSig(genUserSig(KEY, APP, 'administrator', 86400, 1700000000));
    expect(admin.sig).toBe('yLAe+w7WUeUuqbV9h/TX78u21oTGi+i9Zp1u3PpnY60=');
  });

  it('verifies sigs serialised differently by other implementations (Python json.dumps)', () => {
    expect(verifyUserSig(KEY, APP, 'xiaojun', PYTHON_SIG, 1700000001)).toEqual({
      ok: true,
      fields: { sdkAppId: APP, identifier: 'xiaojun', time: 1700000000, expire: 15552000 },
    });
  });

  it('agrees with the official tls-sig-api-v2 package in both directions', () => {
    vi.spyOn(Date, 'now').mockReturnValue(1_750_000_000_000);
    const theirs = new Official.Api(APP, KEY).genUserSig('administrator', 86400);
    const ours = genUserSig(KEY, APP, 'administrator', 86400, 1_750_000_000);
    expect(ours).toBe(theirs);
    expect(verifyUserSig(KEY, APP, 'administrator', theirs, 1_750_000_000)).toMatchObject({ ok: true });
    expect(decodeUserSig(theirs)).toEqual(decodeUserSig(ours));
  });

  it('rejects each kind of bad sig with its own reason', () => {
    const sig = genUserSig(KEY, APP, 'administrator', 100, 1000);
    expect(verifyUserSig(KEY, APP, 'administrator', '', 1000)).toEqual({ ok: false, reason: 'empty' });
    expect(verifyUserSig(KEY, APP, 'administrator', sig.slice(0, 20), 1000)).toEqual({
      ok: false,
      reason: 'parse',
    });
    expect(verifyUserSig(KEY, APP + 1, 'administrator', sig, 1000)).toEqual({
      ok: false,
      reason: 'appid-mismatch',
    });
    expect(verifyUserSig(KEY, APP, 'someone', sig, 1000)).toEqual({
      ok: false,
      reason: 'identifier-mismatch',
    });
    expect(verifyUserSig(KEY, APP, 'administrator', sig, 1100)).toMatchObject({ ok: true }); // boundary is valid
    expect(verifyUserSig(KEY, APP, 'administrator', sig, 1101)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyUserSig(`${KEY}0`, APP, 'administrator', sig, 1000)).toEqual({
      ok: false,
      reason: 'signature',
    });
  });

  it('is generated once and renewed well before expiry', () => {
    let now = 1_000_000;
    const cache = new UserSigCache(KEY, APP, 'administrator', 1000, () => now);
    const first = cache.get();
    now += 700;
    expect(cache.get()).toBe(first);
    now += 101; // 80% of validity passed: renew while the old one is still valid
    const renewed = cache.get();
    expect(renewed).not.toBe(first);
    expect(decodeUserSig(renewed).time).toBe(now);
  });
});
