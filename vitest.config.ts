import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that took longest in CI (stop 26: 40-140 s each), longest first. Without vitest's
 * results cache (a clean clone, as CI is) vitest starts the largest files first, and a short file
 * is not a fast one: store/concurrency (56 s, 2.7 KB) started 117th of 140 and could end the run
 * alone on one worker while the other sat idle. Longest first, the two workers end together.
 */
const SLOW_FIRST = [
  'test/git/many-hosts.test.ts',
  'test/store/concurrency.test.ts',
  'test/git/clocks.test.ts',
  'test/store/change-log.test.ts',
  'test/store/reshard.test.ts',
  'test/store/partial-fold.test.ts',
];

class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification) => {
      const i = SLOW_FIRST.findIndex((path) => spec.moduleId.endsWith(path));
      return i < 0 ? SLOW_FIRST.length : i;
    };
    // Array.prototype.sort is stable: the rest keep vitest's own order.
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

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
    sequence: { sequencer: SlowFirst },
  },
});
