/** `npm run supergraph`, spawned as a user runs it. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSubgraphArg } from '../../scripts/supergraph.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ACCOUNTS = 'test/federation/accounts.graphql';
const tmp = mkdtempSync(join(tmpdir(), 'supergraph-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function spawn(command: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** `npm run supergraph -- ...args`, as documented. */
const npmRunSupergraph = (...args: string[]) =>
  spawn('npm', ['run', '--silent', 'supergraph', '--', ...args]);
/** The same script without npm's start-up cost. */
const supergraph = (...args: string[]) =>
  spawn(process.execPath, ['--import', 'tsx', 'scripts/supergraph.ts', ...args]);

describe.concurrent('npm run supergraph', () => {
  it('composes schema.graphql with the accounts fixture and prints the supergraph SDL', async () => {
    const { code, stdout, stderr } = await npmRunSupergraph(
      `accounts=${ACCOUNTS}@http://127.0.0.1:4001/graphql`,
    );
    expect(stderr).not.toMatch(/error|failed/i);
    expect(code).toBe(0);
    expect(() => parse(stdout)).not.toThrow();
    expect(stdout).toContain('@link(url: "https://specs.apollo.dev/join/');
    expect(stdout).toContain('ACCOUNTS @join__graph(name: "accounts", url: "http://127.0.0.1:4001/graphql")');
    // This subgraph is included by default, at the default server address.
    expect(stdout).toContain('FOLLOW @join__graph(name: "follow", url: "http://127.0.0.1:4000/graphql")');
    expect(stdout).toMatch(
      /type User implements Node\s+@join__type\(graph: ACCOUNTS, key: "id"\)\s+@join__type\(graph: FOLLOW, key: "id"\)\s+@join__implements\(graph: FOLLOW, interface: "Node"\)/,
    );
  });

  it('writes --output, and `follow=` replaces the default subgraph source and URL', async () => {
    const out = join(tmp, 'supergraph.graphql');
    const { code, stdout, stderr } = await supergraph(
      'follow=schema.graphql@https://follow.internal/graphql',
      `accounts=${ACCOUNTS}`,
      '--output',
      out,
    );
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain('note: subgraph "accounts" has no URL');
    expect(stderr).toContain(`wrote ${out} (follow, accounts)`);
    const written = readFileSync(out, 'utf8');
    expect(written).toContain('FOLLOW @join__graph(name: "follow", url: "https://follow.internal/graphql")');
    expect(written).toContain('ACCOUNTS @join__graph(name: "accounts", url: "")');
  });

  it('prints the composition errors and exits 1 when the subgraphs do not compose', async () => {
    const broken = join(tmp, 'broken.graphql');
    writeFileSync(
      broken,
      `extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])
       type PageInfo { hasNextPage: Boolean! }
       type Query { pages: PageInfo }`,
    );
    const { code, stdout, stderr } = await supergraph(`broken=${broken}`);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('supergraph composition failed');
    expect(stderr).toMatch(/- INVALID_FIELD_SHARING: .*PageInfo\.hasNextPage/);
  });

  it('exits 1 for a missing file and 2 for a malformed argument', async () => {
    const missing = await supergraph('accounts=does/not/exist.graphql');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('cannot read subgraph "accounts" from does/not/exist.graphql');
    const usage = await supergraph('accounts');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('usage: npm run supergraph');
  });

  it('parses name=path and name=path@url arguments', () => {
    expect(parseSubgraphArg('a=x.graphql')).toEqual({ name: 'a', path: 'x.graphql' });
    expect(parseSubgraphArg('a=dir@2/x.graphql@http://h:1/graphql')).toEqual({
      name: 'a',
      path: 'dir@2/x.graphql',
      url: 'http://h:1/graphql',
    });
    expect(() => parseSubgraphArg('=x.graphql')).toThrow(/not name=path/);
    expect(() => parseSubgraphArg('a b=x.graphql')).toThrow(/subgraph name/);
  });
});
