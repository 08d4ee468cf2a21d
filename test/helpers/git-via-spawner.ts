// The git processes src/git/run-git.ts starts inside a vitest worker (every in-process `cli()` of
// a pool shared through git), started by the worker's spawner (test/helpers/spawner.ts) instead
// of by a fork of the worker: ~70 % of the children the workers start (stop 50: 700 of 1,209 in 60
// files). run-git.ts takes node:child_process through require at its first call
// (src/lazy-require.ts), so its execFile and spawn are the module object's, replaced here for
// `git` alone with the options run-git gives; every other call is node's own, and so is every ESM
// import of child_process until a test runs syncBuiltinESMExports (then they are these wrappers: the
// promisified form stays node's, below). ACCOUNTPOOL_TEST_SPAWNER=off leaves node's in place.
import type * as ChildProcessModule from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { execFileVia, spawnerEnabled, spawnVia, type ExecFileCallback } from './spawner.js';

/** The options run-git gives; a call with any other is node's own. */
const EXEC_OPTIONS = new Set(['cwd', 'env', 'maxBuffer', 'timeout', 'encoding']);

let routed = false;

export function routeGitThroughSpawner(): void {
  if (routed || !spawnerEnabled()) return;
  routed = true;
  const childProcess = createRequire(import.meta.url)('node:child_process') as typeof ChildProcessModule & Record<string, unknown>;
  const { execFile, spawn } = childProcess;
  childProcess.execFile = function (this: unknown, ...call: unknown[]) {
    const [file, args, options, callback] = call as [string, string[], Record<string, unknown> | undefined, ExecFileCallback];
    const plain = file === 'git' && Array.isArray(args) && typeof options === 'object' && options !== null && typeof callback === 'function' && call.length === 4;
    if (!plain || !Object.keys(options).every((key) => EXEC_OPTIONS.has(key)) || (options.encoding !== undefined && options.encoding !== 'utf8')) return (execFile as (...a: unknown[]) => unknown).apply(this, call);
    return execFileVia(file, args, options as Parameters<typeof execFileVia>[2], callback);
  } as typeof execFile;
  // promisify(execFile) answers { stdout, stderr } through node's own custom form; without it a
  // promisified call of this wrapper answers stdout alone. A test that runs syncBuiltinESMExports
  // (status-reads, own-folders: spies on node:fs) makes every ESM import of child_process this
  // wrapper too, so tests promisifying execFile (readme, shell-word) got `result.stdout` undefined.
  Object.defineProperty(childProcess.execFile, promisify.custom, { value: (execFile as unknown as Record<symbol, unknown>)[promisify.custom] });
  childProcess.spawn = function (this: unknown, ...call: unknown[]) {
    const [file, args, options] = call as [string, string[], Record<string, unknown> | undefined];
    const pipes = options?.stdio === undefined || options.stdio === 'pipe' || (Array.isArray(options.stdio) && options.stdio.length === 3 && options.stdio.every((s) => s === 'pipe'));
    const plain = file === 'git' && Array.isArray(args) && call.length === 3 && typeof options === 'object' && pipes && Object.keys(options).every((key) => key === 'cwd' || key === 'env' || key === 'stdio');
    if (!plain) return (spawn as (...a: unknown[]) => unknown).apply(this, call);
    return spawnVia(file, args, options as { cwd?: string; env?: NodeJS.ProcessEnv });
  } as typeof spawn;
}
