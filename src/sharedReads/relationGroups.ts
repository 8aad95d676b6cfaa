/**
 * follow_check asks about one `From_Account` and up to 100 others. Pairs from concurrent requests are
 * grouped by whichever id they share most, greedily: a page of one viewer's relations is one call from
 * the viewer, and many viewers' relations to one popular user are one call from that user.
 */

export interface RelationCall {
  from: string;
  to: string[];
}

export function groupPairs(
  pairs: readonly (readonly [string, string])[],
  maxPerCall: number,
): RelationCall[] {
  const remaining = new Set(pairs.keys());
  const byId = new Map<string, Set<number>>();
  pairs.forEach(([a, b], index) => {
    for (const id of [a, b]) {
      const set = byId.get(id) ?? new Set<number>();
      set.add(index);
      byId.set(id, set);
    }
  });
  const calls: RelationCall[] = [];
  while (remaining.size > 0) {
    let best: string | undefined;
    let bestSize = 0;
    for (const [id, set] of byId) {
      if (set.size > bestSize) {
        best = id;
        bestSize = set.size;
      }
    }
    if (best === undefined) break;
    const others: string[] = [];
    for (const index of byId.get(best) ?? []) {
      const [a, b] = pairs[index] as readonly [string, string];
      const other = a === best ? b : a;
      others.push(other);
      remaining.delete(index);
      byId.get(other)?.delete(index);
    }
    byId.delete(best);
    for (let i = 0; i < others.length; i += maxPerCall) {
      calls.push({ from: best, to: others.slice(i, i + maxPerCall) });
    }
  }
  return calls;
}
