// In `import --dry-run` the new accounts are read from the dump by place, not copied (store/
// fresh-accounts.ts BorrowedAccounts: the dump lives to the merge's end there; docs/scale-log.md,
// stop 66 M2). The dry run must still say exactly what the real import then does, also for a second
// file rehearsed after the first (the first's new accounts, with their devices, are then the pool's).
import { describe, expect, it } from 'vitest';
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { makePool } from '../helpers/pool.js';
import { makeAccount } from '../helpers/accounts.js';
import { Pool } from '../../src/store/pool.js';
import type { Transaction } from '../../src/store/transaction.js';
import { importDump } from '../../src/import/import-dump.js';
import type { ImportReport } from '../../src/import/merge.js';

const HEADER = 'username,password,provider,model,iOS,id';
const id = (n: number) => n.toString(16).padStart(32, 'a');

/** Monocle's accounts.csv (Noctem/Monocle accounts.example.csv's columns): new accounts with devices, one without, a known one, a duplicate. */
function first(): Buffer {
  const rows = [HEADER, `${makeAccount(0).username},known-new,ptc,"iPhone9,1",11.2.1,${id(999)}`];
  for (let n = 0; n < 40; n++) rows.push(n === 7 ? `Fresh${n},pw-${n}x,ptc,,,` : `Fresh${n},pw-${n}x,ptc,"iPhone9,1",11.2.1,${id(n)}`);
  rows.push(`Fresh3,again-3x,ptc,"iPhone9,1",11.2.1,${id(3)}`);
  return Buffer.from(rows.join('\n') + '\n');
}

/** The second file: some of the first's accounts again (two with a new password, one now with a device), and new ones. */
function second(): Buffer {
  const rows = [HEADER];
  for (let n = 0; n < 10; n++) rows.push(`fresh${n},${n < 2 ? `changed-${n}x` : `pw-${n}x`},ptc,"iPhone9,1",11.2.1,${id(n + 100)}`);
  for (let n = 40; n < 45; n++) rows.push(`Fresh${n},pw-${n}x,ptc,"iPhone9,1",11.2.1,${id(n)}`);
  return Buffer.from(rows.join('\n') + '\n');
}

const said = (r: ImportReport) => ({ format: r.format, added: r.added, updated: r.updated, unchanged: r.unchanged, changes: r.changes, duplicates: r.duplicates, rejected: r.rejected, sample: r.sample });

describe('import --dry-run reading its new accounts from the dump', () => {
  it('says what the real import of two Monocle CSVs then does, and copies none of their accounts', async () => {
    const pool = await makePool(8);
    await (await pool.open()).transaction((tx) => {
      for (let i = 0; i < 5; i++) tx.put(makeAccount(i));
    });
    const copy = join(pool.base, 'real');
    await cp(pool.dir, copy, { recursive: true });

    const rehearsing = await Pool.open(pool.dir);
    const borrowed: (boolean | undefined)[] = [];
    const rehearse = rehearsing.rehearse.bind(rehearsing);
    rehearsing.rehearse = (work, after, options) =>
      rehearse(async (tx) => {
        const result = await work(tx);
        borrowed.push(tx.freshAccounts?.isBorrowed);
        return result;
      }, after, options);
    const dry = await rehearsing.rehearse(async (tx: Transaction) => {
      const one = await importDump(rehearsing, { name: 'accounts.csv', bytes: first() }, { level: 30, sample: 50 }, { dryRun: true, rehearsal: tx });
      const two = await importDump(rehearsing, { name: 'more.csv', bytes: second() }, { level: 30, sample: 50 }, { dryRun: true, rehearsal: tx });
      return [one, two];
    });
    // The two files' rehearsals held their new accounts by place (the outer one, last, added none itself).
    expect(borrowed.slice(0, 2)).toEqual([true, true]);

    const real = await Pool.open(copy);
    const one = await importDump(real, { name: 'accounts.csv', bytes: first() }, { level: 30, sample: 50 });
    const two = await importDump(real, { name: 'more.csv', bytes: second() }, { level: 30, sample: 50 });
    expect(dry.map(said)).toEqual([said(one), said(two)]);
    // Worked out from the files: the known account takes its device and password; Fresh3 again is a duplicate.
    expect([one.format, one.added, one.updated, one.duplicates.length]).toEqual(['monocle', 40, 1, 1]);
    // fresh7 had no device: the second file gives it one; fresh0 and fresh1 take a new password.
    expect([two.added, two.updated, two.unchanged, two.changes]).toEqual([5, 3, 7, { password: 2, device: 1 }]);
    // What the real import stored is what the dry run's accounts were made from.
    const stored = (await real.read()).get('fresh7')!;
    expect(stored.device).toEqual({ model: 'iPhone9,1', ios: '11.2.1', id: id(107) });
    expect((await real.read()).get('fresh5')!.device).toEqual({ model: 'iPhone9,1', ios: '11.2.1', id: id(5) });
  });
});
