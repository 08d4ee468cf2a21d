// The change log (`.changes.log` in the pool, and `.changes.old.log` before it): transactions
// committed by appending their changed accounts to one small file, instead of rewriting the
// shards they touch. The shards catch up later, in folds.
//
// Why: a server batch changes a few dozen accounts spread over most shards. Rewriting those shards
// means writing and fsyncing megabytes for a few kilobytes of news, 20 times a second. Appending
// the news to the log costs one small write and one fsync, and stays just as durable: what is in
// the log is part of the pool for every reader (see Pool.read).
//
// One entry per transaction, written with a single append:
//
//   #tx <sha1 of the lines, 16 hex> <records>[+<history lines>][:<base lines>] <message as JSON>
//   "user1": {...}            (the account lines, exactly as a shard holds them)
//   2026-11 <history line>    (the transaction's history lines with their month; see history-files.ts)
//   "user1": {...}            (base lines: see below)
//
// Partial folds (fold-plan.ts, pool.ts `foldAfterLog`): a fold writes the log's records into a few
// shards and appends, in the same journaled commit as those shards' renames, a fold entry naming them:
//
//   #fold <sha1 of the lines, 16 hex> <shards> <message as JSON>
//   "07"                      (a shard name, as JSON: that file holds every record before this entry)
//
// Entries are numbered in the order read, the previous segment's first (a position: in memory
// only). A record at position p is in the file of shard s when a fold entry naming s comes after
// it (`isFolded`); readers never apply it to s again, so a hand edit made to s since stays. A
// record whose account has moved to another shard by hand applies to the shard holding its line,
// else to its home shard (log-view.ts `targetsOf`). Once every shard has been folded since the
// current segment began, the previous segment holds nothing pending: a journaled commit moves its
// history lines into the month files and renames the current segment over it (the next entry
// starts a new current one). A fold that leaves nothing pending removes both segments instead,
// as a whole fold (every write through the shards) always does.
//
// Base lines: the first entry that logs an account since its shard was last folded also holds the
// account's line as the shard file held it then (none for an account not in the shards). A shard
// changes between its folds only by hand (every write that rewrites a shard folds the log into it
// in the same commit), so that line is the base of every later record of the account too: a
// shard line that differs from it was edited by hand, and readers merge the edit with the logged
// record (log-view.ts) instead of writing over it (`baseAfter`). A later entry written after such
// an edit holds the edited line as the account's new base (its record was made from the merge, so
// it holds the edit already): the latest base counts. Merged against the first base instead, a
// later change that set a field back to the base's value would look like no change, and the hand
// edit would win over it. Entries written before base lines existed have none, and their records
// win as they always did.
//
// An entry counts only when it is whole and its checksum matches. A process killed during an
// append (a write can stop part way under SIGKILL) leaves a torn tail: readers ignore it, and the
// next writer cuts it off under the lock before appending, so nothing is ever glued to it. A
// fold entry is appended by the journal (journal.ts), which redoes it whole after a crash.
import { constants, type BigIntStats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { AppError } from '../errors.js';
import { dirname } from 'node:path';
import { createHash } from 'node:crypto';
import { keyOf, type Account, type CircleStanding } from '../model.js';
import { compareAccountKeys, encodeAccountLine, parseTrustedLines } from './shard-codec.js';
import { shardName } from './layout.js';
import { LineSpans, LogText, type HomeKeep, type RecordSelection } from './log-records.js';
import { syncDir, writeFailed } from './atomic-write.js';
import { chainHash, CUT_ROWS, inChunks, type ChunkHead, type LoadedDigest, type LogDigests, type LogPlaces, type SegmentDigest } from './log-digest.js';
import { openInPlace } from './own-file.js';
import { KEY_HASH, LINE, NONE, ROW, SHARD, START, TAG_A, TAG_B, TUPLE, type JudgedFile } from './log-judged.js';
import { rememberSealed, sealedBytes } from './sealed-bytes.js';
import { stampOf } from './file-stamp.js';
import type { HistoryLine } from './history-files.js';
import type { CircleTuple } from './circle-tuple.js';
import { readAllSync } from './staged-read.js';
import { readActive, rememberActive } from './active-bytes.js';
import { readPastNote, windowOver, type SegmentWindow } from './segment-window.js';

/** The shard count and each configured shard's name by index (layout.ts shardName). */
export interface Homes {
  count: number;
  names: readonly string[];
}

/** The homes of a pool of `count` shards. */
export function homesOf(count: number): Homes {
  return { count, names: Array.from({ length: count }, (_, i) => shardName(i, count)) };
}

export interface LoggedChanges {
  /**
   * The latest logged record of each account, in the order of the entries that hold them
   * (oldest first), as its canonical line: what the shard file will hold once the log is folded.
   * An earlier record of the same account is superseded. A record whose shard has been folded
   * since (`isFolded`) is still listed here: the reader decides, knowing where the account lives.
   */
  lines: string[];
  /** The key of each of `lines`. */
  keys: string[];
  /** `lines[i]`, made into text alone (a reader over the circle indexes reads few of them). */
  lineAt(i: number): string;
  /**
   * The standing of `lines[i]` as the circle indexes give a line's (circle-index.ts
   * `circleStandingOf`: an empty password where there is one), off the segment's digest where it
   * has it, without making the line into text; undefined where its text does not say it plainly
   * (parse the line).
   */
  standingOf(i: number): CircleStanding | undefined;
  /** The import number of `lines[i]` where its line says it plainly (as `standingOf`), else undefined. */
  seqOf(i: number): number | undefined;
  /**
   * What `standingOf` makes `lines[i]`'s standing of, without making it: its standing tuple (the
   * segment's table's own object, which the records of one standing share), undefined where
   * `standingOf` is; and its `allocated_at` in ms (NaN: none; canonical wherever the tuple is given).
   */
  tupleOf(i: number): CircleTuple | undefined;
  allocatedOf(i: number): number;
  /** Where `lines[i]` was last found in its home shard's circle index (log-digest.ts `LogPlaces`: a hint, to be checked), -1: not known. */
  placeOf(i: number): number;
  /** `lines[i]` is at line `line` of its home shard's circle index (-1: not there). */
  place(i: number, line: number): void;
  /** Keeps the hints `place` gave for the next reader (where the log was read with its digests). */
  savePlaces(): Promise<void>;
  /**
   * Where the judged row of `lines[i]` (log-judged.ts) begins in `judged`, where a reader kept one
   * for this very record (its start and username's hash as the digest has them now), else -1.
   * Its shard's tag is the caller's to check.
   */
  judgedOf(i: number): number;
  /** The judged rows (log-judged.ts ROW numbers a record row), as read and as `judge` set them. */
  readonly judged: Uint32Array;
  /** `lines[i]` is at line `line` of shard `shard` (of tag `tag`), of tuple `tuple`, and that line is its base. */
  judge(i: number, shard: number, line: number, tuple: number, tag: readonly [number, number]): void;
  /** Keeps what `judge` said for the next reader (where the log was read with its digests). */
  saveJudged(): Promise<void>;
  /** The log position (see `isFolded`) of each of `lines`. */
  positions: number[];
  /** `lines` parsed (on first use: a reader that applies the lines to the shards never parses most of them). */
  readonly records: Account[];
  /** The latest base line of each logged account, by key (see `baseAfter` for the one that counts after a fold). */
  bases: Map<string, string>;
  /**
   * Whether the record at log position `position` is already in shard `shard`'s file: a fold of
   * that shard came after it (see "Partial folds" above). Such a record must not be applied to
   * that shard again: a hand edit made there since would come undone.
   */
  isFolded(position: number, shard: string): boolean;
  /** Where `shard` was last folded (the position of its latest fold entry), -1 when never since the oldest segment began. */
  markOf(shard: string): number;
  /** The base line of `key` in the latest entry that carries one, when that entry comes after `mark` (a shard's last fold; see "Base lines"). */
  baseAfter(key: string, mark: number): string | undefined;
  /** `baseAfter`'s line as circle-index.ts `lineHash` would hash it (its 8 bytes), read off the log's bytes without making it into text. */
  baseHashAfter(key: string, mark: number): Buffer | undefined;
  /** Every record line's key and position, superseded ones included (what the log holds per shard). */
  recordKeys: string[];
  recordPositions: number[];
  /**
   * Of a log `pendingIn` selected with `homes`: how many of its record lines each shard holds
   * (superseded ones included; every one is pending in its home), no key made for a username
   * plain enough to hash; undefined for any other log (log-view.ts `pendingOf` counts then).
   */
  homeCounts(targetOf: (key: string) => string): Map<string, number> | undefined;
  /**
   * The same log with only the records (and base lines) not yet in the file of the shard
   * `targetOf` says each account's records apply to (log-view.ts `targetsOf`), or of one of the
   * shards it names where the reader cannot yet tell which, `shards` being every shard it may
   * name: those a fold wrote there are skipped without being read further than their keys, and
   * those before every shard's last fold without being read at all (log-records.ts). `homes`: the
   * reader knows that `targetOf` gives every account its home shard (no account moved by hand),
   * so a record's shard is read off its bytes and even its key is not made for one skipped.
   */
  pendingIn(targetOf: (key: string) => string | readonly string[], shards: Iterable<string>, homes?: Homes): LoggedChanges;
  /** Account records in the log, superseded and folded ones included: what it costs to read. */
  recordCount: number;
  /** How many of them are in the previous segment. */
  previousRecords: number;
  /** The history lines of every logged entry, oldest first (not yet in the month files). */
  events: HistoryLine[];
  /** How many of `events` are in the previous segment (they go to the month files when it is removed). */
  previousEvents: number;
  /** Transaction entries (fold entries not counted). */
  entries: number;
  /** The position the current segment starts at (entries before it are in the previous segment). */
  currentStart: number;
  /** The position the next entry gets. */
  nextPosition: number;
  /** Bytes of whole entries in the current segment; anything after is a torn tail. */
  validBytes: number;
  totalBytes: number;
}

/** Where a segment's rows past its digest begin in the log's columns, their first position, the counts before them, and the fold entries after (ordinals from the segment's first entry). */
interface SegmentStart {
  records: number;
  bases: number;
  blocks: number;
  position: number;
  entries: number;
  eventLines: number;
  marks: [string, number][];
}

/** Where a digest made in one read is cut (before a fold entry, at byte `at`), as counts in the log's columns at that point. */
interface Cut {
  at: number;
  position: number;
  records: number;
  bases: number;
  blocks: number;
  entries: number;
  eventLines: number;
  /** `SegmentStart.marks` so far. */
  marks: number;
}

const ENTRY_HEAD = /^#tx ([0-9a-f]{16}) (\d+)(?:\+(\d+))?(?::(\d+))? (.*)$/;
const FOLD_HEAD = /^#fold ([0-9a-f]{16}) (\d+) (.*)$/;

function checksumOf(data: string | Uint8Array): string {
  return createHash('sha1').update(data).digest('hex').slice(0, 16);
}

/**
 * The text of one entry: a head line, the account lines sorted by key (as a shard holds them),
 * the history lines, then the base lines. Without history and base lines it is exactly the entry
 * older versions wrote.
 */
export function encodeEntry(accounts: Iterable<Account>, message: string, events: readonly HistoryLine[] = [], bases: readonly string[] = []): string {
  // Each key made once, not twice per comparison: an allocation's entry sorts ~800 accounts, in
  // code that runs once per process, before the JIT compiles it.
  const keyed = Array.from(accounts, (account) => ({ key: keyOf(account.username), account }));
  keyed.sort((a, b) => compareAccountKeys(a.key, b.key));
  const lines = keyed.map(({ account }) => encodeAccountLine(account));
  for (const e of events) lines.push(`${e.month} ${e.line}`);
  for (const base of bases) lines.push(base);
  const counts = `${keyed.length}${events.length > 0 ? `+${events.length}` : ''}${bases.length > 0 ? `:${bases.length}` : ''}`;
  const body = lines.join('\n'); // checked without its last line break, written with it
  return `#tx ${checksumOf(body)} ${counts} ${JSON.stringify(message.replace(/\s+/g, ' '))}\n${lines.length > 0 ? `${body}\n` : ''}`;
}

/** A fold entry: the shards named (one JSON string a line) hold every record before it (see "Partial folds"). */
export function encodeFoldEntry(shards: readonly string[], message: string): string {
  const lines = shards.map((name) => JSON.stringify(name));
  return `#fold ${checksumOf(lines.join('\n'))} ${lines.length} ${JSON.stringify(message.replace(/\s+/g, ' '))}\n${lines.map((l) => `${l}\n`).join('')}`;
}

/** The previous segment of the log at `path` (`.changes.log` -> `.changes.old.log`). */
export function previousSegmentOf(path: string): string {
  return path.replace(/(\.log)?$/, '.old$1');
}

/** Parses a log. Stops at the first entry that is not whole or does not match its checksum. */
export function decodeLog(file: string, bytes: Buffer): LoggedChanges {
  return decodeSegments(file, [bytes]);
}

/**
 * Parses the segments of a log, oldest first, as one stream of entries numbered from 0 (the
 * positions: they exist only in memory, for `isFolded`). Each segment stops at its first entry
 * that is not whole or does not match its checksum; `validBytes` is the last segment's. Only the
 * entries' heads are read here (and every entry checked): the lines are noted where they are, and
 * made into text when asked for (log-records.ts).
 */
export function decodeSegments(file: string, segments: readonly Buffer[]): LoggedChanges {
  return decodeWithDigests(file, segments, [], false).log;
}

/**
 * How many of `bytes`' first bytes are whole entries: `decodeSegments(file, [bytes]).validBytes`,
 * told by the same checks (each head, its lines' count, its checksum, a fold's shard names) without
 * noting where any line is. Why: the log's tail check (log-tail.ts) asks only this, of ~700 KB
 * before every allocation; the decode made and grew its columns for ~1,600 lines it then dropped:
 * ~130-280 fresh pages and ~1.5-2.5 ms of CPU a call in a warm process (docs/scale-log.md, stop 65 S2).
 */
export function wholeEntriesEnd(bytes: Uint8Array): number {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  let at = 0;
  for (;;) {
    const entry = entryAt(buffer, at, false);
    if (!entry) return at;
    // A fold's names are read as `decodeWithDigests` reads them (a name that is no JSON throws there too).
    if (entry.fold && entry.count > 0) for (const name of buffer.toString('utf8', entry.headEnd + 1, entry.end - 1).split('\n')) JSON.parse(name);
    at = entry.end;
  }
}

/** One whole entry's head and bounds: `entryAt`. */
interface EntryBounds {
  /** A fold entry's head, or undefined for a transaction's (`head`). */
  fold: RegExpExecArray | null;
  head: RegExpExecArray | null;
  count: number;
  events: number;
  baseCount: number;
  headEnd: number;
  end: number;
  /** Each line's end (its `\n`), where asked for. */
  ends: number[] | undefined;
}

/**
 * The entry at `at` when it is whole: a head, as many lines as it says, and its checksum right;
 * else undefined. The one reading of an entry's frame, for the decode and for the tail's check
 * alike, so that the two never judge a log's end differently. `withEnds`: each line's end noted.
 */
function entryAt(bytes: Buffer, at: number, withEnds: boolean): EntryBounds | undefined {
  const headEnd = bytes.indexOf(10, at);
  if (headEnd < 0) return undefined;
  const headText = bytes.toString('latin1', at, headEnd);
  const fold = FOLD_HEAD.exec(headText);
  const head = fold ? null : ENTRY_HEAD.exec(headText);
  if (!head && !fold) return undefined;
  const count = Number(head ? head[2] : fold![2]);
  const events = Number(head?.[3] ?? 0);
  const baseCount = Number(head?.[4] ?? 0);
  const lines = count + events + baseCount;
  const ends = withEnds ? new Array<number>(lines) : undefined;
  let end = headEnd + 1;
  for (let i = 0; i < lines; i++) {
    const lineEnd = bytes.indexOf(10, end);
    if (lineEnd < 0) return undefined; // not whole
    if (ends) ends[i] = lineEnd;
    end = lineEnd + 1;
  }
  const body = bytes.subarray(headEnd + 1, end);
  if (checksumOf(lines === 0 ? body : body.subarray(0, body.length - 1)) !== (head ?? fold)![1]) return undefined;
  return { fold, head, count, events, baseCount, headEnd, end, ends };
}

/**
 * `decodeSegments`, where `digests[s]`, when there is one, was made from the first bytes of
 * segment `s` (log-digest.ts `matches` says so): what it covers is taken from it, not decoded
 * again, and only the entries after it are. `made[s]`: the digest of everything segment `s` holds
 * whole now, where that is more than its digest covered (undefined: nothing new).
 */
export function decodeWithDigests(
  file: string,
  segments: readonly Buffer[],
  digests: readonly (SegmentDigest | undefined)[],
  make = true,
  /** Each segment's hints of where its records are (log-digest.ts `LogPlaces`), where kept. */
  places: readonly (LogPlaces | undefined)[] = [],
  /** Each segment's judged rows (log-judged.ts), where kept. */
  judgedFiles: readonly (JudgedFile | undefined)[] = [],
  /** Each segment's window (segment-window.ts), where its first bytes are read through one: its digest covers them (`readLog` makes sure). */
  windows: readonly (SegmentWindow | undefined)[] = [],
  /** A digest made here is cut into chunks before fold entries, each of at least these rows (log-digest.ts `CUT_ROWS`). */
  cutRows = CUT_ROWS,
): { log: LoggedChanges; made: (SegmentDigest | undefined)[] } {
  const records = new LineSpans();
  const bases = new LineSpans();
  const eventBlocks = new LineSpans();
  const marks = new Map<string, number>();
  /** The segments decoded further than their digests: where their first position was, where the rows past the digest begin and end in each column, what they hold. */
  const news: { segment: number; first: number; fresh: SegmentStart; from: number; firstOrdinal: number; length: number; rows: [number, number, number]; ordinals: number; entries: number; eventLines: number; cuts: Cut[] }[] = [];
  let recordCount = 0;
  let eventCount = 0;
  let entries = 0;
  let position = 0;
  let previousEvents = 0;
  let previousRecords = 0;
  let currentStart = 0;
  let at = 0;
  let bytes: Buffer = Buffer.alloc(0);
  /** Each segment's first row in `records` and `bases` (they are in segment order). */
  const firstRows: number[] = [];
  const firstBases: number[] = [];
  /** Each segment's first log position. */
  const positionsBefore: number[] = [];
  /** Rows of records before this log position may be left unread (log-digest.ts `UnreadChunks`): a selection from before it reads them first (`readUnread`). */
  let unreadEnd = 0;
  // Every digest's rows at once (log-records.ts `sizeFor`): the sealed segment's not copied again when the active one's are added.
  const rowsOf = (kind: 'records' | 'bases' | 'blocks') =>
    digests.reduce((n, digest) => n + (digest === undefined ? 0 : digest.stored ? digest.stored.reduce((m, chunk) => m + chunk[kind].n, 0) : digest[kind].start.length), 0);
  records.sizeFor(rowsOf('records'));
  bases.sizeFor(rowsOf('bases'));
  eventBlocks.sizeFor(rowsOf('blocks'));
  for (let segment = 0; segment < segments.length; segment++) {
    bytes = segments[segment]!;
    firstRows.push(records.length);
    firstBases.push(bases.length);
    at = 0;
    if (segment === segments.length - 1) {
      previousEvents = eventCount;
      previousRecords = recordCount;
      currentStart = position;
    }
    const first = position;
    positionsBefore.push(position);
    const digest = digests[segment];
    if (digest) {
      const { stored } = digest;
      if (stored) {
        // Read from its file: its rows copied from the file's bytes, not made into columns first;
        // a chunk's rows left in the file (log-digest.ts `readHeld`) read from there, chunk by chunk.
        for (const chunk of stored) {
          const rows = chunk.reread ? chunk.reread() : chunk;
          records.addStored(segment, [rows.records], position);
          bases.addStored(segment, [rows.bases], position);
          eventBlocks.addStored(segment, [rows.blocks], position);
        }
      } else {
        records.addRows(segment, digest.records, position);
        bases.addRows(segment, digest.bases, position);
        eventBlocks.addRows(segment, digest.blocks, position);
      }
      if (digest.unread) unreadEnd = Math.max(unreadEnd, position + digest.unread.ordinals);
      records.tuples[segment] = digest.tuples.slice();
      for (const [name, ordinal] of digest.marks) marks.set(name, position + ordinal);
      recordCount += stored ? stored.reduce((n, chunk) => n + chunk.records.n, 0) : digest.records.start.length;
      eventCount += digest.eventLines;
      entries += digest.entries;
      position += digest.ordinals;
      at = digest.length;
    }
    /** What is decoded past the digest: the next chunk of it (log-digest.ts). */
    const fresh: SegmentStart = { records: records.length, bases: bases.length, blocks: eventBlocks.length, position, entries, eventLines: eventCount, marks: [] };
    /** Where that chunk is cut (log-digest.ts `inChunks`): before fold entries, so that a reader can leave what comes before a fold unread (`unreadFloor`). */
    const cuts: Cut[] = [];
    let cutAt = fresh.records + fresh.bases;
    for (;; position++) {
      const entryStart = at;
      const entry = entryAt(bytes, at, true);
      if (!entry) break;
      const { fold, count, events, baseCount, headEnd, end } = entry;
      const ends = entry.ends!;
      const lines = count + events + baseCount;
      at = end;
      if (fold) {
        if (make && records.length + bases.length - cutAt >= cutRows) {
          cuts.push({ at: entryStart, position, records: records.length, bases: bases.length, blocks: eventBlocks.length, entries, eventLines: eventCount, marks: fresh.marks.length });
          cutAt = records.length + bases.length;
        }
        if (count > 0) {
          for (const name of bytes.toString('utf8', headEnd + 1, end - 1).split('\n')) {
            const shard = JSON.parse(name) as string;
            marks.set(shard, position);
            fresh.marks.push([shard, position - first]);
          }
        }
        continue;
      }
      let from = headEnd + 1;
      for (let i = 0; i < lines; i++) {
        if (i < count) records.add(segment, from, ends[i]!, position);
        else if (i >= count + events) bases.add(segment, from, ends[i]!, position);
        from = ends[i]! + 1;
      }
      if (events > 0) eventBlocks.add(segment, count === 0 ? headEnd + 1 : ends[count - 1]! + 1, ends[count + events - 1]!, position);
      recordCount += count;
      eventCount += events;
      entries++;
    }
    if (make && at > (digest?.length ?? 0)) news.push({ segment, first, fresh, from: digest?.length ?? 0, firstOrdinal: digest ? digest.firstOrdinal + digest.ordinals : 0, length: at, rows: [records.length, bases.length, eventBlocks.length], ordinals: position - fresh.position, entries: entries - fresh.entries, eventLines: eventCount - fresh.eventLines, cuts });
  }
  firstRows.push(records.length);
  // The hints and judged rows a file holds, from its first row read (those before it left unread: log-digest.ts `LogPlaces.load`).
  for (let s = 0; s < segments.length; s++) {
    const hints = places[s];
    const rows = firstRows[s + 1]! - firstRows[s]! - (hints?.first ?? 0);
    if (hints && rows > 0) records.place.set(hints.lines.length > rows ? hints.lines.subarray(0, rows) : hints.lines, firstRows[s]! + hints.first);
  }
  // Every row unjudged (line -1) but those a file holds (each checked against its record when asked for: `judgedOf`); the rows left unread not touched.
  const judged = new Uint32Array(ROW * records.length);
  for (let r = records.unread; r < records.length; r++) judged[ROW * r + LINE] = NONE;
  for (let s = 0; s < segments.length; s++) {
    const file = judgedFiles[s];
    const rows = firstRows[s + 1]! - firstRows[s]! - (file?.first ?? 0);
    if (file && rows > 0) judged.set(file.rows.subarray(0, Math.min(file.rows.length, ROW * rows)), ROW * (firstRows[s]! + file.first));
  }
  /**
   * Reads the rows left unread (log-digest.ts `UnreadChunks`) where a selection from log position
   * `from` would read some: a reader that asks for records of shards other than those the read
   * was told of, or for the whole log. Their hints and judged rows are not known (-1).
   */
  const readUnread = (from: number) => {
    if (from >= unreadEnd || records.unread + bases.unread === 0) return;
    for (let s = 0; s < segments.length; s++) {
      const unread = digests[s]?.unread;
      if (!unread) continue;
      const chunks = unread.readAgain();
      const first = s === 0 ? 0 : positionsBefore[s]!;
      records.fillStored(s, chunks.map((chunk) => chunk.records), first, firstRows[s]!);
      bases.fillStored(s, chunks.map((chunk) => chunk.bases), first, firstBases[s]!);
      records.place.fill(-1, firstRows[s]!, firstRows[s]! + unread.records);
      for (let r = firstRows[s]!; r < firstRows[s]! + unread.records; r++) {
        judged.fill(0, ROW * r, ROW * r + ROW);
        judged[ROW * r + LINE] = NONE;
      }
    }
    records.unread = 0;
    bases.unread = 0;
    unreadEnd = 0;
  };
  const text = new LogText(segments, windows);
  const made: (SegmentDigest | undefined)[] = segments.map(() => undefined);
  for (const { segment, first, fresh, from, length, rows, ordinals, entries, eventLines, cuts } of news) {
    text.readKeys(records, fresh.records, rows[0]);
    text.readKeys(bases, fresh.bases, rows[1]);
    // What the next reader over the circle indexes needs of them, read once here (log-records.ts).
    text.readFacts(records, fresh.records, rows[0]);
    text.readHashes(bases, fresh.bases, rows[1]);
    const table = records.tuples[segment] ?? [];
    const bounds: Cut[] = [
      { at: from, position: fresh.position, records: fresh.records, bases: fresh.bases, blocks: fresh.blocks, entries: fresh.entries, eventLines: fresh.eventLines, marks: 0 },
      ...cuts,
      { at: length, position: fresh.position + ordinals, records: rows[0], bases: rows[1], blocks: rows[2], entries: fresh.entries + entries, eventLines: fresh.eventLines + eventLines, marks: fresh.marks.length },
    ];
    const parts: SegmentDigest[] = [];
    let previous = digests[segment]?.sha256 ?? '';
    let tuplesBefore = digests[segment]?.tuples.length ?? 0;
    for (let k = 0; k + 1 < bounds.length; k++) {
      const [start, end] = [bounds[k]!, bounds[k + 1]!];
      // A segment's tuples are numbered as its records first use them (`readFacts`): a chunk's are those past the last one an earlier chunk's records use.
      let tuplesEnd = tuplesBefore;
      if (k + 2 === bounds.length) tuplesEnd = Math.max(tuplesEnd, table.length);
      else for (let r = start.records; r < end.records; r++) tuplesEnd = Math.max(tuplesEnd, records.tuple[r]! + 1);
      const sha256 = chainHash(previous, segments[segment]!, start.at, end.at);
      parts.push({
        from: start.at,
        firstOrdinal: start.position - first,
        length: end.at,
        sha256,
        previous,
        chain: [{ from: start.at, length: end.at, previous, sha256 }],
        ordinals: end.position - start.position,
        entries: end.entries - start.entries,
        eventLines: end.eventLines - start.eventLines,
        marks: fresh.marks.slice(start.marks, end.marks),
        tuplesBefore,
        tuples: table.slice(tuplesBefore, tuplesEnd),
        records: records.rows(start.records, end.records, first, 'records'),
        bases: bases.rows(start.bases, end.bases, first, 'bases'),
        blocks: eventBlocks.rows(start.blocks, end.blocks, first, 'blocks'),
      });
      previous = sha256;
      tuplesBefore = tuplesEnd;
    }
    made[segment] = inChunks(parts);
  }
  const markOf = (shard: string) => marks.get(shard) ?? -1;
  const isFolded = (at: number, shard: string) => at < markOf(shard);
  const structure = {
    isFolded,
    markOf,
    recordCount,
    previousRecords,
    previousEvents,
    entries,
    currentStart,
    nextPosition: position,
    validBytes: at,
    totalBytes: bytes.length,
  };
  let events: HistoryLine[] | undefined;
  const readEvents = () => {
    if (events) return events;
    events = [];
    for (let b = 0; b < eventBlocks.length; b++) {
      for (const line of text.text(eventBlocks, b).split('\n')) events.push({ month: line.slice(0, 7), line: line.slice(8) });
    }
    return events;
  };
  const changes = (keep: (key: string, position: number) => boolean, from = 0, home?: HomeKeep): LoggedChanges => {
    let selected: RecordSelection | undefined;
    let parsed: Account[] | undefined;
    let lines: string[] | undefined;
    const select = () => {
      if (selected) return selected;
      readUnread(from);
      return (selected = text.select(records, bases, keep, from, home));
    };
    const linesOf = () => (lines ??= select().rows.map((row) => text.text(records, row)));
    return {
      ...structure,
      get events() {
        return readEvents();
      },
      get lines() {
        return linesOf();
      },
      lineAt(i) {
        return lines ? lines[i]! : text.text(records, select().rows[i]!);
      },
      standingOf(i) {
        return text.standing(records, select().rows[i]!);
      },
      seqOf(i) {
        return text.seq(records, select().rows[i]!);
      },
      tupleOf(i) {
        return text.tupleOf(records, select().rows[i]!);
      },
      allocatedOf(i) {
        return records.allocated[select().rows[i]!]!;
      },
      placeOf(i) {
        return records.place[select().rows[i]!]!;
      },
      place(i, line) {
        records.place[select().rows[i]!] = line;
      },
      // Views, not copies (`slice`): the files' `save` only compares and writes them, and a copy of
      // the judged rows was ~2.7 MB of fresh pages in every allocation at 1,000,000 accounts mid
      // fold cycle (~690 page faults, ~10 ms on this project's VMs: docs/scale-log.md, stop 48).
      async savePlaces() {
        for (let s = 0; s < segments.length; s++) await places[s]?.save(records.place.subarray(firstRows[s]!, firstRows[s + 1]!));
      },
      judged,
      judgedOf(i) {
        const row = select().rows[i]!;
        const at = ROW * row;
        const hash = records.keyHash[row]!;
        // keyHash: a whole 32-bit number, or -1 (not plain ASCII: no row kept) or NaN (not read).
        return judged[at + LINE] !== NONE && hash >= 0 && judged[at + START] === records.start[row] && judged[at + KEY_HASH] === hash ? at : -1;
      },
      judge(i, shard, line, tuple, tag) {
        const row = select().rows[i]!;
        const hash = records.keyHash[row]!;
        if (!(hash >= 0)) return;
        const at = ROW * row;
        judged[at + START] = records.start[row]!;
        judged[at + KEY_HASH] = hash;
        judged[at + SHARD] = shard;
        judged[at + LINE] = line;
        judged[at + TUPLE] = tuple;
        judged[at + TAG_A] = tag[0];
        judged[at + TAG_B] = tag[1];
      },
      async saveJudged() {
        for (let s = 0; s < segments.length; s++) await judgedFiles[s]?.save(judged.subarray(ROW * firstRows[s]!, ROW * firstRows[s + 1]!));
      },
      get keys() {
        return select().keys;
      },
      get positions() {
        return select().positions;
      },
      get records() {
        // The lines are our own output (each entry's checksum says so), read as a shard's trusted lines are.
        const lines = linesOf();
        parsed ??= lines.length === 0 ? [] : parseTrustedLines(lines, 'log', file);
        return parsed;
      },
      get bases() {
        return new Map([...select().latestBase].map(([key, row]) => [key, text.text(bases, row)]));
      },
      baseAfter(key, mark) {
        const row = select().latestBase.get(key);
        return row !== undefined && bases.position[row]! > mark ? text.text(bases, row) : undefined;
      },
      baseHashAfter(key, mark) {
        const row = select().latestBase.get(key);
        return row !== undefined && bases.position[row]! > mark ? text.lineHash(bases, row) : undefined;
      },
      get recordKeys() {
        return select().recordKeys;
      },
      get recordPositions() {
        return select().recordPositions;
      },
      homeCounts(targetOf) {
        return select().homeCounts(targetOf);
      },
      pendingIn(targetOf, shards, homes) {
        // Every record before the earliest of the shards' last folds is in its shard's file, whichever that is.
        let floor = Infinity;
        for (const shard of shards) floor = Math.min(floor, markOf(shard));
        const keep = (key: string, at: number) => {
          const target = targetOf(key);
          return typeof target === 'string' ? !isFolded(at, target) : target.some((shard) => !isFolded(at, shard));
        };
        const home = homes && { ...homes, mark: markOf };
        return changes(keep, floor === Infinity ? 0 : floor, home);
      },
    };
  };
  return { log: changes(() => true), made };
}

/** Identity of one file as it is now (inode, size, times), or undefined when there is none. */
async function fileStamp(path: string): Promise<string | undefined> {
  const info = await stat(path, { bigint: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  return info && `${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
}

/**
 * Identity of the log as it is now: its previous segment's stamp and the current one's (inode,
 * size, times), or undefined when there is neither.
 */
export async function logStamp(path: string): Promise<string | undefined> {
  const [previous, current] = await Promise.all([fileStamp(previousSegmentOf(path)), fileStamp(path)]);
  return previous === undefined && current === undefined ? undefined : `${previous ?? '-'}|${current ?? '-'}`;
}

/** The log's length in bytes now (0: no log): where the next entry starts. */
export async function logSize(path: string): Promise<number> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  return info?.size ?? 0;
}

/** The inode parts of a stamp: the same segment files, perhaps grown by appends since. */
export function logInode(stamp: string | undefined): string | undefined {
  return stamp
    ?.split('|')
    .map((part) => part.split(':')[0])
    .join('|');
}

const EMPTY = Buffer.alloc(0);
/** A segment this long or longer, read whole by a `windowed` read, is let go once decoded (`readLog`); a shorter one is held (a window would spare little). */
const WINDOWED_FROM = 64 << 10;

/**
 * The earliest of the last folds of `shards` (segment and ordinal) as the digests' heads
 * (log-digest.ts `ChunkHead`) of the log's segments name them, oldest segment first: every record
 * before it is in its shard's file, whichever shard that is, so no reader of those shards' pending
 * records reads it (`pendingIn`'s floor). Undefined where a shard has no fold there. Only a bound
 * for leaving rows unread: the log's own marks decide what is pending, and a selection from before
 * the rows left unread reads them first (`decodeWithDigests`).
 */
export function unreadFloor(heads: readonly (readonly ChunkHead[] | undefined)[], shards: readonly string[]): { segment: number; ordinal: number } | undefined {
  const latest = new Map<string, { segment: number; ordinal: number }>();
  heads.forEach((chunks, segment) => {
    for (const { head } of chunks ?? []) for (const [name, ordinal] of head.marks) latest.set(name, { segment, ordinal });
  });
  let floor: { segment: number; ordinal: number } | undefined;
  for (const shard of shards) {
    const mark = latest.get(shard);
    if (!mark) return undefined;
    if (!floor || mark.segment < floor.segment || (mark.segment === floor.segment && mark.ordinal < floor.ordinal)) floor = mark;
  }
  return floor;
}

/**
 * Reads the log (both segments); an absent log is an empty one. `digests`: where the segments'
 * digests are (log-digest.ts): the part of each segment its digest covers is not decoded again,
 * and a segment decoded further than its digest gets a new one, unless `make` is false: a read
 * for a whole transaction (an import) needs no record's facts, and its commit folds the log away.
 */
export async function readLog(
  path: string,
  digests?: LogDigests,
  { make = true, unreadBefore, windowed = false }: { make?: boolean; unreadBefore?: readonly string[]; windowed?: boolean } = {},
): Promise<LoggedChanges & { stamp: string | undefined; covered: (Covered | undefined)[] }> {
  // Stamp first: should an append land between the two, the stamp is older than the text, which
  // only makes a cached view be rebuilt once more, never trusted when stale.
  // The file system's clock before every stat: the previous segment, which no longer grows, is
  // trusted by its stamp once that is settled (log-digest.ts `load`).
  const clock = digests?.clock();
  const stamp = await logStamp(path);
  const [previous, current] = await Promise.all([readSegment(previousSegmentOf(path), clock, digests, true), readSegment(path, undefined, digests)]);
  const segments = [previous.bytes, current.bytes];
  // The log's text reads through these where set (log-records.ts `LogText`): held here to set more after the decode (`windowed`).
  const windows = [previous.window, current.window];
  // The inodes the stamp names: where a digest is looked for (it is held against the bytes themselves).
  const inodes = logInode(stamp)?.split('|').map((inode) => (inode === '-' ? undefined : inode)) ?? [undefined, undefined];
  const load = (segment: { bytes: Buffer; info?: BigIntStats }, s: number, unread?: { heads: readonly ChunkHead[]; before: number }) => digests!.load(inodes[s], segment.bytes, segment.info && { info: segment.info, clock }, unread);
  // `unreadBefore`: the reader asks only for the records pending in these shards, so the digests'
  // chunks before every one of their last folds are left unread (log-digest.ts `readHeld`, `unreadFloor`).
  const found: (LoadedDigest | undefined)[] = [];
  let decoded: ReturnType<typeof decodeWithDigests>;
  try {
    if (digests && unreadBefore && make) {
      const heads = inodes.map((inode, s) => (inode === undefined || segments[s]!.length === 0 ? undefined : digests.heads(inode)));
      const floor = unreadFloor(heads, unreadBefore);
      for (const [s, segment] of [previous, current].entries()) {
        // Rows left unread are only ever the log's first (log-records.ts `LineSpans.unread`): a segment after one read in part is read whole.
        const before = floor && (floor.segment > s ? Infinity : floor.segment === s ? floor.ordinal : 0);
        const whole = s === 0 || segments[s - 1]!.length === 0 || (found[s - 1]?.digest.unread && found[s - 1]!.digest.length === segments[s - 1]!.length && found[s - 1]!.digest.unread!.ordinals === found[s - 1]!.digest.ordinals);
        // (The heads read here serve where nothing is left unread too.)
        found.push(await load(segment, s, heads[s] && { heads: heads[s], before: before && whole ? before : 0 }));
      }
    } else if (digests) found.push(...(await Promise.all([previous, current].map((segment, s) => load(segment, s)))));
    // A segment read past its note only (segment-window.ts): where no digest covers the part left
    // unread, that part is read after all (every byte of it is decoded or hashed then).
    for (const [s, segment] of [previous, current].entries()) {
      if (!segment.window || (found[s] && found[s].digest.length >= segment.window.end)) continue;
      segment.window.readAll(segment.bytes);
      segment.window.close();
      segment.window = undefined;
      windows[s] = undefined;
      found[s]?.close?.();
      found[s] = await load(segment, s);
    }
    // The hints and judged rows of records left unread are not read either.
    const unreadRows = (s: number) => found[s]?.digest.unread?.records ?? 0;
    const places = digests ? await Promise.all(inodes.map((inode, s) => (inode === undefined ? undefined : digests.places(inode, unreadRows(s))))) : [];
    const judged = digests && make ? await Promise.all(inodes.map((inode, s) => (inode === undefined ? undefined : digests.judged(inode, unreadRows(s))))) : [];
    decoded = decodeWithDigests(path, segments, found.map((loaded) => loaded?.digest), make, places, judged, windows, digests?.cutRows);
  } finally {
    // The digests' files, held for the rows left in them (log-digest.ts `readHeld`): taken now.
    for (const loaded of found) loaded?.close?.();
  }
  const { log, made } = decoded;
  if (digests && make) {
    for (let s = 0; s < segments.length; s++) if (made[s] && inodes[s] !== undefined) await digests.save(inodes[s]!, made[s]!, found[s]);
  }
  if (digests) await digests.prune(inodes.filter((inode): inode is string => inode !== undefined));
  // The active segment's bytes, where whole and of a known hash, for this process's next read (active-bytes.ts).
  const active = made[1] ?? found[1]?.digest;
  if (digests && active && !current.window && inodes[1] !== undefined && current.info && String(current.info.ino) === inodes[1]) rememberActive(path, inodes[1], current.bytes, active.length, active.sha256);
  // What this read found each segment's bytes to be, for the next reader (log-digest.ts `note`).
  if (digests) {
    [previous, current].forEach((segment, s) => {
      const known = made[s] ?? found[s]?.digest;
      if (known && segment.info && inodes[s] !== undefined && String(segment.info.ino) === inodes[s]) digests.note(inodes[s]!, segment.info, clock, known.length, known.sha256, found[s]?.seen);
    });
  }
  // What of each segment this read covers, for a derived file made from it (pending-records.ts).
  const covered = [previous, current].map((segment, s): Covered | undefined => {
    const known = made[s] ?? found[s]?.digest;
    return known && segment.info && inodes[s] !== undefined && String(segment.info.ino) === inodes[s] ? { inode: inodes[s]!, length: known.length, sha256: known.sha256, stamp: stampOf(segment.info), clock } : undefined;
  });
  const read = Object.assign(log, { stamp: segments[0]!.length + segments[1]!.length === 0 ? undefined : stamp, covered });
  // `windowed`: a read kept past this call under the pool's lock (pool.ts `finishInterrupted`), for a
  // whole transaction that goes on to read every shard and only then applies the log: at 1,000,000
  // accounts after a turn both segments' bytes (~71 MB) were held through the shards' read, the
  // import's peak (docs/scale-log.md, stop 54 I2). Where nothing is torn, each segment's bytes are
  // whole entries (every checksum held), which this program never writes again and which no one
  // appends to while the lock is held: each segment read whole is let go and read again through a
  // window where the log's text is asked for (segment-window.ts).
  if (windowed && log.validBytes === log.totalBytes) {
    [previous, current].forEach((segment, s) => {
      if (segment.window || segment.bytes.length < WINDOWED_FROM || !segment.info) return;
      const window = windowOver(s === 0 ? [previousSegmentOf(path)] : [path, previousSegmentOf(path)], segment.info, segment.bytes.length);
      if (!window) return;
      // A new ArrayBuffer of this size is mapped zero pages never touched: the text below `end` is read through the window.
      segments[s] = Buffer.from(new ArrayBuffer(segment.bytes.length));
      windows[s] = window;
    });
  }
  // Assigned onto, not spread: spreading would parse every record (`records` is a getter).
  return read;
}

/**
 * What a read of the log found one segment to be: its first `length` bytes (whole entries) chain to
 * `sha256` (log-digest.ts `chainHash`, as its digest's chunk ending there), read after a stat that
 * gave `stamp`, itself taken after the file system's clock read `clock` (fs-clock.ts).
 */
export interface Covered {
  inode: string;
  length: number;
  sha256: string;
  stamp: string;
  clock: string | undefined;
}

/** A segment of the log opened for reading as the log itself is read (a link, a FIFO, a folder refused), undefined when absent; the caller closes it. */
export function openLogSegment(path: string) {
  return openSegment(path, constants.O_RDONLY);
}

/**
 * The log holds passwords and is always made by this module, as a regular file: a link, a FIFO or
 * a folder in its place was put there by hand or by a pull (`git add -f` carries a link past the
 * .gitignore). Following a link would append passwords to whatever file it names, keeping that
 * file's mode, and cutting a torn tail would truncate it; a FIFO would hang every command. So
 * such a log is refused, naming it, and nothing is read from or written to it.
 */
function notALog(path: string, kind: string): AppError {
  return new AppError(`${path} is ${kind}, not the pool's own change log (the pool never reads or writes its log through one); move it away`);
}

/** A log segment opened as own-file.ts's openInPlace does; undefined when absent. */
function openSegment(path: string, flags: number, mode?: number) {
  return openInPlace(path, flags, (kind) => notALog(path, kind), mode);
}

/**
 * A segment's bytes (empty when absent) and its stat, taken before they were read. `clock` (the
 * file system's clock before the stat): the segment is the sealed previous one, whose bytes a
 * reader moments ago may still hold (sealed-bytes.ts). `digests`: where the segments' notes are
 * (log-digest.ts), for the active segment, or for the sealed one where `sealed`.
 */
async function readSegment(path: string, clock?: string, digests?: LogDigests, sealed = false): Promise<{ bytes: Buffer; info?: BigIntStats; window?: SegmentWindow }> {
  const handle = await openSegment(path, constants.O_RDONLY);
  if (!handle) return { bytes: EMPTY };
  try {
    const info = await handle.stat({ bigint: true });
    // The active segment: what this process read of it moments ago taken again where its note
    // vouches for it (active-bytes.ts); else, where the note vouches for most of it, only what
    // was appended past the note (segment-window.ts).
    if (digests && !sealed) {
      const note = await digests.noteOf(String(info.ino));
      const held = readActive(path, handle.fd, info, note, () => readPastNote(path, previousSegmentOf(path), info, note));
      return { ...held, info };
    }
    if (clock === undefined) return { bytes: readAllSync(handle.fd), info };
    const kept = sealedBytes(path, info);
    if (kept) return { bytes: kept, info };
    // The sealed segment, where its note vouches for all of it, read through a window as the
    // active one is (segment-window.ts): after a turn at 1,000,000 accounts it is ~60 MB, read
    // whole into fresh memory by every allocation of the fold cycle's second half
    // (docs/scale-log.md, stop 50 A). It never grows: nothing lies past its note.
    if (digests) {
      const windowed = readPastNote(path, path, info, await digests.noteOf(String(info.ino)));
      if (windowed) return { ...windowed, info };
    }
    const bytes = readAllSync(handle.fd);
    rememberSealed(path, info, clock, bytes);
    return { bytes, info };
  } finally {
    await handle.close();
  }
}

/**
 * Cuts a torn tail off (under the lock, before appending), so the next entry starts on a clean line.
 * `end`: where the whole entries end and how long the segment is, as the caller's read of the log
 * under the same lock just found them; else the log is read to find them.
 */
export async function cutTornTail(path: string, end?: { validBytes: number; totalBytes: number }): Promise<boolean> {
  const log = end ?? (await readLog(path));
  if (log.validBytes === log.totalBytes) return false;
  const handle = await openSegment(path, constants.O_RDWR);
  if (!handle) return false; // gone meanwhile: nothing torn is left to cut
  try {
    await handle.truncate(log.validBytes);
    await handle.datasync();
  } finally {
    await handle.close();
  }
  return true;
}

/**
 * Appends one entry and makes it durable: the commit point of a logged transaction. Returns the
 * log's stamp right after, so the writer knows its own view of the pool is current. `digests`:
 * where the segment's note is carried past the append (log-digest.ts `carryingNote`).
 */
export async function appendEntry(path: string, accounts: Iterable<Account>, message: string, events: readonly HistoryLine[] = [], bases: readonly string[] = [], digests?: LogDigests): Promise<string> {
  const created = (await fileStamp(path)) === undefined;
  const text = encodeEntry(accounts, message, events, bases);
  const append = async () => {
    // O_CREAT: never undefined.
    const handle = (await openSegment(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT, 0o600).catch((error: unknown) => {
      throw error instanceof AppError ? error : writeFailed(path, error);
    }))!;
    try {
      const sizeBefore = (await handle.stat()).size;
      try {
        // writeFile, not write: it goes on after a short write until every byte is out.
        await handle.writeFile(text);
        await handle.datasync();
      } catch (error) {
        // Not committed (a full disk, say): take back whatever part of the entry was written, so
        // no reader ever sees a change whose writer was told it failed.
        await handle.truncate(sizeBefore).catch(() => {});
        throw writeFailed(path, error);
      }
      // A new log is a new name in the pool folder: that must survive a power cut too.
      if (created) await syncDir(dirname(path));
    } finally {
      await handle.close();
    }
  };
  // A new segment has no note to carry.
  await (digests && !created ? digests.carryingNote(path, Buffer.byteLength(text), append) : append());
  return (await logStamp(path))!;
}
