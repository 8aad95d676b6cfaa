/**
 * Checks a callback request as Tencent sends it (docs/tencent-chat-api.md section 6): the app it is
 * for, and, with a callback token configured, `Sign = hex(sha256(token + RequestTime))` with
 * |now - RequestTime| <= 60 s. Returns why it is refused, or undefined when it may be used.
 */
import { timingSafeEqual } from 'node:crypto';
import { CALLBACK_MAX_SKEW_SECONDS, callbackSign } from '../../tencent/callbacks.js';

export interface CallbackVerifier {
  sdkAppId: number;
  /** The console's callback token; undefined: callbacks are not signed (not recommended). */
  token: string | undefined;
  /** Unix seconds. */
  now(): number;
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a.toLowerCase(), 'utf8');
  const y = Buffer.from(b.toLowerCase(), 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

export function refusal(query: URLSearchParams, verifier: CallbackVerifier): string | undefined {
  if (query.get('SdkAppid') !== String(verifier.sdkAppId)) return 'SdkAppid is not this app';
  if (!query.get('CallbackCommand')) return 'no CallbackCommand';
  if (verifier.token === undefined) return undefined;
  const sign = query.get('Sign');
  const requestTime = query.get('RequestTime');
  if (!sign || !requestTime) return 'unsigned';
  if (!/^\d{1,12}$/.test(requestTime)) return 'bad RequestTime';
  if (Math.abs(verifier.now() - Number(requestTime)) > CALLBACK_MAX_SKEW_SECONDS)
    return 'RequestTime out of range';
  if (!sameHex(sign, callbackSign(verifier.token, requestTime))) return 'bad Sign';
  return undefined;
}
