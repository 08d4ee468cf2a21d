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
// failed/ (import-file.ts tells which is which).
//
// Never outside the inbox: the file's folder is held open and every step goes through it
// (inbox-folder.ts), so a folder swapped for a link while we work cannot make us read, import or
// move anything outside. A path that leads outside by the time we get to it is refused: nothing
// is read or moved, the refusal is logged, and the link itself is set aside when the inbox is
// looked at again. The destination (imported/) is opened before the import: a file or link
// where it should be keeps the dump waiting instead of importing it with nowhere to file it.
import { folderColumns, withColumnsFolder } from './columns-folder.js';
import { folderEncoding } from './encoding-folder.js';
import { sameAsRead } from '../import/import-dump.js';
import type { Stats } from 'node:fs';
import { lstat, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImportReport } from '../import/merge.js';
import type { Pool } from '../store/pool.js';
import { inboxRelative } from './ignore.js';
import { ChangedWhileImported, importOnce, isDumpFault, reasonOf, type ImportContext } from './import-file.js';
import { CorrectionsOnly } from '../import/import-dump.js';
import { openInboxFolder, OutsideInbox, splitRel, type InboxFolder } from './inbox-folder.js';
import { folderLevel } from './level-folder.js';
import { failureNote, moveBeside, moveToFailed, moveToImported, openFailed, openImported, type Filing } from './move.js';
import { ChangedWhileRead, code, handleUnchanged, openListed, readAll, unchangedSince, Unimportable, type OpenedFile } from './read-file.js';
import { fileKind } from '../file-kind.js';
import type { Receipts } from './receipts.js';
import type { Taken, TakenFiles } from './taken-files.js';
import { downloadingBeside } from './downloading.js';
import type { OpenWriters } from './open-writers.js';
import { WATCH_MS, type Filed } from './written-after-filing.js';
import type { SettleCheck } from './settle.js';
import { shownName } from './raw-names.js';
import { companionsOf, isShmIndex, isSqliteIn, type Companion } from './wal-companions.js';
import { databaseOf, isWalDatabase, isWalLog } from '../formats/databases/sqlite-wal.js';
import { filedDatabase, type FiledDatabase } from './late-wal.js';
import { isSqliteFile } from '../formats/databases/sqlite-file.js';
import { rejectedSummary } from '../formats/choose.js';
import type { DumpResult } from '../formats/types.js';
import type { ConversationMail } from './mail-group.js';
import type { ContainerBatch, SetAside } from './container-group.js';
import type { Beside as FiledBeside } from './move.js';
import { NotBatched } from './burst.js';

export interface FileContext {
  pool: Pool;
  inbox: string;
  /** The inbox's real path, taken once at start: what every path must stay beneath. */
  root: string;
  receipts: Receipts;
  /** The contents taken before, and when (taken-files.ts). */
  taken: TakenFiles;
  settle: SettleCheck;
  /** Who holds a file open for writing: /proc walked once for the files unchanged since (open-writers.ts). */
  writers: OpenWriters;
  now: () => Date;
  /** Aborted when the watcher is asked to stop: a wait for the pool lock gives up (the file stays). */
  signal: AbortSignal;
  /** Told once per file when the pool lock is busy (the wait itself is silent). */
  onBusy: (name: string, message: string) => void;
  /** Reshard first when the file makes the pool outgrow its shards (ImportContext), asked again before each file. */
  reshard?: ImportContext['reshard'];
  /** The burst's batch this file is handled in (burst.ts); none: the file is its own transaction. */
  batch?: ImportContext['batch'];
  /** A file of corrections alone waits for the burst's other files (ImportContext), asked before each file. */
  correctionsLast?: boolean;
}

