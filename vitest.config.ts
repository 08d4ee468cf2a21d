import { configDefaults, defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that took longest, longest first: each file's seconds (beside it), the median of stop
 * 62's five clean-clone `.ci/run`s at its end (vitest 518 / 518 / 490 / 495 / 517 s; the files'
 * own 1,461 / 1,461 / 1,383 / 1,391 / 1,446 s; /tmp/ci-run62{a..e}.log at the time), every file of
 * 8 s or more (stop 63: the list before was stop 49's; formats/hostile, 24 s and 7th, was missing,
 * as were store/log-digest, allocate/circle-index, cli/export-memory and ten more; ten files of
 * 3.8-7.0 s left it, among them watch/mail-held-restart and store/reshard). Without
 * vitest's results cache (a clean clone, as CI is) vitest starts the largest files first, and a
 * short file is not a fast one: store/concurrency (2.7 KB) started 117th of 140 at stop 26 and
 * could end the run alone on one worker while the other sat idle. Longest first, the workers end
 * together (stop 63: a greedy replay of the five runs' medians on three workers ends 474.5 s with
 * stop 49's list, 473.7 s with this one; the last files are 2-30 ms ones either way). Measure again
 * (the per-file lines of a clean-clone run with nothing else running, never a loaded machine's)
 * when a file becomes one of the slowest; a file cut below 8 s may stay listed until then (early
 * is the safe side).
 */
const SLOW_FIRST = [
  'test/git/handout-order.test.ts', // 49.2
  'test/git/many-hosts.test.ts', // 41.1
  'test/git/clocks.test.ts', // 40.0
  'test/git/reshard-replay-loss.test.ts', // 33.2
  'test/package/install.test.ts', // 30.9
  'test/package/build.test.ts', // 24.5
  'test/formats/hostile.test.ts', // 23.9
  'test/git/reshard-sync.test.ts', // 21.2
  'test/git/reshard-across.test.ts', // 21.1
  'test/hooks/hooks.test.ts', // 20.6
  'test/git/crypt.test.ts', // 17.4
  'test/git/clock-sightings.test.ts', // 16.5
  'test/store/partial-fold.test.ts', // 16.3
  'test/allocate/processes.test.ts', // 16.0
  'test/git/clocks-serve.test.ts', // 15.8
  'test/git/peer-huge-blobs.test.ts', // 14.5
  'test/git/sync-local-race.test.ts', // 14.3
  'test/store/streamed-commit.test.ts', // 13.3
  'test/store/log-digest.test.ts', // 13.1
  'test/git/peer-many-files.test.ts', // 13.1
  'test/git/release-skew.test.ts', // 12.9
  'test/git/commit.test.ts', // 12.3
  'test/store/write-failures.test.ts', // 12.0
  'test/allocate/circle-index.test.ts', // 11.7
  'test/import/archives.test.ts', // 11.5
  'test/store/lock.test.ts', // 11.5
  'test/import/archives-compressed.test.ts', // 11.2
  'test/watch/process.test.ts', // 11.2
  'test/git/hostile-attributes.test.ts', // 10.5
  'test/git/merge-driver.test.ts', // 10.4
  'test/cli/export-memory.test.ts', // 10.2
  'test/watch/inbox.test.ts', // 10.1
  'test/import/archives-tar.test.ts', // 10.0
  'test/server/serve-command.test.ts', // 9.8
  'test/security/keyless-process.test.ts', // 9.7
  'test/git/reshard-sync-damage.test.ts', // 9.3
  'test/import/merge-memory.test.ts', // 9.2
  'test/dashboard/browser.test.ts', // 9.0
  'test/cli/completion.test.ts', // 8.9
  'test/store/concurrency.test.ts', // 8.9
  'test/git/peer-damaged-shard.test.ts', // 8.9
  'test/git/peer-settings.test.ts', // 8.7
  'test/git/git-processes.test.ts', // 8.7
  'test/security/shard-swapped-for-fifo.test.ts', // 8.4
  'test/store/history.test.ts', // 8.2
  'test/readme.test.ts', // 8.1
  'test/watch/links-while-waiting.test.ts', // 8.1
  'test/formats/correction-wordings.test.ts', // 8.1
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
 * 37. Add a file here when it mocks a module or needs one fresh. A file that only counts or
 * watches the calls of a module's export needs neither: `vi.spyOn(namespace, 'name')` (vitest's
 * transform reads an import at each call), put back after each test with `vi.restoreAllMocks()`
 * (stop 51: import/list-columns, store/commit-young and store/log-select-keys moved out; each
 * file here loads its whole module graph again, 2-14 s of import at load 20). A node builtin
 * (node:fs) likewise: spy on its own object (`createRequire(import.meta.url)('node:fs')`) and call
 * `syncBuiltinESMExports()` (node:module) after spying and after putting back, so that the named
 * exports src/ imports follow (store/status-reads, watch/own-folders).
 */
const OWN_MODULES = [
  'test/store/shard-codec.test.ts',
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
    // Vitest would run one file at a time on two cores (cores - 1): most files wait on child
    // processes, git and the disk, so two at once brought the suite from ~490 s to ~335 s on CI's
    // two cores (stop 36). Three (stop 54): with two, the cores sat ~29 % idle in a quiet clean-clone
    // run (stop 53's end: 845 s of CPU over 592 s of vitest's wall on two cores: the workers wait on
    // git, fsync and child processes); a third worker fills that. All 473 files passed with three
    // at load ~20 (stop 54's start), so no test leans on having a core to itself. Quiet clean-clone
    // runs at stop 54's end: vitest 469 s and 505 s with three (the archives' and concurrency's cuts
    // in too), where stop 53's end took 592 s with two.
    maxWorkers: 3,
    sequence: { sequencer: SlowFirst },
  },
});
