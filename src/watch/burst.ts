// A burst of inbox files imported in one pool transaction (a mass drop of seller files): at
// 1,000,000 accounts a one-account file's own transaction cost ~75 ms of fixed work (the lock, the
// stat of 256 shards, the commit's journal and fsyncs), paid per file (scale-log.md, stop 60 M2).
//
// Each file still goes through processFile as it would alone: its checks (settled, no writer, a
// level, its folder held), its read, its receipt, its filing into imported/ or failed/ with its own
// line. Only the step that commits is shared: importOnce (import-file.ts) hands the file's read
// dump to the batch (`join`) and waits; once every file of the batch has joined or ended on its own
// (set aside, gone, still written), the batch merges the joined ones in one transaction, in queue
// order, each file's receipt in it (import/import-batch.ts), and each file is then filed by its own
// processFile. The files start one after another: the next file's checks begin once the one before
// has joined, so what the pool gets and the order of the lines are the queue's. Only the first to
// join is read before the pool lock (as a file alone is, before its wait); the others are checked,
// opened and read inside the batch's transaction, the lock held (runBatch), so a swap made while a
// busy pool kept the batch waiting is seen as a file alone's would be.
//
// Crash-safe as one file is (process-file.ts): killed before the commit, every file is still in
// the inbox and nothing of them in the pool; after it, each file not yet moved has its receipt, and
// is moved at the next start without a second import (receipts.ts).
//
// Never one file's trouble for the others: a file that cannot be read or is refused before the
// merge ends alone (failed/ with its reason) and the others go on; a merge or commit that fails
// for any reason (a file's line the pool refuses, no level known, a file written to meanwhile, a
// full disk) commits nothing, and every file of the batch is then imported alone, as before
// batches, where the one at fault is set aside by itself.
import { contentSha1 } from './content-sha1.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { LockBusyError } from '../errors.js';
import { importBatch, type BatchFile } from '../import/import-batch.js';
import type { ImportReport } from '../import/merge.js';
import type { Pool } from '../store/pool.js';
import type { ImportRun } from '../import/import-dump.js';

/**
 * Thrown to each joined file when the batch's transaction failed (nothing of it committed): the
 * file goes on to its own transaction with what it read (import-file.ts), in its turn, as before
 * batches. Never read again: a file renamed over meanwhile still has the content it was read with
 * imported, then the new one once it settles.
 */
export class BatchFailed extends Error {
  constructor() {
    super('the batch was not committed');
  }
}

/**
 * At most this many files a transaction: each holds its folder, its file and imported/ open while
 * it waits, and all but the first are read under the pool lock (runBatch), which an allocation may
 * be waiting for. 16 costs the CPU 64 did (200 one-account files into 1,000,000 accounts: 6.0 s,
 * 64: 6.3-6.4 s, 8: 7.4 s) and holds the lock a quarter as long for its reads (scale-log, stop 62 B).
 */
export const BATCH_FILES = 16;
/** At most this many bytes of files a transaction (their reads are held until the commit). */
export const BATCH_BYTES = 4 * 1024 * 1024;
/** A file larger than this is imported alone (import-file.ts batchable): its own merge is most of its cost. */
export const BATCH_FILE_BYTES = 1024 * 1024;

const BACKOFF_FIRST_MS = 200;
const BACKOFF_MAX_MS = 5000;

/**
 * Thrown to a file that is not imported in the batch: `alone` after it (an archive, a database,
 * a large file; or the batch's transaction failed), or `next` (the batch is full: the file opens
 * the next one).
 */
export class NotBatched extends Error {
  constructor(readonly then: 'alone' | 'next') {
    super(then === 'alone' ? 'imported alone' : 'imported with the next batch');
  }
}

interface Seat {
  file: BatchFile;
  /** Its place among the joined files: its report's. */
  place: number;
  resolve: (report: ImportReport | undefined) => void;
  reject: (error: unknown) => void;
}

export interface BatchCommit {
  pool: Pool;
  signal: AbortSignal;
  onBusy: (name: string, message: string) => void;
  reshard?: ImportRun['reshard'];
}

/** The files of one transaction, gathered as each file's processFile reaches its import. */
export class Batch {
  /** The joined files by their place in the run (runBatch's order), not their joining's. */
  private readonly seats = new Map<number, Seat>();
  private readonly files: BatchFile[] = [];
  private readonly contents = new Set<string>();
  private bytes = 0;
  private wake: (() => void) | undefined;
  /** The file being checked now (runBatch): a seat taken is its. */
  entrant = 0;
  /** A file could not join: the batch takes no more. */
  closed = false;
  /** What the commit gave: the reports in joining order, 'failed', or undefined (stopped while the pool was busy). */
  private committed: ImportReport[] | 'failed' | undefined;

  constructor(private readonly how: BatchCommit) {}

  /** Resolves when the file now being checked joins or is turned away (it may also end on its own). */
  turn(): Promise<void> {
    return new Promise((resolve) => (this.wake = resolve));
  }

  private tell(): void {
    this.wake?.();
    this.wake = undefined;
  }

