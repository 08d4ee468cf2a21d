// Starting test/helpers/store-worker.ts as a separate process (for the concurrency and crash tests).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './cli.js';

const WORKER = join(ROOT, 'test/helpers/store-worker.ts');

/** Time limit of a test that SIGKILLs tens of workers: ~35 s alone, more beside other test files. */
export const KILL_LOOP_MS = 180_000;

export function storeWorker(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, done, output: () => stdout, errors: () => stderr };
}
