import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'suite',
          include: ['test/**/*.test.ts'],
          exclude: ['test/after-suite/**'],
          globalSetup: ['test/setup/redis-server.ts', 'test/setup/test-logs.ts', 'test/setup/nlu-model.ts'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        // Runs once the whole suite is over: checks what the suite left behind (its logs).
        extends: true,
        test: {
          name: 'after-suite',
          include: ['test/after-suite/**/*.test.ts'],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