  /** The file cannot be imported with others (an archive, a database, a large file): it goes alone, after the batch. */
  alone(): never {
    this.closed = true;
    this.tell();
    throw new NotBatched('alone');
  }

  /**
   * Joins the file; resolves with its report once the batch is committed and its turn to be filed
   * has come (`release`), undefined when the watcher stopped while the pool was busy. Throws
   * NotBatched when it cannot join, BatchFailed when the batch's transaction failed. `bytes`: its content, for the bounds, and
   * so that the same content twice (the taking the second would find, taken-files.ts) is never in
   * one transaction.
   */
  join(file: BatchFile, bytes: Buffer): Promise<ImportReport | undefined> {
    const content = contentSha1(bytes);
    if (this.files.length > 0 && (this.contents.has(content) || this.bytes + bytes.length > BATCH_BYTES)) {
      this.closed = true;
      this.tell();
      throw new NotBatched('next');
    }
    this.contents.add(content);
    this.bytes += bytes.length;
    const place = this.files.length;
    this.files.push(file);
    const joined = new Promise<ImportReport | undefined>((resolve, reject) => this.seats.set(this.entrant, { file, place, resolve, reject }));
    this.tell();
    return joined;
  }

  get size(): number {
    return this.files.length;
  }

  /**
   * The joined files in one transaction, retried while the pool lock is busy (as importOnce is).
   * `underLock` runs first inside it, once the lock is held: the rest of the batch's files are
   * checked, opened, read and joined there (runBatch). Any failure hands each file back to import
   * alone, in its turn (BatchFailed, at `release`): nothing was committed.
   */
  async commit(underLock: () => Promise<void>): Promise<void> {
    if (this.files.length === 0) return;
    try {
      this.committed = await this.commitRetrying(underLock);
    } catch {
      this.committed = 'failed';
    }
  }

  /** The file at `entrant` (if it joined) told what became of it: its report, or NotBatched. */
  release(entrant: number): void {
    const seat = this.seats.get(entrant);
    if (!seat) return;
    this.seats.delete(entrant);
    if (this.committed === 'failed') seat.reject(new BatchFailed());
    else seat.resolve(this.committed?.[seat.place]);
  }

  private async commitRetrying(underLock: () => Promise<void>): Promise<ImportReport[] | undefined> {
    const { pool, signal, onBusy, reshard } = this.how;
    const files = this.files;
    let delay = BACKOFF_FIRST_MS;
    let told = false;
    for (;;) {
      try {
        return await importBatch(
          pool,
          async () => {
            await underLock();
            return files;
          },
          reshard,
        );
      } catch (error) {
        if (!(error instanceof LockBusyError)) throw error;
        if (!told) onBusy(files[0]!.name, error.message);
        told = true;
      }
      if (signal.aborted) return undefined;
      try {
        await sleep(delay, undefined, { signal });
      } catch {
        return undefined; // aborted
      }
      delay = Math.min(delay * 2, BACKOFF_MAX_MS);
    }
  }
}

export type Ended<T> = { value: T } | { error: unknown };

/**
 * `paths` (in queue order) through `handle` (processFile with the batch), one after another up to
 * each one's joining; then the batch committed, and each joined file let go on in turn: filed (one
 * rename into imported/ at a time, as alone) and told to `onEnd` before the next is let go. A file
 * that ends without joining (set aside, gone, filed from its receipt) is told at once. So a watcher
 * killed among them has said each file it filed but the one it was filing. `last`: the batch's
 * last file told after its commit (the read of the pool may be let go before its line). Returns the
 * paths not started (after a file that closed the batch, or stopped), for the queue to take again.
 *
 * Only the first file to join is read before the pool lock, as a file alone is read before its
 * wait for the lock (it is checked again under the lock: its handle unchanged, then its path, as
 * alone). Every other file is checked, opened and read once the batch holds the lock, inside its
 * transaction: a file swapped for a link, or its folder for one, while the batch waited for a busy
 * pool is refused as it now is, never imported as it was (test/security/inbox-file-swap.test.ts,
 * inbox-swap.test.ts). Until stop 62 every file was read before the wait.
 */
export async function runBatch<T>(batch: Batch, paths: readonly string[], handle: (path: string) => Promise<T>, stopped: () => boolean, onEnd: (path: string, ended: Ended<T>, last: boolean) => Promise<void>): Promise<string[]> {
  const joined: { i: number; ended: Promise<Ended<T>> }[] = [];
  let started = 0;
  const next = async () => {
    const path = paths[started]!;
    const turn = batch.turn();
    const i = (batch.entrant = started++);
    let end: Ended<T> | undefined;
    const ended = handle(path).then(
      (value) => (end = { value }),
      (error: unknown) => (end = { error }),
    );
    await Promise.race([ended, turn]);
    if (end) await onEnd(path, end, false);
    else joined.push({ i, ended });
  };
  const more = () => started < paths.length && !stopped() && !batch.closed;
  while (joined.length === 0 && more()) await next();
  await batch.commit(async () => {
    while (more()) await next();
  });
  for (const [k, { i, ended }] of joined.entries()) {
    batch.release(i);
    await onEnd(paths[i]!, await ended, k === joined.length - 1);
  }
  return paths.slice(started);
}
