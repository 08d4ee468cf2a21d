// The pool: sharded YAML files under one lock, plus the change log small transactions commit
// through (change-log.ts; this process's view of it in log-view.ts). `read` is lock-free and sees each
// commit whole or not at all; `transaction` is the only way to change anything. An account never
// changes shard outside verify --fix, so it is found through its home shard.
import { lstat, mkdir, readdir, stat, unlink } from 'node:fs/promises';
import { closeSync, lstatSync, mkdirSync, type BigIntStats } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { AppError, LockLostError } from '../errors.js';
import { sealKeyFile } from '../seal-key.js';
import { collectYoung, growthCollector } from '../collect-garbage.js';
import { loadConfig, withShardCount } from '../config-file.js';
import type { Config } from '../config.js';
import { keyOf, type Account, type TimedStanding } from '../model.js';
import { sealsLast } from '../cache-seal.js';
import type { SeenEnds } from '../availability.js';
import { layoutOf, shardFile, keyHashOf, shardName, type PoolLayout } from './layout.js';
import { decodeShard, parseTrustedLines, shardHash, trustedLineTimed } from './shard-codec.js';
import { assertPagedUnchanged, ByteLines, closePagedFiles } from './byte-lines.js';
import { closeRemovedWindows } from './segment-window.js';
import { newShardBytes, plannedFold, plannedStates, type PlannedShard } from './plan-shards.js';
import { LogDigests } from './log-digest.js';
import { endsWhole } from './log-tail.js';
import { appendEntry, cutTornTail, encodeEntry, encodeFoldEntry, homesOf, logInode, logSize, logStamp, previousSegmentOf, readLog, type LoggedChanges } from './change-log.js';
import { choiceOf, cycleDone, cycleOf, mayBeDue, planFold, type FoldCycle, type FoldPlan } from './fold-plan.js';
import { historyMonths, monthOf, planAppends, readMonthLines, type HistoryLine } from './history-files.js';
import { LogView, pendingOf } from './log-view.js';
import { CanonicalCache } from './canonical-cache.js';
import { Snapshot, ShardState } from './snapshot.js';
import { Transaction } from './transaction.js';
import { countStandings, type ShardFiles, type StandingCounts } from './pool-standings.js';
import { PendingJudged } from './pending-judged.js';
import { listOfLog, PendingRecords } from './pending-records.js';
import { SummaryStore } from './standing-summary.js';
import { carryTimed, countTimed, TimedSummaryStore, type TimedPending } from './timed-summary.js';
import { carrySummary, FoldedLines } from './summary-fold.js';
import { acquireLock } from './lock.js';
import { commit, recover, type PendingWrite } from './journal.js';
import { readIfPresent, tempPathFor } from './atomic-write.js';
import { clearPendingCommit, notePendingCommit, readPendingCommit } from './after-commit-pending.js';
import { readShard, readShardIfPresentSync, shardHoldsSync } from './shard-open.js';
import { readIntoScratch, readIntoScratchHeld } from './scratch-read.js';
import { descriptorsToSpare } from './descriptor-budget.js';
import { mapInFlight } from './in-flight.js';
import { spillCopy } from './spill-file.js';
import { asUnreadableShard, refuseDanglingShard, refuseLinkedShard, refuseOddShard } from './unreadable-shard.js';
import { stampOf, statStamp } from './file-stamp.js';
import { inTheWayOfFolder, linkedPoolFolder } from './pool-files.js';
import { planReshard, type ReshardedFile } from './reshard.js';
import { assertIntact, duplicateProblems, lossProblems, onDisk, readRecord, recordAfter, recordOf, type RecordRead } from './integrity.js';
import { CircleView, IndexedSnapshot, StaleCircle, strayPlaces as strayPlacesOf } from './circle-view.js';
import { judgeAppended } from './log-judged.js';
import { loadHandedLines, saveHandedLines } from './handed-lines.js';
import { CircleStore } from './circle-store.js';
import { durationText, markerText, readClock, redated, saveKeylessMarker, saveMarker, type ClockReading } from './clock-jump.js';
import { SharedFsClock, settledByClock } from './fs-clock.js';
import { stampSettled, type ShardProof } from './cached-shard-proof.js';
import { sealedAlive } from './sealed-bytes.js';
import { appendLearned, changesOf, checkedBefore, dropEnded, heldInBytes, heldOn, goneBack, goneBackFiles, goneBackSummary, GONE_BACK_ADVICE, keepMadeAgain, learnHolds, loadLiveHolds, noteChecked, noteCommitted, sameStamps, saveLiveHolds, type LiveHold, type LiveHolds, type LiveHoldsFiles, type PublishedHolds } from './live-holds.js';

export interface PoolOptions {
  /** The clock every transaction sees (tests inject one). */
  clock?: () => Date;
  /**
   * The change log's capacity in records (default `logCapacity` of the pool's size), the
   * bytes of shards one transaction may fold (default FOLD_BUDGET_BYTES), and the bytes of shards
   * a transaction that finds the log full may fold at once (default DRAIN_BUDGET_BYTES): tests
   * set them small, so a small pool folds as a large one does.
   */
  folds?: { capacity?: number; budget?: number; drain?: number };
  /** A transaction's whole read pages the shards in a pool recorded this large or more (default PAGE_ABOVE; tests set 0). */
  pageAbove?: number;
  /** The most shard files a read without the lock holds open (default: as many as descriptor-budget.ts spares; tests set 0 to copy every shard to the spill file). */
  holdAtMost?: number;
}

/**
 * A transaction that reads the whole pool (an import, the watcher's) lets each shard's bytes
 * go once read, from a pool this large on (byte-lines.ts `page`): the bytes are read again a
 * block of lines at a time where asked for, and whole when the commit writes the shard's new
 * file (one shard at a time: journal.ts). At 1,000,000 accounts holding them all was 170 MB;
 * below this the whole read is small and every byte kept is a read saved.
 */
export const PAGE_ABOVE = 200_000;

export interface TransactionOptions {
  /**
   * `log` (the default): commit by appending one entry to the change log when that is allowed
   * (see `mayLog`: no git commits, no `relocateAll`, no `acceptLoss`, the log not full); files
   * outside the pool (accounts.csv) then commit with the entry in one journaled step. The shards
   * catch up in a fold. `shards`: write the shards now, folding in any logged changes.
   */
  via?: 'log' | 'shards';
  /**
   * Record the shards as they are even where one is missing or holds fewer accounts than the
   * record says (`verify --fix --accept-loss`: the operator confirmed the accounts are gone on
   * purpose). Without it such a pool is never written (see integrity.ts).
   */
  acceptLoss?: boolean;
  /**
   * Put back, as recorded, the holds an older shard put back freed (live-holds.ts; `verify --fix`).
   * Without it (nor `acceptLoss`, which forgets them) such a pool is never written.
   */
  restoreHolds?: boolean;
  /**
   * Read the pool from the shards' derived circle indexes where they hold (circle-view.ts): a
   * shard untouched since its index was made is not read, and only the accounts `work` takes are
   * parsed. For allocate, whose work reads the pool through `tx.circleView` and `tx.get` only.
   * Falls back to the whole read where the indexes cannot answer, and to the shards path where
   * the commit cannot go through the change log.
   */
  lean?: boolean;
  /**
   * After a commit through the log: `due` (the default) folds shards while more records than the
   * log's capacity are pending; `step` folds toward none (serve's idle moments), within the
   * same budget (fold-plan.ts).
   */
  fold?: 'due' | 'step';
  /**
   * Called when a commit through the shards has planned their new states, before it makes and
   * writes their files: where an import of a large dump collects the plan's garbage (import-dump.ts).
   */
  afterPlan?: () => void;
  /**
   * Called when the transaction read the pool whole with the change log's records applied, before
   * `work` runs: the log's bytes (a sealed segment and the active one, ~70 MB at 1,000,000
   * accounts after a fold cycle) are garbage from then on, and where V8 had not collected them
   * they were still there under the import's merge (import-dump.ts collects them).
   */
  afterLogRead?: () => void;
  /**
   * The rule by which a pool that will outgrow its shards reshards (reshard.ts reshardTarget),
   * asked under the lock with the shard count and the accounts the pool will hold once `work`'s
   * changes commit. When it names a count, the pool is resharded first, in a commit of its own
   * that changes the layout and nothing else (as `reshard`: a git pool's replay depends on it),
   * and the changes are committed second, into the new shards: each new account written once,
   * not into the old count and then moved (an import into an empty pool, scale-log.md stop 51 I2).
   * Killed between the two: the pool resharded, the changes not made (an import run again makes them).
   * Only where the pool may reshard by itself (src/cli/grow-shards.ts decides).
   */
  reshardFirst?: (shards: number, accounts: number) => number | undefined;
  /** Told when `reshardFirst` resharded the pool: the counts before and after. */
  resharded?: (from: number, to: number) => void;
}

/** The change log keeps this many records not yet in their shards before folding some, however small the pool. */
export const LOG_MIN_RECORDS = 2_500;
/**
 * ... up to this many where the pool holds twice as many accounts (half its accounts between the
 * two): from 10,000 accounts to 100,000, where the share below reaches it. A fold there writes
 * small shards, whose cost is per shard folded more than per byte, so twice the records pending
 * halves the shards an allocation folds (9 -> 4-5 of 64 at 10,000): ~20 % fewer bytes written
 * at 10,000, ~25 % at 30,000, against a log read twice as long (CPU the same within what pairs
 * show). Not below 10,000: at 1,000 accounts it wrote less too, but cost ~1.4 % more CPU
 * (docs/scale-log.md, stop 55 A).
 */
export const LOG_SMALL_POOL_RECORDS = 5_000;
/** ... and up to this share of the pool's accounts. */
export const LOG_SHARE = 0.05;
/** Record lines the log's two segments may hold (folded ones included), in capacities, before a write takes the shards path. */
export const LOG_LIMIT = 6;
/**
 * Shard bytes (files and their circle indexes) a transaction over the indexes that finds the log
 * full (LOG_LIMIT) may fold at once, draining the log, as a fold over the indexes does: its
 * shards' indexes carried over (circle-fold.ts), so the next allocation need not make them again.
 * The shards path it took before left every shard it rewrote to be indexed again by the next
 * reader: at 100,000 accounts, after the bench's allocations filled the log (~36 of them), ~0.7 s
 * of CPU in the allocation after (docs/scale-log.md, stop 64 S). The fold holds each shard's old
 * and new bytes at once: a larger pool (~280,000 accounts and up; 100,000 hold 22 MB) takes the
 * shards path as before, which pages them.
 */
export const DRAIN_BUDGET_BYTES = 64 * 1024 * 1024;

/**
 * Records not yet in their shards the change log keeps: a transaction that takes it past this
 * folds shards until it is back (fold-plan.ts). It scales with the pool, because the bytes a
 * fold writes per record do: with R records pending, an allocation changing T accounts folds
 * about T x (pool bytes) / 2R bytes (docs/scale-log.md, "Partial folds"), ~0.7 MB for the
 * bench's allocations at any size, while a fresh process reads about 2R to 4R record lines
 * from the log.
 */
export function logCapacity(poolAccounts: number): number {
  return Math.max(LOG_MIN_RECORDS, Math.min(LOG_SMALL_POOL_RECORDS, Math.ceil(poolAccounts / 2)), Math.ceil(poolAccounts * LOG_SHARE));
}

/** What holdsGoneBack found: the holds gone back, the record as checked (`learned`: the keys of published holds added to it, saved whole by the next writer), the shards' stamps. */
interface GoneBack {
  holds: LiveHold[];
  record: LiveHolds | undefined;
  stamps: Record<string, string>;
  learned?: string[];
}

/**
 * How this host sees the end of holds and rests other hosts wrote (installed for a pool shared through git,
 * see src/git/clock-sightings.ts). `locked`: called under the pool lock, so it may record what it
 * sees; `eachTimed` (every account's timed standing handed to `visit`, one at a time: Snapshot.eachTimed)
 * is asked for only when it does. The ends judge an account by its timed standing alone.
 */
export type SeenView = (eachTimed: (visit: (timed: TimedStanding) => void) => void | Promise<void>, now: Date, locked: boolean) => Promise<SeenEnds<TimedStanding> | undefined>;

/**
 * Told after every commit, still under the lock: what changed, in files and in words. False: its
 * work is not done (git's commit failed), and the next transaction tells it again first.
 */
export type CommitListener = (commit: { files: string[]; message: string }) => Promise<boolean | void>;

/** The pool as read for a transaction: with the change log applied, and as the files hold it. */
interface Committed {
  snapshot: Snapshot;
  bases: ShardState[];
  onDisk: Snapshot;
  recorded: RecordRead;
}

/** A shard a fold over the circle indexes writes: its file's bytes before and after, and the lines replaced. */
interface LeanFolded {
  s: number;
  name: string;
  file: string;
  before: Buffer;
  after: Buffer;
  lines: Map<number, string>;
}

/** A fold over the circle indexes, planned before the commit it joins: the shards, their new files, the marks before it. */
interface LeanFold {
  plan: FoldPlan;
  planned: LeanFolded[];
  writes: PendingWrite[];
  marks: Map<string, number>;
}

interface CachedShard extends ShardProof {
  stamp: string;
  state: ShardState;
}

const SHARD_FILE = /^[^.].*\.yaml$/;
/** Shard reads of a whole, unpaged read at once: each holds its file open (in-flight.ts). */
const SHARD_READS_IN_FLIGHT = 8;

/** Thrown where a transaction over the circle indexes is asked for every account (the seen view settling its record): the whole read answers. */
class NeedsWholeRead extends Error {}


/**
 * A circle view kept between transactions over the indexes (a long-running `serve`): the log as
 * this process left it (`logStamp`), its records (`records`, every line) and those not yet in
 * their shards (`pending`), counted with this process's own entries since the view was opened.
 */
/** Record lines still pending after `fold` of `total` (`pending`: per shard, before it), never 0 unless it drained the log. */
function leftAfter(fold: LeanFold, names: readonly string[], pending: ReadonlyMap<string, number>, total: number): number {
  if (fold.plan.drained) return 0;
  return Math.max(1, total - fold.plan.write.reduce((n, s) => n + (pending.get(names[s]!) ?? 0), 0));
}

