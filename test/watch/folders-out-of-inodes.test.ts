// The watcher's own folders made on a disk with no inode left: node's recursive mkdir says ENOENT
// ("no such file or directory") there, not ENOSPC, and the operator read that
// `.inbox-receipts/<inbox>` or `.cache/inbox-taken/<inbox>` was missing on a disk that was full.
// Now both name the folder and the disk out of inodes, with ENOSPC's code (a full disk: the dump
// waits in the inbox). A real tmpfs with few inodes, used up by real files; skipped where no
// tmpfs can be mounted (not root).
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImportReport } from '../../src/import/merge.js';
import { Receipts } from '../../src/watch/receipts.js';
import { TakenFiles } from '../../src/watch/taken-files.js';
import { mountSkipReason, smallDisk } from '../helpers/tmpfs.js';

/** A pool folder on a fresh tmpfs whose every inode is taken by files (the folders above still there). */
async function poolOutOfInodes(): Promise<string> {
  const disk = await smallDisk(1024);
  execFileSync('mount', ['-o', 'remount,nr_inodes=32', disk]);
  const pool = join(disk, 'pool');
  await mkdir(join(pool, '.cache'), { recursive: true });
  for (let i = 0; ; i++) {
    try {
      await writeFile(join(pool, `filler-${i}`), '');
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
      return pool;
    }
  }
}

describe.skipIf(mountSkipReason !== undefined)('the watcher\'s folders on a disk out of inodes', () => {
  it('a receipt\'s folder (.inbox-receipts/...) is named with the disk out of inodes, code ENOSPC, not a missing folder', async () => {
    const pool = await poolOutOfInodes();
    const receipts = new Receipts(pool, '/srv/inbox');
    const made = receipts.prepare('dump.txt', Buffer.from('a:b\n'), await stat(pool), {} as ImportReport);
    await expect(made).rejects.toMatchObject({ code: 'ENOSPC' });
    await expect(made).rejects.toThrow(`could not write ${receipts.dir}: ENOSPC: no space left on device (the disk holding ${pool} is out of inodes`);
  });

  it('a record\'s folder (.cache/inbox-taken/...) is named with the disk out of inodes, code ENOSPC, not a missing folder', async () => {
    const pool = await poolOutOfInodes();
    const taken = new TakenFiles(pool, '/srv/inbox');
    const made = taken.prepare(Buffer.from('a:b\n'), 'dump.txt', new Date());
    await expect(made).rejects.toMatchObject({ code: 'ENOSPC' });
    await expect(made).rejects.toThrow(`ENOSPC: no space left on device (the disk holding ${join(pool, '.cache')} is out of inodes`);
    await expect(made).rejects.toThrow(join(pool, '.cache', 'inbox-taken'));
  });
});
