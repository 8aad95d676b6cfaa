/** Told the size of every batch a loader sends (for metrics). */
export type BatchObserver = (loader: string, size: number) => void;

/** Wraps a DataLoader batch function so that `observer` learns each batch's size. */
export function observeBatches<K, R>(
  loader: string,
  observer: BatchObserver | undefined,
  load: (keys: readonly K[]) => R,
): (keys: readonly K[]) => R {
  if (!observer) return load;
  return (keys) => {
    observer(loader, keys.length);
    return load(keys);
  };
}
