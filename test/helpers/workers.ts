// Starting test/helpers/store-worker.ts as a separate process (for the concurrency and crash tests).
import { spawn } from 'node:child_process';
import { inject } from 'vitest';
import { ROOT } from './cli.js';
import { waitFor } from './testdir.js';

/**
 * The worker bundled once for the whole run by test/helpers/global-setup.ts (esbuild, as `npm run
 * build` bundles src/): every start is then node's start, not tsx compiling the store again, ~1 s
 * CPU a start (0.8-1.2 s user) against ~0.2 s, and a kill loop starts 30-50 workers.
 */
const workerBundle = () => inject('storeWorker');

/** Time limit of a test that SIGKILLs tens of workers: ~35 s alone, more beside other test files. */
export const KILL_LOOP_MS = 180_000;

/** `killAt`: `prepared:N` or `committed:N`, the worker's own SIGKILL at its Nth journal in that state (store-worker.ts KILL_AT). */
export function storeWorker(args: string[], killAt?: string) {
  const env = killAt ? { ...process.env, KILL_AT: killAt } : process.env;
  const child = spawn(process.execPath, [workerBundle(), ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, done, output: () => stdout, errors: () => stderr };
}

/**
 * `store-worker hold DIR` from the bundle: takes the pool's lock, says `held` on stdout, keeps the
 * lock until killed. Started with tsx it cost ~1.1 s of CPU before `held`, from the bundle ~0.25 s.
 */
export function lockHolder(dir: string) {
  return spawn(process.execPath, [workerBundle(), 'hold', dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
}

/**
 * Waits for a worker started with `killAt` to kill itself; one that has not within `ms` (its
 * journal never reached that state) is killed from here.
 */
export async function selfKilled(w: ReturnType<typeof storeWorker>, ms = 60_000): Promise<void> {
  const timer = setTimeout(() => w.child.kill('SIGKILL'), ms);
  try {
    await w.done;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Ends a kill loop's worker: one started with `killAt` kills itself (`selfKilled`); any other is
 * killed from here `atLeastMs` + 0-`randomMs` ms after it first says `said` (`ready`, `committed`).
 */
export async function endWorker(w: ReturnType<typeof storeWorker>, aimed: boolean, said: string, randomMs: number, atLeastMs = 0): Promise<void> {
  if (aimed) return selfKilled(w);
  await waitFor(() => w.output().includes(said), { what: `the worker to say ${said}` });
  await new Promise((resolve) => setTimeout(resolve, atLeastMs + Math.random() * randomMs));
  w.child.kill('SIGKILL');
  await w.done;
}
