/**
 * README.md and docs/: every relative link reaches a file, every #anchor a heading of that file; code
 * blocks that name their source file (`<!-- source: path -->`) are that file, so the tested code is the
 * documented code; the GraphQL examples of docs/api.md are valid against the client schema.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/files.js';

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return name.endsWith('.md') ? [path] : [];
  });
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes. */
function anchorsOf(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  const anchors = new Set<string>();
  for (const [, heading] of text.matchAll(/^#{1,6} +(.+)$/gm)) {
    const slug = (heading as string)
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, '')
      .replace(/ /g, '-');
    anchors.add(slug);
  }
  return anchors;
}

function links(file: string): string[] {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1] as string)
    .filter((target) => !/^[a-z]+:/i.test(target));
}

const FILES = [join(ROOT, 'README.md'), ...markdownFiles(join(ROOT, 'docs'))];

describe('documentation links', () => {
  it.each(FILES.map((file) => [relative(ROOT, file), file]))('%s: links resolve', (_name, file) => {
    const broken = links(file).filter((target) => {
      const [path, anchor] = target.split('#') as [string, string | undefined];
      const resolved = path === '' ? file : join(dirname(file), path);
      if (!existsSync(resolved)) return true;
      return anchor !== undefined && resolved.endsWith('.md') && !anchorsOf(resolved).has(anchor);
    });
    expect(broken).toEqual([]);
  });

  it('README.md is a front page under 12 KB that links into docs/', () => {
    expect(statSync(join(ROOT, 'README.md')).size).toBeLessThan(12 * 1024);
    expect(
      links(join(ROOT, 'README.md')).filter((target) => target.startsWith('docs/')).length,
    ).toBeGreaterThan(8);
  });
});

describe('documented code', () => {
  it.each(FILES.map((file) => [relative(ROOT, file), file]))(
    '%s: sourced code blocks match their files',
    (_name, file) => {
      const text = readFileSync(file, 'utf8');
      for (const [, source, code] of text.matchAll(/<!-- source: (\S+) -->\n```\w*\n([\s\S]*?)```/g)) {
        const path = join(ROOT, source as string);
        expect(existsSync(path), source).toBe(true);
        expect(code, source).toBe(readFileSync(path, 'utf8'));
      }
    },
  );

  it('docs/clients.md shows every recipe file', () => {
    const text = readFileSync(join(ROOT, 'docs/clients.md'), 'utf8');
    for (const source of [
      'test/clients/apollo/client.ts',
      'test/clients/urql/client.ts',
      'test/clients/relay/relay.config.json',
      'test/clients/relay/src/fragments.ts',
      'test/clients/relay/src/environment.ts',
      'test/clients/graphqlRequest/client.ts',
    ]) {
      expect(text).toContain(`<!-- source: ${source} -->`);
    }
  });
});

describe('documented operations', () => {
  const schema = buildSchema(readFileSync(join(ROOT, 'schema.client.graphql'), 'utf8'));
  const blocks = [
    ...readFileSync(join(ROOT, 'docs/api.md'), 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g),
  ].map((match) => match[1] as string);

  it('docs/api.md has GraphQL examples', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(7);
  });

  it.each(blocks.map((block, i) => [i + 1, block]))(
    'docs/api.md example %i is valid against the schema',
    (_n, block) => {
      expect(validate(schema, parse(block as string)).map((error) => error.message)).toEqual([]);
    },
  );
});
