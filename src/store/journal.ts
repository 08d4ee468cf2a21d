// The commit protocol that makes a transaction over many files all-or-nothing across a kill -9.
//
//   1. journal "prepared" lists every temp file about to be written (so a crash leaves nothing unknown)
//   2. every new file is written to its temp and fsynced (each made just before, a few at a time:
//      a commit of every shard never holds all the new files)
//   3. journal "committed": the commit point
//   4. every temp is renamed over its target, the files it replaces are removed (the change log
//      a fold has just written into the shards), the history lines are appended to their month
//      files (history-files.ts); the folders are fsynced
//   5. the journal is removed
// Recovery (under the lock, before any transaction): "prepared" → delete the temps (roll back);
// "committed" → finish the renames, removals and appends (roll forward). Renames are idempotent: a
// temp already moved is simply gone; so are appends: each is cut back to its recorded start and
// written again.
import { constants, lstatSync } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { refuseBlockedTarget, refuseImmutable, syncDir, writeFileAtomic, writeFileAtomicSync, writeDurable, type FileBytes } from './atomic-write.js';
import { writeAppend, type HistoryAppend } from './history-files.js';
import { AppError, WriteError } from '../errors.js';
import { openInPlace } from './own-file.js';
import { checkJournalPaths } from './journal-paths.js';
import { linkTargetSync } from './linked-path.js';

export interface Move {
  temp: string;
  target: string;
}

interface JournalFile {
  state: 'prepared' | 'committed';
  moves: Move[];
  /** Files the commit removes once its renames are done. */
  removes?: string[];
  /**
   * Files renamed after the moves and appends, before the removes (only in "committed": a
   * rollback must never touch them, unlike a move's temp). The change log's current segment
   * becomes the previous one this way (change-log.ts).
   */
  renames?: Move[];
  /** History text added to month files (only in "committed": nothing is appended before). */
  appends?: HistoryAppend[];
}

export interface PendingWrite {
  target: string;
  temp: string;
  /**
   * The file's bytes, or what makes them: called just before the temp is written, and the bytes
   * dropped once it is (a commit of every shard of a large pool then holds a few new files at a
   * time, not all of them: `writeTemps`).
   */
  data: FileBytes | (() => FileBytes);
  mode: number;
}

/**
 * Temps written at once: enough to overlap one file's fsync with the next one's making and
 * writing, few enough that the new files held at any moment are a handful of shards.
 */
const TEMPS_IN_FLIGHT = 4;

/**
 * Writes every temp (each made only when its turn comes: see PendingWrite.data), at most
 * TEMPS_IN_FLIGHT at once. On a failure no further temp is begun, and it waits for those being
 * written before throwing, so that the rollback that follows finds every temp there will be.
 */
async function writeTemps(writes: readonly PendingWrite[]): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < writes.length) {
      const write = writes[next++]!;
      try {
        const data = typeof write.data === 'function' ? write.data() : write.data;
        await writeDurable(write.temp, data, write.mode, true, write.target);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const done = await Promise.allSettled(Array.from({ length: Math.min(TEMPS_IN_FLIGHT, writes.length) }, worker));
  const failure = done.find((d) => d.status === 'rejected');
  if (failure) throw (failure as PromiseRejectedResult).reason;
}

async function readJournal(path: string): Promise<JournalFile | undefined> {
  // Written only by rename: a link, FIFO or folder there (a peer's `git add -f` checked out by a
  // hand-run pull, a hand) is no journal; followed, a FIFO hung every command, /dev/zero filled memory.
  const handle = await openInPlace(path, constants.O_RDONLY, (kind) => new AppError(`${path} is ${kind}, not a journal this pool wrote: nothing was read through it. If no accountpool command of this pool was killed, remove it (\`rm ${path}\`)`));
  if (!handle) return undefined;
  let text: string;
  try {
    text = await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
  const journal = JSON.parse(text) as JournalFile;
  checkJournalPaths(path, journal); // only what a writer of this pool names is acted on
  return journal;
}

function foldersOf(moves: Move[]): string[] {
  return [...new Set(moves.map((m) => dirname(m.target)))];
}

/**
 * A move's target found as a symbolic link: a pool's own files and a resolved accounts file are
 * never links, so one there was put in while this command held the lock (after the locked read
 * checked it), or since a killed command's journal. A rename would replace the link itself (never
 * write where it leads) and silently leave the file there with old accounts: refused instead.
 * Looked at in the same synchronous step as the rename is begun, so the window left is the rename
 * call's own; what it can do there is only that replacement, never a write through the link.
 */
function linkedTarget(target: string): NodeJS.ErrnoException | undefined {
  if (!lstatSync(target, { throwIfNoEntry: false })?.isSymbolicLink()) return undefined;
  return Object.assign(new Error(`it is a symbolic link to ${linkTargetSync(target)}, put in its place after the command read it; nothing was written over it or where it leads. Put the file itself back in its place`), { code: 'ELOOP' });
}

async function applyMoves(moves: Move[], removes: string[] = [], appends: HistoryAppend[] = [], renames: Move[] = []): Promise<void> {
  await Promise.all([
    ...moves.map((move) => {
      const linked = linkedTarget(move.target);
      if (linked) return Promise.reject(committedButBlocked(move.target, linked));
      return rename(move.temp, move.target).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw committedButBlocked(move.target, error); // ENOENT: already moved before the crash
      });
    }),
    // Durable before the journal goes: a lost append could not be redone after that.
    ...appends.map((append) => writeAppend(append).catch((error: NodeJS.ErrnoException) => {
      throw error.code === undefined ? error : committedButBlocked(append.target, error);
    })),
  ]);
  for (const { temp, target } of renames) {
    // The change log's segments are never links (change-log.ts opens them O_NOFOLLOW): one found
    // on either side was put there since the log was read, and moved or replaced it would be
    // read as the pool's log (or its file left behind). Refused as a move's target is.
    const linked = linkedTarget(temp) ?? linkedTarget(target);
    if (linked) throw committedButBlocked(linkedTarget(temp) ? temp : target, linked);
    await rename(temp, target).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw committedButBlocked(target, error); // ENOENT: already renamed before the crash
    });
  }
  // Only after every rename: a removed change log must never be missed by a shard still old.
  // A removal refused (`chattr +a` on the change log) must not pass unseen: the log left behind
  // would be folded again by the next fold, its history lines written twice.
  for (const file of removes) {
    await unlink(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw committedButBlocked(file, error);
    });
  }
  const folders = new Set([...foldersOf(moves), ...foldersOf(renames), ...removes.map((file) => dirname(file))]);
  await Promise.all([...folders].map(syncFolderIfThere));
}

