/**
 * The fault suite (`npm run test:faults`): real server processes under kill -9, full disks,
 * storage outages and load. Slow by nature, so it is not part of `npm test`; its files run one
 * at a time (each one loads the 2-core machine on its own) with timeouts sized for that.
 */
import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

export default defineConfig({
  // Same module aliases as `npm test`; not mergeConfig, which would concatenate the include lists.
  resolve: base.resolve,
  test: {
    include: ['apps/server/test/faults/**/*.fault.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
