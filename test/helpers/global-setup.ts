// Once per test run, before any test file (vitest's globalSetup, in vitest's own process):
// - the CLI's bundle is made fresh here, once, and every real CLI process the tests start is told so
//   (ACCOUNTPOOL_FRESH_BUNDLE, set in test/helpers/setup.ts from what is provided here), so that
//   bin/accountpool.js skips its walk of src/ on each of the suite's thousands of starts;
// - test/helpers/store-worker.ts is bundled once for every file that starts workers
//   (test/helpers/workers.ts), not once per file (~0.3-0.5 s of CPU, 1.5-2 s of wall each under load);
// - a folder for the git tests' shared pools, each made once for the run by the first worker to ask
//   and read by all (test/git/helpers.ts, test/helpers/made-once.ts);
// - a folder for the empty pools `init` made once per worker and number of shards, copied for each
//   test's makePool (test/helpers/pool.ts);
// - a folder for the workers' homes (test/helpers/test-home.ts): nothing the tests run writes in the
//   runner's own HOME.
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { BUNDLE, makeFreshBundle } from './fresh-bundle.js';

// Not cli.ts's ROOT: that module imports the whole CLI, which this process never needs.
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

declare module 'vitest' {
  export interface ProvidedContext {
    /** The bundle this run made fresh (bin/accountpool.js compares it with its own). */
    freshBundle: string;
    /** test/helpers/store-worker.ts bundled for this run. */
    storeWorker: string;
    /** The folder the git tests' shared pools are made in, once for the run, by the first worker to ask (test/git/helpers.ts); removed after the run. */
    gitTemplates: string;
    /** The folder makePool's empty pools are made in once per worker and copied from (test/helpers/pool.ts); removed after the run. */
    poolTemplates: string;
    /** The folder each worker's HOME is made in (test/helpers/test-home.ts); removed after the run. */
    testHomes: string;
  }
}

/**
 * The store worker as one file (esbuild, as `npm run build` bundles src/): every start is then
 * node's start, not tsx compiling the store again (~1 s of CPU a start against ~0.2 s), and a kill
 * loop starts 30-50 workers. Packages stay outside the bundle, found through a node_modules link
 * beside it, as dist/ finds them.
 */
function bundleWorker(outfile: string): void {
  buildSync({ entryPoints: [join(ROOT, 'test/helpers/store-worker.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile, logLevel: 'error' });
}

export default function setup(project: TestProject): () => void {
  const workerDir = mkdtempSync(join(tmpdir(), 'accountpool-worker-'));
  symlinkSync(join(ROOT, 'node_modules'), join(workerDir, 'node_modules'));
  const worker = join(workerDir, 'store-worker.mjs');
  const make = () => {
    makeFreshBundle();
    bundleWorker(worker);
  };
  make();
  // The git tests' templates live as long as the run, shared by its workers; one folder for the run,
  // removed here after it (a worker's own exit handlers never run: vitest ends it).
  const templateDirs: string[] = [];
  const templates = () => {
    templateDirs.push(mkdtempSync(join(tmpdir(), 'accountpool-templates-')));
    project.provide('gitTemplates', templateDirs.at(-1)!);
    templateDirs.push(mkdtempSync(join(tmpdir(), 'accountpool-pools-')));
    project.provide('poolTemplates', templateDirs.at(-1)!);
  };
  templates();
  // One for the run, not one per rerun: a worker keeps the home it made (test-home.ts).
  const homes = mkdtempSync(join(tmpdir(), 'accountpool-homes-'));
  templateDirs.push(homes);
  project.provide('testHomes', homes);
  // In watch mode a source may change between runs: both made again before each rerun, and the
  // git templates made anew (a worker sees the folder change and forgets those it made).
  project.vitest.onTestsRerun(() => {
    make();
    templates();
  });
  project.provide('freshBundle', BUNDLE);
  project.provide('storeWorker', worker);
  return () => {
    rmSync(workerDir, { recursive: true, force: true });
    for (const dir of templateDirs) rmSync(dir, { recursive: true, force: true });
  };
}
