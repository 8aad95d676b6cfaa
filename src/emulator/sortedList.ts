/**
 * A keyed list kept sorted by (time, seq) ascending, read newest first with keyset cursors.
 *
 * - add/remove/get are O(log n) plus an array splice (a memmove; appends of new items are O(1)).
 * - pageDesc returns the entries strictly older than a cursor key, newest first: O(log n + page).
 * Because reads continue from a sort key rather than an offset, items added after a cursor was issued
 * (newer keys) sort before it and never shift later pages; removed items simply vanish.
 */

export interface SortKey {
  /** Unix seconds. */
  time: number;
  /** Unique, increasing sequence number; breaks ties between equal times. */
  seq: number;
}

export interface Entry extends SortKey {
  id: string;
}

function less(a: SortKey, b: SortKey): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}

export class SortedList {
  private readonly byId = new Map<string, Entry>();
  /** Ascending by (time, seq). */
  private readonly arr: Entry[] = [];

  get size(): number {
    return this.arr.length;
  }

  get(id: string): Entry | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Number of entries whose key is strictly less than `key`. */
  private lowerBound(key: SortKey): number {
    let lo = 0;
    let hi = this.arr.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (less(this.arr[mid]!, key)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Adds an entry; returns false (and changes nothing) if the id is already present. */
  add(id: string, time: number, seq: number): boolean {
    if (this.byId.has(id)) return false;
    const entry: Entry = { id, time, seq };
    this.byId.set(id, entry);
    const last = this.arr[this.arr.length - 1];
    if (last === undefined || less(last, entry)) this.arr.push(entry);
    else this.arr.splice(this.lowerBound(entry), 0, entry);
    return true;
  }

  remove(id: string): Entry | undefined {
    const entry = this.byId.get(id);
    if (!entry) return undefined;
    this.byId.delete(id);
    const i = this.lowerBound(entry);
    if (this.arr[i] === entry) this.arr.splice(i, 1);
    else this.arr.splice(this.arr.indexOf(entry), 1); // unreachable with unique seqs; kept for safety
    return entry;
  }

  /**
   * Up to `limit` entries older than `before` (or from the newest when undefined), newest first, and
   * whether older entries remain after them.
   */
  pageDesc(before: SortKey | undefined, limit: number): { items: Entry[]; more: boolean } {
    let i = before === undefined ? this.arr.length : this.lowerBound(before);
    const items: Entry[] = [];
    while (i > 0 && items.length < limit) {
      i -= 1;
      items.push(this.arr[i]!);
    }
    return { items, more: i > 0 };
  }

  /** Ids in ascending insertion-key order (oldest first). O(n): for tests and seeding only. */
  idsAscending(): string[] {
    return this.arr.map((e) => e.id);
  }
}

/** Opaque cursor: base64url of the JSON sort key, with a version tag. */
export function encodeCursor(key: SortKey): string {
  return Buffer.from(JSON.stringify({ v: 1, t: key.time, s: key.seq }), 'utf8').toString('base64url');
}

/** Undefined for "" (start); null for a cursor that does not decode. */
export function decodeCursor(cursor: string): SortKey | undefined | null {
  if (cursor === '') return undefined;
  if (cursor.length > 200 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  try {
    const d: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof d !== 'object' || d === null) return null;
    const { v, t, s } = d as Record<string, unknown>;
    if (v !== 1 || !Number.isSafeInteger(t) || !Number.isSafeInteger(s)) return null;
    return { time: t as number, seq: s as number };
  } catch {
    return null;
  }
}