/** Shards' new files made between two collections of the young generation (madeAsWritten). */
const YOUNG_EVERY = 8;

/** A shard's new file, made when asked: a commit's shard (newShardBytes) or a reshard's (reshard.ts ReshardedFile). */
interface MadeFile {
  file: string;
  name: string;
  make(): Buffer | Buffer[];
}

/**
 * The commit's writes of new shard files, each made by the journal just before it writes the temp
 * (journal.ts `writeTemps`) and dropped once written: a commit of every shard of a large pool (or
 * a reshard) holds a few new files at a time, not all of them. Each file's hash goes into `hashes`
 * as it is made (rememberStreamed).
 *
 * Every YOUNG_EVERY files made, the young generation is collected: each file's old bytes and new
 * bytes are buffers of ~1 MB at 1,000,000 accounts, dead once written, whose small JS objects
 * never fill the young generation, so V8 collected them only when their memory outside its heap
 * reached its limit: ~40 MB of them were held at the commit's peak, the peak of an import of
 * 1,000 lines into a 1,000,000-account pool (scale-log.md, stop 36).
 */
function madeAsWritten(files: readonly MadeFile[], hashes: Map<string, string>): PendingWrite[] {
  let made = 0;
  // Where the scavenges left the dead files' buffers to pile up all the same (those alive across
  // two of them, the files in flight, are promoted and wait for a full collection, which V8 made
  // only ~50 MB of them later): a full one where the memory in use grew by GROWN_BYTES since.
  let grown: (() => void) | undefined;
  return files.map((file) => ({
    target: file.file,
    temp: tempPathFor(file.file, 'tx'),
    mode: 0o600,
    data: () => {
      if (++made % YOUNG_EVERY === 0) {
        collectYoung();
        (grown ??= growthCollector())();
      }
      const bytes = file.make();
      hashes.set(file.name, shardHash(bytes));
      return bytes;
    },
  }));
}

function sumOf(counts: ReadonlyMap<string, number>): number {
  let n = 0;
  for (const count of counts.values()) n += count;
  return n;
}

interface Kept {
  view: CircleView;
  names: string[];
  logStamp: string | undefined;
  records: number;
  pending: number;
  /** Changes committed after a fold, put over the view only when a transaction takes it again (most processes end first). */
  owed?: ReadonlyMap<string, Account>;
}

/** A fold `leanTransaction` leaves to its caller, to be read afresh once its kept view is let go. */
interface FoldFresh {
  names: string[];
  capacity: number;
  /** Records pending after the transaction, should nothing fold. */
  pending: number;
  /** A fold step of nothing (`fold: 'step'`): where it cannot fold over the indexes, the whole read does it. */
  step: boolean;
}

export class Pool {
  /** Parsed shards by file, valid while the file's inode, size and times are unchanged. */
  private readonly cache = new Map<string, CachedShard>();
  private readonly clock: () => Date;
  private readonly folds: { capacity?: number; budget?: number; drain?: number };
  private readonly pageAbove: number;
  private readonly holdAtMost: number;
  /** This transaction's read let the shards' bytes go (`readCommitted`): their files are closed at its end. */
  private pagedRead = false;
  private readonly canonical: CanonicalCache;
  /**
   * Runs after each commit while the lock is still held. Set by whoever opens the pool for a
   * command (src/cli/open-pool.ts sets git's commit for `git.commit: true`): the store knows no git.
   */
  afterCommit: CommitListener | undefined;
  /**
   * Asked under the lock before each transaction writes anything: words of why no change may be
   * written now (a pool shared through git whose work tree a hand-run git left half-way), and the
   * transaction is refused with them. Set by the command's layer (cli/open-pool.ts).
   */
  writeRefusal: (() => Promise<string | undefined>) | undefined;
  /** The part of `writeRefusal` that says this folder is a copy of a pool in use (pool-place.ts), asked by git's steps under the lock too (git/pool-lock.ts). */
  placeRefusal: (() => Promise<string | undefined>) | undefined;
  /** Every transaction's `seenEnds` comes from here (none: holds and rests end at the times written). */
  seenView: SeenView | undefined;
  /** The holds other hosts published, learned into the record of live holds (live-holds.ts). Set by the command's layer (cli/open-pool.ts: a git pool's HEAD). */
  publishedHolds: PublishedHolds | undefined;
  /** Told when a transaction re-dated the pool for a jump of the wall clock (clock-jump.ts), in words, for the command to say. */
  onClockJump: ((note: string) => void) | undefined;
  /**
   * Asked to hand memory back (a full garbage collection) where a transaction let go of the view
   * it worked over and reads the pool again at once: the fold due after a commit over a kept view
   * (`foldFresh`). Set by a checked allocation, whose final transaction meets that fold with the
   * reservation's view still uncollected (the peak of its memory at 1,000,000 accounts).
   */
  giveBack: (() => void) | undefined;
  /** Aborted by `stopWaiting`: every wait for a busy pool lock from then on gives up at once. */
  private readonly waits = new AbortController();

  /**
   * From now on a busy lock is given up at once, with a LockBusyError, instead of waited for up to
   * lock_wait (a wait under way ends too): for a process asked to stop (`serve`, the watcher on
   * SIGTERM or Ctrl-C), which until stop 67 sat out a lock wait of up to 60 s per transaction first.
   */
  stopWaiting(): void {
    this.waits.abort();
  }

  /** Aborted once `stopWaiting` was called (for locks taken on the pool's behalf outside the store). */
  get waitSignal(): AbortSignal {
    return this.waits.signal;
  }
  /** Only the real clock is watched for jumps (a test's injected clock jumps on purpose). */
  private readonly watchesClock: boolean;
  /** The pool through the change log, as this process last read or wrote it. */
  private readonly logView: LogView;
  /** Each configured shard's name, by index (built on first use). */
  private nameByIndex: string[] | undefined;
  /** accountpool.yaml's stamp when its shard count was last taken (followShardCount). */
  private configStamp: string | undefined;
  /** The change log as `finishInterrupted` just read it whole, for the transaction that follows under the same lock. */
  private logRead: (LoggedChanges & { stamp: string | undefined }) | undefined;
  /** The shards' circle indexes, each kept in memory once read (a long-running process looks again and again). */
  private readonly circles: CircleStore;
  /** The change-log segments' digests (log-digest.ts): every read of the log goes through them. */
  private readonly logDigests: LogDigests;
  /** The circle view this process's last transaction over the indexes left (`keptView`). */
  private kept: Kept | undefined;
  /**
   * Records not yet in their shards after this process's last transaction over the circle
   * indexes (which leaves the log view forgotten); undefined after one over the whole read.
   */
  private leanPending: number | undefined;
  /** The transactions this transaction committed (a reshard first, the work second), for the record of live holds. */
  private committedTxs: Transaction[] = [];
  /**
   * The files this transaction's journaled commits wrote or removed (undefined outside one): the
   * record of live holds stats again only the shards among them (noteHolds, `shardStamps`).
   */
  private writtenFiles: Set<string> | undefined;
  /** The record of live holds as this process last read or wrote it (live-holds.ts): not read again while its files are unchanged. */
  private liveHolds: LiveHoldsFiles | undefined;

  private constructor(
    readonly layout: PoolLayout,
    readonly config: Config,
    options: PoolOptions,
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.watchesClock = options.clock === undefined;
    this.folds = options.folds ?? {};
    this.pageAbove = options.pageAbove ?? PAGE_ABOVE;
    this.holdAtMost = options.holdAtMost ?? Infinity;
    this.canonical = new CanonicalCache(layout.canonicalCache);
    const probe = new SharedFsClock(); // one probe of the file system's clock for both (fs-clock.ts)
    this.logDigests = new LogDigests(layout.logDigestDir, probe);
    this.logView = new LogView(layout.changeLog, (username) => this.shardNameOf(username), this.logDigests);
    this.circles = new CircleStore(layout.circleDir, probe);
  }

  /** Opens an existing pool (made by `accountpool init`). */
  static async open(dir: string, options: PoolOptions = {}): Promise<Pool> {
    const layout = layoutOf(dir);
    const info = await stat(layout.shardsDir).catch(() => undefined);
    if (!info?.isDirectory()) throw new AppError(`no pool at ${dir}: run \`accountpool init\` there, or give --pool DIR`);
    const linked = await linkedPoolFolder(layout);
    if (linked) throw new AppError(linked);
    const configStamp = await statStamp(layout.config);
    const pool = new Pool(layout, await loadConfig(layout.config), options);
    pool.configStamp = configStamp;
    return pool;
  }

  /** Makes the folders of a new pool (0700). Idempotent. */
  static async create(dir: string): Promise<PoolLayout> {
    const layout = layoutOf(dir);
    // Before making any: a file where a folder of the pool goes makes a pool that half works.
    for (const [folder, holds] of [[dir, 'its files'], [layout.shardsDir, 'its accounts'], [layout.historyDir, 'its history'], [dirname(layout.canonicalCache), 'its caches']] as const) {
      const problem = await inTheWayOfFolder(folder);
      if (problem) throw new AppError(`cannot make the pool: ${problem} (the pool keeps ${holds} there); move it away, or give another --pool`);
    }
    await mkdir(layout.shardsDir, { recursive: true, mode: 0o700 });
    return layout;
  }

  now(): Date {
    return this.clock();
  }

  shardNameOf(username: string): string {
    return this.shardNameOfHash(keyHashOf(username));
  }

  /** Whether a name of keyHashOf `hash` belongs in shard `name` at the present count (what a paged read notes strays by). */
  private homeTest(name: string): (hash: number) => boolean {
    return (hash) => this.shardNameOfHash(hash) === name;
  }

  /** shardNameOf by the name's keyHashOf (layout.ts), as read off a plain name's bytes. */
  shardNameOfHash(hash: number): string {
    // Asked for every account when strays are looked for (integrity.ts): no string built per call.
    this.nameByIndex ??= Array.from({ length: this.config.shards }, (_, i) => shardName(i, this.config.shards));
    return this.nameByIndex[hash % this.config.shards]!;
  }

  /**
   * The pool as committed: every shard, with the change log applied. Throws FileError for a shard
   * that is not valid YAML. Lock-free (see `consistently`).
   */
  async read(): Promise<Snapshot> {
    return this.consistently(async () => (await this.readCommitted()).snapshot);
  }

  /**
   * The history lines of `from` (a month, `2026-11`) onwards, oldest month first: the month files,
   * then the lines still in the change log. Lock-free like `read`: a fold moving lines from the log
   * into a month file while we read makes us read again, so no line is missed or seen twice.
   */
  readHistory(from = ''): Promise<string[]> {
    return this.consistently(async () => {
      const months = (await historyMonths(this.layout)).filter((month) => month >= from);
      const files = await Promise.all(months.map((month) => readMonthLines(this.layout, month)));
      const pending = (await readLog(this.layout.changeLog, this.logDigests)).events.filter((e) => e.month >= from);
      return [...files.flat(), ...pending.map((e) => e.line)];
    });
  }

  /**
   * Runs `read` (which only reads the pool) so that it sees each commit whole: should a commit
   * land meanwhile, it runs again, and under the lock when writers never pause. Where the lock
   * cannot be had (a read-only pool), the last run is the best there is.
   */
  async consistently<T>(read: () => Promise<T>): Promise<T> {
    let result: T | undefined;
    for (let attempt = 0; attempt < 3; attempt++) {
      const before = await this.commitMarks();
      result = await read();
      const after = await this.commitMarks();
      const sameLog = before.log === undefined || logInode(before.log) === logInode(after.log);
      if (!before.committing && !after.committing && before.shards === after.shards && sameLog) return result;
      await new Promise((resolve) => setTimeout(resolve, 5 * (attempt + 1)));
    }
    // Writers never paused (or a killed one left its journal): read under the lock, after
    // finishing what a killed writer left.
    let lock;
    try {
      lock = await acquireLock(this.layout.dir, this.layout.lock, { waitMs: this.config.lock_wait, signal: this.waits.signal });
    } catch {
      return result!;
    }
    try {
      await recover(this.layout.journal);
      return await read();
    } finally {
      await lock.release();
    }
  }

  /** Whether a transaction is committing now or was killed while committing (its journal is there). */
  async interrupted(): Promise<boolean> {
    return (await this.commitMarks()).committing;
  }

  /**
   * The pool settled (no journal, no change log: nothing to finish or fold), as a mark of its shard
   * folder; undefined when it is not. A caller that took it and later gets the same mark knows no
   * transaction committed or logged since (each renames files into the shard folder or writes the
   * log): a fold then would read every shard to write nothing (sync's second fold after a
   * reshard's replay, which its first left settled: src/git/sync.ts).
   */
  async settledMark(): Promise<string | undefined> {
    const marks = await this.commitMarks();
    return marks.committing || marks.log !== undefined ? undefined : marks.shards;
  }

  /** What moves when a commit happens: the journal, the shard folder (renames), the change log. */
  private async commitMarks(): Promise<{ committing: boolean; shards: string; log: string | undefined }> {
    const [journal, shards, log] = await Promise.all([
      stat(this.layout.journal).then(
        () => true,
        () => false,
      ),
      stat(this.layout.shardsDir, { bigint: true }).then((info) => `${info.mtimeNs}:${info.ctimeNs}`),
      logStamp(this.layout.changeLog),
    ]);
    return { committing: journal, shards, log };
  }

