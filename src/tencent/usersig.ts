/**
 * TLSSigAPIv2 UserSig: generation (client) and verification (emulator). Byte-for-byte the algorithm of
 * Tencent's tls-sig-api-v2 libraries (see tencent-chat-api.md section 4).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';

export interface UserSigFields {
  sdkAppId: number;
  identifier: string;
  /** Unix seconds when the sig was made. */
  time: number;
  /** Validity in seconds from `time`. */
  expire: number;
}

export function signatureOf(key: string, f: UserSigFields): string {
  const content =
    `TLS.identifier:${f.identifier}\n` +
    `TLS.sdkappid:${f.sdkAppId}\n` +
    `TLS.time:${f.time}\n` +
    `TLS.expire:${f.expire}\n`;
  return createHmac('sha256', key).update(content, 'utf8').digest('base64');
}

function toUrlSafe(b64: string): string {
  return b64.replace(/\+/g, '*').replace(/\//g, '-').replace(/=/g, '_');
}

function fromUrlSafe(sig: string): string {
  return sig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=');
}

export function genUserSig(
  key: string,
  sdkAppId: number,
  identifier: string,
  expire: number,
  now: number = Math.floor(Date.now() / 1000),
): string {
  const fields: UserSigFields = { sdkAppId, identifier, time: now, expire };
  const doc = {
    'TLS.ver': '2.0',
    'TLS.identifier': identifier,
    'TLS.sdkappid': sdkAppId,
    'TLS.time': now,
    'TLS.expire': expire,
    'TLS.sig': signatureOf(key, fields),
  };
  return toUrlSafe(deflateSync(Buffer.from(JSON.stringify(doc), 'utf8')).toString('base64'));
}

/** Parsed sig contents; throws on anything that is not a well-formed v2 sig. */
export function decodeUserSig(userSig: string): UserSigFields & { sig: string } {
  const json: unknown = JSON.parse(inflateSync(Buffer.from(fromUrlSafe(userSig), 'base64')).toString('utf8'));
  if (typeof json !== 'object' || json === null) throw new Error('not an object');
  const d = json as Record<string, unknown>;
  const sdkAppId = d['TLS.sdkappid'];
  const identifier = d['TLS.identifier'];
  const time = d['TLS.time'];
  const expire = d['TLS.expire'];
  const sig = d['TLS.sig'];
  if (
    typeof sdkAppId !== 'number' ||
    typeof identifier !== 'string' ||
    typeof time !== 'number' ||
    typeof expire !== 'number' ||
    typeof sig !== 'string'
  ) {
    throw new Error('missing TLS fields');
  }
  return { sdkAppId, identifier, time, expire, sig };
}

export type VerifyFailure =
  | 'empty'
  | 'parse'
  | 'appid-mismatch'
  | 'identifier-mismatch'
  | 'expired'
  | 'signature';
export type VerifyResult = { ok: true; fields: UserSigFields } | { ok: false; reason: VerifyFailure };

/** Verification in the order of Tencent's reference verifiers. */
export function verifyUserSig(
  key: string,
  sdkAppId: number,
  identifier: string,
  userSig: string,
  now: number = Math.floor(Date.now() / 1000),
): VerifyResult {
  if (userSig.length === 0) return { ok: false, reason: 'empty' };
  let decoded: ReturnType<typeof decodeUserSig>;
  try {
    decoded = decodeUserSig(userSig);
  } catch {
    return { ok: false, reason: 'parse' };
  }
  if (decoded.sdkAppId !== sdkAppId) return { ok: false, reason: 'appid-mismatch' };
  if (decoded.identifier !== identifier) return { ok: false, reason: 'identifier-mismatch' };
  if (now > decoded.time + decoded.expire) return { ok: false, reason: 'expired' };
  const expected = Buffer.from(signatureOf(key, decoded));
  const actual = Buffer.from(decoded.sig);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    return { ok: false, reason: 'signature' };
  }
  const { sig: _sig, ...fields } = decoded;
  return { ok: true, fields };
}

/** Holds one sig per identifier and renews it well before it expires. */
export class UserSigCache {
  private sig = '';
  private renewAt = 0;

  constructor(
    private readonly key: string,
    private readonly sdkAppId: number,
    private readonly identifier: string,
    private readonly expireSeconds: number,
    private readonly clock: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  get(): string {
    const now = this.clock();
    if (now >= this.renewAt) {
      this.sig = genUserSig(this.key, this.sdkAppId, this.identifier, this.expireSeconds, now);
      // Renew at 80% of the validity so a sig in flight never expires on the way.
      this.renewAt = now + Math.floor(this.expireSeconds * 0.8);
    }
    return this.sig;
  }
}
