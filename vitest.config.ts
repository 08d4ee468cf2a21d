import { configDefaults, defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that took longest, longest first: the median of each file's seconds (beside it) in
 * stop 47's three clean-clone `.ci/run`s, nothing else running (vitest 645 / 622 / 596 s; the
 * workers' time 1,169 s, test/git's 342 s of it; docs/development.md, stop 48), every file of 8 s
 * or more. Stop 48 cut the two reshard files' setup (a per-worker template): they rank lower now,
 * and stay where they were until measured again (early is the safe side). Stop 48's two new git
 * files (~): not in a clean-clone run yet; run in one vitest with reshard-sync and clocks at a
 * load of 20 they took 203 s (reshard-across) and 178 s (handout-order) against 205 s and 263 s,
 * 7.5 and 7.9 times their clean-run seconds: scaled by 7.7, placed by that.
 * Without vitest's results cache (a clean clone, as CI is) vitest starts the largest files first,
 * and a short file is not a fast one: store/concurrency (2.7 KB) started 117th of 140 at stop 26
 * and could end the run alone on one worker while the other sat idle; git/reshard-replay-loss, 45 s,
 * was missing here until stop 48. Longest first, the two workers end together. Measure again
 * (the per-file lines of a clean-clone run) when a file becomes one of the slowest.
 */
const SLOW_FIRST = [
  'test/git/many-hosts.test.ts', // 48.8
  'test/git/reshard-replay-loss.test.ts', // 44.7
  'test/git/clocks.test.ts', // 33.2
  'test/git/reshard-sync.test.ts', // 27.5
  'test/git/reshard-across.test.ts', // ~26 (stop 48, estimated: see below)
  'test/watch/inbox.test.ts', // 23.9
  'test/git/handout-order.test.ts', // ~23 (stop 48, estimated: see below)
  'test/package/install.test.ts', // 20.0
  'test/import/archives.test.ts', // 19.7
  'test/store/change-log.test.ts', // 19.2
  'test/store/partial-fold.test.ts', // 18.5
  'test/allocate/processes.test.ts', // 17.7
  'test/watch/process.test.ts', // 17.0
  'test/git/release-skew.test.ts', // 14.7
  'test/git/clocks-serve.test.ts', // 13.4
  'test/store/lock.test.ts', // 13.2
  'test/hooks/hooks.test.ts', // 13.1
  'test/git/sync-local-race.test.ts', // 12.9
  'test/store/concurrency.test.ts', // 12.6
  'test/git/hostile-attributes.test.ts', // 12.4
  'test/git/peer-damaged-shard.test.ts', // 11.8
  'test/security/account-spellings.test.ts', // 11.7
  'test/import/monocle-folder.test.ts', // 11.5
  'test/package/build.test.ts', // 11.2
  'test/formats/scanner-files.test.ts', // 11.1
  'test/git/crypt.test.ts', // 10.9
  'test/import/archives-tar.test.ts', // 10.4
  'test/import/archives-7z.test.ts', // 10.3
  'test/security/clock-file-taken.test.ts', // 10.0
  'test/import/archives-zip-methods.test.ts', // 9.9
  'test/server/reshard-race.test.ts', // 9.8
  'test/git/commit.test.ts', // 9.8
  'test/git/peer-huge-blobs.test.ts', // 9.7
  'test/import/archives-compressed.test.ts', // 9.7
  'test/store/write-failures.test.ts', // 9.7
  'test/git/reshard-sync-damage.test.ts', // 9.1
  'test/git/peer-many-files.test.ts', // 8.6
  'test/security/trusted-commands.test.ts', // 8.5
  'test/store/patch-commit.test.ts', // 8.1
  'test/cli/reshard-memory.test.ts', // 8.0
  'test/security/spelling-twins.test.ts', // 8.0
  'test/security/keyless-process.test.ts', // 8.0
  'test/git/peer-moved-shard.test.ts', // 8.0
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

/**
 * The files that replace modules for themselves (vi.mock, vi.resetModules) or test what a module
 * does the first time in a process (watch/give-back: src/watch/give-back.ts collects after a
 * process's first import): each runs in a module graph of its own, as every file did before stop
 * 37. Add a file here when it mocks a module or needs one fresh.
 */
const OWN_MODULES = [
  'test/import/list-columns.test.ts',
  'test/store/commit-young.test.ts',
  'test/store/log-select-keys.test.ts',
  'test/store/shard-codec.test.ts',
  'test/store/status-reads.test.ts',
  'test/watch/own-folders.test.ts',
  'test/watch/give-back.test.ts',
];

export default defineConfig({
  test: {
    // Helpers' cleanups after every test and file (test/helpers/cleanup.ts): a helper module is
    // evaluated once per worker, this file once per test file.
    setupFiles: ['test/helpers/setup.ts'],
    // The CLI's bundle made once, before any file (every real CLI process then skips its walk of src/).
    globalSetup: ['test/helpers/global-setup.ts'],
    // No include here: a project's arrays are added to these (extends: true), and every file would
    // run in both projects.
    projects: [
      // isolate: false keeps one module graph per worker: src/, yaml, the test helpers are
      // imported once, not for each of the 256 files (130 s of the workers' 1,020 s at stop 36).
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...OWN_MODULES], isolate: false } },
      { extends: true, test: { name: 'own-modules', include: OWN_MODULES } },
    ],
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
