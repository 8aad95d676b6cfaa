import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// One copy of graphql, or "Cannot use GraphQLSchema from another module or realm".
const resolve = { alias: { graphql: require.resolve('graphql/index.js') }, dedupe: ['graphql'] };

export default defineConfig({
  resolve,
  test: {
    projects: [
      {
        resolve,
        // Fast specs: no server, no network, no child process (`npm run test:unit`).
        test: { name: 'unit', include: ['test/**/*.spec.ts'], pool: 'threads' },
      },
      {
        resolve,
        // Real HTTP against the real emulator, child processes, browsers, gateways.
        test: {
          name: 'stack',
          include: ['test/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
          pool: 'forks',
          // Builds dist/ once, for the tests that run the server as `npm start` / `node dist/main.js`.
          globalSetup: ['test/support/buildOnce.ts'],
        },
      },
      {
        resolve,
        // Load tests (many processes, thousands of requests): one file at a time, after the others,
        // so that their figures are not the machine's other work (`npm run test:load`).
        test: {
          name: 'load',
          include: ['test/**/*.load.ts'],
          testTimeout: 180_000,
          hookTimeout: 120_000,
          pool: 'forks',
          fileParallelism: false,
          globalSetup: ['test/support/buildOnce.ts'],
        },
      },
    ],
  },
});