export type Outcome =
  /** `note`: what the operator should know about how it was read (a database without its -wal). */
  | { kind: 'imported'; name: string; report: ImportReport; movedTo: string; note?: string; filed?: Filed }
  | { kind: 'failed'; name: string; reason: string; movedTo: string }
  /** Gone before we got to it (moved or deleted by the user, or already handled). */
  | { kind: 'gone'; name: string }
  /** Still being written: ask again after `retryMs`. */
  | { kind: 'unsettled'; name: string; retryMs: number }
  /** Imported, but written to meanwhile: stays in the inbox to be imported again once settled. */
  | { kind: 'changed'; name: string; report: ImportReport; retryMs: number }
  /** Not the file's fault (the pool has a problem, or where it must go is blocked): it stays in the inbox. */
  | { kind: 'postponed'; name: string; reason: string }
  /** A download still writes into it (`beside`: its `NAME.part`, ...; downloading.ts). */
  | { kind: 'downloading'; name: string; beside: string }
  /** Another process (`by`) still has the file open for writing (open-writers.ts). */
  | { kind: 'writing'; name: string; by: string }
  /** Its path leads outside the inbox now (a folder swapped for a link): nothing read or moved. */
  | { kind: 'refused'; name: string; reason: string }
  /** The watcher is stopping; the file stays in the inbox for the next start. */
  | { kind: 'stopped'; name: string }
  /** Not imported in its burst's batch (burst.ts): to be handled again, alone or with the next batch; nothing of it was read into the pool. */
  | { kind: 'unbatched'; name: string; then: NotBatched['then'] }
  /** Corrections alone while other files of the burst wait: taken after them (ImportRun.correctionsLast), nothing read into the pool. */
  | { kind: 'after-burst'; name: string };

const blocked = (name: string, error: OutsideInbox, what: string): Outcome => ({ kind: 'postponed', name, reason: `${what}: ${error.message}; move it away and the file is taken` });

/**
 * The imported/ folder a file is filed into after its import, opened before the import; or, where
 * that folder leads outside the inbox, the file's outcome: not imported, it stays (a file imported
 * and then left in the inbox would be imported again).
 */
async function importedFolder(ctx: FileContext, name: string): Promise<{ folder: InboxFolder } | { outcome: Outcome }> {
  try {
    return { folder: await openImported(ctx.root, ctx.now()) };
  } catch (error) {
    if (error instanceof OutsideInbox) return { outcome: blocked(name, error, 'cannot be filed after its import, so it was not imported') };
    throw error;
  }
}

async function fail(ctx: FileContext, dump: Filing, name: string, reason: string, container?: ContainerBatch): Promise<Outcome> {
  // A database set aside takes its -wal and -shm with it (wal-companions.ts), whatever its fault;
  // a compose file the files it was read with (container-group.ts).
  const companions = container ? await containerCompanions(ctx, name, container) : (await isSqliteIn(dump.from, dump.name)) ? await companionsOf(dump.from, dump.name) : [];
  let failed: InboxFolder;
  try {
    failed = await openFailed(ctx.root);
  } catch (error) {
    await closeFolders(companions);
    if (error instanceof OutsideInbox) return blocked(name, error, `cannot be set aside (${reason})`);
    throw error;
  }
  try {
    const movedTo = await moveToFailed(dump, failed, failureNote(shownName(name), shownName(withColumnsFolder(reason)), ctx.now(), ctx.inbox), companions);
    return { kind: 'failed', name, reason, movedTo };
  } finally {
    await failed.close();
    await closeFolders(companions);
  }
}

/**
 * Handles one inbox entry; throws only for what is neither the file's fault nor the pool's.
 * `mail`: the file as one mail of the conversation waiting with it (mail-group.ts).
 */
export async function processFile(ctx: FileContext, path: string, mail?: ConversationMail, container?: ContainerBatch | SetAside): Promise<Outcome> {
  const name = inboxRelative(ctx.inbox, path);
  if (name === undefined || name === '') return { kind: 'refused', name: path, reason: 'is not inside the inbox' };
  const { dir, base } = splitRel(name);
  let folder: InboxFolder;
  try {
    folder = await openInboxFolder(ctx.root, dir);
  } catch (error) {
    if (error instanceof OutsideInbox) return { kind: 'refused', name, reason: `leads outside the inbox: ${error.message}` };
    if (code(error) === 'ENOENT') return gone(ctx, path, name);
    throw error;
  }
  try {
    return await processIn(ctx, path, { from: folder, name: base }, name, mail, container);
  } catch (error) {
    if (error instanceof OutsideInbox) return { kind: 'refused', name, reason: `leads outside the inbox: ${error.message}` };
    throw error;
  } finally {
    await folder.close();
  }
}

