/** Resolves once every promise has settled; never rejects (each reader reports its own failure). */
export function allSettled(promises: readonly Promise<unknown>[]): Promise<void> {
  if (promises.length === 0) return Promise.resolve();
  return new Promise((resolve) => {
    let left = promises.length;
    const settled = () => {
      left -= 1;
      if (left === 0) resolve();
    };
    for (const promise of promises) promise.then(settled, settled);
  });
}
