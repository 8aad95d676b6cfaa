/**
 * `npm run supergraph`: composes subgraph SDL files into an Apollo Federation supergraph and prints the
 * supergraph SDL, or the composition errors.
 *
 *   npm run supergraph -- [name=path[@url] ...] [--output file]
 *
 * This subgraph (`follow=schema.graphql@http://127.0.0.1:4000/graphql`) is always included unless an
 * argument with the name `follow` replaces it. Exit codes: 0 composed, 1 composition or input failed,
 * 2 bad usage.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CompositionError, composeSupergraph, type SubgraphSource } from '../src/federation/compose.js';

export const OWN_SUBGRAPH = {
  name: 'follow',
  path: fileURLToPath(new URL('../schema.graphql', import.meta.url)),
  url: 'http://127.0.0.1:4000/graphql',
} as const;

export interface SubgraphArg {
  name: string;
  path: string;
  url?: string;
}

const NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** Parses `name=path` or `name=path@url` (the url must start with http:// or https://). */
export function parseSubgraphArg(arg: string): SubgraphArg {
  const eq = arg.indexOf('=');
  if (eq <= 0) throw new UsageError(`"${arg}" is not name=path or name=path@url`);
  const name = arg.slice(0, eq);
  if (!NAME.test(name)) throw new UsageError(`subgraph name "${name}" must be letters, digits, _ or -`);
  const rest = arg.slice(eq + 1);
  const at = rest.search(/@https?:\/\//);
  const path = at === -1 ? rest : rest.slice(0, at);
  if (path === '') throw new UsageError(`"${arg}" has no path`);
  if (at === -1) return { name, path };
  const url = rest.slice(at + 1);
  try {
    new URL(url);
  } catch {
    throw new UsageError(`"${url}" is not a URL`);
  }
  return { name, path, url };
}

class UsageError extends Error {}

interface CliOptions {
  subgraphs: SubgraphArg[];
  output?: string;
}

function parseArgs(argv: readonly string[]): CliOptions {
  const given: SubgraphArg[] = [];
  let output: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-o' || arg === '--output') {
      output = argv[++i];
      if (!output) throw new UsageError(`${arg} needs a file name`);
    } else if (arg.startsWith('--output=')) {
      output = arg.slice('--output='.length);
    } else if (arg.startsWith('-')) {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      given.push(parseSubgraphArg(arg));
    }
  }
  const names = new Set<string>();
  for (const { name } of given) {
    if (names.has(name)) throw new UsageError(`subgraph "${name}" is given twice`);
    names.add(name);
  }
  const subgraphs = names.has(OWN_SUBGRAPH.name) ? given : [{ ...OWN_SUBGRAPH }, ...given];
  return output === undefined ? { subgraphs } : { subgraphs, output };
}

const USAGE = 'usage: npm run supergraph -- [name=path[@url] ...] [--output file]';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

/** Runs the CLI; returns the exit code. */
export function runCli(argv: readonly string[], io: CliIo): number {
  if (argv.includes('-h') || argv.includes('--help')) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  let options: CliOptions;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`${error.message}\n${USAGE}\n`);
    return 2;
  }
  const sources: SubgraphSource[] = [];
  for (const { name, path, url } of options.subgraphs) {
    let sdl: string;
    try {
      sdl = readFileSync(resolve(io.cwd, path), 'utf8');
    } catch (error) {
      io.stderr(`cannot read subgraph "${name}" from ${path}: ${(error as Error).message}\n`);
      return 1;
    }
    if (url === undefined) io.stderr(`note: subgraph "${name}" has no URL (give ${name}=${path}@<url>)\n`);
    sources.push(url === undefined ? { name, sdl } : { name, sdl, url });
  }
  let supergraph: string;
  try {
    supergraph = composeSupergraph(sources).supergraphSdl;
  } catch (error) {
    if (error instanceof CompositionError) {
      io.stderr(`${error.message}\n`);
    } else {
      io.stderr(`supergraph composition failed: ${(error as Error).message}\n`);
    }
    return 1;
  }
  if (options.output === undefined) {
    io.stdout(supergraph.endsWith('\n') ? supergraph : `${supergraph}\n`);
  } else {
    const file = resolve(io.cwd, options.output);
    writeFileSync(file, supergraph.endsWith('\n') ? supergraph : `${supergraph}\n`);
    io.stderr(`wrote ${file} (${options.subgraphs.map((s) => s.name).join(', ')})\n`);
  }
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
  });
}
