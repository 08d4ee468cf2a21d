// A burst's batch (src/watch/burst.ts: the files behind the first share one transaction) swapped
// at its worst moment: after the batch's first file was read, before the batch holds the pool lock
// (a busy pool keeps it there for minutes). The attacker, who may write into the inbox, renames a
// dump away and puts a link to a file of accounts outside in its place, and swaps a level folder
// for a link to a folder outside. inbox-file-swap.test.ts and inbox-swap.test.ts do this to the
// file a watcher waits with; this does it to the files waiting behind it in its batch.
//
// What a user depends on: each file is checked (inside the inbox, not a link, the same file) when
// its bytes are read, and only the batch's first file is read before the lock, as a file alone is
// read before its wait; the others are read under the lock, as they are then. So nothing outside
// is read into the pool, no link is filed as imported, and the batch's first file is imported as
// read, as a file alone would be. Until stop 62 the whole batch was read before the lock, and the
// dumps taken away were imported (stop 61's branch, which did not land).
//
// The moment is hooked deterministically: the pool's transaction is wrapped (the pattern of
// test/watch/burst.test.ts's countingPool), and the swap made as the batch's transaction is asked
// for, before its lock is taken.
import { describe, expect, it } from 'vitest';
import { lstat, mkdir, readdir, readFile, readlink, rename, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Pool } from '../../src/store/pool.js';
import { importInboxOnce } from '../../src/watch/watcher.js';
import { dumpText, makeInboxPool } from '../watch/helpers.js';

describe("a burst's files swapped for links after its batch's first file is read, before its lock", () => {
  it('reads nothing outside the inbox into the pool, files no link as imported; the first file imported as read', async () => {
    const pool = await makeInboxPool(2);
    const inbox = pool.inbox;
    const outside = join(pool.base, 'outside');
    await mkdir(outside);
    const secret = (prefix: string) => Array.from({ length: 5 }, (_, i) => `${prefix}${i}:Outside-Secret-${i}`).join('\n') + '\n';
    await writeFile(join(outside, 'accounts.txt'), secret('outsider'));
    // Named as the files of the swapped folder: what it would import through the link.
    for (const name of ['b3.txt', 'b4.txt']) await writeFile(join(outside, name), secret(`deep${name[1]}_`));
    const outsideBefore = await Promise.all(['accounts.txt', 'b3.txt', 'b4.txt'].map((n) => readFile(join(outside, n))));

    // a0 is taken first, alone (the first file of a burst); b1..b5 wait behind it: one batch.
    const files = ['a0.txt', 'level-30/b1.txt', 'level-30/b2.txt', 'level-31/b3.txt', 'level-31/b4.txt', 'level-30/b5.txt'];
    for (const [i, rel] of files.entries()) {
      await mkdir(join(inbox, rel, '..'), { recursive: true });
      await writeFile(join(inbox, rel), dumpText(`in${i}x`, 2));
      const when = new Date(Date.now() - (100 - i) * 1000);
      await utimes(join(inbox, rel), when, when);
    }
    await pool.configure({ default_level: '30' });
    const away = join(pool.base, 'taken-away');
    await mkdir(away);

    const opened = await pool.open();
    let out = '';
    let err = '';
    let swapped = false;
    const transaction = opened.transaction.bind(opened);
    opened.transaction = (async (work, options) => {
      // The batch's transaction: asked for after a0's line, b1 read, b2..b5 not yet.
      if (!swapped && out.includes('imported a0.txt')) {
        swapped = true;
        await rename(join(inbox, 'level-30/b1.txt'), join(away, 'b1.txt'));
        await symlink(join(outside, 'accounts.txt'), join(inbox, 'level-30/b1.txt'));
        await rename(join(inbox, 'level-30/b2.txt'), join(away, 'b2.txt'));
        await symlink(join(outside, 'accounts.txt'), join(inbox, 'level-30/b2.txt'));
        await rename(join(inbox, 'level-31'), join(inbox, 'away-31'));
        await symlink(outside, join(inbox, 'level-31'));
      }
      return transaction(work, options);
    }) as Pool['transaction'];
    // b1, imported as read, is then a link: looked at again after the settle time (50 ms here), and set aside.
    await importInboxOnce({ pool: opened, inbox, settleMs: 50, stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) } });
    expect(swapped).toBe(true);

    // Nothing outside read into the pool or changed; b1 as it was read before the lock, as a file alone.
    const names = [...(await (await pool.open()).read()).accounts()].map((a) => a.username).sort();
    expect(names).toEqual(['in0x0', 'in0x1', 'in1x0', 'in1x1', 'in5x0', 'in5x1']);
    expect(out + err).not.toContain('Outside-Secret');
    expect(await Promise.all(['accounts.txt', 'b3.txt', 'b4.txt'].map((n) => readFile(join(outside, n))))).toEqual(outsideBefore);
    expect(out).toMatch(/^imported level-30\/b1\.txt: 2 added, 0 updated, 0 rejected; the file changed meanwhile/m);
    expect(err).toMatch(/^failed level-30\/b1\.txt: is a symbolic link/m);
    expect(err).toMatch(/^failed level-30\/b2\.txt: is a symbolic link \(to .*accounts\.txt\); links are not followed/m);
    expect(err).toMatch(/^refused level-31\/b3\.txt: leads outside the inbox: /m);
    expect(err).toMatch(/^refused level-31\/b4\.txt: leads outside the inbox: /m);
    // b5, never swapped, imported with the batch, its line said.
    expect(out).toMatch(/^imported level-30\/b5\.txt: 2 added/m);
    // The attacker's copies as they were; no link filed as imported; each link in the inbox or set aside as the link.
    for (const [i, name] of ['b1.txt', 'b2.txt'].entries()) expect(await readFile(join(away, name), 'utf8')).toBe(dumpText(`in${i + 1}x`, 2));
    const importedRoot = join(inbox, 'imported');
    for (const day of await readdir(importedRoot)) {
      for (const name of await readdir(join(importedRoot, day))) expect((await lstat(join(importedRoot, day, name))).isSymbolicLink(), name).toBe(false);
    }
    for (const name of ['b1.txt', 'b2.txt']) {
      const found = await Promise.all([join(inbox, 'level-30', name), join(inbox, 'failed', name)].map((p) => readlink(p).catch(() => undefined)));
      expect(found.filter((t) => t === join(outside, 'accounts.txt')), name).toHaveLength(1);
    }
  });
});
