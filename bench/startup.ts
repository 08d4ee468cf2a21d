// Command start time: the cost every command pays before it does anything, Node's own start plus
// loading the CLI (docs/design-scale.md §3.11). Measured as a user runs it, from this checkout
// (node bin/accountpool.js, which runs the bundle in dist/ after checking that it is not older than
// src/: the bench's other rows skip that check, run.ts) and from the package as installed (npm pack, then npm install -g into a temporary prefix),
// median of 11 whole processes each, beside `node -e 0`, the floor no command can go under:
//   --help                          loads the CLI and prints;
//   status on an empty pool         opens a pool: its config, the shards' record, no account;
//   status on a 10-account pool     the same, counting a few accounts;
//   allocate --count 1 --no-check   on the 10-account pool: takes the lock, commits, writes
//                                   accounts.csv (each run replaces the instance's last account).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from '../src/store/pool.js';
import { fillPool } from '../test/helpers/accounts.js';
import { installGlobal, pack } from '../test/helpers/package.js';
import { measure, runOnce, type Measurement } from './measure.js';

export interface StartupRow {
  what: string;
  checkout: Measurement;
  installed: Measurement;
}

const RUNS = 11;

export async function startupBench(): Promise<{ node: Measurement; rows: StartupRow[] }> {
  const base = mkdtempSync(join(tmpdir(), 'accountpool-bench-startup-'));
  try {
    const empty = join(base, 'empty');
    const pool = join(base, 'pool');
    runOnce(['init', '--pool', empty]);
    runOnce(['init', '--pool', pool]);
    await fillPool(await Pool.open(pool), 10);
    const installed = join((await installGlobal((await pack(base)).tarball, join(base, 'prefix'))).root, 'bin', 'accountpool.js');
    const commands: [string, string[]][] = [
      ['--help', ['--help']],
      ['status, empty pool', ['status', '--pool', empty]],
      ['status, 10 accounts', ['status', '--pool', pool]],
      ['allocate --count 1 --no-check, 10 accounts', ['allocate', '--count', '1', '--no-check', '--pool', pool, '--accountcsv', join(base, 'accounts.csv')]],
    ];
    // The first read of a new config caches it, the first status makes the shards' summaries: measure the steady state.
    for (const [, args] of commands) runOnce(args);
    return {
      node: measure({ bin: '-e', args: ['0'] }, RUNS),
      rows: commands.map(([what, args]) => ({ what, checkout: measure({ args, env: { ACCOUNTPOOL_FRESH_BUNDLE: undefined } }, RUNS), installed: measure({ args, bin: installed }, RUNS) })),
    };
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}