  /**
   * Shards and change log as they are now, without guarding against a concurrent commit.
   * `paged`: in a pool of `pageAbove` accounts or more, each shard's bytes are let go once read
   * (ShardState.page), the shards read one after the other so that no more than one is held.
   * `underLock`: a transaction's read, after `finishInterrupted`.
   */
  private async readCommitted(paged = false, underLock = false, held = false): Promise<Committed> {
    await this.followShardCount();
    await this.canonical.load();
    const recorded = await readRecord(this.layout.manifest);
    const names = await this.shardNames(recorded.record?.manifest.keys());
    let accounts = 0;
    for (const count of recorded.record?.manifest.values() ?? []) accounts += count ?? 0;
    let bases: ShardState[];
    if (paged && accounts >= this.pageAbove) {
      this.pagedRead = true;
      bases = [];
      // Held open, one descriptor a shard, as far as the process has them to spare (descriptor-budget.ts); the rest are copied to one spill file.
      let spare = held ? Math.min(descriptorsToSpare(), this.holdAtMost) : 0;
      for (const name of names) {
        const state = await this.readShard(name, { page: true, held, hold: spare > 0 });
        if (held && state.paged) spare--;
        bases.push(state);
      }
    } else {
      bases = await mapInFlight(names, SHARD_READS_IN_FLIGHT, (name) => this.readShard(name));
    }
    await this.canonical.save();
    const byName = new Map(bases.map((s, i) => [s.name, i]));
    const homeOf = (username: string) => byName.get(this.shardNameOf(username));
    const homeOfHash = (hash: number) => byName.get(this.shardNameOfHash(hash));
    // Under the lock, the log as finishInterrupted read it a moment ago, when it still is the log:
    // not read a second time (held beside a second read it was ~60 MB more at the watcher's peak at
    // 1,000,000 accounts), and taken here, held by no caller's frame, so it goes once applied.
    const logRead = underLock ? this.logRead : undefined;
    if (underLock) this.logRead = undefined;
    return { snapshot: new Snapshot(await this.logView.apply(bases, homeOf, logRead, homeOfHash), homeOf, homeOfHash), bases, onDisk: new Snapshot(bases, homeOf, homeOfHash), recorded };
  }

  /**
   * The configured shards, the shards `recorded` (see manifest.ts: a recorded shard whose file is
   * gone must be noticed), and any other shard file found (another shard count, or added by
   * hand): no account is ever left out.
   */
  async shardNames(recorded: Iterable<string> = []): Promise<string[]> {
    const names = new Set<string>(recorded);
    for (let i = 0; i < this.config.shards; i++) names.add(shardName(i, this.config.shards));
    for (const entry of await readdir(this.layout.shardsDir)) if (SHARD_FILE.test(entry)) names.add(entry.slice(0, -5));
    return [...names].sort();
  }

  /**
   * One shard. `verify: true` proves it canonical line by line instead of trusting a known hash.
   * `page: true`: a shard read off its bytes lets them go (ShardState.page); with `held` (a read
   * without the lock) its file stays open to read them again, unless `hold` is false (no descriptor
   * to spare): then its bytes are kept. A `verify` read is not
   * kept in the cache: `verify` reads every shard so, one at a time, and kept they were every
   * account parsed at once (809 MB at 1,000,000 accounts, stop 38).
   */
  async readShard(name: string, { verify = false, page = false, held = false, hold = true } = {}): Promise<ShardState> {
    const file = shardFile(this.layout, name);
    // lstat: a shard that is a link is refused, never read through (unreadable-shard.ts, refuseLinkedShard).
    const info = await lstat(file, { bigint: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') asUnreadableShard(file, error);
      return undefined;
    });
    refuseLinkedShard(file, info);
    refuseOddShard(file, info);
    if (!info) {
      const state = new ShardState(name, file, [], []);
      state.absent = true;
      return state;
    }
    const stamp = stampOf(info);
    // Read without the lock, each paged file held open as read; not kept: the cache's states are read again by path.
    if (page && held && !verify) return this.heldShardFrom(name, file, hold);
    let cached = this.cache.get(file);
    // A stamp that may still hide a change (cached-shard-proof.ts): the bytes are hashed once more.
    if (cached?.stamp === stamp && !verify && !cached.settled && !this.stillAsKept(file, info, cached)) cached = undefined;
    // A paged state reads its file again: only under the lock that keeps the file as it was read.
    if (cached?.stamp !== stamp || verify || (!page && cached.state.paged)) {
      let read: { state: ShardState; sha1: string };
      // The file system's clock before the bytes are read (a recent reading: no probe written here): what settles the stamp.
      const clock = this.circles.recentClock();
      const checkedAt = Date.now();
      try {
        read = page && !verify ? this.pagedShardFrom(name, file, stamp) : await this.shardRead(name, file, verify);
      } catch (error) {
        // A read failing where stat did not (EACCES, EISDIR, EIO): named as what it is, never missing.
        asUnreadableShard(file, error);
      }
      const state = read.state;
      cached = { stamp, state, sha1: read.sha1, settled: stampSettled(info, clock, checkedAt) };
      if (verify) return state;
      this.cache.set(file, cached);
    }
    if (page) cached.state.page(file, stamp, undefined, undefined, this.homeTest(name));
    return cached.state;
  }

  /**
   * Whether shard `file`, whose stamp is still `info`'s as `kept`'s, holds the bytes `kept` was
   * made from: hashed once more; settled from then on where its stamp is older than the file
   * system's clock read before these bytes (cached-shard-proof.ts).
   */
  private stillAsKept(file: string, info: BigIntStats, kept: CachedShard): boolean {
    const clock = this.circles.recentClock();
    const checkedAt = Date.now();
    let hash: string;
    try {
      // Only the hash is kept: the bytes go into the reused buffer (scratch-read.ts), hashed before
      // anything else runs, not into a fresh one of the shard's size that was garbage at once.
      hash = shardHash(readIntoScratch(file));
    } catch {
      return false; // read afresh, which names what is wrong
    }
    if (hash !== kept.sha1) return false;
    kept.settled = stampSettled(info, clock, checkedAt);
    return true;
  }

  private async shardRead(name: string, file: string, verify: boolean): Promise<{ state: ShardState; sha1: string }> {
    // Hash the bytes as read: hashing the decoded text would encode it to UTF-8 all over again.
    const bytes = await readShard(file);
    const sha1 = shardHash(bytes);
    return { state: this.shardFrom(name, bytes, sha1, verify), sha1 };
  }

  /**
   * Shard `name` for a paged read: our own output is read into the reused buffer (scratch-read.ts)
   * and paged at once, keeping no reference to it; a shard that is not (a hand edit) keeps its
   * bytes or text, so it is decoded from a copy of them.
   */
  private pagedShardFrom(name: string, file: string, stamp: string): { state: ShardState; sha1: string } {
    const bytes = readIntoScratch(file);
    const hash = shardHash(bytes);
    const decoded = this.unlessProven(name, bytes, hash);
    if (decoded) return { state: decoded, sha1: hash };
    if (this.canonical.isKnown(name, hash)) {
      const state = this.shardFrom(name, bytes, hash);
      state.page(file, stamp, undefined, undefined, this.homeTest(name));
      if (state.paged) return { state, sha1: hash };
    }
    return { state: this.shardFrom(name, Buffer.from(bytes), hash), sha1: hash };
  }

  /**
   * For a paged read of `bytes` (reused by the next read) the canonical cache does not know:
   * decoded, which proves them canonical or not. Canonical ones are remembered and undefined is
   * returned, so the caller pages them as it does a known shard and their decoded accounts go; the
   * state of any other (a hand edit) is returned, never decoded twice. Without this, a pool whose
   * cache knew few of its shards (copied from another host, whose seal this one does not believe,
   * or written over by a process that loaded it long before) held every account of the others
   * decoded through the whole import: 824 MB for a 1,000-line import at 1,000,000 accounts.
   */
  private unlessProven(name: string, bytes: Buffer, hash: string): ShardState | undefined {
    if (this.canonical.isKnown(name, hash)) return undefined;
    // Decoded from the reused bytes: a canonical state keeps them, but is dropped here; any other keeps none.
    const state = this.shardFrom(name, bytes, hash);
    return this.canonical.isKnown(name, hash) ? undefined : state;
  }

  /**
   * pagedShardFrom for a read without the lock (`readIntact({ paged: true })`): the file stays
   * open, its lines read again from the file as read however the path is renamed over meanwhile
   * (a commit); closed by `closeHeld`. A shard that is not our own output keeps its bytes.
   */
  private heldShardFrom(name: string, file: string, hold: boolean): ShardState {
    if (!hold) {
      // No descriptor to spare: our own output is copied to the spill file (one descriptor for
      // all such shards) and its lines read from there; anything else, or where no spill file
      // can be written, keeps its bytes (a copy).
      const bytes = readIntoScratch(file);
      const hash = shardHash(bytes);
      const decoded = this.unlessProven(name, bytes, hash);
      if (decoded) return decoded;
      if (this.canonical.isKnown(name, hash)) {
        const copy = spillCopy(dirname(this.layout.canonicalCache), bytes);
        if (copy) {
          const state = this.shardFrom(name, bytes, hash);
          state.page(file, 'copy', copy.fd, copy.base, this.homeTest(name));
          if (state.paged) return state;
        }
      }
      return this.shardFrom(name, Buffer.from(bytes), hash);
    }
    const { bytes, fd, stamp } = readIntoScratchHeld(file);
    let kept = false;
    try {
      const hash = shardHash(bytes);
      const decoded = this.unlessProven(name, bytes, hash);
      if (decoded) return decoded;
      if (this.canonical.isKnown(name, hash)) {
        const state = this.shardFrom(name, bytes, hash);
        state.page(file, stamp, fd, undefined, this.homeTest(name));
        kept = state.paged;
        if (kept) return state;
      }
      return this.shardFrom(name, Buffer.from(bytes), hash);
    } finally {
      if (!kept) closeSync(fd);
    }
  }

  /** Shard `name` decoded from `bytes` (whose sha1 is `hash`). Throws FileError for bytes that are not a shard. */
  private shardFrom(name: string, bytes: Buffer, hash: string, verify = false): ShardState {
    const file = shardFile(this.layout, name);
    // Our own output, known by its hash: its lines are read off the bytes as far as they are used.
    const lines = !verify && this.canonical.isKnown(name, hash) ? ByteLines.of(name, bytes) : null;
    if (lines) return new ShardState(name, file, lines);
    const decoded = decodeShard(name, file, bytes.toString('utf8'));
    const state = new ShardState(name, file, decoded.lines, decoded.accounts);
    if (decoded.canonical) {
      this.canonical.remember(name, hash);
      state.bytes = bytes;
    }
    return state;
  }

  /**
   * Every account's standing, counted (`status`): from each shard's summary where it was made from
   * the shard's bytes as they are, with the change log over them (pool-standings.ts); the whole
   * read where only it can say. Lock-free like `read`. `lost`: what is lost against the record of
   * the shards, a message naming each file.
   */
  async standingCounts(): Promise<StandingCounts & { lost: string[]; twice: string[] }> {
    return this.consistently(async () => {
      await this.followShardCount();
      await this.canonical.load();
      const recorded = await readRecord(this.layout.manifest);
      const counted = await countStandings({
        names: await this.shardNames(recorded.record?.manifest.keys()),
        shardCount: this.config.shards,
        summaries: new SummaryStore(this.layout.standingsDir),
        ...this.shardFiles(),
        readLog: () => readLog(this.layout.changeLog, this.logDigests),
        pendingJudged: (shards, strays) => PendingJudged.load(join(this.layout.dir, '.cache'), shards, strays),
        handedLines: () => loadHandedLines(join(this.layout.dir, '.cache'), this.config.shards),
        pendingRecords: new PendingRecords(join(this.layout.dir, '.cache'), this.layout.changeLog, this.logDigests),
        recordedSize: (name) => recorded.record?.manifest.get(name),
      });
      await this.canonical.save();
      // The summaries count a pool whose accounts are each held once (pool-standings.ts hands an
      // account in two places to the whole read), so only the whole read names them.
      if (counted) return { ...counted, lost: lossProblems(recorded, counted.onDisk), twice: [] };
      const { snapshot, bases, onDisk: onDiskSnapshot } = await this.readCommitted();
      const shards = onDisk(bases);
      return { shards: snapshot.shards.length, groups: snapshot.standings().map((s) => [s, 1]), from: 'accounts', onDisk: shards, lost: lossProblems(recorded, shards), twice: await duplicateProblems(onDiskSnapshot) };
    });
  }

  /**
   * Every account's timed standing (model.ts TIMED_FIELDS) counted by value, for `status` on a pool
   * shared through git: off each shard's timed summary (timed-summary.ts), made again only for a
   * shard whose bytes changed (a pull, a commit, a hand edit), so an unchanged pool reads no shard.
   * With a change log (a git pool without `git.commit`), the shards its pending records change
   * are read, one at a time, with the records over their lines (timed-summary.ts `countOverLog`);
   * the others still count off their summaries.
   * Lock-free like `read`. Undefined where only the whole read can count: an account held twice or
   * moved by hand, a record whose base line was edited by hand since, a shard that does not read
   * (the whole read names it).
   */
  async timedCounts(): Promise<{ groups: [TimedStanding, number][]; shards: number; lost: string[] } | undefined> {
    return this.consistently(async () => {
      await this.followShardCount();
      await this.canonical.load();
      const recorded = await readRecord(this.layout.manifest);
      const names = await this.shardNames(recorded.record?.manifest.keys());
      const pending = (await logStamp(this.layout.changeLog)) !== undefined ? await this.timedPending(names) : undefined;
      const counted = await countTimed({
        names,
        shardCount: this.config.shards,
        summaries: new TimedSummaryStore(this.timedDir()),
        ...this.shardFiles(),
        recordedSize: (name) => recorded.record?.manifest.get(name),
        pending,
      }).catch(() => undefined);
      await this.canonical.save();
      return counted && { groups: counted.groups, shards: names.length, lost: lossProblems(recorded, counted.onDisk) };
    });
  }

  /**
   * The change log's records not yet in their shards' files, by shard, for `timedCounts`. Each
   * record is taken to apply to its account's home shard: an account moved by hand is a stray in
   * some shard's summary, and `countTimed` leaves that pool to the whole read.
   */
  private async timedPending(names: readonly string[]): Promise<TimedPending> {
    const read = await readLog(this.layout.changeLog, this.logDigests);
    const log = read.pendingIn((key) => this.shardNameOf(key), names, homesOf(this.config.shards));
    const list = listOfLog(log, []);
    const byShard = new Map<string, number[]>();
    log.keys.forEach((key, r) => {
      const home = this.shardNameOf(key);
      if (log.isFolded(log.positions[r]!, home)) return;
      const records = byShard.get(home);
      if (records) records.push(r);
      else byShard.set(home, [r]);
    });
    return {
      byShard,
      keyOf: (r) => log.keys[r]!,
      timedOf: (r) => {
        const line = log.lineAt(r);
        return trustedLineTimed(line) ?? parseTrustedLines([line], this.shardNameOf(log.keys[r]!), this.layout.changeLog)[0]!;
      },
      baseHolds: (r, shard, line) => list.baseHolds(r, shard, line),
    };
  }

