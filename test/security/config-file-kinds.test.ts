// accountpool.yaml is read by every command, and in a pool shared through git it arrives with a
// sync: git checks a committed link out as a link. Made a link to /dev/zero, or a FIFO (by a peer,
// or by an operator's slip: `mkfifo`, a process substitution left behind), every command hung for
// ever reading it, /dev/zero filling memory. Now anything but a regular file of sane size is
// refused at once, naming the file and what it is; a link to a regular file (a config kept under
// /etc by configuration management) still works.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFile, rename, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { cliWithin } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';

/** `status` as a real process, killed at a deadline that bounds a hang (it ends in about a second). */
const statusOf = (args: string[]) => cliWithin(['status', ...args], 20_000);

describe('an accountpool.yaml that is no regular file', () => {
  it('a link to /dev/zero, a FIFO, a link to a FIFO, a 2 GB file: refused at once naming it; a link to a real file reads', async () => {
    const pool = await makePool(2);
    const config = join(pool.dir, 'accountpool.yaml');
    const kept = join(pool.base, 'kept.yaml');
    await rename(config, kept);
    const fifo = join(pool.base, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const traps: [string, () => Promise<void>, string][] = [
      ['a link to /dev/zero', () => symlink('/dev/zero', config), 'a character device'],
      ['a FIFO', async () => void execFileSync('mkfifo', [config]), 'a FIFO'],
      ['a link to a FIFO', () => symlink(fifo, config), 'a FIFO'],
      ['a sparse 2 GB file', async () => void execFileSync('truncate', ['-s', '2G', config]), 'larger than'],
    ];
    for (const [what, make, said] of traps) {
      await make();
      const run = await statusOf(pool.args);
      expect(run.signal, what).toBeNull();
      expect(run.code, what).toBe(1);
      expect(run.stderr, what).toContain(config);
      expect(run.stderr, what).toContain(said);
      await rm(config);
    }
    await symlink(kept, config);
    const linked = await statusOf(pool.args);
    expect(linked.code, linked.stderr).toBe(0);
    await rm(config);
    await copyFile(kept, config);
    expect((await statusOf(pool.args)).code).toBe(0);
  }, 120_000);
});
