/**
 * Told about every batch a loader sends, and runs it: metrics learn its size, tracing wraps it in a
 * span (so the upstream calls it makes are that span's children). It must call `batch` exactly once.
 */
export type BatchObserver = <R>(loader: string, size: number, batch: () => Promise<R>) => Promise<R>;

/** Wraps a DataLoader batch function so that `observer` sees (and runs) each batch. */
export function observeBatches<K, R>(
  loader: string,
  observer: BatchObserver | undefined,
  load: (keys: readonly K[]) => Promise<R>,
): (keys: readonly K[]) => Promise<R> {
  if (!observer) return load;
  return (keys) => observer(loader, keys.length, () => load(keys));
}
