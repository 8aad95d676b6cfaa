/** `npm run config:docs`: writes docs/configuration.md and .env.example from src/config/variables.ts. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderConfigurationReference, renderEnvExample } from '../src/config/reference.js';

const files = {
  'docs/configuration.md': renderConfigurationReference(),
  '.env.example': renderEnvExample(),
};
for (const [path, text] of Object.entries(files)) {
  writeFileSync(fileURLToPath(new URL(`../${path}`, import.meta.url)), text);
  console.log(`wrote ${path}`);
}
