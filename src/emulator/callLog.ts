/**
 * The most recent REST calls with when each arrived and was answered (monotonic milliseconds), for
 * tools that measure round trips: calls that overlap in time ran together, a call that starts after
 * another was answered may depend on it. Bounded: the oldest entries are dropped.
 */
export interface CallLogEntry {
  command: string;
  receivedMs: number;
  answeredMs: number;
}

export class CallLog {
  private entries: CallLogEntry[] = [];

  constructor(private readonly capacity = 10_000) {}

  add(entry: CallLogEntry): void {
    if (this.entries.length >= this.capacity) this.entries.shift();
    this.entries.push(entry);
  }

  list(): readonly CallLogEntry[] {
    return this.entries;
  }

  clear(): void {
    this.entries = [];
  }
}
