/**
 * What the emulator saw, per `service/command`: calls made, answers that were not OK by error code
 * (60007 when over the rate, injected faults, auth and input errors), and the largest number of calls
 * that arrived within any one second (a sliding window over arrival times), so a test can prove a
 * client-side budget held.
 */
export interface CallStatsSnapshot {
  calls: Record<string, number>;
  /** e.g. `{"follow/follow_get_info": {"60007": 3}}` */
  errors: Record<string, Record<string, number>>;
  /** The most calls seen within any 1,000 ms, per command. */
  maxCallsPerSecond: Record<string, number>;
}

const WINDOW_MS = 1000;

/** Arrival times of the last second, oldest first, in a growable ring. */
class Window {
  private times = new Float64Array(256);
  private head = 0;
  private size = 0;
  max = 0;

  add(now: number): void {
    while (this.size > 0 && (this.times[this.head] as number) <= now - WINDOW_MS) {
      this.head = (this.head + 1) % this.times.length;
      this.size -= 1;
    }
    if (this.size === this.times.length) {
      const grown = new Float64Array(this.times.length * 2);
      for (let i = 0; i < this.size; i++)
        grown[i] = this.times[(this.head + i) % this.times.length] as number;
      this.times = grown;
      this.head = 0;
    }
    this.times[(this.head + this.size) % this.times.length] = now;
    this.size += 1;
    if (this.size > this.max) this.max = this.size;
  }
}

export class CallStats {
  private readonly calls = new Map<string, number>();
  private readonly errors = new Map<string, Map<number, number>>();
  private readonly windows = new Map<string, Window>();

  constructor(private readonly clockMs: () => number = () => performance.now()) {}

  /** A request to `command` arrived. */
  call(command: string): void {
    this.calls.set(command, (this.calls.get(command) ?? 0) + 1);
    let window = this.windows.get(command);
    if (!window) {
      window = new Window();
      this.windows.set(command, window);
    }
    window.add(this.clockMs());
  }

  /** `command` was answered with `errorCode` (0 = OK, not counted). */
  answered(command: string, errorCode: number): void {
    if (errorCode === 0) return;
    let codes = this.errors.get(command);
    if (!codes) {
      codes = new Map();
      this.errors.set(command, codes);
    }
    codes.set(errorCode, (codes.get(errorCode) ?? 0) + 1);
  }

  snapshot(): CallStatsSnapshot {
    return {
      calls: Object.fromEntries(this.calls),
      errors: Object.fromEntries(
        [...this.errors].map(([command, codes]) => [
          command,
          Object.fromEntries([...codes].map(([code, n]) => [String(code), n])),
        ]),
      ),
      maxCallsPerSecond: Object.fromEntries([...this.windows].map(([command, w]) => [command, w.max])),
    };
  }

  clear(): void {
    this.calls.clear();
    this.errors.clear();
    this.windows.clear();
  }
}
