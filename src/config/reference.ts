/**
 * The configuration reference (docs/configuration.md) and `.env.example`, generated from the variable
 * list so they cannot drift from what the code reads (`npm run config:docs`; a test checks both).
 */
import { VARIABLE_GROUPS, type Variable, type VariableGroup } from './variable.js';
import { VARIABLES } from './variables.js';

function shown(value: unknown): string {
  return Array.isArray(value) ? value.join(',') : String(value);
}

function defaultOf(v: Variable<unknown>): string {
  if (v.defaultText !== undefined) return v.defaultText;
  if (v.fallback === undefined) return 'unset';
  return `\`${shown(v.fallback)}\``;
}

function byGroup(): [VariableGroup, Variable<unknown>[]][] {
  return (Object.keys(VARIABLE_GROUPS) as VariableGroup[]).map((group) => [
    group,
    VARIABLES.filter((v) => v.group === group) as Variable<unknown>[],
  ]);
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

export function renderConfigurationReference(): string {
  const lines = [
    '# Configuration reference',
    '',
    '<!-- Generated from src/config/variables.ts by `npm run config:docs`; do not edit by hand. -->',
    '',
    'All configuration is by environment variable, read once at start-up by `src/config`. An invalid',
    'value stops start-up with one line naming the variable (never its value). An empty variable counts',
    'as unset; a value of only spaces is refused. `.env.example` lists the same variables.',
    '',
  ];
  for (const [group, variables] of byGroup()) {
    lines.push(
      `## ${VARIABLE_GROUPS[group]}`,
      '',
      '| variable | default | accepts | meaning |',
      '|---|---|---|---|',
    );
    for (const v of variables) {
      const secret = v.secret ? ' Secret: never logged or echoed.' : '';
      const accepts = cell(v.parse.accepts ?? 'text');
      lines.push(`| \`${v.name}\` | ${cell(defaultOf(v))} | ${accepts} | ${cell(v.description)}${secret} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

export function renderEnvExample(): string {
  const lines = [
    '# chat-follow-graphql settings (generated from src/config/variables.ts: npm run config:docs).',
    '# Copy to .env (npm start reads it; variables already in the environment win). Every variable is',
    '# optional unless its comment says otherwise; with none set, `npm start` runs against the embedded',
    '# emulator. Reference: docs/configuration.md',
    '',
  ];
  for (const [group, variables] of byGroup()) {
    lines.push(`# ---- ${VARIABLE_GROUPS[group].replace(/`/g, '')} ----`);
    for (const v of variables) {
      lines.push(`# ${v.description.replace(/`|\*\*/g, '')} Default: ${defaultOf(v).replace(/`/g, '')}.`);
      const example = v.secret ? '' : (v.example ?? (v.fallback === undefined ? '' : shown(v.fallback)));
      lines.push(`# ${v.name}=${example}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
