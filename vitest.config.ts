import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@concerto/board': here('./packages/board/src/index.ts'),
      '@concerto/contract': here('./packages/contract/src/index.ts'),
      // The more specific entry first: aliases match by prefix, in order.
      '@concerto/export/fixtures': here('./packages/export/src/fixtures/sampleSession.ts'),
      '@concerto/export': here('./packages/export/src/index.ts'),
    },
  },
  test: {
    include: ['packages/**/src/**/*.test.ts', 'apps/**/src/**/*.test.{ts,tsx}', 'apps/**/test/**/*.test.ts', 'bench/**/*.test.ts'],
    // The fault suite has its own runner (`npm run test:faults`, vitest.faults.config.ts).
    exclude: ['**/node_modules/**', '**/dist/**', 'apps/server/test/faults/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: integration suites start servers and browsers; keep them from starving each other.
    maxWorkers: 2,
  },
});