function gone(ctx: FileContext, path: string, name: string): Outcome {
  ctx.settle.forget(path);
  return { kind: 'gone', name };
}

/** The entry `dump.name` of the held folder `dump.from` (`name` is its path in the inbox, for messages). */
async function processIn(ctx: FileContext, path: string, dump: Filing, name: string, mail: ConversationMail | undefined, given: ContainerBatch | SetAside | undefined): Promise<Outcome> {
  let info: Stats;
  try {
    info = await lstat(dump.from.at(dump.name));
  } catch (error) {
    if (code(error) === 'ENOENT') return gone(ctx, path, name);
    throw error;
  }
  if (info.isSymbolicLink()) {
    const target = await readlink(dump.from.at(dump.name)).catch(() => '?');
    return fail(ctx, dump, name, `is a symbolic link (to ${target}); links are not followed, so it was not imported (move or copy the file itself into the inbox)`);
  }
  if (info.isDirectory()) return { kind: 'gone', name }; // a folder is walked, never imported
  if (!info.isFile()) return fail(ctx, dump, name, `is ${fileKind(info)}, not a file`);
  const download = await downloadingBeside(dump.from, dump.name);
  if (download !== undefined) return { kind: 'downloading', name, beside: download };
  // A database's -wal or -shm beside it is taken with the database (importAndFile), never alone.
  const database = databaseOf(dump.name);
  if (database !== undefined && (await isSqliteIn(dump.from, database))) return gone(ctx, path, name);
  const retryMs = ctx.settle.wait(path, info, Date.now());
  if (retryMs > 0) return { kind: 'unsettled', name, retryMs };
  ctx.settle.forget(path);
  const writer = ctx.writers.holding(info);
  if (writer !== undefined) return { kind: 'writing', name, by: writer };
  // Not to be read alone (a file a chat export carries, with no page of it to read it with: container-group.ts), and whole now: set aside.
  if (given && 'setAside' in given) return fail(ctx, dump, name, given.setAside);
  const container = given;

  let opened: OpenedFile | 'replaced' | undefined;
  try {
    opened = await openListed(dump.from, dump.name, info);
  } catch (error) {
    if (error instanceof Unimportable) return fail(ctx, dump, name, error.message);
    throw error;
  }
  if (opened === undefined) return gone(ctx, path, name);
  if (opened === 'replaced') return { kind: 'unsettled', name, retryMs: ctx.settle.settleMs };
  let kept = false;
  try {
    const outcome = await importAndFile(ctx, { ...dump, opened }, name, mail, container);
    kept = outcome.kind === 'imported' && outcome.filed !== undefined; // the caller closes it (written-after-filing.ts)
    return outcome;
  } finally {
    if (!kept) await opened.handle.close();
  }
}

