/**
 * The BFF's upstream caller: what a team writes by hand over undici. A keep-alive pool, the signed
 * query string, JSON in and out, the envelope checked. No retries, rate limit or metrics.
 */
import { Pool } from 'undici';
import { genUserSig } from '../../../src/tencent/usersig.js';

export interface UpstreamSettings {
  baseUrl: string;
  sdkAppId: number;
  secretKey: string;
  admin: string;
  connections: number;
}

export class UpstreamError extends Error {
  constructor(
    readonly code: number,
    command: string,
  ) {
    super(`${command} failed with ErrorCode ${code}`);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: the BFF trusts upstream's JSON as a hand-written one would
export type Json = any;

export function createUpstream(settings: UpstreamSettings) {
  const pool = new Pool(settings.baseUrl, { connections: settings.connections, keepAliveTimeout: 30_000 });
  const sig = genUserSig(settings.secretKey, settings.sdkAppId, settings.admin, 7 * 86_400);
  const query = `sdkappid=${settings.sdkAppId}&identifier=${encodeURIComponent(settings.admin)}&usersig=${encodeURIComponent(sig)}&contenttype=json`;

  return {
    admin: settings.admin,
    async call(command: string, body: unknown): Promise<Json> {
      const random = Math.floor(Math.random() * 4294967295);
      const res = await pool.request({
        path: `/v4/${command}?${query}&random=${random}`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const json = (await res.body.json()) as Json;
      if (json.ActionStatus !== 'OK' || json.ErrorCode !== 0)
        throw new UpstreamError(json.ErrorCode, command);
      return json;
    },
    close: () => pool.close(),
  };
}

export type Upstream = ReturnType<typeof createUpstream>;

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
