/**
 * `refusal()` (src/server/callbacks/verify.ts): the app id, the command, and with a token the Sign over
 * token + RequestTime within 60 s either side; the documented test vector.
 */
import { describe, expect, it } from 'vitest';
import { type CallbackVerifier, refusal } from '../../src/server/callbacks/verify.js';
import { callbackSign } from '../../src/tencent/callbacks.js';

const SDK_APP_ID = 1400000000;
const TOKEN = 'callback-token-under-test';
const NOW = 1_750_000_000;

const verifier = (token = TOKEN, now = NOW): CallbackVerifier => ({
  sdkAppId: SDK_APP_ID,
  token,
  now: () => now,
});
/** No callback token configured: callbacks are not signed. */
const unsignedVerifier = (): CallbackVerifier => ({ sdkAppId: SDK_APP_ID, token: undefined, now: () => NOW });

function query(params: Record<string, string | number | undefined>): URLSearchParams {
  const out = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined) out.set(name, String(value));
  return out;
}

/** The query Tencent sends, signed with `token` at `requestTime`. */
function signed(requestTime: number, token = TOKEN, extra: Record<string, string | undefined> = {}) {
  return query({
    SdkAppid: SDK_APP_ID,
    CallbackCommand: 'Follow.CallbackAfterFollowAdd',
    contenttype: 'json',
    ClientIP: '127.0.0.1',
    OptPlatform: 'RESTAPI',
    Sign: callbackSign(token, requestTime),
    RequestTime: requestTime,
    ...extra,
  });
}

describe('callbackSign', () => {
  it('reproduces the documented vector', () => {
    expect(callbackSign('xxxxyyyy', 1669872112)).toBe(
      '17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061',
    );
    expect(callbackSign('xxxxyyyy', '1669872112')).toBe(callbackSign('xxxxyyyy', 1669872112));
  });
});

