// The pool's lock folder `.lock` found as a symbolic link to a folder (made by hand, or a `.lock`
// committed with `git add -f` that git checks out as a link). Before, the link was taken for a lock
// held by nobody and broken after the stale time (10 s: every command waited, then removed the
// link); one leading to a folder whose mtime moves (a busy /tmp, a log folder) was never stale,
// so every command waited lock_wait and failed "pool is busy", naming nobody. Now every command
// that takes the lock refuses at once, naming the link and where it leads: nothing there is
// touched. The link removed, the pool works.
import { describe, expect, it } from 'vitest';
import { mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { poolWithAccounts } from '../helpers/pool.js';

describe('a .lock that is a link to a folder', () => {
  it('refuses every writing command at once, naming the link; nothing where it leads is touched; removed, the pool works', async () => {
    const pool = await poolWithAccounts(3);
    const config = join(pool.dir, 'accountpool.yaml');
    // Waiting the whole lock_wait would be the old behaviour: a refusal must not wait at all.
    await writeFile(config, (await readFile(config, 'utf8')).replace(/^lock_wait: .*$/m, 'lock_wait: 120s'));
    const elsewhere = join(pool.base, 'elsewhere');
    await mkdir(elsewhere);
    await writeFile(join(elsewhere, 'keep.txt'), 'kept\n');
    const lock = join(pool.dir, '.lock');
    await symlink(elsewhere, lock);
    const dump = join(pool.base, 'more.txt');
    await writeFile(dump, 'brock03:Secret333\n');
    for (const args of [['import', dump, '--level', '30'], ['allocate', '--count', '1', '--accountcsv', join(pool.base, 'a.csv'), '--no-check'], ['mark', 'acc1', '--verdict', 'blind']]) {
      const run = await cli([...args, ...pool.args]);
      expect(run.code, args[0]).toBe(1);
      expect(run.stderr, args[0]).toContain(`${lock} is a link (to ${elsewhere})`);
    }
    expect(await readdir(elsewhere)).toEqual(['keep.txt']);
    await rm(lock);
    expect((await cli(['import', dump, '--level', '30', ...pool.args])).code).toBe(0);
  }, 60_000);
});
