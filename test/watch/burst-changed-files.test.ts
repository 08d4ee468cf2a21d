// A burst's batch (src/watch/burst.ts) whose files change between their read and the batch's
// commit: the files behind the first are read under the pool lock, then every file's accounts
// are merged, and only then does each file's receipt check that the file is still as read
// (import-file.ts `within`). The change is made there, as the batch's first receipt is prepared:
// one file grown by a writer that went on, one cut short and written again, one renamed away
// with another file renamed into its name, one swapped for a link to accounts outside.
//
// What a user depends on: no account lost, none half-written (a password cut short), nothing
// outside the inbox imported, no file filed as imported whose last content was not imported, and
// the rest of the batch imported all the same.
import { describe, expect, it } from 'vitest';
import { appendFile, mkdir, rename, symlink, truncate, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { importInboxOnce } from '../../src/watch/watcher.js';
import { Receipts } from '../../src/watch/receipts.js';
import { dumpText, failedNames, importedNames, makeInboxPool, waiting } from './helpers.js';

describe("a burst's files changed between their read and the batch's commit", () => {
  it('grown, cut and rewritten, renamed over, swapped for a link: every content whole, nothing from outside, the others imported', async () => {
    const pool = await makeInboxPool(2);
    const inbox = pool.inbox;
    const outside = join(pool.base, 'outside');
    await mkdir(outside);
    await writeFile(join(outside, 'accounts.txt'), 'outsider0:Outside-Secret-0\n');
    const away = join(pool.base, 'away');
    await mkdir(away);
    // a0 is taken first (alone before the lock); b1..b6 wait behind it: one batch.
    const files = ['a0.txt', 'b1.txt', 'b2.txt', 'b3.txt', 'b4.txt', 'b5.txt', 'b6.txt'];
    await mkdir(join(inbox, 'level-30'), { recursive: true });
    for (const [i, name] of files.entries()) {
      const path = join(inbox, 'level-30', name);
      await writeFile(path, dumpText(`in${i}x`, 2));
      const when = new Date(Date.now() - (100 - i) * 1000);
      await utimes(path, when, when);
    }
    const at = (name: string) => join(inbox, 'level-30', name);

    let changed = false;
    const prepare = Receipts.prototype.prepare;
    Receipts.prototype.prepare = async function (this: Receipts, name, ...rest) {
      // The batch's first receipt (b1's): every file of it read and merged, none of the others checked yet.
      if (!changed && name === 'level-30/b1.txt') {
        changed = true;
        await appendFile(at('b2.txt'), 'in2x2:pw-in2x2\n');
        await truncate(at('b3.txt'), 10);
        await writeFile(at('b3.txt'), 'in3y0:pw-in3y0\n');
        await rename(at('b4.txt'), join(away, 'b4.txt'));
        await writeFile(join(away, 'new-b4.txt'), 'in4y0:pw-in4y0\n');
        await rename(join(away, 'new-b4.txt'), at('b4.txt'));
        await rename(at('b5.txt'), join(away, 'b5.txt'));
        await symlink(join(outside, 'accounts.txt'), at('b5.txt'));
      }
      return prepare.call(this, name, ...rest);
    } as Receipts['prepare'];
    let out = '';
    let err = '';
    try {
      await importInboxOnce({ pool: await pool.open(), inbox, settleMs: 50, stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) } });
    } finally {
      Receipts.prototype.prepare = prepare;
    }
    expect(changed).toBe(true);
    const snap = await (await pool.open()).read();
    const passwords = Object.fromEntries([...snap.accounts()].map((a) => [a.username, a.password]));
    expect(passwords).toEqual({
      in0x0: 'pw-in0x0', in0x1: 'pw-in0x1',
      in1x0: 'pw-in1x0', in1x1: 'pw-in1x1',
      in2x0: 'pw-in2x0', in2x1: 'pw-in2x1', in2x2: 'pw-in2x2',
      // b3 as it was read (its handle's file, whole), then as it was written again: never cut short.
      ...(passwords.in3x0 ? { in3x0: 'pw-in3x0', in3x1: 'pw-in3x1' } : {}),
      in3y0: 'pw-in3y0',
      // b4's first file, read whole before it was renamed away, and the one renamed into its name.
      in4x0: 'pw-in4x0', in4x1: 'pw-in4x1', in4y0: 'pw-in4y0',
      in5x0: 'pw-in5x0', in5x1: 'pw-in5x1',
      in6x0: 'pw-in6x0', in6x1: 'pw-in6x1',
    });
    expect(out + err).not.toContain('Outside-Secret');
    expect(await waiting(inbox)).toEqual([]);
    expect(await failedNames(inbox)).toEqual(expect.arrayContaining([expect.stringMatching(/^b5\.txt/)]));
    expect(await importedNames(inbox)).toEqual(['a0.txt', 'b1.txt', 'b2.txt', 'b3.txt', 'b4.txt', 'b6.txt']);
  });
});
