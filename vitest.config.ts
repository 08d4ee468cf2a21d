import { configDefaults, defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that took longest, longest first: stop 47's measure on the development machine at
 * load 20-27 (seconds of wall beside each; a quiet 2-core CI runs each ~5 times faster: many-hosts
 * 261 s there, 51 s in stop 41's CI). The first 30 files of a clean-clone run (this list's order
 * then), and the git and server files added since, run alone at the same load (*); stop 46's CI
 * named them among its slowest.
 * Without vitest's results cache (a clean clone, as CI is) vitest starts the largest files first,
 * and a short file is not a fast one: store/concurrency (2.7 KB) started 117th of 140 at stop 26
 * and could end the run alone on one worker while the other sat idle. Longest first, the two
 * workers end together. Add a file here when it becomes one of the slowest in CI.
 */
const SLOW_FIRST = [
  'test/git/many-hosts.test.ts', // 261
  'test/git/clocks.test.ts', // 193
  'test/import/archives.test.ts', // 185
  'test/git/reshard-sync.test.ts', // 179
  'test/package/install.test.ts', // 169
  'test/git/clocks-serve.test.ts', // 155
  'test/watch/process.test.ts', // 138
  'test/git/sync-local-race.test.ts', // 138
  'test/git/hostile-attributes.test.ts', // 130 *
  'test/store/partial-fold.test.ts', // 128
  'test/formats/shared-suite.test.ts', // 124
  'test/store/concurrency.test.ts', // 123
  'test/hooks/hooks.test.ts', // 115
  'test/import/archives-compressed.test.ts', // 112
  'test/git/crypt.test.ts', // 106
  'test/security/account-spellings.test.ts', // 105
  'test/store/change-log.test.ts', // 104
  'test/watch/inbox.test.ts', // 103
  'test/git/merge-driver.test.ts', // 90
  'test/store/patch-commit.test.ts', // 80
  'test/allocate/processes.test.ts', // 73
  'test/git/peer-shard-count.test.ts', // 71 *
  'test/git/peer-file-folders.test.ts', // 70 *
  'test/git/peer-moved-shard.test.ts', // 70 *
  'test/store/reshard.test.ts', // 68
  'test/git/peer-gitignore.test.ts', // 64 *
  'test/server/add-accounts.test.ts', // 61 * (one Python process for the file since stop 47)
  'test/git/reshard-sync-damage.test.ts', // ~60 (11.2 s in stop 46's CI)
  'test/store/streamed-commit.test.ts', // 58
  'test/server/python-clients.test.ts', // 56 * (one Python process for the file since stop 47)
  'test/formats/non-accounts.property.test.ts', // 55
  'test/store/log-digest.test.ts', // 52
  'test/store/lock.test.ts', // 51
  'test/git/peer-huge-blobs.test.ts', // ~50 (17.5 s in stop 46's CI before its blobs shrank at stop 47)
  'test/git/sync-stray-twice.test.ts', // 31 *
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
