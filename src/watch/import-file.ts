// Importing one inbox file into the pool, exactly once: with its receipt (receipts.ts) in the
// same transaction, waiting while the pool lock is busy, and telling the file's faults (it goes
// to failed/) from the pool's and the machine's (it stays in the inbox to be tried again).
import { folderColumns } from './columns-folder.js';
import { folderEncoding } from './encoding-folder.js';
import type { Stats } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError, FileError, LockBusyError, LockError, WriteError } from '../errors.js';
import { importDump, type ImportRun } from '../import/import-dump.js';
import type { ImportReport } from '../import/merge.js';
import type { DumpResult } from '../formats/types.js';
import type { Beside } from '../formats/beside.js';
import type { Pool } from '../store/pool.js';
import type { Transaction } from '../store/transaction.js';
import { code, Unimportable } from './read-file.js';
import type { Receipts } from './receipts.js';
import type { TakenFiles } from './taken-files.js';
import { shownName } from './raw-names.js';
import { isCorrectionsOnly, readForImport } from '../import/import-dump.js';
import { DumpError } from '../formats/types.js';
import { archiveKindOf } from '../formats/archives/archive-members.js';
import { officeFileError } from '../formats/office-files.js';
import { isSqliteFile } from '../formats/databases/sqlite-file.js';
import { BATCH_FILE_BYTES, BatchFailed, type Batch } from './burst.js';

const BACKOFF_FIRST_MS = 200;
const BACKOFF_MAX_MS = 5000;

/**
 * Whether an error from importing `name` is the dump's fault. Only what is not goes back to be
 * retried: the pool lock (busy or lost), a pool file that cannot be read (a broken shard is the
 * operator's to fix, and must not empty the inbox into failed/), and system errors (disk full,
 * out of file descriptors, EIO: the machine's). Everything else was thrown while reading or
 * merging the dump's content, which import-dump.ts names after the dump, so the same bytes would
 * fail the same way forever: they are set aside instead of being retried every minute.
 */
export function isDumpFault(error: unknown, name: string): boolean {
  // The lock, or a file of the pool that could not be written (a full disk): never the dump's.
  if (error instanceof LockError || error instanceof WriteError) return false;
  if (error instanceof FileError) return error.file === name;
  // import-dump.ts and merge.ts name the dump first: `dump.txt: ...` or `dump.txt:14: ...`; an
  // archive's member after it, `stock.zip!a.txt:1: no level known ...` (merge.ts names the member).
  if (error instanceof AppError) return error.message.startsWith(`${name}:`) || error.message.startsWith(`${name}!`);
  // A system error (ENOSPC, EACCES on a shard, EIO) is the machine's; anything else was thrown
  // while reading a hostile or broken dump (a format reader choking on it).
  return code(error) === undefined;
}

/** `dump.txt: not a dump` → `not a dump`; `dump.txt:14: bad line` keeps its file:line. */
export function reasonOf(error: unknown, name: string): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof AppError || error instanceof Unimportable) return message.startsWith(`${name}: `) ? message.slice(name.length + 2) : message;
  return `could not be read (${message})`;
}

/** The file was written to between its read and the commit: the import was rolled back. */
export class ChangedWhileImported extends Error {
  constructor() {
    super('was written to while being imported');
  }
}

export interface ImportContext {
  pool: Pool;
  receipts: Receipts;
  taken: TakenFiles;
  /** Aborted when the watcher is asked to stop: a wait for the pool lock gives up (the file stays). */
  signal: AbortSignal;
  /** Told once per file when the pool lock is busy (the wait itself is silent). */
  onBusy: (name: string, message: string) => void;
  /** Reshard first when the file makes the pool outgrow its shards (src/cli/grow-shards.ts reshardingFirst). */
  reshard?: ImportRun['reshard'];
  /** A burst's batch (burst.ts): the file's read joins it, and the batch's one transaction imports it. */
  batch?: Batch;
  /** Other files of the burst wait: a file of corrections alone is taken after them (ImportRun.correctionsLast). */
  correctionsLast?: boolean;
}

/**
 * Whether a file may share its transaction with others: a plain dump read on its own. An archive
 * (its members, its own rules), a database (its -wal), a compose file with its companions, a mail
 * judged with its conversation, and a large file are imported alone, as before.
 */
function batchable(name: string, file: { bytes: Buffer; wal?: Buffer; beside?: Beside; read?: DumpResult }): boolean {
  return file.bytes.length <= BATCH_FILE_BYTES && !file.wal && !file.beside && !file.read && !archiveKindOf(file.bytes) && !officeFileError(name, file.bytes) && !isSqliteFile(file.bytes);
}

