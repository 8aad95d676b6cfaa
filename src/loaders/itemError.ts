import { TencentError } from '../tencent/errors.js';
import type { Command } from '../tencent/wire.js';

/**
 * A non-zero per-item code upstream reported for one key of a batch (as opposed to a failure of the
 * whole call, which is a plain TencentError): "this account does not exist" can only be read from these.
 */
export class ItemError extends TencentError {}

/** The error one key of a batch gets when upstream reports a non-zero per-item code for it. */
export function itemError(command: Command, code: number, info: string): ItemError {
  return new ItemError('api', command, info || `per-item error ${code}`, code);
}