  /** Where the shards' timed summaries are kept (timed-summary.ts). */
  private timedDir(): string {
    return join(this.layout.dir, '.cache', 'timed');
  }

  /** The shard files as the derived indexes read them (pool-standings.ts, circle-view.ts). */
  private shardFiles(): ShardFiles {
    return {
      shardNameOf: (username) => this.shardNameOf(username),
      fileOf: (name) => shardFile(this.layout, name),
      // Synchronous, as own-file.ts reads the caches beside: one system call, not a thread-pool round trip per shard.
      statOf: async (name) => {
        const file = shardFile(this.layout, name);
        const info = lstatSync(file, { bigint: true, throwIfNoEntry: false });
        refuseLinkedShard(file, info); // a link is never read through, one to nothing is no missing shard
        refuseOddShard(file, info);
        return info;
      },
      bytesOf: async (name) => {
        const file = shardFile(this.layout, name);
        let bytes;
        try {
          bytes = readShardIfPresentSync(file);
        } catch (error) {
          asUnreadableShard(file, error);
        }
        if (!bytes) refuseDanglingShard(file);
        return bytes;
      },
      stateOf: (name, bytes, sha1) => this.shardFrom(name, bytes, sha1),
    };
  }

  /** `read`, and what is lost against the record of the shards (messages naming each file), for a reader that warns of it. */
  async readWithLosses(): Promise<{ snapshot: Snapshot; lost: string[]; twice: string[] }> {
    const { snapshot, bases, recorded, onDisk: onDiskSnapshot } = await this.consistently(() => this.readCommitted());
    return { snapshot, lost: lossProblems(recorded, onDisk(bases)), twice: await duplicateProblems(onDiskSnapshot) };
  }

  /**
   * `read`, for a reader that must not pass a damaged pool off as whole (export): throws, as a
   * writer would, when a recorded shard is missing or cut short or an account is held twice.
   * `paged` (a pool of `pageAbove` accounts or more): each shard's bytes are let go once read and
   * its file held open, its lines read again from the file as read (a commit meanwhile renames a
   * new file over the path, which leaves the open one as it was): the reader calls
   * `assertHeldUnchanged` when done (a hand edit in place meanwhile), then `closeHeld`.
   */
  async readIntact({ paged = false } = {}): Promise<Snapshot> {
    const committed = await this.consistently(() => {
      this.closeHeld(); // an earlier attempt's files
      return this.readCommitted(paged, false, paged);
    });
    await assertIntact(committed.onDisk, committed.bases, committed.recorded);
    return committed.snapshot;
  }

  /** `tx` with the pool's `.cache` as where an import's new accounts' own fields may be written out (Transaction.spillDir). */
  private spilling(tx: Transaction): Transaction {
    tx.spillDir = dirname(this.layout.canonicalCache);
    return tx;
  }

  /** `tx` (spilling) marked as one nobody commits (Transaction.rehearsing). */
  private rehearsal(tx: Transaction): Transaction {
    tx.rehearsing = true;
    return this.spilling(tx);
  }

  /**
   * `work` over the pool as a transaction's would see it, committing nothing (`import --dry-run`):
   * read as `readIntact({ paged: true })` reads, so a pool of `pageAbove` accounts or more is paged
   * as the real transaction's read is (an unpaged whole read held every shard's bytes: 1,605 MB for
   * 1,700,000 rows into a pool holding them, stop 42), and refused where the real one refuses (a
   * shard lost or cut short). Lock-free: a commit meanwhile leaves the files read as they were.
   *
   * `after`: rehearsed after what that rehearsal holds (a dry run's next file, as a real import
   * commits its files one after another), on a transaction of its own that starts from its state,
   * taken into it only when `work` returns: a file refused midway leaves nothing behind, as a real
   * import's rolled-back transaction leaves nothing. `afterLogRead` as TransactionOptions' (not
   * called with `after`: nothing is read then).
   */
  async rehearse<T>(work: (tx: Transaction) => T | Promise<T>, after?: Transaction, { afterLogRead }: Pick<TransactionOptions, 'afterLogRead'> = {}): Promise<T> {
    if (after) {
      const tx = this.rehearsal(new Transaction(after.snapshot, after.now));
      // Its state, not its history and extra writes: carried back below, they would stand there twice.
      tx.startFrom(after);
      const result = await work(tx);
      after.carry(tx);
      return result;
    }
    try {
      const snapshot = await this.readIntact({ paged: true });
      if (this.logView.present) afterLogRead?.();
      const result = await work(this.rehearsal(new Transaction(snapshot, this.now())));
      this.assertHeldUnchanged(); // a hand edit in place meanwhile: what was read is not what is there
      return result;
    } finally {
      this.closeHeld();
    }
  }

  /**
   * The accounts named, as `read().get` gives them (the change log over the shards, an account
   * moved by hand found where it is), undefined for a name the pool lacks: for a caller that asks
   * about a few accounts. Read as `readIntact({ paged: true })` reads, so a pool of `pageAbove`
   * accounts or more is paged (each shard's bytes let go once read, its file held open and only the
   * lines asked for read again): the whole read held every account at once, 709-717 MB at
   * 1,000,000 accounts for a sync's ~100 lost leases (docs/scale-log.md, stop 53 Y). Lock-free like
   * `read`; unlike `readIntact` it refuses no damage (its callers report, they do not write).
   */
  async lookUp(usernames: Iterable<string>): Promise<Map<string, Account | undefined>> {
    try {
      return await this.consistently(async () => {
        this.closeHeld(); // an earlier attempt's files
        const { snapshot } = await this.readCommitted(true, false, true);
        const found = new Map<string, Account | undefined>();
        // `seen`: the account read off its line, not kept on the paged shard.
        for (const username of usernames) if (!found.has(username)) found.set(username, snapshot.seen(username));
        return found;
      });
    } finally {
      this.closeHeld();
    }
  }

  /** Throws, naming the file, where a shard held open by `readIntact({ paged: true })` was edited in place since it was read. */
  assertHeldUnchanged(): void {
    assertPagedUnchanged();
  }

  /** Closes the shard files `readIntact({ paged: true })` held open. */
  closeHeld(): void {
    closePagedFiles();
  }

  /**
   * Moves every account to its home among `to` shards and writes that count into accountpool.yaml,
   * in one commit (see reshard.ts): the old shard files go, the record names the new ones. `to`
   * may be a rule, asked under the lock with the count and accounts as they are then (undefined:
   * nothing to do). Returns the counts before and after, or undefined when nothing was done.
   */
  async reshard(to: number | ((shards: number, accounts: number) => number | undefined)): Promise<{ from: number; to: number } | undefined> {
    return this.transaction(async (tx) => {
      const from = this.config.shards;
      const count = typeof to === 'number' ? to : to(from, tx.snapshot.size);
      if (count === undefined) return undefined;
      await this.toShardCount(tx, count);
      return { from, to: count };
    });
  }

  /**
   * Another process may have resharded the pool since this one read its config: the shard count
   * is followed (nothing else: the other settings are the process's as it started). One stat a read.
   * Public for sync, whose pull (or undone reshard) changes accountpool.yaml under this pool.
   */
  async followShardCount(): Promise<void> {
    const stamp = await statStamp(this.layout.config);
    if (stamp === this.configStamp) return;
    // A config broken by a hand edit meanwhile: keep the count we have; the next command names the fault.
    const count = await loadConfig(this.layout.config).then((c) => c.shards, () => this.config.shards);
    // Nothing read of the other layout is read again (its files are gone, or at as many digits hold
    // other accounts): kept, it was every account parsed beside the new layout's, read next (sync's
    // fold after a reshard's replay, 1,000,000 accounts: 331 MB, stop 51 Y2).
    if (count !== this.config.shards) this.forgetWholeRead();
    this.useShardCount(count);
    this.configStamp = stamp;
  }

  private useShardCount(count: number): void {
    if (count === this.config.shards) return;
    this.config.shards = count;
    this.nameByIndex = undefined;
  }

  /** Finishes or rolls back a transaction a killed process left behind. */
  async recoverInterrupted(): Promise<string> {
    const lock = await acquireLock(this.layout.dir, this.layout.lock, { waitMs: this.config.lock_wait, signal: this.waits.signal });
    try {
      return await this.finishInterrupted();
    } finally {
      this.logRead = undefined;
      await lock.release();
    }
  }

  /**
   * Runs `work` under the pool lock on a fresh snapshot and commits what it put, all or nothing.
   * An interrupted earlier transaction is finished or rolled back first.
   */
  async transaction<T>(work: (tx: Transaction) => T | Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const lock = await acquireLock(this.layout.dir, this.layout.lock, { waitMs: this.config.lock_wait, signal: this.waits.signal });
    let noteAfter: Awaited<ReturnType<Pool['holdsGoneBack']>> | undefined;
    let succeeded = false;
    try {
      // Before anything is written, a crashed transaction's roll-forward included.
      const refused = await this.writeRefusal?.();
      if (refused !== undefined) throw new AppError(refused);
      // A transaction that cannot go over the indexes reads the log only to apply it to the shards:
      // no digest of the records' facts is made for it (an import's commit folds the log away).
      await this.finishInterrupted(Boolean(options.lean));
      await this.tellLeftOver();
      // An older shard put back since the last write freed holds still running: refused before
      // anything is read for the work (else the next hand-out gives them to a second scanner).
      const back = await this.holdsGoneBack();
      if (back.holds.length > 0 && !options.restoreHolds && !options.acceptLoss) {
        throw new AppError(`${goneBackSummary(back.holds, this.shardFileOf)}. Nothing was written: ${GONE_BACK_ADVICE}`);
      }
      this.committedTxs = [];
      this.writtenFiles = new Set();
      noteAfter = back;
      const assertLock = () => {
        if (lock.lost) throw new LockLostError(`lost the pool lock (${lock.lost.message}); nothing was written`);
        // Checked wherever the lock is, before every commit point: what was read is what is there.
        if (this.pagedRead) assertPagedUnchanged();
      };
      const clock = await this.readClockUnderLock();
      // A jump re-dates accounts the indexes did not choose: the whole read does it.
      let lean = options.lean && options.via !== 'shards' && !options.acceptLoss && !clock.jump ? await this.leanTransaction(work, assertLock, options.fold ?? 'due') : undefined;
      if (lean?.committed && lean.foldFresh) {
        // Here, where the kept view the transaction used is no longer reachable (leanTransaction).
        const { names, capacity, pending, step } = lean.foldFresh;
        // The sealed segment, which the fold reads again, held across the collection (else freed and read anew).
        let sealed = this.giveBack && sealedAlive();
        this.giveBack?.();
        const folded = await this.foldFresh(names, capacity, assertLock, () => (sealed = undefined));
        if (step && folded === undefined) lean = undefined; // as a step that could not fold over the indexes: the whole read does it
        else this.leanPending = folded ?? pending;
      }
      if (lean?.committed) {
        succeeded = true;
        return lean.result;
      }
      this.leanPending = undefined;
      this.kept = undefined; // this transaction may write what a kept view would not see
      let committed = await this.readCommitted(true, true);
      if (this.logView.present) options.afterLogRead?.();
      await assertIntact(committed.onDisk, committed.bases, committed.recorded, options.acceptLoss);
      let tx = this.spilling(new Transaction(committed.snapshot, lean?.tx.now ?? this.clock()));
      let result: T;
      if (lean) {
        // Worked out over the indexes, committed through the shards (the log is full, say).
        tx.carry(lean.tx);
        result = lean.result;
      } else {
        if (this.seenView) tx.seenEnds = await this.seenView((visit) => tx.snapshot.eachTimed(visit), tx.now, true);
        if (clock.jump) this.redate(tx, clock);
        result = await work(tx);
      }
      if (options.restoreHolds) for (const hold of back.holds) this.restoreHold(tx, hold);
      const to = options.reshardFirst && !tx.isEmpty && tx.reshardTo === undefined && !tx.relocateAll ? options.reshardFirst(this.config.shards, tx.accountsAfter()) : undefined;
      if (to !== undefined) {
        // The layout first, in a commit of its own (as `reshard`); then the changes, into the new shards.
        const from = this.config.shards;
        await this.commitShards(await this.toShardCount(new Transaction(committed.snapshot, tx.now), to), committed, assertLock);
        options.resharded?.(from, to);
        committed = await this.readCommitted(true, true);
        tx = tx.movedTo(committed.snapshot);
      }
      // An import's new accounts numbered for the shards they are written into (import-numbering.ts).
      tx.numberImports(to ?? this.config.shards);
      const logged = this.logView.present;
      const history: HistoryLine[] = tx.history.map((line) => ({ month: monthOf(tx.now), line }));
      if ((options.via ?? 'log') === 'log' && this.mayLog(tx, committed, options)) {
        await this.commitToLog(tx, history, this.logView.baseLines(tx.changes.values(), committed.onDisk), assertLock);
        await this.foldAfterLog(committed, assertLock, options.fold ?? 'due', tx.changes.size);
        succeeded = true;
        return result;
      }
      if (tx.isEmpty && !logged) {
        succeeded = true;
        return result;
      }
      if (tx.isEmpty) tx.message = 'write the changes logged by serve into the shards';
      await this.commitShards(tx, committed, assertLock, options.afterPlan);
      succeeded = true;
      return result;
    } finally {
      // Every commit this transaction made noted in the record of live holds, still under the lock
      // (each commit path pushes its tx once its commit is done: the log, a lean fold with the
      // entry, the shards, the lean shards, a reshard first). A failure after a commit (a fold after
      // the log) notes it too; a failure before any leaves the shards' stamps as they were (a copy
      // put back is still looked for).
      if (noteAfter && (succeeded || this.committedTxs.length > 0) && !lock.lost) await this.noteHolds(noteAfter, options);
      this.committedTxs = [];
      this.writtenFiles = undefined;
      this.logRead = undefined;
      // A process that reads through the indexes (serve) keeps nothing of a whole read it fell
      // back to (a hand edit, an account added by a post): its next transactions do not use it,
      // and at a million accounts it is most of a gigabyte.
      if (options.lean) this.forgetWholeRead();
      // Paged shards kept (the cache, the log view) open their files again when next read, and
      // refuse them if they changed meanwhile: a read without the lock never takes them (readShard).
      if (this.pagedRead) closePagedFiles();
      this.pagedRead = false;
      // A fold's turn may have removed a segment a window of the log read holds (segment-window.ts).
      closeRemovedWindows();
      await lock.release();
    }
  }

