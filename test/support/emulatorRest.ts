/** Test-only REST caller for the emulator (not the product client). */
import { afterAll, beforeAll } from 'vitest';
import { type EmulatorOptions, type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { genUserSig } from '../../src/tencent/usersig.js';
import type { Command } from '../../src/tencent/wire.js';

// biome-ignore lint/suspicious/noExplicitAny: test responses are inspected loosely
export type Any = any;

export interface CallOptions {
  /** Query parameters to override (undefined value = leave the parameter out). */
  query?: Record<string, string | undefined>;
  /** Raw body text instead of JSON.stringify(body). */
  rawBody?: string;
  method?: string;
}

export class Rest {
  private readonly sig: string;

  constructor(readonly emu: Pick<RunningEmulator, 'url' | 'sdkAppId' | 'secretKey' | 'admin'>) {
    this.sig = genUserSig(emu.secretKey, emu.sdkAppId, emu.admin, 86_400);
  }

  url(path: string, overrides: Record<string, string | undefined> = {}): string {
    const params: Record<string, string | undefined> = {
      sdkappid: String(this.emu.sdkAppId),
      identifier: this.emu.admin,
      usersig: this.sig,
      random: String(Math.floor(Math.random() * 4294967295)),
      contenttype: 'json',
      ...overrides,
    };
    const qs = Object.entries(params)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${encodeURIComponent(v!)}`)
      .join('&');
    return `${this.emu.url}/v4/${path}?${qs}`;
  }

  async raw(path: string, body: unknown, opts: CallOptions = {}): Promise<{ status: number; text: string }> {
    const method = opts.method ?? 'POST';
    const res = await fetch(this.url(path, opts.query), {
      method,
      headers: { 'content-type': 'application/json' },
      body: method === 'GET' || method === 'HEAD' ? undefined : (opts.rawBody ?? JSON.stringify(body)),
    });
    return { status: res.status, text: await res.text() };
  }

  /** Calls a command and returns the parsed JSON (throws on a non-200 or non-JSON answer). */
  async call(path: Command | string, body: unknown, opts: CallOptions = {}): Promise<Any> {
    const { status, text } = await this.raw(path, body, opts);
    if (status !== 200) throw new Error(`HTTP ${status}: ${text}`);
    return JSON.parse(text);
  }

  /** Like call, but asserts ActionStatus OK. */
  async ok(path: Command, body: unknown): Promise<Any> {
    const out = await this.call(path, body);
    if (out.ActionStatus !== 'OK') throw new Error(`${path} failed: ${JSON.stringify(out)}`);
    return out;
  }

  async control(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; json: Any }> {
    const res = await fetch(`${this.emu.url}/__emulator/${path}`, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: await res.json() };
  }

  async importUsers(ids: string[]): Promise<void> {
    const chunks: string[][] = [];
    for (let i = 0; i < ids.length; i += 100) chunks.push(ids.slice(i, i + 100));
    await pool(chunks, 8, async (chunk) => {
      const out = await this.ok('im_open_login_svc/multiaccount_import', { Accounts: chunk });
      if (out.FailAccounts.length > 0) throw new Error(`import failed: ${out.FailAccounts}`);
    });
  }

  async follow(from: string, to: string[]): Promise<void> {
    const chunks: string[][] = [];
    for (let i = 0; i < to.length; i += 20) chunks.push(to.slice(i, i + 20));
    for (const chunk of chunks) {
      const out = await this.ok('follow/follow_add', {
        From_Account: from,
        FollowItem: chunk.map((id) => ({ To_Account: id })),
      });
      for (const item of out.ResultItem) {
        if (item.ResultCode !== 0) throw new Error(`follow ${from}->${item.To_Account}: ${item.ResultCode}`);
      }
    }
  }

  /** All pages of a follow_get list. */
  async followList(from: string, type: 1 | 2 | 3, wantNum = 1000): Promise<{ ids: string[]; calls: number }> {
    const ids: string[] = [];
    let cursor = '';
    let calls = 0;
    do {
      const out = await this.ok('follow/follow_get', {
        From_Account: from,
        FollowType: type,
        StartCursor: cursor,
        WantNum: wantNum,
      });
      calls++;
      for (const item of out.FollowItem) ids.push(item.To_Account);
      cursor = out.NextCursor;
    } while (cursor !== '' && calls < 10_000);
    return { ids, calls };
  }
}

/** Runs `fn` over items with bounded concurrency. */
export async function pool<T>(
  items: T[],
  concurrency: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

export function ids(prefix: string, n: number, start = 1): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${String(i + start).padStart(4, '0')}`);
}

export interface EmulatorFixture {
  readonly emu: RunningEmulator;
  readonly rest: Rest;
}

/** One emulator (empty, rate limit off unless overridden) for the tests of a file, closed after them. */
export function useEmulator(options: EmulatorOptions = {}): EmulatorFixture {
  const fixture = {} as { emu: RunningEmulator; rest: Rest };
  beforeAll(async () => {
    fixture.emu = await startEmulator({ port: 0, rateLimitPerSecond: 0, ...options });
    fixture.rest = new Rest(fixture.emu);
  });
  afterAll(() => fixture.emu?.close());
  return fixture;
}