async function importAndFile(ctx: FileContext, dump: Filing & { opened: OpenedFile }, name: string, mail: ConversationMail | undefined, container: ContainerBatch | undefined): Promise<Outcome> {
  const level = folderLevel(name);
  if ('error' in level) return fail(ctx, dump, name, level.error, container);
  const columns = folderColumns(name);
  if ('error' in columns) return fail(ctx, dump, name, columns.error, container);
  const encoding = folderEncoding(name);
  if ('error' in encoding) return fail(ctx, dump, name, encoding.error, container);
  let bytes: Buffer;
  try {
    bytes = await readAll(dump.opened, ctx.pool.config.max_dump_size);
  } catch (error) {
    if (error instanceof Unimportable) return fail(ctx, dump, name, error.message, container);
    if (error instanceof ChangedWhileRead) return { kind: 'unsettled', name, retryMs: ctx.settle.settleMs };
    throw error;
  }
  if (container) return importContainer(ctx, dump, name, bytes, level.level, container);
  // A mail whose conversation cannot be read again (held-rebuild.ts): read alone it may say otherwise.
  if (mail?.unsure !== undefined && mail.bytes.equals(bytes)) return fail(ctx, dump, name, mail.unsure);
  // The conversation's word on this mail, when it was judged on these very bytes (mail-group.ts).
  const read = mail?.result && mail.bytes.equals(bytes) ? mail.result : undefined;
  // Left with no account there (its accounts refused by a later reply, its sentence unsure): refused, as read alone.
  if (read && read.accounts.length === 0) return fail(ctx, dump, name, `no accounts found; read as ${read.format}; ${rejectedSummary(read.rejected.length, read.rejected)}`);
  // Left as read alone there, and read alone it would be read the same (no columns folder): not parsed twice.
  const asRead = read ?? (mail?.alone && !columns.columns && !encoding.encoding && mail.bytes.equals(bytes) ? sameAsRead(mail.alone) : undefined);
  // A -wal whose database was taken before it came: read with the database where that was filed (late-wal.ts).
  const database = databaseOf(dump.name);
  if (database !== undefined && dump.name.endsWith('-wal') && isWalLog(bytes)) {
    const filed = await filedDatabase(ctx.root, database, bytes, ctx.pool.config.max_dump_size);
    if (filed && 'several' in filed) {
      return fail(ctx, dump, name, `came after its database was taken, but ${filed.several.length} databases of that name wait for their -wal (${filed.several.join(', ')}): a -wal holds its own database's pages, and read over another's it reads that one wrong, so none was guessed; copy this file beside its own database, named as that database with -wal after it (${filed.several[0]}-wal for the first), and run \`accountpool import\` on that database`);
    }
    if (filed) {
      try {
        return await importLateWal(ctx, dump, name, bytes, filed, level.level);
      } finally {
        await filed.day.close();
      }
    }
  }
  // A -shm without its database (late, or alone): an index of a -wal, no accounts in it.
  if (database !== undefined && dump.name.endsWith('-shm') && isShmIndex(bytes)) {
    return fail(ctx, dump, name, `is a SQLite shared-memory index (the -shm SQLite keeps beside a database in WAL mode, here ${shownName(database)}): it holds no accounts, only where the -wal's pages are, so nothing is missing without it; what a running tool wrote last is in the -wal, which the watcher reads with its database`);
  }
  // A SQLite database's -wal (and -shm) beside it: settled, read with it, filed with it.
  let companions: Companion[] = [];
  let wal: Buffer | undefined;
  if (isSqliteFile(bytes)) {
    companions = await companionsOf(dump.from, dump.name);
    for (const c of companions) {
      const retryMs = ctx.settle.wait(join(ctx.inbox, name + c.suffix), c.info, Date.now());
      if (retryMs > 0) return { kind: 'unsettled', name, retryMs };
    }
    const walFile = companions.find((c) => c.suffix === '-wal');
    if (walFile) {
      try {
        wal = await readCompanion(ctx, dump.from, walFile);
      } catch (error) {
        if (error instanceof Unimportable) return fail(ctx, dump, name, `its -wal file ${error.message}`);
        throw error;
      }
      if (wal === undefined) return { kind: 'unsettled', name, retryMs: ctx.settle.settleMs };
    }
  }
  const destination = await importedFolder(ctx, name);
  if ('outcome' in destination) return destination.outcome;
  const imported = destination.folder;
  try {
    const before = await takenBefore(ctx, bytes, wal);
    const done = await importOnceAndFile(ctx, dump, name, { bytes, ...(wal ? { wal } : {}), ...(before ? { takenAt: before.takenAt } : {}), ...(asRead ? { read: asRead } : {}) }, level.level, (reason) => reason, () => moveToImported(dump, imported, ctx.now(), companions));
    if (done.kind !== 'filed') return done;
    const { report, movedTo, fromReceipt } = done;
    // As `import` says it: a database in WAL mode read without its -wal may lack what its tool
    // wrote last. Dropped later, that -wal is read with the database as filed (late-wal.ts).
    const notes = [
      isSqliteFile(bytes) && !wal && isWalDatabase(bytes) ? `${name}: the database is in WAL mode and no ${splitRel(name).base}-wal was beside it: if the tool was running when it was copied, what it wrote since its last checkpoint is in that file; drop it into the same folder and it is read with the database as filed (${movedTo})` : undefined,
      // A file its receipt says was imported (and taken) already is only being filed now: no repeat.
      before && !fromReceipt ? takenNote(name, before) : undefined,
    ].filter((n): n is string => n !== undefined);
    // Looked after a while where it was filed, should its writer go on (written-after-filing.ts); a database's pair is not.
    const filed: Filed | undefined = companions.length === 0 ? { name, level: level.level, movedTo, handle: dump.opened.handle, size: dump.opened.info.size, mtimeMs: dump.opened.info.mtimeMs, until: Date.now() + WATCH_MS } : undefined;
    return { kind: 'imported', name, report, movedTo, ...(notes.length > 0 ? { note: notes.join('\n') } : {}), ...(filed ? { filed } : {}) };
  } finally {
    await imported.close();
  }
}

