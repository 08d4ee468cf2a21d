// One dump from the inbox: check it, import it, set it aside.
//
// Exactly once, even across SIGKILL. The order is: import (one pool transaction, durable when it
// returns: journal, fsync, renames), then move the file out of the inbox with one rename. A
// watcher killed at any moment leaves one of three states, and a restarted one handles each:
//   - killed before or during the transaction: the journal finishes or rolls it back (all of the
//     file or nothing) and the file is still in the inbox → imported on restart;
//   - killed after the commit, before the rename: the file is still in the inbox, and the
//     transaction also wrote a receipt naming it (receipts.ts) → on restart the file is moved
//     without being imported again (so a checker's accounts-blind.csv does not state its verdicts
//     twice), and the receipt removed;
//   - killed after the rename: done; rename is atomic, so there is no half-moved file. (A power
//     cut that loses the rename brings back the second state, handled the same way.) A receipt
//     left behind is removed when the watcher starts.
// So no file is lost, none is imported twice, and after a restart none is left both imported and
// in the inbox.
// Failures use the same order: the error note is written atomically, then the file moves.
//
// What is the file's fault (it cannot be read, a line is bad, no level is known, it is a link or
// too big) sends it to failed/. What is not (the pool is locked, a shard is broken, the disk is
// full) leaves it in the inbox to be tried again: a pool problem must not empty the inbox into
// failed/.
import type { Stats } from 'node:fs';
import { lstat, readlink } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError, FileError, LockBusyError } from '../errors.js';
import { importDump } from '../import/import-dump.js';
import type { ImportReport } from '../import/merge.js';
import type { Pool } from '../store/pool.js';
import { inboxRelative } from './ignore.js';
import { folderLevel } from './level-folder.js';
import { moveToFailed, moveToImported } from './move.js';
import { code, kindOf, readChecked, unchangedSince, Unimportable } from './read-file.js';
import { dropReceipt, importedAlready, receiptFor } from './receipts.js';
import type { Transaction } from '../store/transaction.js';
import type { SettleCheck } from './settle.js';

export interface FileContext {
  pool: Pool;
  inbox: string;
  settle: SettleCheck;
  now: () => Date;
  /** Aborted when the watcher is asked to stop: a wait for the pool lock gives up (the file stays). */
  signal: AbortSignal;
  /** Told once per file when the pool lock is busy (the wait itself is silent). */
  onBusy: (name: string, message: string) => void;
}

export type Outcome =
  | { kind: 'imported'; name: string; report: ImportReport; movedTo: string }
  | { kind: 'failed'; name: string; reason: string; movedTo: string }
  /** Gone before we got to it (moved or deleted by the user, or already handled). */
  | { kind: 'gone'; name: string }
  /** Still being written: ask again after `retryMs`. */
  | { kind: 'unsettled'; name: string; retryMs: number }
  /** Imported, but written to meanwhile: stays in the inbox to be imported again once settled. */
  | { kind: 'changed'; name: string; report: ImportReport; retryMs: number }
  /** Not the file's fault (the pool has a problem): it stays in the inbox. */
  | { kind: 'postponed'; name: string; reason: string }
  /** The watcher is stopping; the file stays in the inbox for the next start. */
  | { kind: 'stopped'; name: string };

const BACKOFF_FIRST_MS = 200;
const BACKOFF_MAX_MS = 5000;

/** Whether an error from importing `name` is the dump's fault (see the top of this file). */
export function isDumpFault(error: unknown, name: string): boolean {
  if (error instanceof LockBusyError) return false;
  if (error instanceof FileError) return error.file === name;
  // import-dump.ts and merge.ts name the dump first: `dump.txt: ...` or `dump.txt:14: ...`.
  if (error instanceof AppError) return error.message.startsWith(`${name}:`);
  // A system error (ENOSPC, EACCES on a shard, EIO) is the machine's; anything else was thrown
  // while reading a hostile or broken dump (a format reader choking on it).
  return code(error) === undefined;
}

/** `dump.txt: not a dump` → `not a dump`; `dump.txt:14: bad line` keeps its file:line. */
function reasonOf(error: unknown, name: string): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof AppError || error instanceof Unimportable) return message.startsWith(`${name}: `) ? message.slice(name.length + 2) : message;
  return `could not be read (${message})`;
}

