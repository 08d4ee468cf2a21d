// Several small dumps, read already, merged in one transaction: the inbox's burst of seller files
// (watch/burst.ts). Each is merged as importDump merges it alone, in the order given, so what the
// pool holds after is what one transaction a file, one after another, leaves: a later file's
// password over an earlier one's, an account the first added known to the second. Each keeps its
// own report, and `within` runs for each (its receipt) in the same commit: all of them or none.
// Why: a transaction's fixed cost (the lock, the stat of every shard, the commit's journal and
// fsyncs) was paid per file, ~75 ms at 1,000,000 accounts for a one-account file (scale-log.md,
// stop 60 M2); a burst of 200 seller files pays it once a batch.
import { basename } from 'node:path';
import type { DumpResult } from '../formats/types.js';
import { recordHistory } from '../history/record.js';
import type { Pool } from '../store/pool.js';
import type { Transaction } from '../store/transaction.js';
import type { ColumnDump } from './dump-columns.js';
import { withPoolOf, type ImportRun } from './import-dump.js';
import { mergeDump, type ImportOptions, type ImportReport } from './merge.js';

export interface BatchFile {
  /** Name shown in reports and errors, as importDump's DumpFile.name. */
  name: string;
  /** Its content as readForImport read it. */
  dump: DumpResult | ColumnDump;
  options: Partial<ImportOptions>;
  /**
   * Runs inside the transaction after every file is merged, with this file's report (its receipt);
   * `alongside`: another file's `within` ran right before it in this transaction.
   */
  within?: (tx: Transaction, report: ImportReport, alongside: boolean) => Promise<void>;
}

/** The commit's words: one file's as importDump's, a batch's naming how many and the first. */
function messageOf(files: readonly BatchFile[], reports: readonly ImportReport[]): string {
  const added = reports.reduce((n, r) => n + r.added, 0);
  const updated = reports.reduce((n, r) => n + r.updated, 0);
  const what = files.length === 1 ? basename(files[0]!.name) : `${files.length} files (${basename(files[0]!.name)} first)`;
  return `import ${what}: ${added} added, ${updated} updated`;
}

/**
 * Merges the files `gather` gives in one transaction, in order; their reports in the same order.
 * `gather` runs first inside the transaction, the pool lock held: the caller may read the files
 * there (watch/burst.ts). Throws what a merge throws (a file's fault names it: `a.txt:3: ...`),
 * and then nothing of any file is in the pool.
 */
export async function importBatch(pool: Pool, gather: () => Promise<readonly BatchFile[]>, reshard?: ImportRun['reshard']): Promise<ImportReport[]> {
  return pool.transaction(async (tx) => {
    const files = await gather();
    const reports = files.map((f) => mergeDump(tx, f.name, withPoolOf(tx, f.name, f.dump, f.options), { source: basename(f.name), ...f.options }, pool.config));
    tx.message = messageOf(files, reports);
    recordHistory(tx, pool.config);
    for (const [i, f] of files.entries()) await f.within?.(tx, reports[i]!, i > 0);
    return reports;
  }, reshard);
}
