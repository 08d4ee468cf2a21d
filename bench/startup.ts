// Command start time: `accountpool status` on a 10-account pool, where nearly all of the time is
// starting node and loading the CLI. Measured from this checkout (node bin/accountpool.js, which
// runs the bundle in dist/) and from the package as installed (npm pack, then npm install -g into
// a temporary prefix), median of 11 whole processes each.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from '../src/store/pool.js';
import { fillPool } from '../test/helpers/accounts.js';
import { installGlobal, pack } from '../test/helpers/package.js';
import { measure, runOnce, type Measurement } from './measure.js';

export async function startupBench(): Promise<{ checkout: Measurement; installed: Measurement }> {
  const base = mkdtempSync(join(tmpdir(), 'accountpool-bench-startup-'));
  try {
    const pool = join(base, 'pool');
    runOnce(['init', '--pool', pool]);
    await fillPool(await Pool.open(pool), 10);
    const installed = await installGlobal((await pack(base)).tarball, join(base, 'prefix'));
    const status = ['status', '--pool', pool];
    runOnce(status); // the first read of a new config caches it: measure the steady state
    return {
      checkout: measure({ args: status }, 11),
      installed: measure({ args: status, bin: join(installed.root, 'bin', 'accountpool.js') }, 11),
    };
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}