/** The late -wal `dump` read with its database filed in imported/, then filed beside it. */
async function importLateWal(ctx: FileContext, dump: Filing & { opened: OpenedFile }, name: string, wal: Buffer, filed: FiledDatabase, level: number | undefined): Promise<Outcome> {
  const before = await takenBefore(ctx, filed.bytes, wal);
  const done = await importOnceAndFile(ctx, dump, name, { bytes: filed.bytes, wal, ...(before ? { takenAt: before.takenAt } : {}) }, level, (reason) => `read with ${filed.day.rel}/${filed.name}, the database it belongs to: ${reason}`, () => moveBeside(dump, filed.day, `${filed.name}-wal`));
  if (done.kind !== 'filed') return done;
  const { report, movedTo, fromReceipt } = done;
  const note = `${name}: came after its database was taken, so it was read with ${filed.day.rel}/${filed.name} as filed, and filed beside it (${movedTo})`;
  return { kind: 'imported', name, report, movedTo, note: before && !fromReceipt ? `${note}\n${takenNote(name, before)}` : note };
}

/**
 * `dump`'s bytes imported once (import-file.ts) and the file filed by `fileIt` (which says where it
 * went), its receipt dropped once filed; else what became of it: still being written, set aside
 * for its own fault (`faultReason` puts the reason in its words), postponed, stopped, or changed
 * since it was read.
 */
async function importOnceAndFile(
  ctx: FileContext,
  dump: Filing & { opened: OpenedFile },
  name: string,
  file: { bytes: Buffer; wal?: Buffer; beside?: ContainerBatch['beside']; takenAt?: string; read?: DumpResult },
  level: number | undefined,
  faultReason: (reason: string) => string,
  fileIt: () => Promise<string>,
  container?: ContainerBatch,
): Promise<Outcome | { kind: 'filed'; report: ImportReport; movedTo: string; fromReceipt: boolean }> {
  let done: { report: ImportReport; fromReceipt: boolean } | undefined;
  try {
    done = await importOnce(ctx, name, { ...file, info: dump.opened.info, stillAsRead: () => handleUnchanged(dump.opened) }, level);
  } catch (error) {
    if (error instanceof ChangedWhileImported) return { kind: 'unsettled', name, retryMs: ctx.settle.settleMs };
    if (error instanceof NotBatched) return { kind: 'unbatched', name, then: error.then };
    if (error instanceof CorrectionsOnly) return { kind: 'after-burst', name };
    if (isDumpFault(error, shownName(name))) return fail(ctx, dump, name, faultReason(reasonOf(error, shownName(name))), container);
    return { kind: 'postponed', name, reason: error instanceof Error ? error.message : String(error) };
  }
  if (!done) return { kind: 'stopped', name };
  const { report, fromReceipt } = done;
  // Written to again during the import (a writer that paused longer than the settle time): what
  // was read is in the pool, but the file is not done — it is imported again once it settles
  // (which repeats nothing, see above) instead of being put away with lines never imported.
  if (!(await unchangedSince(dump.from, dump.name, dump.opened.info))) {
    await ctx.receipts.drop(name);
    return { kind: 'changed', name, report, retryMs: ctx.settle.settleMs };
  }
  // From here on the accounts are in the pool; the rename below is what makes the file done.
  let movedTo: string;
  try {
    movedTo = await fileIt();
  } catch (error) {
    // Its receipt stays: the next try files it without importing it again.
    if (error instanceof OutsideInbox) return { kind: 'postponed', name, reason: `imported, but not filed yet: ${error.message}` };
    throw error;
  }
  await ctx.receipts.drop(name);
  return { kind: 'filed', report, movedTo, fromReceipt };
}

