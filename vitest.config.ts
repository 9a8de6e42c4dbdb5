import { defineConfig } from 'vitest/config';

// Two projects: unit tests need nothing; integration and e2e tests share one real Neo4j that
// test/setup/neo4j-global.ts starts once per run (never a mock).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'server/src/**/*.test.ts'],
          environment: 'node',
          // A verdict must not depend on the machine's speed: property tests and 90k-line parses
          // take 1 s on a quiet machine and 6 s beside a CPU-bound process (vitest's 5 s default).
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/setup/neo4j-global.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
