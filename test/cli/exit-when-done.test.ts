// A command's process ends through process.exit() once nothing is left to do (src/cli/exit-when-done.ts),
// not through Node's teardown: what it printed must all arrive, and its exit code must be the one
// it set, through both entries that do it (the CLI's, src/cli/run.ts; allocate's own, allocate-run.ts).
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { cli, runCli } from '../helpers/cli.js';
import { poolWithAccounts } from '../helpers/pool.js';

describe('a command ending without Node teardown', () => {
  it('delivers all of an output larger than a pipe holds, with exit code 0, from either entry', async () => {
    const pool = await poolWithAccounts(1200);
    // ~100 KB of JSON lines on stdout, over the 64 KB a pipe holds: the process writes while the test reads.
    const exported = await runCli(['export', ...pool.args]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout.length).toBeGreaterThan(64 * 1024);
    expect(exported.stdout).toBe((await cli(['export', ...pool.args])).stdout);
    // allocate's entry (a refusal's code through it: test/package/build.test.ts): the accounts file and
    // the JSON written whole.
    const csv = join(pool.base, 'accounts.csv');
    const handed = await runCli(['allocate', '--count', '300', '--no-check', '--json', '--accountcsv', csv, ...pool.args]);
    expect(handed.code, handed.stderr).toBe(0);
    const { allocated } = JSON.parse(handed.stdout) as { allocated: string[] };
    expect(allocated).toHaveLength(300);
    const written = await readFile(csv, 'utf8');
    for (const username of allocated) expect(written).toContain(username);
  });
});
