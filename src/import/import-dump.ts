// One dump into the pool: read it, then merge it in one transaction (all of the file or nothing).
import { basename } from 'node:path';
import { readDump, toDumpInput } from '../formats/index.js';
import type { DumpResult } from '../formats/types.js';
import { DumpError } from '../formats/types.js';
import { AppError } from '../errors.js';
import { Transaction } from '../store/transaction.js';
import type { Pool } from '../store/pool.js';
import { mergeDump, type ImportOptions, type ImportReport } from './merge.js';
import { recordHistory } from '../history/record.js';

export interface DumpFile {
  /** Name shown in reports and error messages (the path as the user gave it). */
  name: string;
  bytes: Buffer;
}

export interface ImportRun {
  /** Report what would change, change nothing. */
  dryRun?: boolean;
  /** `import --format NAME`: read with this reader, whatever detection says. */
  format?: string;
  /** Runs inside the import's transaction, to commit more with it (the watcher's receipt). */
  within?: (tx: Transaction, report: ImportReport) => Promise<void>;
}

/** Reads and imports one dump. Unreadable dumps throw AppError naming the file (and line). */
export async function importDump(pool: Pool, file: DumpFile, options: Partial<ImportOptions> = {}, { dryRun = false, within, format }: ImportRun = {}): Promise<ImportReport> {
  let dump: DumpResult | undefined;
  try {
    dump = await readDump(toDumpInput(file.name, file.bytes), { format });
  } catch (error) {
    if (error instanceof DumpError) throw new AppError(error.message);
    throw error;
  }
  const merged = { source: basename(file.name), ...options };
  if (dryRun) {
    // The same rules on a snapshot nobody commits: the report is exactly what a real import would say.
    return mergeDump(new Transaction(await pool.read(), pool.now()), file.name, dump, merged, pool.config);
  }
  return pool.transaction(async (tx) => {
    const report = mergeDump(tx, file.name, dump!, merged, pool.config);
    // The dump's records are in the transaction now: let them go before the shards are planned and
    // written (a 1,000,000-line dump's records were ~150 MB held to the end of the commit).
    dump = undefined;
    tx.message = `import ${basename(file.name)}: ${report.added} added, ${report.updated} updated`;
    recordHistory(tx, pool.config);
    await within?.(tx, report);
    return report;
  });
}