/**
 * A rename past the commit point that the system refused (`chattr +i` on a shard, a folder made
 * read-only): the journal still holds every temp, so nothing is lost, and every later command
 * replays it first. The message names the file the user knows (never the temp) and what to do.
 */
function committedButBlocked(target: string, error: NodeJS.ErrnoException): WriteError {
  return new WriteError(target, error, 'the transaction is committed and nothing is lost: once it can be written, the next accountpool command (`accountpool status`, say) finishes it');
}

/**
 * A folder gone by the time a journal is replayed was emptied and removed after its renames (an
 * inbox receipt filed by a watcher killed before it removed the journal): nothing in it is left
 * to make durable. Failing there would fail every later transaction, which replays first.
 */
async function syncFolderIfThere(dir: string): Promise<void> {
  await syncDir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}

/** Finishes or rolls back a transaction interrupted by a crash. Returns what it did, for the log. */
export async function recover(journalPath: string): Promise<'none' | 'rolled back' | 'rolled forward'> {
  const journal = await readJournal(journalPath);
  if (!journal) return 'none';
  if (journal.state === 'committed') {
    await applyMoves(journal.moves, journal.removes, journal.appends, journal.renames);
  } else {
    for (const move of journal.moves) await unlink(move.temp).catch(() => {});
  }
  await unlink(journalPath);
  await syncDir(dirname(journalPath));
  return journal.state === 'committed' ? 'rolled forward' : 'rolled back';
}

/**
 * Writes all `writes` as one atomic step. `beforeCommit` runs after every temp is durable and
 * before the commit point: it may still abort (e.g. the lock was lost), leaving nothing behind.
 */
export async function commit(journalPath: string, writes: PendingWrite[], beforeCommit: () => void, removes: string[] = [], appends: HistoryAppend[] = [], renames: Move[] = []): Promise<void> {
  if (writes.length === 0 && removes.length === 0 && appends.length === 0 && renames.length === 0) return;
  const moves = writes.map(({ temp, target }) => ({ temp, target }));
  // "prepared" only lets a later command find temp files to delete; losing it in a power cut
  // leaves stray temps (removed with the pool's own anyway), never a wrong pool: no fsync.
  writeFileAtomicSync(journalPath, JSON.stringify({ state: 'prepared', moves } satisfies JournalFile));
  try {
    await writeTemps(writes);
    await Promise.all([
      ...moves.map(async (move) => {
        const linked = linkedTarget(move.target); // before the commit point: refused with nothing changed
        if (linked) throw new WriteError(move.target, linked);
        await refuseBlockedTarget(move.target);
      }),
      ...renames.flatMap((move) => [move.temp, move.target]).map(async (file) => {
        const linked = linkedTarget(file);
        if (linked) throw new WriteError(file, linked);
      }),
      ...appends.map((append) => refuseImmutable(append.target, constants.O_WRONLY | constants.O_APPEND)),
      ...removes.map((file) => refuseImmutable(file, constants.O_WRONLY)), // `+a` and `+i` both forbid the unlink
    ]);
    beforeCommit();
  } catch (error) {
    await recover(journalPath);
    throw error;
  }
  await writeFileAtomic(journalPath, JSON.stringify({ state: 'committed', moves, removes, appends, ...(renames.length > 0 ? { renames } : {}) } satisfies JournalFile));
  await applyMoves(moves, removes, appends, renames);
  // A removal lost in a power cut leaves a "committed" journal whose renames are all done:
  // replaying it changes nothing, so this needs no fsync either. Except a rename's: replayed
  // after a new file took the renamed one's name, it would move that one, so its removal is
  // made durable before anything else happens.
  await unlink(journalPath);
  if (renames.length > 0) await syncDir(dirname(journalPath));
}
