/** The configuration reference and .env.example are generated from the variable list and kept fresh. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderConfigurationReference, renderEnvExample } from '../../src/config/reference.js';
import { VARIABLES } from '../../src/config/variables.js';
import { ROOT } from '../support/files.js';

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

describe('generated configuration files (npm run config:docs)', () => {
  it('docs/configuration.md is fresh', () => {
    expect(read('docs/configuration.md')).toBe(renderConfigurationReference());
  });

  it('.env.example is fresh', () => {
    expect(read('.env.example')).toBe(renderEnvExample());
  });

  it('documents every variable, and shows no secret value', () => {
    const reference = renderConfigurationReference();
    const example = renderEnvExample();
    for (const v of VARIABLES) {
      expect(reference).toContain(`\`${v.name}\``);
      expect(example).toMatch(new RegExp(`^# ${v.name}=`, 'm'));
      if (v.secret) expect(example).toMatch(new RegExp(`^# ${v.name}=$`, 'm'));
    }
  });

  it('names each variable once', () => {
    const names = VARIABLES.map((v) => v.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