  /**
   * The last check before a commit point (`assertLock`), then, where a hook runs after the commit,
   * the record that it has yet to run (after-commit-pending.ts): a process killed between the
   * commit and the hook's end leaves it for the next transaction.
   */
  private notingPending(assertLock: () => void, files: readonly string[], message: string): () => void {
    return () => {
      assertLock();
      if (!this.afterCommit) return;
      const inPool = files.filter((f) => f.startsWith(this.layout.dir)).map((f) => relative(this.layout.dir, f));
      notePendingCommit(this.layout.pendingCommit, { message, files: inPool });
    };
  }

  /** Runs the afterCommit hook on a commit's files; its record is removed once the hook says its work is done. */
  private async tellAfterCommit(files: readonly string[], message: string): Promise<void> {
    if (!this.afterCommit) return;
    const done = await this.afterCommit({ files: files.filter((f) => f.startsWith(this.layout.dir)), message });
    if (done !== false) clearPendingCommit(this.layout.pendingCommit);
  }

  /**
   * Under the lock, before this transaction's own work: a commit an earlier process made and did
   * not live to hand to the hook (killed before its git commit), or whose hook failed (git could
   * not commit), is handed to it now, under its own words. Without this a command that changes
   * nothing left such a change uncommitted, for no host to see, until some later change.
   */
  private async tellLeftOver(): Promise<void> {
    if (!this.afterCommit) return;
    const left = readPendingCommit(this.layout.pendingCommit);
    if (!left) return;
    const message = `${left.message}\n\nCommitted by a later command: the one that made this change stopped before its git commit was made.`;
    await this.tellAfterCommit(left.files.map((f) => join(this.layout.dir, f)), message);
  }

  /**
   * Writes `tx` through the shards (the change log's records folded in), all or nothing: a
   * reshard's new set (reshardTo), else each shard it touches. `afterPlan` as TransactionOptions'.
   */
  private async commitShards(tx: Transaction, committed: Committed, assertLock: () => void, afterPlan?: () => void): Promise<void> {
    const logged = this.logView.present;
    const history: HistoryLine[] = tx.history.map((line) => ({ month: monthOf(tx.now), line }));
    const reshard = tx.reshardTo === undefined ? undefined : planReshard(tx, tx.reshardTo, this.layout);
    const states = reshard ? undefined : plannedStates(tx, (username) => this.shardNameOf(username), (hash) => this.shardNameOfHash(hash));
    afterPlan?.();
    // Each shard's new file is made as the commit writes it, hashed, and dropped (madeAsWritten).
    const hashes = new Map<string, string>();
    const writes: PendingWrite[] = [
      ...madeAsWritten(reshard ? reshard.shards : states!.map((state) => ({ file: state.file, name: state.name, make: () => newShardBytes(state) })), hashes),
      ...tx.extraWrites.map((extra) => ({ ...extra, temp: tempPathFor(extra.target, 'tx') })),
    ];
    // The record of the shards changes in the same commit, when a count does.
    const record = reshard ? reshard.record : recordAfter(committed.bases, states!, committed.recorded);
    if (record !== undefined) writes.push({ target: this.layout.manifest, temp: tempPathFor(this.layout.manifest, 'tx'), data: record, mode: 0o600 });
    // The log's history lines leave it with its records: into the month files, before ours. The
    // view was brought up to date with the log under this lock (readCommitted), so it has them all.
    const appends = await planAppends(this.layout, [...this.logView.events, ...history]);
    const files = [...writes.map((w) => w.target), ...appends.map((a) => a.target)];
    await this.journaled(writes, this.notingPending(assertLock, files, tx.message), [...(logged ? this.logSegments() : []), ...(reshard?.removes ?? [])], appends);
    this.committedTxs.push(tx);
    this.logView.folded();
    if (tx.reshardTo !== undefined) this.useShardCount(tx.reshardTo);
    await this.rememberStreamed(reshard?.shards ?? states!, hashes);
    for (const file of reshard?.removes ?? []) this.cache.delete(file); // gone: nothing to keep of them
    await this.tellAfterCommit(files, tx.message);
  }

  /**
   * `tx` made the reshard of its snapshot to `count` shards: every account to its home among
   * them and the count written into accountpool.yaml (comments and settings kept).
   */
  private async toShardCount(tx: Transaction, count: number): Promise<Transaction> {
    tx.reshardTo = count;
    tx.message = `reshard the pool: ${this.config.shards} -> ${count} shards (${tx.snapshot.size} accounts)`;
    tx.writeFile(this.layout.config, withShardCount(this.layout.config, (await readIfPresent(this.layout.config)) ?? '', count));
    return tx;
  }

  /**
   * Whether the wall clock jumped since this host's last transaction on this boot (clock-jump.ts).
   * The marker alone, when due again, is written at once; with a jump it commits with the re-dating.
   */
  private async readClockUnderLock(): Promise<ClockReading> {
    if (!this.watchesClock) return {};
    const reading = await readClock(this.layout.clockMarker, this.clock());
    if (reading.unverifiedJump !== undefined) {
      const by = reading.unverifiedJump;
      const marker = reading.unverifiedFile ?? this.layout.clockMarker;
      const jumped = `this host's clock jumped ${by > 0 ? 'forward' : 'back'} by ${durationText(Math.abs(by))} since the pool's last transaction (${marker})`;
      const nothing = 'nothing was handed out or changed';
      throw new AppError(
        marker === this.layout.clockMarker
          ? `${jumped}, and this process has no seal key (${sealKeyFile() ?? 'no HOME nor XDG_STATE_HOME'} could not be read or made), so it cannot re-date the holds and rests in force by it: ${nothing}. ` +
              `Run any writing command as a process that has the key (\`accountpool release --instance nobody\`, say) to re-date them; if the clock did not jump, remove the marker (\`rm ${marker}\`)`
          : `${jumped}, measured by the marker processes with no seal key keep, which is not sealed, so no process re-dates the holds and rests in force by it: ${nothing}. ` +
              `Set the clock right again (the holds then end when they were given to); or, to let them end by the clock as it is now, remove the marker (\`rm ${marker}\`)`,
      );
    }
    if (reading.keylessMarker) {
      try {
        saveKeylessMarker(this.layout.clockMarker, reading.keylessMarker);
      } catch {
        // not written: the next keyless transaction writes it; until then a jump goes unseen, as before any
      }
    }
    if (reading.marker && !reading.jump) {
      try {
        saveMarker(this.layout.clockMarker, reading.marker);
      } catch {
        // a marker not written is taken again by the next transaction; nothing depends on it yet
      }
    }
    return reading;
  }

  /** Every hold and rest in force when the clock jumped ends after the real time it was given (clock-jump.ts), with the new marker. */
  private redate(tx: Transaction, clock: ClockReading): void {
    const { by, expected } = clock.jump!;
    const from = new Date(Math.min(tx.now.getTime(), expected)).toISOString();
    const before = new Date(expected).toISOString();
    const lengthenOnly = this.seenView !== undefined;
    let count = 0;
    for (const account of tx.snapshot.accounts()) {
      const moved = redated(account, by, from, before, lengthenOnly);
      if (!moved) continue;
      tx.put(moved);
      count++;
    }
    // Set back on a pool shared through git: what it writes now is dated in the past for the other
    // hosts; the marker keeps how far, and src/git/clock-verdict.ts stops hand-outs beyond two days.
    if (lengthenOnly && by < 0) clock.marker!.back = (clock.marker!.back ?? 0) - by;
    mkdirSync(dirname(this.layout.clockMarker), { recursive: true, mode: 0o700 });
    tx.writeFile(this.layout.clockMarker, markerText(clock.marker!));
    const jumped = `this host's clock jumped ${by > 0 ? 'forward' : 'back'} by ${durationText(Math.abs(by))} since the pool's last transaction`;
    tx.message = `${jumped}: re-date ${count} holds and rests`;
    this.onClockJump?.(
      lengthenOnly && by < 0
        ? `${jumped}; holds and rests it dated ahead stay as dated (other hosts' records are dated by their own clocks): \`accountpool status\` names any dated in the future`
        : `${jumped}; ${count} holds and rests in force were re-dated by as much, so each ends after the real time it was given (${by > 0 ? 'no account another instance holds is handed out' : 'none blocks its account for as long as the jump'})`,
    );
  }

  /**
   * The holds the record of live holds (live-holds.ts) has that the pool as it is no longer has: an
   * older shard put back since this host last wrote. Looked up only where a shard's file is not
   * the one the last writer left (its stamp), so an unchanged pool costs a stat per shard; then
   * only the recorded holds' accounts are read (paged, as `lookUp`). Lock-free; the transaction
   * asks under its lock. `record`: as loaded (undefined: none, no check); `stamps`: the shards' now.
   */
  async holdsGoneBack(reader = false): Promise<GoneBack> {
    const stamps = await this.shardStamps(); // before anything is read: a file put back after it is found by the next check
    // Read only where its files changed since this process last read or wrote them (serve: never).
    const files = await loadLiveHolds(this.cacheDir, this.liveHolds);
    this.liveHolds = files;
    let record = files?.record;
    if (record && sameStamps(stamps, record.stamps)) return { holds: [], record, stamps };
    const now = this.clock().toISOString();
    // The shards are not what this host last wrote (a pull, a hand, a copy put back): the holds
    // other hosts published since the record last looked (a git pool's HEAD) are learned first, so
    // an older shard put back frees none of them either; a record lost with `.cache` (or a fresh
    // clone's) is made again there from every hold published (live-holds.ts, PublishedHolds).
    let learned: string[] | undefined;
    let recordStamp = files?.stamp ?? 'none';
    if (this.publishedHolds) {
      const published = await this.publishedHolds(record?.source, now).catch(() => undefined); // derived: no answer, no learning this time
      if (published && published.source !== record?.source) {
        const shardOf = (username: string) => this.shardNameOf(username);
        let next = learnHolds(record, published.holds, published.source, published.shards, shardOf);
        // A learned hold HEAD shows free is a peer's release, unless HEAD no longer keeps the commit
        // that published it (a hand-run reset, a forced push taken by `git pull --rebase`): then it
        // stays, and the account read free is named as a hold gone back.
        if (next.ended.length > 0 && published.dropped) {
          const ending = next.ended.map((key) => record!.holds.get(key)!).map((hold) => ({ hold, shard: shardOf(hold.username) }));
          const keep = await published.dropped(ending).catch(() => new Set(next.ended));
          if (keep.size > 0) next = learnHolds(record, published.holds, published.source, published.shards, shardOf, keep);
        }
        ({ record, keys: learned } = next);
      }
      // A reader keeps what it learned (a writer saves it after its commit, noteHolds).
      if (reader && files && learned !== undefined && record) {
        const kept = await appendLearned(this.cacheDir, files, record, learned);
        if (kept) {
          this.liveHolds = kept;
          recordStamp = kept.stamp;
          learned = undefined;
        }
      }
      if (record?.source !== undefined) recordStamp = `${recordStamp}@${record.source}`;
    } else if (!record && sealsLast()) {
      // A pool not shared through git with no record (`.cache` removed, or one another host's key
      // sealed: a pool copied here) makes it again from the holds its shard files hold now, kept
      // as a git pool's is from HEAD: an older shard put back after this is caught. Until stop 58
      // only holds made after the loss were checked (the history lines name no accounts).
      const made = await this.holdsInShardFiles(now);
      // Kept even when it holds none (keepMadeAgain below): else every command of a pool no
      // transaction wrote since (made by hand, `.cache` removed) read every shard file again
      // (~0.3 s and +40 MB a `status` at 1,000,000 accounts: the bench's status row, stop 58's end).
      if (made) {
        record = { stamps: {}, holds: made };
        learned = [...made.keys()];
      }
    }
    if (!record) return { holds: [], record, stamps };
    const live = [...record.holds.values()].filter((hold) => hold.until > now);
    if (live.length === 0 || (await checkedBefore(this.cacheDir, recordStamp, stamps))) {
      if (!files && learned !== undefined) await keepMadeAgain(this.cacheDir, { ...record, stamps });
      return { holds: [], record, stamps, learned };
    }
    const found = await this.lookUp(live.map((hold) => hold.username));
    const holds = goneBack(live, found, now);
    if (holds.length === 0) await noteChecked(this.cacheDir, recordStamp, stamps);
    // Made again from what is published where there was none: kept, as checked, for the next command.
    if (holds.length === 0 && !files && learned !== undefined) await keepMadeAgain(this.cacheDir, { ...record, stamps });
    return { holds, record, stamps, learned };
  }

  /** The live holds the shard files hold now, by key (a byte search for `held_until`, a shard at a time); undefined where one cannot be read (no record made this time). */
  private async holdsInShardFiles(now: string): Promise<Map<string, LiveHold> | undefined> {
    const holds = new Map<string, LiveHold>();
    try {
      for (const name of await this.shardNames()) {
        const bytes = await readShard(shardFile(this.layout, name)).catch((error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT') return undefined;
          throw error;
        });
        for (const hold of bytes ? heldInBytes(bytes, now) : []) holds.set(keyOf(hold.username), hold);
      }
      // Then the change log's records not yet folded into their shards (`serve`'s holds, `allocate`'s
      // on a pool with a change log), each over its account's line as the pool reads it: a hold
      // there is one, a record without one ends the shard's (stop 59 R; until then a shard put back
      // after `.cache` was lost freed every hold only the log had).
      const names = await this.shardNames();
      const read = await readLog(this.layout.changeLog, this.logDigests);
      const log = read.pendingIn((key) => this.shardNameOf(key), names, homesOf(this.config.shards));
      log.keys.forEach((key, r) => {
        if (log.isFolded(log.positions[r]!, this.shardNameOf(key))) return;
        const hold = heldOn(log.lineAt(r).replace(/,\s*$/, ''), now);
        if (hold) holds.set(key, hold);
        else holds.delete(key);
      });
    } catch {
      return undefined;
    }
    return holds;
  }

