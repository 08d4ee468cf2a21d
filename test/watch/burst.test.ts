// A burst of inbox files (a mass drop of seller files) imported in one pool transaction
// (src/watch/burst.ts, src/import/import-batch.ts): each file still filed on its own with its own
// line, a file that cannot be read or imported set aside alone, and a watcher stopped right after a
// batch's commit (what SIGKILL leaves there) files the rest at its next start without importing
// them again. The real-process SIGKILL of a burst is burst-kill.test.ts.
import { describe, expect, it } from 'vitest';
import { lstat, mkdir, readdir, readFile, realpath, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { importBatch } from '../../src/import/import-batch.js';
import { readForImport } from '../../src/import/import-dump.js';
import { Receipts, RECEIPTS_DIR } from '../../src/watch/receipts.js';
import { BATCH_FILES } from '../../src/watch/burst.js';
import { importInboxOnce } from '../../src/watch/watcher.js';
import { dayFolder } from '../../src/watch/move.js';
import type { Pool } from '../../src/store/pool.js';
import type { Transaction } from '../../src/store/transaction.js';
import type { ImportReport } from '../../src/import/merge.js';
import { drop, failedNames, importedNames, makeInboxPool, waiting, type InboxPool } from './helpers.js';

/** The pool, counting its transactions (the commits a burst costs). */
async function countingPool(pool: InboxPool): Promise<{ pool: Pool; transactions: () => number }> {
  const opened = await pool.open();
  let count = 0;
  const transaction = opened.transaction.bind(opened);
  opened.transaction = ((work, options) => {
    count++;
    return transaction(work, options);
  }) as Pool['transaction'];
  return { pool: opened, transactions: () => count };
}

async function once(pool: Pool, inbox: string): Promise<{ out: string; err: string }> {
  let out = '';
  let err = '';
  await importInboxOnce({ pool, inbox, stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) } });
  return { out, err };
}

async function accounts(pool: InboxPool) {
  return (await pool.open()).read();
}

