// The CLI's bundle made fresh once, for a run of many CLI processes (the test suite, the bench),
// each of which is then told so (ACCOUNTPOOL_FRESH_BUNDLE) and skips bin/accountpool.js's walk of
// src/ (~20-40 ms of CPU a start): what an installed package runs, which has no src/ to walk.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Not cli.ts's ROOT: that module imports the whole CLI, which these processes never need.
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** As bin/accountpool.js names it (path.join of its own folder's parent, dist, accountpool.mjs). */
export const BUNDLE = join(ROOT, 'dist', 'accountpool.mjs');

/** Makes dist/ as any start of bin/accountpool.js would (its own freshness check, its own build); the bundle's path. */
export function makeFreshBundle(): string {
  const env = { ...process.env };
  delete env.ACCOUNTPOOL_FRESH_BUNDLE; // this start must look at src/ itself
  execFileSync(process.execPath, [join(ROOT, 'bin', 'accountpool.js'), '--help'], { env, stdio: 'ignore' });
  return BUNDLE;
}