  /** What `status` and `verify` say of the holds gone back: how many, the shard files they are in, and one sentence saying so (empty: none). */
  async holdsGoneBackReport(): Promise<{ holds: number; files: string[]; message: string }> {
    const { holds } = await this.holdsGoneBack(true);
    return { holds: holds.length, files: goneBackFiles(holds, this.shardFileOf), message: goneBackSummary(holds, this.shardFileOf) };
  }

  /** The shard file an account's name belongs in. */
  private readonly shardFileOf = (username: string): string => shardFile(this.layout, this.shardNameOf(username));

  private get cacheDir(): string {
    return join(this.layout.dir, '.cache');
  }

  /**
   * Each shard file's stamp now, by shard name ('none': no file). With `before` (after a
   * transaction, for the record of live holds): only the shard files this transaction's commits
   * wrote (or removed) are stat'ed again, every other one as `before` has it, the stamp
   * holdsGoneBack took under this lock before anything was read. Why that is as safe: under the
   * lock no writer but this one changes a shard, so a file it did not write is the one stat'ed
   * then, checked then (its stamp matched the record, or its holds were looked up); a file changed
   * since without the lock (a copy put back by hand mid-transaction) no longer has that stamp, so
   * the next transaction looks its holds up. Stat'ed again, as until stop 61, that copy's stamp was
   * recorded as this write's, and nothing looked at it. A name `before` lacks (a reshard's new
   * file, one added by hand) is stat'ed. At 64 shards: 1-2 stats where 64 were.
   */
  private async shardStamps(before?: Record<string, string>): Promise<Record<string, string>> {
    const written = before && this.writtenFiles;
    const stamps: Record<string, string> = {};
    for (const name of await this.shardNames()) {
      const file = shardFile(this.layout, name);
      const kept = written && !written.has(file) ? before[name] : undefined;
      if (kept !== undefined) {
        stamps[name] = kept;
        continue;
      }
      const info = lstatSync(file, { bigint: true, throwIfNoEntry: false });
      stamps[name] = info ? stampOf(info) : 'none';
    }
    return stamps;
  }

  /** `commit` (journal.ts) with the files it writes and removes noted for `shardStamps`, before it runs (a commit that fails midway may have renamed some). */
  private journaled(writes: PendingWrite[], beforeCommit: () => void, removes: string[] = [], appends: Parameters<typeof commit>[4] = [], renames: Parameters<typeof commit>[5] = []): Promise<void> {
    for (const write of writes) this.writtenFiles?.add(write.target);
    for (const file of removes) this.writtenFiles?.add(file);
    for (const move of renames) this.writtenFiles?.add(move.target);
    return commit(this.layout.journal, writes, beforeCommit, removes, appends, renames);
  }

  /**
   * After a transaction, under its lock: the holds it made or ended noted in the record of live
   * holds, those over dropped, the holds found gone back put back (`restoreHolds`, committed with
   * it) or forgotten (`acceptLoss`), and the shards' stamps as this write left them. A record that
   * cannot be written only means no check until the next one is (never a failed transaction).
   */
  private async noteHolds(back: GoneBack, options: TransactionOptions): Promise<void> {
    const txs = this.committedTxs;
    this.committedTxs = [];
    try {
      const record = back.record ?? { stamps: {}, holds: new Map<string, LiveHold>() };
      const now = this.clock().toISOString();
      // The keys this transaction changed in the record: what its logged line says (live-holds.ts).
      const touched = new Set<string>();
      // A record with published holds learned (holdsGoneBack) is saved whole, its source with it.
      let changed = back.record === undefined || back.learned !== undefined || dropEnded(record, now, touched);
      if (options.acceptLoss && !options.restoreHolds) {
        for (const hold of back.holds) {
          const key = keyOf(hold.username);
          if (record.holds.delete(key)) touched.add(key);
          changed = true;
        }
      }
      for (const tx of txs) if (noteCommitted(record, tx.putChanges, tx.holdPrevs, now, touched)) changed = true;
      // Stat again whatever was committed: a fold of the log's records moves no hold but rewrites shards.
      const stamps = await this.shardStamps(back.stamps);
      const moved: Record<string, string> = {};
      for (const [name, stamp] of Object.entries(stamps)) if (record.stamps[name] !== stamp) moved[name] = stamp;
      const all = Object.keys(record.stamps).length !== Object.keys(stamps).length || Object.keys(record.stamps).some((name) => !(name in stamps));
      if (all || Object.keys(moved).length > 0) {
        record.stamps = stamps;
        changed = true;
      }
      if (!changed) return;
      const { set, forget } = changesOf(record, touched);
      this.liveHolds = await saveLiveHolds(this.cacheDir, record, { stamps: all ? stamps : moved, all, set, forget }, back.record ? this.liveHolds : undefined);
    } catch {
      // Derived: the next transaction that makes a hold writes it again (the whole record: nothing of it is taken as known).
      this.liveHolds = undefined;
    }
  }

  /** `hold`, found gone back, put back on its account as recorded (`verify --fix`), unless the account is held meanwhile. */
  private restoreHold(tx: Transaction, hold: LiveHold): void {
    const account = tx.get(hold.username);
    if (!account || (account.holder !== undefined && account.held_until !== undefined && account.held_until > tx.now.toISOString())) return;
    tx.put({ ...account, holder: hold.holder, held_until: hold.until, allocated_at: hold.at });
  }

  /**
   * Drops the parsed shards and the log view a whole read left in memory (read again when next
   * needed): a long-running process between two rare writes (the watcher between files) need not
   * hold every account meanwhile.
   */
  forgetWholeRead(): void {
    this.cache.clear();
    this.logView.forget();
  }

  /**
   * `work` over the circle indexes (TransactionOptions.lean), committed through the change log
   * when it may be (as `mayLog` says for the whole read), or, for a pool whose every commit must
   * show its accounts in the shards (`git.commit`), into the shards it touched (`commitLeanShards`).
   * Undefined where the indexes cannot answer (a hand-edited shard, a hand edit under a logged
   * record, a lost shard, an account held twice, a line that is not what its index says, other
   * hosts' holds whose record of sightings must first be settled over every account): the caller
   * reads the whole pool and runs `work` again. `committed: false`: worked out, to be committed
   * through the shards.
   */
  private async leanTransaction<T>(work: (tx: Transaction) => T | Promise<T>, assertLock: () => void, mode: 'due' | 'step'): Promise<{ committed: true; result: T; foldFresh?: FoldFresh } | { committed: false; tx: Transaction; result: T } | undefined> {
    const now = this.clock();
    await this.followShardCount();
    const recorded = await readRecord(this.layout.manifest);
    if (recorded.error) return undefined;
    const names = await this.shardNames(recorded.record?.manifest.keys());
    // Other hosts' holds and rests as this host's clock sees them (a pool shared through git):
    // asked before any index is looked at, of the record of sightings alone where it is settled.
    // Where it must first be settled over every account (a fresh clone, a rebase cut short), they
    // are read off the shard files one at a time (the whole read held every account at once:
    // 800 MB at 1,000,000 accounts); with a change log, or a shard that does not read, the whole
    // read does it.
    let seenEnds: SeenEnds | undefined;
    if (this.seenView) {
      const logged = (await logStamp(this.layout.changeLog)) !== undefined;
      try {
        seenEnds = await this.seenView(async (visit) => {
          if (logged) throw new NeedsWholeRead();
          await this.canonical.load();
          this.eachShardTimed(names, visit);
          await this.canonical.save();
        }, now, true);
      } catch (error) {
        if (error instanceof NeedsWholeRead) return undefined;
        throw error;
      }
    }
    const reused = await this.keptView(names);
    let opened: { view: CircleView; records: number } | undefined = reused;
    if (!opened) {
      const kept = this.logRead;
      this.logRead = undefined;
      const log = kept?.stamp !== undefined && kept.stamp === (await logStamp(this.layout.changeLog)) ? kept : await readLog(this.layout.changeLog, this.logDigests, { unreadBefore: names });
      const view = await this.openView(names, log);
      opened = view && { view, records: log.recordCount };
    }
    if (!opened) return undefined;
    const { view, records } = opened;
    let keep = false;
    try {
      if (lossProblems(recorded, view.onDisk).length > 0) return undefined;
      const tx = this.spilling(new Transaction(new IndexedSnapshot(view), now, view));
      tx.seenEnds = seenEnds;
      let result: T;
      try {
        result = await work(tx);
      } catch (error) {
        if (error instanceof StaleCircle) return undefined;
        throw error;
      }
      if (!view.unchanged()) return undefined;
      if (this.config.git.commit || this.afterCommit) {
        // Every commit shows its accounts in the shards (a git commit of each transaction): never the log.
        if (await this.commitLeanShards(view, recorded, tx, assertLock)) return { committed: true, result };
        return { committed: false, tx, result };
      }
      const capacity = this.capacity(view.onDisk.reduce((n, shard) => n + (shard.size ?? 0), 0));
      // As `mayLog` says for the whole read.
      const mayLog =
        !tx.relocateAll &&
        tx.reshardTo === undefined &&
        recordOf(view.onDisk, recorded) === undefined &&
        [...tx.changes.keys()].every((key) => view.has(key));
      if (!mayLog) return { committed: false, tx, result };
      // A log that would overfill is drained by this transaction over the indexes where the pool's
      // shards fit the drain's budget (DRAIN_BUDGET_BYTES); else, as a kept view or a fold step
      // finding it so, through the shards.
      const full = records + tx.changes.size > LOG_LIMIT * capacity;
      if (full && (reused || mode === 'step' || !this.fitsDrain(view))) return { committed: false, tx, result };
      const history: HistoryLine[] = tx.history.map((line) => ({ month: monthOf(tx.now), line }));
      const bases = view.baseLines(tx.changes.values());
      // The lines just read, noted for the status after this commit (handed-lines.ts): it need not look them up.
      const handed = view.handedLines(tx.changes.values());
      const noteHanded = () => (handed.size > 0 ? saveHandedLines(join(this.layout.dir, '.cache'), this.config.shards, handed) : undefined);
      const after = { records: records + tx.changes.size, capacity: mode === 'step' ? 0 : capacity };
      if (reused) {
        // A view kept since an earlier transaction does not know where the log's entries since
        // are: a fold, when one is due, reads the log and the indexes again.
        await this.commitToLog(tx, history, bases, assertLock, false);
        await noteHanded();
        view.committed(tx.changes);
        const pending = reused.pending + tx.changes.size;
        if (pending <= after.capacity) {
          this.leanPending = pending;
          keep = true;
          this.kept = { ...reused, records: after.records, pending, logStamp: await logStamp(this.layout.changeLog) };
          return { committed: true, result };
        }
        // The fold reads the log and the indexes again (`foldFresh`): the caller does it once this
        // view is let go (both at once were a checked allocation's peak at 1,000,000 accounts).
        return { committed: true, result, foldFresh: { names, capacity: after.capacity, pending, step: mode === 'step' && tx.changes.size === 0 && history.length === 0 } };
      }
      const pending = pendingOf(view.log, (key) => view.targetOf(key));
      const total = sumOf(pending) + tx.changes.size;
      // Where the log is in its cycle, this transaction's records counted (fold-plan.ts `cycleShare`).
      const cycle = cycleOf(view.log.currentStart, view.log.recordCount - view.log.previousRecords + tx.changes.size, tx.changes.size, capacity);
      // Due past the capacity, or for the cycle's share once the segment holds more lines than that (fold-plan.ts `planFold` decides).
      const due = mayBeDue(total, cycle, after.capacity);
      const fold = full ? await this.planLeanFold(view, names, pending, tx.changes, 0, undefined, this.folds.drain ?? DRAIN_BUDGET_BYTES) : due ? await this.planLeanFold(view, names, pending, tx.changes, after.capacity, cycle) : undefined;
      if (full && !fold?.plan.drained) return { committed: false, tx, result }; // a shard not as indexed (a hand edit): the shards path
      // Where the entry goes, so that what this view knows of its records is kept for the next reader (log-judged.ts).
      const judge = { at: tx.changes.size > 0 ? await logSize(this.layout.changeLog) : -1, rows: view.log.recordCount - view.log.previousRecords };
      const judgeAppendedRows = () => (judge.at < 0 ? undefined : judgeAppended(this.layout.changeLog, this.layout.logDigestDir, judge.at, judge.rows, (key) => view.judgedPlace(key)));
      if (!fold || !(await this.commitWithFold(tx, history, bases, view.log, fold, assertLock))) {
        if (full) return { committed: false, tx, result }; // nothing written: the shards path, never a log over its limit
        await this.commitToLog(tx, history, bases, assertLock, false);
        await judgeAppendedRows();
        await noteHanded();
        // A fold step that could not fold over the indexes (a shard edited by hand since it was
        // indexed) is done over the whole read: it changed nothing, so running it again is safe.
        if (mode === 'step' && total > 0 && tx.changes.size === 0 && history.length === 0) return undefined;
        view.committed(tx.changes);
        this.leanPending = total;
        if (!fold) {
          // Nothing folded: the view, with this commit put over it, is the pool as it now is.
          keep = true;
          this.kept = { view, names, records: after.records, pending: total, logStamp: await logStamp(this.layout.changeLog) };
        }
        return { committed: true, result };
      }
      if (!fold.plan.drained) await judgeAppendedRows();
      // The lines of the shards not folded still are as read (a folded shard's records are in it, not pending).
      await noteHanded();
      await this.leanFolded(view, fold.planned);
      const appended = tx.changes.size > 0 || history.length > 0;
      const turned = !fold.plan.drained && (await this.turnAfterLeanFold(names, view.log, fold, appended, assertLock));
      this.leanPending = leftAfter(fold, names, pending, total);
      if (!fold.plan.drained && view.carriedOver) {
        // The view, with the fold and this commit put over it, is the pool as it now is: kept, as
        // when nothing folds (an allocation's reservation folds, and its final transaction follows).
        keep = true;
        // The turn dropped the previous segment's record lines (where it failed, the count errs high: a transaction goes through the shards sooner).
        const left = turned ? records - view.log.previousRecords + (appended ? tx.changes.size : 0) : after.records;
        this.kept = { view, names, records: left, pending: this.leanPending, logStamp: await logStamp(this.layout.changeLog), owed: tx.changes };
      }
      return { committed: true, result };
    } finally {
      view.close();
      if (!keep) this.kept = undefined;
    }
  }

