import { TencentError } from '../tencent/errors.js';
import type { Command } from '../tencent/wire.js';

/** The error one key of a batch gets when upstream reports a non-zero per-item code for it. */
export function itemError(command: Command, code: number, info: string): TencentError {
  return new TencentError('api', command, info || `per-item error ${code}`, code);
}

/** Splits `items` into chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
