// A check only reads: `verify` takes no lock and writes nothing, so it runs on a pool mounted
// read-only (a read-only bind mount: chmod does not stop root) and beside a process holding the lock.
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { lockHolder } from '../helpers/workers.js';
import { poolWithAccounts } from '../helpers/pool.js';
import { waitFor } from '../helpers/testdir.js';
import { mountSkipReason, readOnlyView } from '../helpers/tmpfs.js';


describe('verify only reads', () => {
  it('runs while another process holds the pool lock, without waiting for it', async () => {
    const pool = await poolWithAccounts(5);
    // A verify that waited for the lock would wait 10 minutes (the test's time limit ends it first):
    // what it asserts needs no clock, which a loaded machine stretches.
    await pool.configure({ lock_wait: '10m' });
    const holder = lockHolder(pool.dir);
    let held = '';
    holder.stdout!.on('data', (d) => (held += d));
    await waitFor(() => held.includes('held'), { what: 'the holder to take the lock' });
    const verify = await cli(['verify', ...pool.args]);
    const stillHeld = holder.exitCode === null && holder.signalCode === null;
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.on('close', resolve));
    expect(verify.stderr).toBe('');
    expect(verify.stdout).toContain('is sound: 5 accounts');
    expect(stillHeld).toBe(true); // verified under the other process's lock, not after it
  });

  it.skipIf(mountSkipReason)('checks a pool mounted read-only, writing nothing; an interrupted transaction it cannot finish there is a finding', async () => {
    const pool = await poolWithAccounts(5);
    const before = await readdir(pool.dir);
    const view = await readOnlyView(pool.dir);
    const verify = await cli(['verify', '--pool', view]);
    expect(verify.stderr).toBe('');
    expect(verify.stdout).toBe(`pool ${view} is sound: 5 accounts\n`);
    expect(verify.code).toBe(0);
    expect(await readdir(pool.dir)).toEqual(before);

    // A transaction killed before its commit point left its journal.
    await writeFile(join(pool.dir, '.journal.json'), JSON.stringify({ state: 'prepared', moves: [] }));
    const stuck = await cli(['verify', '--pool', view]);
    expect(stuck.stdout).toContain(`${join(view, '.journal.json')}: a transaction interrupted by a killed process is still to be finished, and the pool cannot be written (EROFS)`);
    expect(stuck.code).toBe(1);
    // Where the pool can be written, verify finishes it.
    const writable = await cli(['verify', ...pool.args]);
    expect(writable.stderr).toBe('an interrupted transaction was rolled back\n');
    expect(writable.code).toBe(0);
  });

  it.skipIf(mountSkipReason)('a writer on a read-only mount names the lock folder and the read-only file system, hands out nothing; status still reads', async () => {
    const pool = await poolWithAccounts(5);
    const view = await readOnlyView(pool.dir);
    const out = join(pool.base, 'accounts.csv');
    const allocate = await cli(['allocate', '--count', '2', '--no-check', '--accountcsv', out, '--pool', view]);
    expect(allocate.code).toBe(1);
    expect(allocate.stderr).toBe(`accountpool allocate: could not write ${join(view, '.lock')}: EROFS: read-only file system (the file system is mounted read-only); the lock cannot be made, so nothing was written or handed out; commands that only read (status, show, export) still work\n`);
    expect(existsSync(out)).toBe(false);
    const dump = join(pool.base, 'more.txt');
    await writeFile(dump, 'fresh1:Secret-9\n');
    const imported = await cli(['import', dump, '--level', '30', '--pool', view]);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toContain('the lock cannot be made, so nothing was written');
    expect(imported.stderr).not.toContain('Secret-9');
    expect(await readFile(dump, 'utf8')).toBe('fresh1:Secret-9\n');
    const status = await cli(['status', '--pool', view]);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('5 accounts');
  });
});