  /**
   * Each account's timed standing (model.ts TIMED_FIELDS) in shards `names` as their files hold
   * them, handed to `visit` one shard at a time (NeedsWholeRead where one does not decode). A shard
   * the canonical cache knows is read off its lines (ShardState.timedAt, Snapshot.eachTimed's
   * reader); any other is decoded (`shardFrom`), which proves it canonical and has the cache know
   * it, so the circle indexes made next read it off its lines in turn: a fresh clone's first
   * allocation decoded every shard twice, here and for its index (docs/scale-log.md, stop 56 Y).
   */
  private eachShardTimed(names: readonly string[], visit: (timed: TimedStanding) => void): void {
    for (const name of names) {
      const file = shardFile(this.layout, name);
      let state: ShardState;
      try {
        const bytes = readShardIfPresentSync(file);
        if (!bytes) continue;
        state = this.shardFrom(name, bytes, shardHash(bytes));
      } catch {
        throw new NeedsWholeRead(); // the whole read names what is wrong with it
      }
      for (let i = 0; i < state.size; i++) visit(state.timedAt(i));
    }
  }

  /**
   * A transaction over the circle indexes committed straight into the shards it touched, for a
   * pool that never commits through the change log (`git.commit`): each such shard's file, checked
   * to be the bytes its index was made from, with the changed accounts' lines replaced and every
   * other byte copied (circle-view.ts `foldedFile`, as a fold writes them), its index and summary
   * carried over (`leanFolded`); the history lines and the transaction's own files (accounts.csv)
   * in the same journaled commit; then `afterCommit` names those files. Only those shards are read
   * and written: the whole read rewrote every shard an allocation touched too, after parsing the
   * pool. False (nothing written) where it cannot (a change log with anything in it, an account the
   * indexes do not hold, a shard changed since it was indexed, a record of the shards to write):
   * the caller commits through the whole read, as before.
   */
  private async commitLeanShards(view: CircleView, recorded: RecordRead, tx: Transaction, assertLock: () => void): Promise<boolean> {
    if (tx.relocateAll || tx.reshardTo !== undefined || recordOf(view.onDisk, recorded) !== undefined) return false;
    if (view.log.recordCount > 0 || (await logStamp(this.layout.changeLog)) !== undefined) return false;
    if (![...tx.changes.keys()].every((key) => view.has(key))) return false;
    if (tx.isEmpty) return true;
    const names = view.onDisk.map((shard) => shard.name);
    const changed = view.changedLines(tx.changes);
    // Each shard touched is read here, then again as its new file is made, and the new file again
    // after the commit to carry its index over (one shard's bytes at a time): held for every
    // shard at once, the old and new files of an allocation touching all 64 shards of a
    // 1,000,000-account pool were ~350 MB.
    const touched: { s: number; name: string; file: string; sha1: string; old: Map<number, Buffer> | undefined; written?: { sha1: string; lines: Map<number, string> } }[] = [];
    for (const s of [...changed.keys()].sort((a, b) => a - b)) {
      const name = names[s]!;
      const file = shardFile(this.layout, name);
      const before = readShardIfPresentSync(file);
      const sha1 = before && shardHash(before);
      if (!before || !view.indexes(s, sha1!)) return false;
      touched.push({ s, name, file, sha1: sha1!, old: view.linesOf(s, before, changed.get(s)!.keys()) });
    }
    const history: HistoryLine[] = tx.history.map((line) => ({ month: monthOf(tx.now), line }));
    let made = 0;
    const writes: PendingWrite[] = [
      ...touched.map((shard) => ({
        target: shard.file,
        temp: tempPathFor(shard.file, 'tx'),
        mode: 0o600,
        data: () => {
          if (++made % YOUNG_EVERY === 0) collectYoung();
          const before = readShardIfPresentSync(shard.file);
          // Under the lock since it was read: only a hand edit in place meanwhile; nothing is written.
          if (!before || shardHash(before) !== shard.sha1) throw new AppError(`${shard.file} changed while this transaction was writing it (edited by hand?); nothing was written: run the command again`);
          const { after, lines } = view.foldedFile(shard.s, before, changed);
          shard.written = { sha1: shardHash(after), lines };
          return after;
        },
      })),
      ...tx.extraWrites.map((extra) => ({ ...extra, temp: tempPathFor(extra.target, 'tx') })),
    ];
    const appends = await planAppends(this.layout, history);
    this.logView.forget(); // read again at its next look, as after any commit over the indexes
    const files = [...writes.map((w) => w.target), ...appends.map((a) => a.target)];
    await this.journaled(writes, this.notingPending(assertLock, files, tx.message), [], appends);
    this.committedTxs.push(tx);
    this.leanPending = 0;
    // The new files, read back one at a time, their old bytes rebuilt and checked by their sha1:
    // what the index and summary carried over are made from (`leanFolded`); any other is made again when next looked at.
    const folded = function* (): Generator<LeanFolded> {
      for (const { s, name, file, sha1, old, written } of touched) {
        if (!old || !written) continue;
        const after = readShardIfPresentSync(file);
        if (!after || shardHash(after) !== written.sha1) continue;
        const before = view.unfoldedFile(s, after, written.lines, old);
        if (shardHash(before) === sha1) yield { s, name, file, before, after, lines: written.lines };
      }
    };
    await this.leanFolded(view, folded());
    await this.tellAfterCommit(files, tx.message);
    return true;
  }

  /** The accounts of shards `names` held outside their home (moved there by hand), off the shards' indexes: key -> those shards (circle-view.ts `strayPlaces`). */
  async strayPlaces(names: readonly string[]): Promise<Map<string, string[]>> {
    await this.canonical.load();
    const places = await strayPlacesOf({ shardCount: this.config.shards, store: this.circles, ...this.shardFiles() }, names);
    await this.canonical.save();
    return places;
  }

  /** The circle view of shards `names` with `log` over them, or undefined where only the whole read can choose. */
  private async openView(names: string[], log: LoggedChanges): Promise<CircleView | undefined> {
    await this.canonical.load();
    const view = await CircleView.open({
      names,
      shardCount: this.config.shards,
      store: this.circles,
      ...this.shardFiles(),
      log,
      logFile: this.layout.changeLog,
    }).catch(() => undefined); // a shard that does not read: the whole read says which and where
    await this.canonical.save();
    return view;
  }

  /**
   * The view kept since this process's last transaction over the indexes, when it still holds:
   * the same shard files, unchanged (circle-view.ts `stillIndexes`), and the change log as this
   * process left it (nobody else appended, folded or removed it). Taken: a transaction keeps it
   * again only once it committed over it.
   */
  private async keptView(names: string[]): Promise<Kept | undefined> {
    const kept = this.kept;
    this.kept = undefined;
    if (!kept) return undefined;
    const same =
      names.length === kept.names.length &&
      names.every((name, i) => name === kept.names[i]) &&
      kept.logStamp !== undefined &&
      kept.logStamp === (await logStamp(this.layout.changeLog)) &&
      (await kept.view.stillIndexes(
        (name) => this.shardFiles().statOf(name),
        (name) => this.shardFiles().bytesOf(name),
      ));
    if (!same) return undefined;
    if (kept.owed) kept.view.committed(kept.owed);
    return { ...kept, owed: undefined };
  }

  /** Whether every shard of `view`, folded at once, fits the drain's budget (DRAIN_BUDGET_BYTES). */
  private fitsDrain(view: CircleView): boolean {
    const budget = this.folds.drain ?? DRAIN_BUDGET_BYTES;
    let bytes = 0;
    const shards = view.onDisk.length;
    for (let s = 0; s < shards; s++) bytes += view.foldBytes(s);
    return bytes <= budget;
  }

  /** A fold due after a commit over a kept view: over the log and indexes read again (`planLeanFold`). Records left pending, or undefined. */
  private async foldFresh(names: string[], capacity: number, assertLock: () => void, read = () => {}): Promise<number | undefined> {
    const log = await readLog(this.layout.changeLog, this.logDigests, { unreadBefore: names });
    read(); // the log is read: what was held for it may go
    const view = await this.openView(names, log);
    if (!view) return undefined;
    try {
      const pending = pendingOf(view.log, (key) => view.targetOf(key));
      const total = sumOf(pending);
      // The records logged since the last fold (over the capacity) stand for what the transactions of the kept view added.
      const cycle = cycleOf(view.log.currentStart, view.log.recordCount - view.log.previousRecords, total - capacity, capacity);
      const fold = mayBeDue(total, cycle, capacity) ? await this.planLeanFold(view, names, pending, new Map(), capacity, cycle) : undefined;
      if (!fold) return total > capacity ? undefined : total;
      // A transaction of nothing, committed with the fold: the fold entry alone.
      if (!(await this.commitWithFold(new Transaction(new IndexedSnapshot(view), this.clock(), view), [], [], view.log, fold, assertLock))) return undefined;
      await this.leanFolded(view, fold.planned);
      if (!fold.plan.drained) await this.turnAfterLeanFold(names, view.log, fold, false, assertLock);
      return leftAfter(fold, names, pending, total);
    } finally {
      view.close();
    }
  }

  /**
   * The fold due after a transaction over the circle indexes (fold-plan.ts, as `foldAfterLog`
   * plans it for the whole read), worked out before its commit so that both go in one journaled
   * commit (`commitWithFold`): the shards due are read whole, the view's records not yet in them
   * and the transaction's `changes` written over their lines. Only the shards folded are read.
   * `logged`: the log's records pending per shard, as the caller counted them (`pendingOf`: a
   * pass over every record line, ~10,000 at 100,000 accounts, not made twice).
   * Undefined when none is due, or when a shard due is not what its index says any more (a hand
   * edit since: left to the next transaction that reads the whole pool), or cannot be read.
   */
  private async planLeanFold(view: CircleView, names: string[], logged: ReadonlyMap<string, number>, changes: ReadonlyMap<string, Account>, capacity: number, cycle?: FoldCycle, budget = this.folds.budget): Promise<LeanFold | undefined> {
    try {
      const { log } = view;
      const pending = new Map(logged);
      for (const key of changes.keys()) {
        const shard = view.targetOf(key);
        pending.set(shard, (pending.get(shard) ?? 0) + 1);
      }
      let records = 0;
      for (const n of pending.values()) records += n;
      const marks = new Map<string, number>();
      for (const name of names) if (log.markOf(name) >= 0) marks.set(name, log.markOf(name));
      const plan = planFold({ names, bytesOf: (s) => view.foldBytes(s), pending, records, marks, cycle }, capacity, budget);
      if (!plan) return undefined;
      const planned: LeanFolded[] = [];
      const changed = view.changedLines(changes);
      for (const s of plan.write) {
        // Read as they are now, and folded only when they are the bytes indexed (a hand edit since waits for a whole read).
        const file = shardFile(this.layout, names[s]!);
        const before = readShardIfPresentSync(file);
        if (!before || !view.indexes(s, shardHash(before))) return undefined;
        planned.push({ s, name: names[s]!, file, before, ...view.foldedFile(s, before, changed) });
      }
      // Lines replaced, none added or removed: the record of the shards (their sizes) holds as it is.
      const writes: PendingWrite[] = planned.map(({ file, after }) => ({ target: file, temp: tempPathFor(file, 'fold'), data: after, mode: 0o600 }));
      return { plan, planned, writes, marks };
    } catch {
      return undefined; // the fold waits for the next transaction
    }
  }

  /**
   * A transaction over the circle indexes and the fold due after it, in one journaled commit: the
   * folded shards, the transaction's files (accounts.csv), and in the log its entry then the fold
   * entry naming the shards (which hold that entry's records too). When the fold leaves nothing
   * pending, no entry is written: the log's segments go and every history line moves into the
   * month files, as a whole fold does. One journal and one set of folder syncs, where committing
   * the entry and then the fold took two. False when the commit failed before its commit point
   * (nothing written, as `commit` rolls back): the caller commits the entry alone, since a fold's
   * failure is never its transaction's.
   */
  private async commitWithFold(tx: Transaction, history: HistoryLine[], bases: string[], log: LoggedChanges, fold: LeanFold, assertLock: () => void): Promise<boolean> {
    const writes = [...fold.writes, ...tx.extraWrites.map((extra) => ({ ...extra, temp: tempPathFor(extra.target, 'tx') }))];
    const entry = tx.changes.size > 0 || history.length > 0;
    this.logView.forget(); // read again at its next look, as after any commit over the indexes
    try {
      assertLock();
      if (fold.plan.drained) {
        await this.journaled(writes, assertLock, this.logSegments(), await planAppends(this.layout, [...log.events, ...history]));
      } else {
        // The log ends with a whole entry here: finishInterrupted cut any torn tail under this lock.
        const text = `${entry ? encodeEntry(tx.changes.values(), tx.message, history, bases) : ''}${encodeFoldEntry(fold.plan.names, `fold ${fold.plan.write.length} shards`)}`;
        const appends = [{ target: this.layout.changeLog, at: await logSize(this.layout.changeLog), text }];
        await this.appendingToLog(appends, () => this.journaled(writes, assertLock, [], appends));
      }
      this.committedTxs.push(tx); // its holds, for the record of live holds (a fold with the entry is a commit path too)
      return true;
    } catch (error) {
      // Past the commit point (its journal is there) the next transaction rolls it forward.
      if (error instanceof LockLostError || (await this.interrupted())) throw error;
      return false;
    }
  }