/**
 * Imports with its receipt, retrying while the pool lock is busy; undefined when stopped while
 * waiting. A file whose receipt says it was imported already (by a watcher stopped before it
 * filed the file) is not imported again: its report is given back, `fromReceipt`.
 */
export async function importOnce(
  ctx: ImportContext,
  name: string,
  file: { bytes: Buffer; wal?: Buffer; beside?: Beside; info: Stats; stillAsRead?: () => Promise<boolean>; takenAt?: string; read?: DumpResult },
  level: number | undefined,
): Promise<{ report: ImportReport; fromReceipt: boolean } | undefined> {
  const done = await ctx.receipts.importedAlready(name, file.bytes, file.info);
  if (done) return { report: done, fromReceipt: true };
  let delay = BACKOFF_FIRST_MS;
  let told = false;
  // `alongside`: another file of a burst's batch was prepared right before it (import-batch.ts).
  const within = async (tx: Transaction, report: ImportReport, alongside = false) => {
    // Last thing before the commit: a file written to since it was read (a writer that paused
    // longer than the settle time, then went on) may end in half a line, `user5:pass` of
    // `user5:password5`, and that account would be handed out with a wrong password until the
    // file is imported again. Nothing of it is committed; it is taken again once it settles.
    if (file.stillAsRead && !(await file.stillAsRead())) throw new ChangedWhileImported();
    const receipt = await ctx.receipts.prepare(name, file.bytes, file.info, report, alongside);
    tx.writeFile(receipt.path, receipt.data);
    // The first taking of this content is kept (taken-files.ts); a later one keeps its time.
    if (!file.takenAt) {
      const taken = await ctx.taken.prepare(file.wal ? Buffer.concat([file.bytes, file.wal]) : file.bytes, name, tx.now);
      tx.writeFile(taken.path, taken.data);
    }
  };
  // `inbox/columns-user,pass,-/`: the list's columns as the folder names them (columns-folder.ts; a
  // bad name was set aside before), read once, not at every wait for the lock.
  const named = folderColumns(name);
  const columns = 'columns' in named ? named.columns : undefined;
  // `inbox/encoding-cp1251/`: the charset of its files that are not UTF-8 (encoding-folder.ts).
  const charset = folderEncoding(name);
  const encoding = 'encoding' in charset ? charset.encoding : undefined;
  if (ctx.batch) {
    if (!batchable(name, file)) ctx.batch.alone();
    // Read here, before it joins: a file the readers refuse is set aside alone (its own fault,
    // named as importDump names it), never failing the batch's transaction for the others.
    let dump;
    try {
      dump = await readForImport(shownName(name), file.bytes, { columns, encoding, maxLines: ctx.pool.config.max_dump_lines });
    } catch (error) {
      if (error instanceof DumpError) throw new AppError(error.message);
      throw error;
    }
    // Corrections alone (a `fix.txt`): imported alone after the batch, whose files may deliver
    // what it corrects, and then after the rest of the burst (ImportRun.correctionsLast).
    if (isCorrectionsOnly(dump)) ctx.batch.alone();
    try {
      const report = await ctx.batch.join({ name: shownName(name), dump, options: { folderLevel: level, ...(file.takenAt ? { verdictsAt: file.takenAt } : {}) }, within }, file.bytes);
      return report === undefined ? undefined : { report, fromReceipt: false };
    } catch (error) {
      // The batch's transaction failed, nothing of it committed: this file in its own, below.
      if (!(error instanceof BatchFailed)) throw error;
    }
  }
  for (;;) {
    try {
      // The pool and the messages get the name as shown (a byte that is not UTF-8 as `\xE9`).
      const report = await importDump(ctx.pool, { name: shownName(name), bytes: file.bytes, ...(file.wal ? { wal: file.wal } : {}), ...(file.beside ? { beside: file.beside } : {}) }, { folderLevel: level, ...(file.takenAt ? { verdictsAt: file.takenAt } : {}) }, { within, ...(columns ? { columns } : {}), ...(encoding ? { encoding } : {}), ...(file.read ? { read: file.read } : {}), ...(ctx.reshard ? { reshard: ctx.reshard } : {}), ...(ctx.correctionsLast ? { correctionsLast: true } : {}) });
      return { report, fromReceipt: false };
    } catch (error) {
      if (!(error instanceof LockBusyError)) throw error;
      if (!told) ctx.onBusy(name, error.message);
      told = true;
    }
    if (ctx.signal.aborted) return undefined;
    try {
      await sleep(delay, undefined, { signal: ctx.signal });
    } catch {
      return undefined; // aborted
    }
    delay = Math.min(delay * 2, BACKOFF_MAX_MS);
  }
}
