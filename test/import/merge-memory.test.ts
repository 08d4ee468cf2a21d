// What an import's merge holds at its end, where a 1,000,000-line import's peak RSS was
// (docs/design-scale.md, stop 35): the dump's columns and the new accounts' columns, not a string
// per line beside them. The heap alive after a full collection is taken as the merge adds the
// dump's last line (Transaction.addFresh, inside its loop: what the loop holds is alive there),
// against the heap before the merge, with the dump's columns made and alive at both.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { mergeDump } from '../../src/import/merge.js';
import { Transaction } from '../../src/store/transaction.js';
import { toColumnDump } from '../../src/import/dump-columns.js';
import type { DumpAccount } from '../../src/formats/types.js';
import { openFilledPool } from '../helpers/pool.js';

describe('the merge of a large dump', () => {
  it('keeps no key string per line through its loop: 200,000 new lines', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const pool = await openFilledPool(4, 12);
    const snapshot = await pool.read();
    const count = 200_000;
    const accounts: DumpAccount[] = Array.from({ length: count }, (_, i) => ({ username: `fresh${i}`, password: `secret-${i}`, line: i + 1 }));
    const dump = toColumnDump({ format: 'plain', accounts, rejected: [] });
    accounts.length = 0; // the columns alone, as import-dump.ts holds a large dump
    let atEnd = 0;
    class Measured extends Transaction {
      override addFresh(...args: Parameters<Transaction['addFresh']>): string | null {
        const problem = super.addFresh(...args);
        if (this.freshAccounts?.size === count) {
          gc();
          atEnd = process.memoryUsage().heapUsed;
        }
        return problem;
      }
    }
    const tx = new Measured(snapshot, new Date(Date.UTC(2026, 5, 1)));
    gc();
    const before = process.memoryUsage().heapUsed;
    const report = mergeDump(tx, 'd.txt', dump, { source: 'd.txt', level: 30 }, pool.config);
    expect(report.added).toBe(count);
    expect(tx.freshAccounts!.key(count - 1)).toBe(`fresh${count - 1}`);
    // Alive at the last line: the line each new account was read on (a number each, ~1.6 MB) and little
    // else; a list of every line's key was ~8 MB more here (~40 MB at 1,000,000 lines).
    expect(atEnd - before).toBeLessThan(4 * 1024 * 1024);
  });
});
