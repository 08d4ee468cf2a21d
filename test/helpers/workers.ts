// Starting test/helpers/store-worker.ts as a separate process (for the concurrency and crash tests).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildSync } from 'esbuild';
import { afterEveryFile } from './cleanup.js';
import { ROOT } from './cli.js';

const WORKER = join(ROOT, 'test/helpers/store-worker.ts');

let bundled: string | undefined;
// A fork's exit handlers do not run (vitest ends it), so after the file's last test; hooks are set at import, never inside a test.
afterEveryFile(() => {
  if (bundled) rmSync(dirname(bundled), { recursive: true, force: true });
  bundled = undefined; // the next file in this worker bundles again, into a folder of its own
});

/**
 * The worker bundled once per test file (esbuild, as `npm run build` bundles src/): every start is
 * then node's start, not tsx compiling the store again, ~1 s CPU a start (0.8-1.2 s user) against
 * ~0.2 s, and a kill loop starts 30-50 workers. Packages stay outside the bundle, found through a
 * node_modules link beside it, as dist/ finds them.
 */
function workerBundle(): string {
  if (!bundled) {
    const dir = mkdtempSync(join(tmpdir(), 'accountpool-worker-'));
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    const outfile = join(dir, 'store-worker.mjs');
    buildSync({ entryPoints: [WORKER], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile, logLevel: 'error' });
    bundled = outfile;
  }
  return bundled;
}

/** Time limit of a test that SIGKILLs tens of workers: ~35 s alone, more beside other test files. */
export const KILL_LOOP_MS = 180_000;

export function storeWorker(args: string[]) {
  const child = spawn(process.execPath, [workerBundle(), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
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
