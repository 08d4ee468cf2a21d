// Which children each test starts and what they cost, for finding where a slow file's time goes:
// with ACCOUNTPOOL_TEST_SPAWN_LOG=FILE every child the worker's spawner (spawner.ts) started is
// appended to FILE when it ends, one JSON line: the test file and test that started it, the
// command, its wall time and its CPU (user + sys, with every descendant it waited for: git's merge
// drivers and hooks). Children the worker starts itself (node's own spawn, execFileSync) are not
// seen. Off (nothing done) without the variable. Summed by scripts/spawn-log-summary.mjs.
import { appendFileSync } from 'node:fs';

const LOG = process.env.ACCOUNTPOOL_TEST_SPAWN_LOG;
// Only when logging: test/helpers/package.ts (through cli.ts and spawner.ts) is also loaded by the
// bench, outside vitest.
const vitest = LOG ? await import('vitest') : undefined;

export interface Started {
  file: string;
  test: string;
  command: string;
  at: number;
}

/** What to log of a child starting now (undefined when not logging). */
export function startedNow(file: string, args: readonly string[]): Started | undefined {
  if (!vitest) return undefined;
  const state = vitest.expect.getState();
  // The command as a profile groups it: the program and its first words (a subcommand), never the
  // whole line (a test's arguments may carry a password).
  const words = [file.split('/').at(-1)!, ...args.filter((a) => !a.startsWith('-') && !a.includes('/') && !a.includes('=')).slice(0, 2)];
  return { file: state.testPath?.replace(/^.*\/test\//, 'test/') ?? '?', test: state.currentTestName ?? '(outside a test)', command: words.join(' '), at: Date.now() };
}

/** Appends the child's line: it ended, having used `cpu` seconds (the spawner's wait4). */
export function logEnded(started: Started | undefined, cpu: number | undefined): void {
  if (!LOG || !started) return;
  appendFileSync(LOG, `${JSON.stringify({ ...started, ms: Date.now() - started.at, cpu: cpu ?? null })}\n`);
}

let testStart: { cpu: NodeJS.CpuUsage; at: number } | undefined;

/** Before each test (setup.ts, when logging): the worker's CPU so far. */
export function markTestStart(): void {
  if (vitest) testStart = { cpu: process.cpuUsage(), at: Date.now() };
}

/** After each test: the worker's own CPU in it (its in-process `cli()` calls, the test's code), as a line of its own. */
export function logTestEnd(): void {
  if (!vitest || !testStart) return;
  const used = process.cpuUsage(testStart.cpu);
  const started: Started = { ...startedNow('(worker, in process)', [])!, at: testStart.at };
  logEnded(started, (used.user + used.system) / 1e6);
  testStart = undefined;
}
