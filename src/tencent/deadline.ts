/**
 * One deadline per request, shared by every upstream call and retry the request makes. The server
 * starts it when a request arrives and runs the request's execution inside it (AsyncLocalStorage), so
 * the ChatApi interface stays as it is: the transport, the shared reads and the loaders find the
 * current deadline without having it passed down.
 *
 * Writes keep a reserve at the end of the deadline: if the answer to a write is lost, the request must
 * still have time to read the state back (schema/writes) and report what is true.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { TencentError } from './errors.js';

export class Deadline {
  private passedSignal: Promise<void> | undefined;

  constructor(
    /** `performance.now()` time at which the request's upstream work must be over. */
    readonly at: number,
    /** Kept free of write attempts, for reading the state back after a lost answer. */
    readonly readBackReserveMs = 0,
  ) {}

  /** A deadline `ms` from now; writes leave `readBackReserveMs` of it for reading back. */
  static after(ms: number, readBackReserveMs = 0): Deadline {
    return new Deadline(performance.now() + ms, readBackReserveMs);
  }

  /** Milliseconds left (negative once passed). */
  remaining(now = performance.now()): number {
    return this.at - now;
  }

  /** What a write attempt may use: the time left before the read-back reserve. */
  forWrites(now = performance.now()): number {
    return this.at - this.readBackReserveMs - now;
  }

  /** Resolves when the deadline passes: one timer per deadline (made on first use), not per waiter. */
  passed(): Promise<void> {
    this.passedSignal ??= new Promise((resolve) => {
      setTimeout(resolve, Math.max(0, this.remaining())).unref?.();
    });
    return this.passedSignal;
  }
}

const current = new AsyncLocalStorage<Deadline>();

/** Runs `fn` (and everything it starts) under `deadline`; undefined: under none. */
export function withDeadline<T>(deadline: Deadline | undefined, fn: () => T): T {
  return deadline ? current.run(deadline, fn) : current.exit(fn);
}

/** The deadline of the request this code runs for, if any. */
export function currentDeadline(): Deadline | undefined {
  return current.getStore();
}

/** The later of two deadlines (undefined: none, i.e. the call's own budget only). */
export function laterDeadline(a: Deadline | undefined, b: Deadline | undefined): Deadline | undefined {
  if (!a || !b) return undefined;
  return a.at >= b.at ? a : b;
}

/** The error of a call that was not (or no longer) worth making: the request's deadline has passed. */
export function deadlineExceeded(command: string): TencentError {
  return new TencentError('deadline', command, `${command}: the request's deadline passed`);
}

/**
 * `promise`, or a deadline error when `deadline` passes first. For a request waiting on work it shares
 * with others (a cross-request batch, a page read in flight): that work may run under a later deadline,
 * but this request stops waiting at its own.
 */
export function raceDeadline<T>(
  promise: Promise<T>,
  deadline: Deadline | undefined,
  command: string,
): Promise<T> {
  if (!deadline) return promise;
  const left = deadline.remaining();
  if (left <= 0) {
    promise.catch(() => undefined);
    return Promise.reject(deadlineExceeded(command));
  }
  return new Promise<T>((resolve, reject) => {
    deadline.passed().then(() => reject(deadlineExceeded(command)));
    promise.then(resolve, reject);
  });
}