  /**
   * After a fold committed with its transaction: when every shard was folded since the current
   * segment began, a second commit makes it the previous segment (once a cycle). A failure here
   * is not the transaction's: the journal rolls it back or forward, and a later fold turns it.
   * True when it turned the segment.
   */
  private async turnAfterLeanFold(names: string[], log: LoggedChanges, fold: LeanFold, appended: boolean, assertLock: () => void): Promise<boolean> {
    try {
      const marks = new Map(fold.marks);
      const foldAt = log.nextPosition + (appended ? 1 : 0);
      for (const name of fold.plan.names) marks.set(name, foldAt);
      if (!cycleDone({ names, marks, currentStart: log.currentStart })) return false;
      const [previous, current] = this.logSegments() as [string, string];
      assertLock();
      const appends = await planAppends(this.layout, log.events.slice(0, log.previousEvents));
      await this.logDigests.carryingNoteAcross(current, previous, () => this.journaled([], assertLock, [], appends, [{ temp: current, target: previous }]));
      return true;
    } catch {
      // Rolled back or forward by the journal; the next fold turns the segment.
      return false;
    }
  }

  /**
   * After a lean fold's commit: the shards written are our own canonical output (remembered as
   * such, as `rememberWritten` does), and their circle indexes are carried over from their old
   * ones (circle-fold.ts), so that the next allocation need not make them again.
   */
  private async leanFolded(view: CircleView, planned: Iterable<LeanFolded>): Promise<void> {
    // The file system's clock read after every rename of the fold and before the stats below, as
    // `loadShard` reads it before its stats (fs-clock.ts): a shard whose times are older than it,
    // and whose bytes read after its stat are the ones the fold wrote, keeps that stamp until it
    // changes, so the next process trusts the index saved here without reading and hashing the
    // shard again (it did, for every shard the last allocation folded: their times were younger
    // than RACY_MS). Where the clock cannot be read (or ties), the sighting is checked as before.
    const clock = this.circles.freshClock();
    const summaries = new SummaryStore(this.layout.standingsDir);
    const timed = new TimedSummaryStore(this.timedDir());
    for (const { s, name, file, before, after, lines } of planned) {
      const sha1 = shardHash(after);
      this.canonical.remember(name, sha1);
      const checkedAt = Date.now(); // before the stat, as circle-view.ts `loadShard` takes it
      const info = await stat(file, { bigint: true }).catch(() => undefined);
      // Trusted by its stamp from now on only once its bytes, read after the stat, are the ones
      // written (a change between the renames and the stat is seen here); a tie with the clock (a
      // coarse file system clock) leaves the check to the next look, as before.
      const holds = info !== undefined && (!settledByClock(info, clock) || shardHoldsSync(file, after));
      await view.saveFolded(s, holds ? { before, after, sha1, stamp: stampOf(info), checkedAt, clock } : undefined, lines);
      // The standings summary and the timed one too (summary-fold.ts), where status made them:
      // else the next status decodes and summarises again every shard this fold or commit wrote
      // (a git pool's: all of them where the allocation touched every shard, stop 56 Y).
      if (holds) {
        const made = { sha1, stamp: stampOf(info), checkedAt };
        // One check and parse of the replaced lines for both (FoldedLines), made only where one is saved.
        const folded = new FoldedLines(name, before, after, lines);
        await carrySummary(summaries, this.config.shards, folded, made);
        await carryTimed(timed, this.config.shards, folded, made);
      }
    }
    await this.canonical.save();
  }

  /** Writes the change log into the shards now (a transaction that changes nothing, through the shards). */
  async fold(): Promise<void> {
    await this.transaction(() => {}, { via: 'shards' });
  }

  /**
   * Folds some of the change log into the shards, within the budget of one transaction
   * (fold-plan.ts): serve's idle moments, repeated while `loggedRecords` is not 0. A pool that
   * may not log (git) folds all of it, as `fold`. `lean`: over the circle indexes where they hold
   * (only the shards folded are read).
   */
  async foldStep(options: Pick<TransactionOptions, 'lean'> = {}): Promise<void> {
    await this.transaction(() => {}, { ...options, via: 'log', fold: 'step' });
  }

  private capacity(poolAccounts: number): number {
    return this.folds.capacity ?? logCapacity(poolAccounts);
  }

  /** The change log's files: its previous segment and its current one. */
  private logSegments(): string[] {
    return [previousSegmentOf(this.layout.changeLog), this.layout.changeLog];
  }

  /**
   * After a commit through the log, under the same lock: folds the shards that are due
   * (fold-plan.ts) in one journaled commit of their files and a fold entry naming them
   * (change-log.ts), or, when that leaves nothing pending, with the log removed and its history
   * lines moved into the month files, as a whole fold does. Then, when every shard was folded
   * since the current segment began, a second commit makes it the previous segment (the
   * previous one, all of it folded, goes, its history lines into the month files).
   *
   * A failure here loses nothing and is not the transaction's: its own commit is done, the
   * journal rolls a fold back or forward, and the next transaction folds again.
   */
  private async foldAfterLog(committed: Committed, assertLock: () => void, mode: 'due' | 'step', adding: number): Promise<void> {
    try {
      const state = this.logView.foldState();
      if (!state) return;
      const capacity = this.capacity(committed.onDisk.size);
      const plan = planFold(choiceOf(state, capacity, adding), mode === 'step' ? 0 : capacity, this.folds.budget);
      if (!plan) return;
      const planned = plan.write.map((s) => plannedFold(state.shards[s]!));
      const writes: PendingWrite[] = planned.map(({ state: shard, bytes }) => ({ target: shard.file, temp: tempPathFor(shard.file, 'fold'), data: bytes, mode: 0o600 }));
      const record = recordAfter(state.bases, planned.map((p) => p.state), committed.recorded);
      if (record !== undefined) writes.push({ target: this.layout.manifest, temp: tempPathFor(this.layout.manifest, 'fold'), data: record, mode: 0o600 });
      if (plan.drained) {
        await this.journaled(writes, assertLock, this.logSegments(), await planAppends(this.layout, state.events));
        this.logView.folded();
      } else {
        const fold = { target: this.layout.changeLog, at: await logSize(this.layout.changeLog), text: encodeFoldEntry(plan.names, `fold ${plan.write.length} shards`) };
        await this.appendingToLog([fold], () => this.journaled(writes, assertLock, [], [fold]));
        this.logView.partlyFolded((await logStamp(this.layout.changeLog))!, plan.names, new Map(planned.map((p) => [p.state.name, p.state])));
      }
      await this.rememberWritten(planned);
      const after = this.logView.foldState();
      if (after && cycleDone({ ...after, names: after.bases.map((b) => b.name) })) {
        const [previous, current] = this.logSegments() as [string, string];
        assertLock();
        const appends = await planAppends(this.layout, after.events.slice(0, after.previousEvents));
        await this.logDigests.carryingNoteAcross(current, previous, () => this.journaled([], assertLock, [], appends, [{ temp: current, target: previous }]));
        this.logView.rotated((await logStamp(this.layout.changeLog))!);
      }
    } catch (error) {
      this.logView.folded(); // read again by the next transaction, after recovery
      if (mode === 'step') throw error;
    }
  }

  /**
   * Under the lock: finishes or rolls back what a killed process left — a journaled commit, stray
   * temp files, a change-log entry torn mid-append (never answered for: dropping it is rolling it
   * back). A log this process last saw whole, as it is now, cannot be torn and is not read again.
   * `digest`: the log's read makes its digest (log-digest.ts) where it decodes past one.
   */
  private async finishInterrupted(digest = true): Promise<'none' | 'rolled back' | 'rolled forward'> {
    const done = await recover(this.layout.journal);
    if (done !== 'none') this.kept = undefined;
    await this.removeStrayTemps();
    const stamp = await logStamp(this.layout.changeLog);
    let torn = false;
    // A log as this process's kept circle view left it is as whole as this process wrote it.
    if (stamp !== undefined && !this.logView.isWholeAt(stamp) && stamp !== this.kept?.logStamp) {
      // A transaction over the indexes: a segment that ends whole as its note and the bytes past
      // it tell (log-tail.ts) is not read here; the log is read by whatever needs its records. A
      // whole transaction keeps the read below, which makes no digest, for its own use.
      if (!digest || !(await endsWhole(this.layout.changeLog, this.logDigests))) {
        // A transaction over the indexes reads only what is pending in the pool's shards: what
        // every shard has folded since is left unread (change-log.ts `unreadBefore`); a reader
        // that asks for more (a whole read) reads it then.
        const log = await readLog(this.layout.changeLog, this.logDigests, { make: digest, unreadBefore: digest ? homesOf(this.config.shards).names : undefined, windowed: true });
        // Whole: kept for a read over the circle indexes, which would read it again (its stamp says whether it still is the log).
        if (log.validBytes === log.totalBytes) this.logRead = log;
        else torn = await cutTornTail(this.layout.changeLog, log);
      }
    }
    return done === 'none' && torn ? 'rolled back' : done;
  }

  /**
   * Whether `tx` may commit through the change log (see TransactionOptions): never for a pool
   * that commits to git (a commit must show the accounts changed in the shards), a transaction
   * that must rewrite the shards (`relocateAll`, `reshardTo`, `acceptLoss`) or the record of them, one that
   * would overfill the log, or one that adds accounts: an import is seen in the shards at once, where the operator reads,
   * edits and counts them (the record of the shards, manifest.ts), and is rare beside the
   * allocations, marks and releases that change accounts already there.
   */
  private mayLog(tx: Transaction, committed: Committed, options: TransactionOptions): boolean {
    if (this.config.git.commit || this.afterCommit || tx.relocateAll || tx.reshardTo !== undefined || options.acceptLoss) return false;
    // New accounts an import added as columns are in no shard yet (the check below), asked without making them Accounts.
    if (tx.freshAccounts) return false;
    if (this.logView.lines + tx.changes.size > LOG_LIMIT * this.capacity(committed.onDisk.size)) return false;
    // A record of the shards that is missing or out of date (a pool made before it, counts a git
    // merge left as `?`, accounts added by hand) is written by the shards path, now.
    if (recordAfter(committed.bases, [], committed.recorded) !== undefined) return false;
    for (const account of tx.changes.values()) if (!tx.snapshot.locate(account.username)) return false;
    return true;
  }

  /**
   * The patch commit: one log entry holding `tx`'s changed accounts and history lines. Alone, the
   * entry's append is the commit point (change-log.ts). With files outside the pool (accounts.csv)
   * the append joins their renames in one journaled commit: the journal's "committed" state is the
   * commit point and records where the entry starts, so recovery cuts the log back there and
   * writes the entry again (journal.ts), exactly as it does for the month files. `seen: false`: a
   * transaction over the circle indexes, whose snapshot cannot bring the log view up to date (it
   * is forgotten instead, and reads the log again at its next look).
   */
  private async commitToLog(tx: Transaction, history: HistoryLine[], bases: string[], assertLock: () => void, seen = true): Promise<void> {
    const entry = tx.changes.size > 0 || history.length > 0;
    if (!entry && tx.extraWrites.length === 0) return;
    assertLock();
    if (tx.extraWrites.length === 0) {
      // This process's view stays current without reading back what it just appended.
      const stamp = await appendEntry(this.layout.changeLog, tx.changes.values(), tx.message, history, bases, this.logDigests);
      this.committedTxs.push(tx);
      if (seen) this.logView.appended(stamp, tx.snapshot, tx.changes, history, bases);
      else this.logView.forget();
      return;
    }
    const writes: PendingWrite[] = tx.extraWrites.map((extra) => ({ ...extra, temp: tempPathFor(extra.target, 'tx') }));
    // The log ends with a whole entry here: finishInterrupted cut any torn tail under this lock.
    const at = entry ? await logSize(this.layout.changeLog) : 0;
    const appends = entry ? [{ target: this.layout.changeLog, at, text: encodeEntry(tx.changes.values(), tx.message, history, bases) }] : [];
    await this.appendingToLog(appends, () => this.journaled(writes, assertLock, [], appends));
    this.committedTxs.push(tx);
    if (entry && seen) this.logView.appended((await logStamp(this.layout.changeLog))!, tx.snapshot, tx.changes, history, bases);
    else this.logView.forget();
  }

  /** `commit`, a journaled commit whose `appends` add to the change log's active segment, with the segment's note carried past them (log-digest.ts `carryingNote`). */
  private appendingToLog(appends: readonly { target: string; text: string }[], commit: () => Promise<void>): Promise<void> {
    return this.logDigests.carryingNote(this.layout.changeLog, appends.reduce((n, append) => n + Buffer.byteLength(append.text), 0), commit);
  }

  /** Records in the change log not yet in their shards, as this process last saw it (0: none). */
  get loggedRecords(): number {
    return this.leanPending ?? this.logView.records;
  }

  /**
   * What we just wrote is canonical by construction, and we hold its parsed form: remember both,
   * so neither this process nor the next one has to prove or parse it again.
   */
  private async rememberWritten(planned: PlannedShard[]): Promise<void> {
    await Promise.all(
      planned.map(async ({ state, bytes }) => {
        const sha1 = shardHash(bytes);
        this.canonical.remember(state.name, sha1);
        // Stat'ed after the rename: a hand edit in place between the two is in this stamp, so the
        // first reuse hashes the file (cached-shard-proof.ts).
        const info = await stat(state.file, { bigint: true }).catch(() => undefined);
        if (info) this.cache.set(state.file, { stamp: stampOf(info), state, sha1, settled: false });
      }),
    );
    await this.canonical.save();
  }

  /**
   * After a commit of shards written as they were made (madeAsWritten): each is our canonical
   * output, known by the hash taken as it was written. Their states are not kept (the next read
   * reads the files again, off their bytes, without parsing): a state planned over a shard read
   * from disk holds that shard's old bytes, and keeping every shard's was most of a gigabyte at
   * 1,000,000 accounts in a long-running process. Those read before are dropped too: their files
   * are gone.
   */
  private async rememberStreamed(states: readonly { name: string; file: string }[], hashes: ReadonlyMap<string, string>): Promise<void> {
    for (const state of states) {
      this.cache.delete(state.file);
      const hash = hashes.get(state.name);
      if (hash !== undefined) this.canonical.remember(state.name, hash);
    }
    await this.canonical.save();
  }

  /** Temp files left by a process killed before its journal existed (never a live one: we hold the lock). */
  private async removeStrayTemps(): Promise<void> {
    for (const dir of [this.layout.dir, this.layout.shardsDir]) {
      for (const entry of await readdir(dir)) {
        if (entry.startsWith('.') && entry.endsWith('.tmp')) await unlink(join(dir, entry)).catch(() => {});
      }
    }
  }
}