describe('a burst of inbox files in one transaction', () => {
  it('imports 30 waiting files in a few transactions (the first alone, the rest in batches), each filed with its own line; a later password wins as file by file', async () => {
    const pool = await makeInboxPool(4);
    const names = Array.from({ length: 30 }, (_, i) => `level-30/s${String(i).padStart(2, '0')}.txt`);
    for (const [i, name] of names.entries()) await drop(pool.inbox, name, `seller${i}:pw-${i}\nshared:pw-from-${i}\n`);
    const { pool: counted, transactions } = await countingPool(pool);
    const { out, err } = await once(counted, pool.inbox);
    expect(err).toBe('');
    // One file a transaction until stop 62: 30. The first of a burst alone, as a file by itself
    // (run.ts); the rest in batches of BATCH_FILES (burst.ts).
    expect(transactions()).toBe(1 + Math.ceil(29 / BATCH_FILES));
    expect(out.trim().split('\n')).toEqual(names.map((n, i) => `imported ${n}: ${i === 0 ? 2 : 1} added, ${i === 0 ? 0 : 1} updated, 0 rejected${i === 0 ? '' : '; changed: 1 password'}`));
    expect(await importedNames(pool.inbox)).toEqual(names.map((n) => n.slice('level-30/'.length)));
    expect(await waiting(pool.inbox)).toEqual([]);
    const snapshot = await accounts(pool);
    expect(snapshot.size).toBe(31);
    for (let i = 0; i < 30; i++) expect(snapshot.get(`seller${i}`)?.password).toBe(`pw-${i}`);
    expect(snapshot.get('shared')?.password).toBe('pw-from-29'); // the queue's last file, as one transaction a file left it
    expect(await readdir(pool.dir)).not.toContain(RECEIPTS_DIR);
  });

  it('a file that cannot be read and one whose accounts have no level are set aside alone, the others imported', async () => {
    const pool = await makeInboxPool(4);
    for (let i = 0; i < 12; i++) await drop(pool.inbox, `level-30/ok${String(i).padStart(2, '0')}.txt`, `good${i}:pw-good-${i}\n`);
    // Binary junk: refused by the readers before the batch's merge.
    await drop(pool.inbox, 'level-30/ok05-junk.bin', Buffer.from(Array.from({ length: 4096 }, (_, b) => (b * 31 + 7) % 256)));
    // No level folder, no default_level: refused by the merge, inside the batch's transaction.
    await drop(pool.inbox, 'nolevel.txt', 'lost1:pw-lost-1\n');
    const { pool: counted } = await countingPool(pool);
    const { out, err } = await once(counted, pool.inbox);
    expect(out.match(/^imported level-30\/ok\d\d\.txt: 1 added, 0 updated, 0 rejected$/gm)).toHaveLength(12);
    expect(err).toMatch(/^failed level-30\/ok05-junk\.bin: .* \(moved to failed\/ok05-junk\.bin\)$/m);
    expect(err).toMatch(/^failed nolevel\.txt: nolevel\.txt:1: no level known for 1 account; .* \(moved to failed\/nolevel\.txt\)$/m);
    expect(await failedNames(pool.inbox)).toEqual(['nolevel.txt', 'nolevel.txt.error.txt', 'ok05-junk.bin', 'ok05-junk.bin.error.txt']);
    expect(await waiting(pool.inbox)).toEqual([]);
    const snapshot = await accounts(pool);
    expect(snapshot.size).toBe(12);
    expect(snapshot.get('lost1')).toBeUndefined();
  });

  it('stopped right after a batch committed, two of its files filed: the next start files the rest without importing them again', async () => {
    const pool = await makeInboxPool(4);
    await drop(pool.inbox, 'level-30/sellers.txt', 'mew_one:pw-1\nmew_two:pw-2\n');
    expect((await cli(['watch', '--once', ...pool.args])).code).toBe(0);
    // The batch: a checker's verdict file and three seller files.
    const names = ['accounts-blind.csv', 'level-30/b1.txt', 'level-30/b2.txt', 'level-30/b3.txt'];
    const texts = ['ptc,mew_one,pw-1\nptc,mew_two,pw-2\n', 'b_one:pw-b1\n', 'b_two:pw-b2\n', 'b_three:pw-b3\n'];
    for (const [i, name] of names.entries()) await drop(pool.inbox, name, texts[i]!);
    // What the watcher's batch commits (burst.ts): every file's accounts and receipt in one transaction.
    const receipts = new Receipts(pool.dir, await realpath(pool.inbox));
    const files = await Promise.all(
      names.map(async (name) => {
        const path = join(pool.inbox, name);
        const bytes = await readFile(path);
        const info = await lstat(path);
        const dump = await readForImport(name, bytes, {});
        return {
          name,
          dump,
          options: name.startsWith('level-30/') ? { folderLevel: 30 } : {},
          within: async (tx: Transaction, report: ImportReport) => {
            const receipt = await receipts.prepare(name, bytes, info, report);
            tx.writeFile(receipt.path, receipt.data);
          },
        };
      }),
    );
    await importBatch(await pool.open(), async () => files);
    // Killed after filing two of them: b1 and b2 moved, the verdict file and b3 still in the inbox.
    const day = join(pool.inbox, 'imported', dayFolder(new Date()));
    await mkdir(day, { recursive: true });
    await rename(join(pool.inbox, 'level-30/b1.txt'), join(day, 'b1.txt'));
    await rename(join(pool.inbox, 'level-30/b2.txt'), join(day, 'b2.txt'));
    expect((await accounts(pool)).get('mew_one')?.state).toBe('blind');
    // Meanwhile the operator finds mew_one fine after all: the verdict file must not say blind again.
    expect((await cli(['mark', 'mew_one', '--verdict', 'ok', ...pool.args])).code).toBe(0);

    const restarted = await cli(['watch', '--once', ...pool.args]);
    expect(restarted.stderr).toBe('');
    expect(restarted.code).toBe(0);
    expect(restarted.stdout).toBe('imported accounts-blind.csv: 0 added, 2 updated, 0 rejected; changed: 2 verdict\nimported level-30/b3.txt: 1 added, 0 updated, 0 rejected\n');
    const snapshot = await accounts(pool);
    expect(snapshot.get('mew_one')?.state).toBe('ok');
    expect(snapshot.get('mew_two')?.state).toBe('blind');
    expect(snapshot.size).toBe(5);
    expect(await waiting(pool.inbox)).toEqual([]);
    expect(await importedNames(pool.inbox)).toEqual(['accounts-blind.csv', 'b1.txt', 'b2.txt', 'b3.txt', 'sellers.txt']); // each once: no `b3 (1).txt`
    expect(await readdir(pool.dir)).not.toContain(RECEIPTS_DIR);
  });
});
