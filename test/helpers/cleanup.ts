// Cleanups a helper module sets up once, when it is first imported, run after every test and after
// every test file by test/helpers/setup.ts. A helper cannot call afterEach/afterAll at its import:
// vitest runs test files with isolate: false (one module graph per worker, the imports paid once),
// so a helper module is evaluated for the first test file of a worker only and its hooks would
// belong to that file alone; the setup file is evaluated again for every test file.

type Cleanup = () => unknown;

const afterTest: Cleanup[] = [];
const afterFile: Cleanup[] = [];

/** Runs `cleanup` after every test of every file, as an afterEach at the helper's import did. */
export function afterEveryTest(cleanup: Cleanup): void {
  afterTest.push(cleanup);
}

/** Runs `cleanup` after the last test of every file, as an afterAll at the helper's import did. */
export function afterEveryFile(cleanup: Cleanup): void {
  afterFile.push(cleanup);
}

// Last registered first, one at a time, as vitest runs the after-hooks of one scope (sequence.hooks
// 'stack'): a helper that imports testdir.ts registers after it, so its servers close before
// testdir removes their folders.
async function runAll(cleanups: Cleanup[]): Promise<void> {
  for (const cleanup of [...cleanups].reverse()) await cleanup();
}

export const runAfterTest = () => runAll(afterTest);
export const runAfterFile = () => runAll(afterFile);
