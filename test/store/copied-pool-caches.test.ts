// A pool copied (a backup restored, a new disk, `cp -a`) gives its change log a new inode: the
// digests, notes, hints and judged rows named by the old inode (.cache/log/<inode>.*) describe no
// segment of the copy, and go with the copy's first command that reads the log (log-digest.ts
// `prune`), whether or not it makes a digest.
import { describe, expect, it } from 'vitest';
import { cp, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Pool } from '../../src/store/pool.js';
import { previousSegmentOf } from '../../src/store/change-log.js';
import { openFilledPool } from '../helpers/pool.js';
import { testdir } from '../helpers/testdir.js';
import { cli } from '../helpers/cli.js';

async function hold(pool: Pool, holder: string): Promise<void> {
  await pool.transaction((tx) => {
    for (let i = 0; i < 400; i += 3) {
      const username = `user${String(i).padStart(6, '0')}`;
      tx.put({ ...tx.get(username)!, holder, allocated_at: '2026-06-01T11:00:00.000Z', held_until: '2026-06-01T23:00:00.000Z' });
    }
  });
}

/** The inodes .cache/log names files after, and those of the log's segments now. */
async function inodes(dir: string): Promise<{ named: string[]; live: string[] }> {
  const files = await readdir(join(dir, '.cache', 'log')).catch(() => [] as string[]);
  const named = [...new Set(files.filter((f) => /^\d+\./.test(f)).map((f) => f.split('.')[0]!))].sort();
  const live = [];
  for (const file of [previousSegmentOf(join(dir, '.changes.log')), join(dir, '.changes.log')]) {
    const info = await stat(file).catch(() => undefined);
    if (info) live.push(String(info.ino));
  }
  return { named, live: live.sort() };
}

describe('a copied pool', () => {
  for (const command of [['status'], ['allocate', '--count', '5', '--no-check', '--min-level', '1'], ['release', '--instance', 'east']]) {
    it(`keeps only its own log segments' caches after one \`${command[0]}\``, async () => {
      const pool = await openFilledPool(2, 400);
      await hold(pool, 'east');
      expect((await cli(['status', '--pool', pool.layout.dir])).code).toBe(0);
      const before = await inodes(pool.layout.dir);
      expect(before.named).toEqual(before.live);
      const copy = join(await testdir(), 'copy');
      await cp(pool.layout.dir, copy, { recursive: true, preserveTimestamps: true });
      expect((await inodes(copy)).named).toEqual(before.named);
      const run = await cli([...command, ...(command[0] === 'allocate' ? ['--accountcsv', join(copy, '..', 'west.csv')] : []), '--pool', copy]);
      expect(run.code, run.stderr).toBe(0);
      const after = await inodes(copy);
      expect(after.live).not.toEqual(before.live);
      // The original's are gone (a command that makes no digest, a release, leaves none of its own).
      expect(after.named.filter((inode) => !after.live.includes(inode))).toEqual([]);
      if (command[0] !== 'release') expect(after.named).toEqual(after.live);
    });
  }
});
