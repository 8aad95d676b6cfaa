/**
 * Sequential round trips from the emulator's call log (GET /__emulator/log): the longest chain of calls
 * in which each one started after the one before it was answered. Calls that overlap ran together and
 * count once. Measured one operation at a time, with latency on, so that the chains are clear.
 */
export interface LoggedCall {
  command: string;
  receivedMs: number;
  answeredMs: number;
}

export function roundTrips(calls: readonly LoggedCall[]): number {
  const sorted = [...calls].sort((a, b) => a.receivedMs - b.receivedMs);
  const depth: number[] = [];
  let longest = 0;
  sorted.forEach((call, i) => {
    let before = 0;
    for (let j = 0; j < i; j++) {
      if ((sorted[j] as LoggedCall).answeredMs <= call.receivedMs)
        before = Math.max(before, depth[j] as number);
    }
    depth[i] = before + 1;
    longest = Math.max(longest, before + 1);
  });
  return longest;
}
