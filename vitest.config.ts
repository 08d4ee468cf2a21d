import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Many tests start real CLI processes and chokidar watchers; two cores are all CI has.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
