/**
 * Readiness: upstream reachable and our signature accepted (a cheap follow_get_info for the admin
 * account), answered from a cache for a few seconds and never by two probes at once.
 */
import type { ChatApi } from '../../tencent/api.js';
import { TencentError } from '../../tencent/errors.js';

export type ReadinessResult = { ready: true } | { ready: false; reason: string };

export interface ReadinessOptions {
  api: ChatApi;
  adminIdentifier: string;
  /** How long an answer is reused. */
  cacheMs: number;
  /** A probe slower than this counts as not ready. */
  timeoutMs?: number;
}

function reasonOf(error: unknown): string {
  if (error instanceof TencentError) {
    if (error.kind === 'api') return `upstream refused the call (Tencent error ${error.code})`;
    if (error.kind === 'http') return `upstream answered HTTP ${error.httpStatus}`;
    return `upstream ${error.kind} error`;
  }
  return 'upstream check failed';
}

export function createReadinessCheck(options: ReadinessOptions): () => Promise<ReadinessResult> {
  const timeoutMs = options.timeoutMs ?? 3000;
  let cached: { at: number; result: ReadinessResult } | undefined;
  let inFlight: Promise<ReadinessResult> | undefined;

  const probe = async (): Promise<ReadinessResult> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<ReadinessResult>((resolve) => {
      timer = setTimeout(
        () => resolve({ ready: false, reason: `upstream did not answer within ${timeoutMs} ms` }),
        timeoutMs,
      );
    });
    const call = options.api
      .call('follow/follow_get_info', {
        From_Account: options.adminIdentifier,
        To_Account: [options.adminIdentifier],
      })
      .then(
        (): ReadinessResult => ({ ready: true }),
        (error: unknown): ReadinessResult => ({ ready: false, reason: reasonOf(error) }),
      );
    try {
      return await Promise.race([call, timeout]);
    } finally {
      clearTimeout(timer);
    }
  };

  return () => {
    const now = Date.now();
    if (cached && now - cached.at < options.cacheMs) return Promise.resolve(cached.result);
    inFlight ??= probe().then((result) => {
      cached = { at: Date.now(), result };
      inFlight = undefined;
      return result;
    });
    return inFlight;
  };
}
