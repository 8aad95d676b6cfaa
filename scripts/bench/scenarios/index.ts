/**
 * The scenario registry: `npm run bench` runs them in this order; `--scenario <name>` runs one. A new
 * scenario is a `Scenario` (scenario.ts) added here, plus its BFF route in scripts/bench/bff/routes.ts.
 */
import {
  counts20,
  entities45,
  floor,
  followersPage,
  mutualsPage,
  nested,
  officialAccount,
  users100,
} from './reads.js';
import type { Scenario } from './scenario.js';
import { follow40 } from './writes.js';

export type { Operation, Scenario } from './scenario.js';

export const SCENARIOS: Scenario[] = [
  counts20,
  followersPage,
  nested,
  users100,
  mutualsPage,
  officialAccount,
  entities45,
  follow40,
  floor,
];
