/**
 * schema.graphql, schema.client.graphql and test/generated/ must match what `npm run schema:print` /
 * `npm run codegen` produce.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../../codegen.js';
import { printClientSdl, printSubgraphSdl } from '../../src/schema/sdl.js';
import { CLIENT_SCHEMA_FILE, SCHEMA_FILE } from '../support/files.js';

describe('generated artefacts are up to date', () => {
  it('schema.graphql matches the schema (run `npm run schema:print`)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(printSubgraphSdl());
  });

  it('schema.client.graphql matches the schema (run `npm run schema:print`)', () => {
    expect(readFileSync(CLIENT_SCHEMA_FILE, 'utf8')).toBe(printClientSdl());
  });

  it('test/generated matches codegen output (run `npm run codegen`)', async () => {
    const outputs = await generate({ ...config, cwd: process.cwd() }, false);
    expect(outputs.length).toBeGreaterThan(0);
    for (const { filename, content } of outputs) {
      expect(readFileSync(resolve(filename), 'utf8'), filename).toBe(content);
    }
  });
});
