/**
 * Typed upstream failures. Messages never contain the request URL (it carries the UserSig) or the key.
 */
import { NOT_APPLIED_CODES, RATE_LIMIT_CODES, TRANSIENT_CODES } from './wire.js';

export type TencentErrorKind =
  /** Upstream answered ActionStatus FAIL with an ErrorCode. */
  | 'api'
  /** Non-200 HTTP status. */
  | 'http'
  /** Body was not the JSON envelope. */
  | 'malformed'
  /** No answer within the timeout. */
  | 'timeout'
  /** Connection refused / reset / DNS: the request may or may not have reached upstream. */
  | 'network'
  /** Could not connect at all: the request certainly did not reach upstream. */
  | 'connect'
  /** Our own client-side rate limiter: its queue is longer than the request's deadline allows. */
  | 'rate-limited'
  /** The request's deadline passed before the call could be made (nothing was sent). */
  | 'deadline'
  /** The circuit breaker of this command is open: upstream has been failing; nothing was sent. */
  | 'circuit-open';

/** Kinds of failure where nothing reached upstream. */
const NOT_SENT: ReadonlySet<TencentErrorKind> = new Set([
  'connect',
  'rate-limited',
  'deadline',
  'circuit-open',
]);

export class TencentError extends Error {
  override readonly name = 'TencentError';

  constructor(
    readonly kind: TencentErrorKind,
    /** `service/command`. */
    readonly command: string,
    message: string,
    /** Tencent ErrorCode when kind is 'api'. */
    readonly code?: number,
    /** HTTP status when kind is 'http'. */
    readonly httpStatus?: number,
    /** When a retry may succeed, for refusals of our own (rate-limited, circuit-open). */
    readonly retryAfterMs?: number,
    /** How long the attempt waited for an answer, for timeouts. */
    readonly elapsedMs?: number,
  ) {
    super(message);
  }

  /** True when the answer proves the request was not applied upstream. */
  get provesNotApplied(): boolean {
    if (NOT_SENT.has(this.kind)) return true;
    return this.kind === 'api' && this.code !== undefined && NOT_APPLIED_CODES.has(this.code);
  }

  /** True when a retry may succeed (for reads; writes additionally need provesNotApplied). */
  get transient(): boolean {
    switch (this.kind) {
      case 'api':
        return this.code !== undefined && (RATE_LIMIT_CODES.has(this.code) || TRANSIENT_CODES.has(this.code));
      case 'http':
        return this.httpStatus !== undefined && (this.httpStatus >= 500 || this.httpStatus === 429);
      case 'malformed':
      case 'timeout':
      case 'network':
      case 'connect':
        return true;
      default:
        return false;
    }
  }

  /**
   * True when nobody can tell whether a write was applied: it was sent, and its answer is lost (no
   * answer in time, a connection cut after sending, an unreadable body, a gateway's 5xx page) or says
   * only "internal error, retry". Such a write must be checked by reading the state back.
   */
  get outcomeUnknown(): boolean {
    switch (this.kind) {
      case 'timeout':
      case 'network':
      case 'malformed':
        return true;
      case 'http':
        return this.httpStatus === undefined || this.httpStatus >= 500;
      case 'api':
        return this.code !== undefined && TRANSIENT_CODES.has(this.code);
      default:
        return false;
    }
  }

  get isRateLimit(): boolean {
    return this.kind === 'rate-limited' || (this.kind === 'api' && RATE_LIMIT_CODES.has(this.code ?? -1));
  }
}
