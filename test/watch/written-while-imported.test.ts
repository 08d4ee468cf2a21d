// A dump written to while the watcher imports it: a writer that paused longer than the settle
// time (a slow upload, an editor saving twice) and then went on. What the watcher read may end
// in half a line; nothing of it may reach the pool, or an account is handed out with half its
// password until the file is imported again.
import { describe, expect, it } from 'vitest';
import { appendFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { waitFor } from '../helpers/testdir.js';
import { allImported, drop, failedNames, holdPoolLock, makeInboxPool, poolSize, startWatching, waitForLines } from './helpers.js';

describe('a dump written to while it is imported', () => {
  it('ending in half a line when read: nothing of that read is committed; the whole file is imported once it settles', async () => {
    const pool = await makeInboxPool(4);
    await pool.configure({ default_level: '30' });
    const path = await drop(pool.inbox, 'upload.txt', 'slow1:password1\nslow2:password2\nslow3:pass');
    const old = new Date(Date.now() - 60_000);
    await utimes(path, old, old); // settled: the writer paused
    const lock = await holdPoolLock(pool); // the watcher reads the file, then waits for the pool
    const w = await startWatching(pool, { settleMs: 200 });
    try {
      await waitFor(() => w.stderr().includes('waiting for the pool to import upload.txt'), { what: 'the file read, the pool waited for' });
      await appendFile(path, 'word3\nslow4:password4\n'); // the writer goes on
      await lock.release();
      await allImported(pool, 1);
      await waitForLines(w.stdout, 1);
      expect(w.stdout()).toBe('imported upload.txt: 4 added, 0 updated, 0 rejected\n');
      const snapshot = await (await pool.open()).read();
      expect(snapshot.get('slow3')?.password).toBe('password3');
      expect(await poolSize(pool)).toBe(4);
      expect(await failedNames(pool.inbox)).toEqual([]);
    } finally {
      await lock.release();
      await w.stop();
    }
  });

  it('replaced by a rename or cut short and written again while read: no account lost, none doubled, the file filed once', async () => {
    const pool = await makeInboxPool(4);
    await pool.configure({ default_level: '30' });
    const renamed = await drop(pool.inbox, 'renamed.txt', 'oldfile1:pw1\noldfile2:pw2\n');
    const rewritten = await drop(pool.inbox, 'rewritten.txt', 'cut1:pw1\ncut2:pw2\n');
    const old = new Date(Date.now() - 60_000);
    for (const path of [renamed, rewritten]) await utimes(path, old, old);
    const lock = await holdPoolLock(pool);
    const w = await startWatching(pool, { settleMs: 200 });
    try {
      await waitFor(() => w.stderr().includes('waiting for the pool to import renamed.txt'), { what: 'the first file read' });
      // Another upload renamed over the one being imported: what was read is that first file whole.
      await drop(pool.inbox, 'renamed.txt', 'newfile1:pw1\n');
      await writeFile(rewritten, ''); // an editor saving: cut short, then written again
      await writeFile(rewritten, 'cut1:pw1\ncut2:pw2\ncut3:pw3\n');
      await lock.release();
      await allImported(pool, 2); // renamed.txt (the file now under that name) and rewritten.txt; the first renamed.txt is gone with the rename
      const snapshot = await (await pool.open()).read();
      expect(['oldfile1', 'oldfile2', 'newfile1', 'cut1', 'cut2', 'cut3'].map((u) => snapshot.get(u)?.password)).toEqual(['pw1', 'pw2', 'pw1', 'pw1', 'pw2', 'pw3']);
      expect(await poolSize(pool)).toBe(6);
      expect(await failedNames(pool.inbox)).toEqual([]);
    } finally {
      await lock.release();
      await w.stop();
    }
  });
});
