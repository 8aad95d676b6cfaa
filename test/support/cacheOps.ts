/** Reads and writes of one entry of a SharedCache, as the shared reads make them (cache specs and tests). */
import { expect } from 'vitest';
import type { CacheRef, SharedCache } from '../../src/sharedReads/cache.js';

export const MINUTE = 60_000;

export const ref = (key: string, scope = `scope-of-${key}`): CacheRef => ({ key, scope });

export async function readOne(cache: SharedCache, r: CacheRef) {
  const [out] = await cache.read<unknown>([r]);
  return out as { value: unknown; gen: number };
}

/** Writes `value` as the answer of a read that started under generation `gen`. */
export async function writeOne(cache: SharedCache, r: CacheRef, gen: number, value: unknown, ttlMs = MINUTE) {
  await cache.write([{ ...r, gen, value, ttlMs }]);
}

/** Writes `value` as a read started now would: under the scope's current generation. */
export async function readThrough(cache: SharedCache, r: CacheRef, value: unknown, ttlMs = MINUTE) {
  const { gen } = await readOne(cache, r);
  await writeOne(cache, r, gen, value, ttlMs);
}

/** A generation a read can store under: a real number, and not the 0 that the first design started from. */
export function expectUsable(gen: number) {
  expect(Number.isFinite(gen)).toBe(true);
  expect(gen).not.toBe(0);
}
