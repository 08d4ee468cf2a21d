import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Many tests start real CLI processes and chokidar watchers; two cores are all CI has.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest runs one file at a time on two cores (cores - 1): most files wait on child processes,
    // git and the disk, so two at once bring the suite from ~490 s to ~335 s on CI's two cores.
    maxWorkers: 2,
  },
});
