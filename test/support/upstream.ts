/** Test fixtures for the upstream client: a real emulator on a loopback port and clients pointed at it. */

import type { RunningEmulator } from '../../src/emulator/index.js';
import type { UpstreamCallEvent } from '../../src/tencent/api.js';
import { createTencentClient, type TencentClient } from '../../src/tencent/client.js';
import { configForUpstream, type TencentConfig } from '../../src/tencent/config.js';

export function configFor(emu: RunningEmulator, overrides: Partial<TencentConfig> = {}): TencentConfig {
  return configForUpstream(emu, { rateLimitPerSecond: 0, ...overrides });
}

export interface ObservedClient {
  client: TencentClient;
  events: UpstreamCallEvent[];
  waits: number[];
}

export function observedClient(config: TencentConfig): ObservedClient {
  const events: UpstreamCallEvent[] = [];
  const waits: number[] = [];
  const client = createTencentClient(config, {
    onCall: (e) => events.push(e),
    onRateLimitWait: (_c, ms) => waits.push(ms),
  });
  return { client, events, waits };
}

export async function control(
  emu: RunningEmulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const res = await fetch(`${emu.url}/__emulator/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`control ${method} ${path}: HTTP ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

export async function calls(emu: RunningEmulator): Promise<Record<string, number>> {
  return ((await control(emu, 'GET', 'stats')) as { calls: Record<string, number> }).calls;
}

export const resetStats = (emu: RunningEmulator) => control(emu, 'POST', 'stats/reset');
export const resetAll = (emu: RunningEmulator) => control(emu, 'POST', 'reset');
export const setFaults = (emu: RunningEmulator, rules: Record<string, unknown>[]) =>
  control(emu, 'POST', 'faults', { rules });

export const ids = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);