/** Imports with its receipt, retrying while the pool lock is busy; undefined when stopped while waiting. */
async function importWithRetry(ctx: FileContext, name: string, file: { bytes: Buffer; info: Stats }, level: number | undefined): Promise<ImportReport | undefined> {
  let delay = BACKOFF_FIRST_MS;
  let told = false;
  const within = async (tx: Transaction, report: ImportReport) => {
    const receipt = await receiptFor(ctx.inbox, name, file.bytes, file.info, report);
    tx.writeFile(receipt.path, receipt.data);
  };
  for (;;) {
    try {
      return await importDump(ctx.pool, { name, bytes: file.bytes }, { folderLevel: level }, { within });
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

function noteFor(name: string, reason: string, when: Date, inbox: string): string {
  return [
    `accountpool watch could not import ${name}`,
    '',
    `reason: ${reason}`,
    `file:   ${name} (in the inbox ${inbox})`,
    `when:   ${when.toISOString()}`,
    '',
    'This attempt added nothing to the pool (an import is all of the file or nothing).',
    'Fix the cause, then drop the file into the inbox again.',
    '',
  ].join('\n');
}

async function fail(ctx: FileContext, path: string, name: string, reason: string): Promise<Outcome> {
  const movedTo = await moveToFailed(ctx.inbox, path, noteFor(name, reason, ctx.now(), ctx.inbox));
  return { kind: 'failed', name, reason, movedTo };
}

/** Handles one inbox entry; throws only for what is neither the file's fault nor the pool's. */
export async function processFile(ctx: FileContext, path: string): Promise<Outcome> {
  const name = inboxRelative(ctx.inbox, path) ?? path;
  let info: Stats;
  try {
    info = await lstat(path);
  } catch (error) {
    if (code(error) === 'ENOENT' || code(error) === 'ENOTDIR') {
      ctx.settle.forget(path);
      return { kind: 'gone', name };
    }
    throw error;
  }
  if (info.isSymbolicLink()) {
    const target = await readlink(path).catch(() => '?');
    return fail(ctx, path, name, `is a symbolic link (to ${target}); links are not followed, so it was not imported (move or copy the file itself into the inbox)`);
  }
  if (info.isDirectory()) return { kind: 'gone', name }; // a folder is walked, never imported
  if (!info.isFile()) return fail(ctx, path, name, `is ${kindOf(info)}, not a file`);
  const retryMs = ctx.settle.wait(path, info, Date.now());
  if (retryMs > 0) return { kind: 'unsettled', name, retryMs };
  ctx.settle.forget(path);

  const level = folderLevel(name);
  if ('error' in level) return fail(ctx, path, name, level.error);
  let report: ImportReport | undefined;
  let read: Stats;
  try {
    const file = await readChecked(path, ctx.pool.config.max_dump_size);
    if (!file) return { kind: 'gone', name };
    read = file.info;
    // Imported by a watcher stopped before it filed the file: file it now, import nothing twice.
    report = (await importedAlready(ctx.inbox, name, file.bytes, file.info)) ?? (await importWithRetry(ctx, name, file, level.level));
  } catch (error) {
    if (error instanceof Unimportable || isDumpFault(error, name)) return fail(ctx, path, name, reasonOf(error, name));
    return { kind: 'postponed', name, reason: error instanceof Error ? error.message : String(error) };
  }
  if (!report) return { kind: 'stopped', name };
  // Written to again during the import (a writer that paused longer than the settle time): what
  // was read is in the pool, but the file is not done — it is imported again once it settles
  // (which repeats nothing, see above) instead of being put away with lines never imported.
  if (!(await unchangedSince(path, read))) {
    await dropReceipt(ctx.inbox, name);
    return { kind: 'changed', name, report, retryMs: ctx.settle.settleMs };
  }
  // From here on the accounts are in the pool; the rename below is what makes the file done.
  const movedTo = await moveToImported(ctx.inbox, path, ctx.now());
  await dropReceipt(ctx.inbox, name);
  return { kind: 'imported', name, report, movedTo };
}