/** When the inbox took these very bytes (a database with its -wal: both) before, if it did. */
function takenBefore(ctx: FileContext, bytes: Buffer, wal: Buffer | undefined): Promise<Taken | undefined> {
  return ctx.taken.lookup(wal ? Buffer.concat([bytes, wal]) : bytes);
}

/** The same content taken again: its verdicts were stated then (taken-files.ts). */
function takenNote(name: string, before: Taken): string {
  return `${name}: the same content was taken on ${before.takenAt} (as ${before.name}): its verdicts count from then, and none overrules a newer one`;
}

/** A companion's bytes, read as safely as the dump (openListed); undefined when it went or was replaced meanwhile. */
async function readCompanion(ctx: FileContext, folder: InboxFolder, companion: Companion): Promise<Buffer | undefined> {
  const opened = await openListed(folder, companion.name, companion.info);
  if (opened === undefined || opened === 'replaced') return undefined;
  try {
    return await readAll(opened, ctx.pool.config.max_dump_size).catch((error: unknown) => {
      if (error instanceof ChangedWhileRead) return undefined;
      throw error;
    });
  } finally {
    await opened.handle.close();
  }
}

/**
 * A compose file or pod spec imported with the files beside it it takes its settings from
 * (container-group.ts), as `import FOLDER` reads it; those files filed with it, under its new name
 * and `--` with theirs (`docker-compose.yml--.env`), into imported/ or, refused, into failed/.
 */
async function importContainer(ctx: FileContext, dump: Filing & { opened: OpenedFile }, name: string, bytes: Buffer, level: number | undefined, container: ContainerBatch): Promise<Outcome> {
  const destination = await importedFolder(ctx, name);
  if ('outcome' in destination) return destination.outcome;
  const imported = destination.folder;
  const companions = await containerCompanions(ctx, name, container);
  try {
    const before = await takenBefore(ctx, bytes, undefined);
    const done = await importOnceAndFile(ctx, dump, name, { bytes, beside: container.beside, ...(before ? { takenAt: before.takenAt } : {}) }, level, (reason) => reason, () => moveToImported(dump, imported, ctx.now(), companions), container);
    if (done.kind !== 'filed') return done;
    const { report, movedTo, fromReceipt } = done;
    const notes = [
      container.companions.length > 0 ? `${name}: read with ${container.companions.join(', ')}, whose settings its containers take; filed with it, not imported on their own` : undefined,
      container.missing.length > 0 ? `${name}: ${container.missing.join(', ')} named by it did not come with it (waited for): read without ${container.missing.length === 1 ? 'it' : 'them'}, as \`accountpool import\` reads it; drop the files together (or zipped) and the file again to have ${container.missing.length === 1 ? 'its' : 'their'} variables read` : undefined,
      before && !fromReceipt ? takenNote(name, before) : undefined,
    ].filter((n): n is string => n !== undefined);
    return { kind: 'imported', name, report, movedTo, ...(notes.length > 0 ? { note: notes.join('\n') } : {}) };
  } finally {
    await imported.close();
    await closeFolders(companions);
  }
}

/** The container file's companions still in the inbox, each with its own folder held, to be filed with it. */
async function containerCompanions(ctx: FileContext, name: string, container: ContainerBatch): Promise<FiledBeside[]> {
  const dir = splitRel(name).dir;
  const out: FiledBeside[] = [];
  try {
    for (const rel of container.companions) {
      const at = splitRel(rel);
      const from = await openInboxFolder(ctx.root, at.dir);
      const info = await lstat(from.at(at.base)).catch(() => undefined);
      if (!info?.isFile()) {
        await from.close();
        continue;
      }
      const own = dir !== '' && rel.startsWith(`${dir}/`) ? rel.slice(dir.length + 1) : rel;
      out.push({ suffix: `--${own.replace(/\//g, '_')}`, name: at.base, from });
    }
  } catch (error) {
    await closeFolders(out);
    throw error;
  }
  return out;
}

async function closeFolders(companions: readonly FiledBeside[]): Promise<void> {
  for (const c of companions) await c.from?.close();
}