describe('refusal()', () => {
  it('accepts a correctly signed, current callback', () => {
    expect(refusal(signed(NOW), verifier())).toBeUndefined();
  });

  it('accepts the documented vector (token xxxxyyyy, RequestTime 1669872112)', () => {
    const q = query({
      SdkAppid: SDK_APP_ID,
      CallbackCommand: 'Follow.CallbackAfterFollowAdd',
      contenttype: 'json',
      ClientIP: '127.0.0.1',
      OptPlatform: 'RESTAPI',
      Sign: '17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061',
      RequestTime: '1669872112',
    });
    expect(refusal(q, verifier('xxxxyyyy', 1669872112))).toBeUndefined();
    // The same request with another token is a bad Sign.
    expect(refusal(q, verifier('xxxxyyyz', 1669872112))).toBe('bad Sign');
  });

  it('refuses a wrong or missing SdkAppid, signed or not', () => {
    expect(refusal(signed(NOW, TOKEN, { SdkAppid: '1400000001' }), verifier())).toBe(
      'SdkAppid is not this app',
    );
    expect(refusal(signed(NOW, TOKEN, { SdkAppid: undefined }), verifier())).toBe('SdkAppid is not this app');
    expect(refusal(signed(NOW, TOKEN, { SdkAppid: '' }), verifier())).toBe('SdkAppid is not this app');
    const unsigned = query({ SdkAppid: 1400000001, CallbackCommand: 'Follow.CallbackAfterFollowAdd' });
    expect(refusal(unsigned, unsignedVerifier())).toBe('SdkAppid is not this app');
    // Only the exact parameter name counts.
    const renamed = query({ sdkappid: SDK_APP_ID, CallbackCommand: 'Follow.CallbackAfterFollowAdd' });
    expect(refusal(renamed, unsignedVerifier())).toBe('SdkAppid is not this app');
  });

  it('refuses a missing or empty CallbackCommand', () => {
    expect(refusal(signed(NOW, TOKEN, { CallbackCommand: undefined }), verifier())).toBe(
      'no CallbackCommand',
    );
    expect(refusal(signed(NOW, TOKEN, { CallbackCommand: '' }), verifier())).toBe('no CallbackCommand');
    expect(refusal(query({ SdkAppid: SDK_APP_ID }), unsignedVerifier())).toBe('no CallbackCommand');
  });

  it('with a token: refuses an unsigned callback, or one missing Sign or RequestTime', () => {
    const bare = query({ SdkAppid: SDK_APP_ID, CallbackCommand: 'Follow.CallbackAfterFollowAdd' });
    expect(refusal(bare, verifier())).toBe('unsigned');
    expect(refusal(signed(NOW, TOKEN, { Sign: undefined }), verifier())).toBe('unsigned');
    expect(refusal(signed(NOW, TOKEN, { RequestTime: undefined }), verifier())).toBe('unsigned');
    expect(refusal(signed(NOW, TOKEN, { Sign: '' }), verifier())).toBe('unsigned');
  });

  it('with a token: refuses a bad Sign', () => {
    // Signed with another token.
    expect(refusal(signed(NOW, 'another-token'), verifier())).toBe('bad Sign');
    // Signed for another RequestTime.
    expect(refusal(signed(NOW, TOKEN, { Sign: callbackSign(TOKEN, NOW - 1) }), verifier())).toBe('bad Sign');
    // Right length, one digit off.
    const good = callbackSign(TOKEN, NOW);
    const flipped = `${good.slice(0, -1)}${good.endsWith('0') ? '1' : '0'}`;
    expect(refusal(signed(NOW, TOKEN, { Sign: flipped }), verifier())).toBe('bad Sign');
    // A prefix, garbage, and the sha256 of the token alone.
    expect(refusal(signed(NOW, TOKEN, { Sign: good.slice(0, 32) }), verifier())).toBe('bad Sign');
    expect(refusal(signed(NOW, TOKEN, { Sign: 'not-hex' }), verifier())).toBe('bad Sign');
    expect(refusal(signed(NOW, TOKEN, { Sign: callbackSign(TOKEN, '') }), verifier())).toBe('bad Sign');
  });

  it('with a token: refuses a RequestTime 61 s old or 61 s ahead, accepts 60 s either way', () => {
    expect(refusal(signed(NOW - 61), verifier())).toBe('RequestTime out of range');
    expect(refusal(signed(NOW + 61), verifier())).toBe('RequestTime out of range');
    expect(refusal(signed(NOW - 60), verifier())).toBeUndefined();
    expect(refusal(signed(NOW + 60), verifier())).toBeUndefined();
    expect(refusal(signed(NOW - 3600), verifier())).toBe('RequestTime out of range');
  });

  it('with a token: refuses a RequestTime that is not plain digits, even when signed over it', () => {
    for (const requestTime of [`${NOW}.0`, ` ${NOW}`, `+${NOW}`, `${NOW}e0`, '0x1', '-1']) {
      const q = signed(NOW, TOKEN, { RequestTime: requestTime, Sign: callbackSign(TOKEN, requestTime) });
      expect(refusal(q, verifier()), requestTime).toBe('bad RequestTime');
    }
  });

  it('without a token: accepts an unsigned callback for this app', () => {
    const bare = query({
      SdkAppid: SDK_APP_ID,
      CallbackCommand: 'Follow.CallbackAfterFollowDelete',
      contenttype: 'json',
      ClientIP: '127.0.0.1',
      OptPlatform: 'Android',
    });
    expect(refusal(bare, unsignedVerifier())).toBeUndefined();
  });

  it('answers a reason that names no secret', () => {
    const reasons = [
      refusal(signed(NOW, 'another-token'), verifier()),
      refusal(signed(NOW - 61), verifier()),
      refusal(query({ SdkAppid: SDK_APP_ID, CallbackCommand: 'x' }), verifier()),
    ];
    for (const reason of reasons) {
      expect(typeof reason).toBe('string');
      expect(reason).not.toContain(TOKEN);
      expect(reason).not.toContain(callbackSign(TOKEN, NOW));
    }
  });
});
