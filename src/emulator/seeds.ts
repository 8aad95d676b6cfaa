/** Loads a seed into an empty store. */
import type { EmulatorSeed } from './defaults.js';
import { applyDemoSeed } from './seed.js';
import { applyCrowdSeed } from './seedCrowd.js';
import { applyFeedSeed } from './seedFeed.js';
import type { Store } from './store.js';

export { EMULATOR_SEEDS, type EmulatorSeed } from './defaults.js';

export function applySeed(store: Store, seed: EmulatorSeed): void {
  if (seed === 'demo') applyDemoSeed(store);
  else if (seed === 'feed') applyFeedSeed(store);
  else if (seed === 'crowd') applyCrowdSeed(store);
}
