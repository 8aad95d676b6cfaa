/**
 * The answers a loader's batches have settled on, by key: a field whose answer is already here can
 * return it as a plain value instead of a promise (a page of users reads hundreds of counts).
 *
 * `forget` (after a write) drops keys. A batch that was in flight when something was forgotten keeps
 * none of its answers here (they may predate the write); the loader still hands them to its waiters,
 * as it always did.
 */
export class SettledAnswers<V> {
  private readonly answers = new Map<string, V | Error>();
  private forgets = 0;

  /** The settled answer for `key` (an Error for a failed one), or undefined while there is none. */
  get(key: string): V | Error | undefined {
    return this.answers.get(key);
  }

  /** Drops the answers whose key `drop` selects. */
  forget(drop: (key: string) => boolean): void {
    this.forgets++;
    if (this.answers.size === 0) return;
    for (const key of [...this.answers.keys()]) if (drop(key)) this.answers.delete(key);
  }

  /** Called when a batch starts; its `keep` records the batch's answers and returns them. */
  batch(): { keep<T extends V | Error>(keys: readonly string[], values: T[]): T[] } {
    const startedAt = this.forgets;
    return {
      keep: (keys, values) => {
        if (startedAt === this.forgets) {
          for (let i = 0; i < keys.length; i++) this.answers.set(keys[i] as string, values[i] as V | Error);
        }
        return values;
      },
    };
  }
}
