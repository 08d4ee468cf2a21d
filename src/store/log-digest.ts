// A change-log segment's digest: what decoding it found (change-log.ts `decodeSegments`), kept so
// that the next reader does not decode the same bytes again. Per whole entry it covers, from the
// segment's start: where each record, base line and block of history lines is, the entry it is
// in, and for each record and base line where its quoted username ends and the FNV-1a hash of the
// username's bytes (layout.ts `keyHashOfBytes`, which gives its home shard for any shard count);
// the fold entries' shard names; the counts.
//
// Why: every process that reads the pool read both segments (two to five capacities of records:
// 3-4 MB at 10,000 accounts) whole: a sha1 per entry, the head of every entry, the username of
// every line after the shards' earliest fold. That was most of what the log cost an allocation,
// for bytes that only ever grow at their end (a segment is appended to under the lock, and
// renamed whole when the log turns). SQLite's `-shm` wal-index is the same idea (src/wal.c, header
// comment): derived from the log, rebuilt from it whenever in doubt.
//
// Derived, never the only record of anything, git-ignored, written without the lock or fsync:
//   .cache/log/<inode>.digest   chunks, each a JSON head line and then its columns (binary), each
//                               covering the entries after the one before it. Appended to as the
//                               segment is (a chunk for the entries a reader decoded past the
//                               digest): written whole, the active segment's digest added
//                               0.2-0.4 MB to every allocation. Named by the segment's inode, so
//                               that the digest follows the active segment when the log turns and
//                               it becomes the previous one.
// Checked against the bytes it was made from, not their stamp: each chunk's head holds the length
// it covers and a sha256 chained from the chunk before it (`chainHash`: the previous chunk's hash,
// then this chunk's bytes of the segment), and a reader hashes what the digest covers, chunk by
// chunk (one sha256 over a few MB, ~2 ms, where the per-entry checks took ~25 ms). Chained, not
// the hash of the whole prefix: a reader that extends the digest hashes only the bytes it decoded,
// never the prefix again. A segment grown since (appends) keeps its digest, and the entries after
// it are decoded as before and the digest extended; one cut shorter, edited by hand, replaced, or
// reusing a removed segment's inode does not match, and is decoded whole. Each chunk's head also
// holds the sha256 of the rest of the chunk, so a digest is read up to its first chunk cut short by
// a crash, edited by hand, or not following the one before (two readers appending the same
// entries): the rest of the segment is decoded, and the file written again whole. Missing,
// garbled, of another version: the segment is decoded whole and the digest made again.
//   .cache/log/<inode>.seen     a segment's stamp (inode, size, times) at which its first `length`
//                               bytes were known to chain to `sha256`, and the file system's clock
//                               read before that stat (fs-clock.ts). A reader that finds the same
//                               stamp, settled by that clock, and a chunk of the digest ending there
//                               with that hash, hashes only the chunks after it (at 1,000,000
//                               accounts mid-cycle the active segment is ~22 MB: 12 ms of sha256 on
//                               an idle core, ~50 ms under load, in every process). Noted by:
//                               - a reader, for the stamp it read the segment at, settled by the clock
//                                 it read before (the bytes it hashed or decoded were read after that
//                                 stat: any change since moved the stamp);
//                               - the writer of an append, under the lock (`beforeAppend`,
//                                 `afterAppend`): where the note held for the segment just before its
//                                 append (same stamp, settled), it carries the note's length and hash
//                                 to the stamp the segment has after it, read after a fresh clock
//                                 that settles it, the segment grown by exactly the bytes appended
//                                 and of the same inode. Nothing else writes the log: what this
//                                 trusts is that nothing but the writer changes the segment between
//                                 its stat before the append and its stat after (milliseconds under
//                                 the lock; an editor saving the file then would write over the
//                                 entry too). A hand edit at any other moment, of any byte, with the
//                                 same size or not, moves the segment's ctime (no one can set it
//                                 back) past the note's clock: its stamp is another, and it is hashed.
//                               Any other stamp, a tie with the clock, another digest: hashed as before.
import { createHash } from 'node:crypto';
import { mkdir, readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomicSync } from './atomic-write.js';
import { holdOwnFile, openInPlace, OWN_FILE_MAX, readOwnBytes, readOwnFile, useOwnFile } from './own-file.js';
import { closeSync, constants, readSync, type BigIntStats } from 'node:fs';
import { clockText, readFsClock, SharedFsClock, settledByClock } from './fs-clock.js';
import { stampOf } from './file-stamp.js';
import type { CircleTuple } from './circle-tuple.js';
import { JUDGED, JudgedFile } from './log-judged.js';
import { hashPartSync } from './staged-read.js';
import { AppError } from '../errors.js';

/** 2: each record's standing, `allocated_at` and import number, each base line's hash (stop 30); 3: sha256 (stop 33); 4: chained by chunk (stop 35). */
const VERSION = 4;
const SUFFIX = '.digest';
const SEEN = '.seen';
const PLACES = '.lines';
/** How many times a writer reads the file system's clock to settle its append (`afterAppend`). */
const PROBES = 3;

/** A segment whose first `length` bytes chain to `sha256` (a chunk of its digest) at `stamp`, seen after the file system's clock read `clock`. */
export interface Seen {
  stamp: string;
  clock: string;
  length: number;
  sha256: string;
}

function seenOf(text: string | undefined): Seen | undefined {
  try {
    const seen = JSON.parse(text ?? 'null') as Seen | null;
    return seen && typeof seen.stamp === 'string' && typeof seen.clock === 'string' && typeof seen.length === 'number' && typeof seen.sha256 === 'string' ? seen : undefined;
  } catch {
    return undefined;
  }
}

/** Lines of one kind in a segment, in log order: parallel columns. */
export interface DigestRows {
  start: Uint32Array;
  /** Where the line (or block of lines) ends: its line break. */
  end: Uint32Array;
  /** The entry holding it, counted from the segment's first (fold entries counted too). */
  ordinal: Uint32Array;
  /** Where its quoted username ends (records and base lines; empty for history blocks). */
  keyEnd: Uint32Array;
  /** keyHashOfBytes of the username, -1 where it is not plain ASCII (records and base lines). */
  keyHash: Float64Array;
  /** Records only (else empty): log-records.ts `LineSpans.tuple` (into the digest's `tuples`), `allocated`, `seq`. */
  tuple: Int32Array;
  allocated: Float64Array;
  seq: Float64Array;
  /** Base lines only (else empty): each one's hash, 8 bytes a row (`LineSpans.hash`). */
  hash: Uint8Array;
}

export interface SegmentDigest {
  /** Where in the segment the entries it covers begin (0, or the end of the digest it extends: one chunk). */
  from: number;
  /** The ordinal of its first entry (0, or the entries of the digest it extends). */
  firstOrdinal: number;
  /** Where the entries it covers end: whole entries from `from`. */
  length: number;
  /** `chainHash` of the segment's bytes from `from` to `length`, chained from `previous` (hex). */
  sha256: string;
  /** The `sha256` of the chunk before it ('' for the first). */
  previous: string;
  /** Each chunk's bytes and hash, in order (one for a chunk): what `matches` hashes. Not written: its heads say it. */
  chain: ChainLink[];
  /** Entries covered, fold entries included (from `firstOrdinal`). */
  ordinals: number;
  /** Transaction entries covered. */
  entries: number;
  /** History lines covered. */
  eventLines: number;
  /** Each fold entry's shards: [shard name, ordinal], in log order. */
  marks: [string, number][];
  /** The standing tuples its records' `tuple` column counts from the digest's first (those of the chunks before it: `tuplesBefore`). */
  tuplesBefore: number;
  /** The standing tuples first used by the records it covers (circle-index.ts `CircleTuple`). */
  tuples: CircleTuple[];
  records: DigestRows;
  bases: DigestRows;
  /** The blocks of history lines, one per entry that has them. */
  blocks: DigestRows;
  /**
   * A digest read from its file: each chunk's rows as the file holds them (`StoredRows`), what
   * `records`, `bases` and `blocks` are made from when asked for. Not enumerable: a copy made by
   * spreading (a test's forged column) has its own `records` and is read through them.
   */
  readonly stored?: readonly StoredChunk[];
  /** Where its first chunks were left unread (`LogDigests.load`'s `unreadBefore`): how to read their rows after all. Not enumerable, as `stored`. */
  readonly unread?: UnreadChunks;
  /** A digest made in one read and cut before fold entries (`inChunks`): the chunks its file gets (`encodeDigest`). Not enumerable, as `stored`. */
  readonly parts?: readonly SegmentDigest[];
}

/**
 * Rows (records and base lines) a chunk made in one read holds at least before a fold entry
 * starts the next one (change-log.ts `decodeWithDigests`). Why cut at all: a reader told which
 * shards it asks about leaves unread only the chunks wholly before every one of their last folds
 * (`readHeld`); a digest written whole (a copied or restored pool's first reader, a garbled
 * digest made again) was one chunk, so nothing of it was left unread until the next turn of the
 * log (docs/scale-log.md, stop 52 A2). Why a minimum: each chunk's head is one positioned read of
 * every later reader (`readHeads`); at 2,048 rows (~90 KB of columns) the sealed segment of a
 * 1,000,000-account pool (~140,000 rows) is at most ~70 chunks, fewer than the one a reader
 * appends per allocation.
 */
export const CUT_ROWS = 2048;

/** `parts`, chunks that follow one another, as the one digest a reader made of them (its rows joined only where asked for); one part is itself. */
export function inChunks(parts: readonly SegmentDigest[]): SegmentDigest {
  if (parts.length === 1) return parts[0]!;
  const digest = joinedDigest(parts, (part, kind) => part[kind]);
  Object.defineProperty(digest, 'parts', { value: parts, enumerable: false });
  return digest;
}

/** A digest's first `chunks` chunks, left unread: their rows (`StoredChunk`s, checked) read from the file when a reader asks for them after all. */
export interface UnreadChunks {
  chunks: number;
  /** The ordinal (from the segment's first entry) past their last entry. */
  ordinals: number;
  /** Their record rows. */
  records: number;
  readAgain(): StoredChunk[];
}

/** One chunk of a digest as its hash covers it. */
export interface ChainLink {
  from: number;
  length: number;
  previous: string;
  sha256: string;
}

/** A chunk's head line: the digest's numbers, how many rows of each kind follow, and its check. */
export type Head = Omit<SegmentDigest, 'records' | 'bases' | 'blocks' | 'chain'> & {
  version: number;
  rows: [number, number, number];
  /** The sha256 of the rest of the head and the columns: a chunk cut short or edited anywhere is not read. */
  check: string;
};

/**
 * The hash a digest's chunk holds of the segment's bytes from `from` to `length` (hex): sha256 of
 * `previous` (the chunk before it's hash, '' for the first) and then those bytes.
 */
export function chainHash(previous: string, bytes: Uint8Array, from: number, length: number): string {
  // sha256, not sha1: OpenSSL computes it with the CPU's SHA extensions where there are some (x86
  // SHA-NI, ARMv8), and not sha1; a 22 MB segment (1,000,000 accounts, mid-cycle) took 69 ms of
  // CPU by sha1 and 14 ms by sha256.
  return createHash('sha256').update(previous).update(bytes.subarray(from, length)).digest('hex');
}

export type Kind = 'records' | 'bases' | 'blocks';

function columnsOf(rows: DigestRows, kind: Kind): ArrayBufferView[] {
  const common = [rows.start, rows.end, rows.ordinal];
  if (kind === 'blocks') return common;
  return kind === 'records' ? [...common, rows.keyEnd, rows.keyHash, rows.tuple, rows.allocated, rows.seq] : [...common, rows.keyEnd, rows.keyHash, rows.hash];
}

/** Bytes of one row of each kind in a chunk's columns. */
const ROW_BYTES = { records: 44, bases: 32, blocks: 12 };

/** The digest as chunks of its file: one, or those it was cut into (`parts`). */
export function encodeDigest(digest: SegmentDigest): Buffer {
  if (digest.parts) return Buffer.concat(digest.parts.map(encodeDigest));
  const parts = [...columnsOf(digest.records, 'records'), ...columnsOf(digest.bases, 'bases'), ...columnsOf(digest.blocks, 'blocks')];
  const columns = Buffer.concat(parts.map((part) => Buffer.from(part.buffer, part.byteOffset, part.byteLength)));
  const { from, firstOrdinal, length, sha256, previous, ordinals, entries, eventLines, marks, tuplesBefore, tuples } = digest;
  const head: Omit<Head, 'check'> = { version: VERSION, from, firstOrdinal, length, sha256, previous, ordinals, entries, eventLines, marks, tuplesBefore, tuples, rows: [digest.records.start.length, digest.bases.start.length, digest.blocks.start.length] };
  return Buffer.concat([Buffer.from(`${JSON.stringify({ ...head, check: checkOf(head, columns) })}\n`), columns]);
}

/** The sha256 a digest's head holds of the rest of it. */
function checkOf(head: Omit<Head, 'check'>, columns: Buffer): string {
  return createHash('sha256').update(JSON.stringify(head)).update(columns).digest('hex'); // not concatenated: a copy of every chunk
}

/**
 * One kind's rows of one chunk as its file holds them: `n` rows, the kind's columns back to back
 * in `bytes` (the file's own bytes, in this machine's byte order, as `encodeDigest` wrote them).
 * A reader copies them straight into its own columns (log-records.ts `LineSpans.addStored`):
 * copied out into a digest's typed arrays first, then joined chunk to chunk, then copied again,
 * the three copies of a ~6 MB digest (1,000,000 accounts mid-cycle) cost ~40-60 ms of CPU an
 * allocation, mostly the page faults of 12 MB of fresh arrays.
 */
export interface StoredRows {
  kind: Kind;
  n: number;
  bytes: Buffer;
  /** Left unread (`LogDigests.load`'s `unreadBefore`): `bytes` is empty; the rows are read again only where asked for (`UnreadChunks`). */
  unread?: true;
  /** Checked in the file and left there: `bytes` is empty; its chunk's `reread` gives them. */
  inFile?: true;
}

/** A chunk's rows of each kind as its file holds them (`StoredRows`). */
export interface StoredChunk {
  records: StoredRows;
  bases: StoredRows;
  blocks: StoredRows;
  /**
   * Where the rows were checked and left in the file (`inFile`, `readHeld`): the chunk's columns
   * read again and checked again against its head, into a buffer reused from chunk to chunk (the
   * rows given are valid until the next `reread` of any chunk: copy them out at once).
   */
  reread?: () => StoredChunk;
}

/** Where each column of `kind` begins in a chunk's stored rows of `n` rows (byte offsets), in the order `columnsOf` writes them. */
export function storedOffsets(kind: Kind, n: number): { start: number; end: number; ordinal: number; keyEnd: number; keyHash: number; tuple: number; allocated: number; seq: number; hash: number } {
  const keyed = kind !== 'blocks';
  const keyHash = 16 * n;
  const after = keyed ? 24 * n : 12 * n;
  return { start: 0, end: 4 * n, ordinal: 8 * n, keyEnd: 12 * n, keyHash, tuple: after, allocated: after + 4 * n, seq: after + 12 * n, hash: after };
}

/** The unsigned 32-bit number at byte `at` of `bytes`, in this machine's byte order (as a Uint32Array column holds it). */
function uint32At(bytes: Buffer, at: number): number {
  const one = new Uint32Array(1);
  new Uint8Array(one.buffer).set(bytes.subarray(at, at + 4));
  return one[0]!;
}

/** `stored` as typed columns (copies): what a digest's `records`, `bases` and `blocks` are. */
function typedRows({ kind, n, bytes, unread, inFile }: StoredRows): DigestRows {
  if (unread) throw new Error('a digest chunk left unread was asked for its rows: a bug');
  if (inFile) throw new Error('a digest chunk left in its file was not read again: a bug');
  const at = storedOffsets(kind, n);
  const take = <T extends Uint32Array | Int32Array | Float64Array | Uint8Array>(make: new (n: number) => T, count: number, from: number): T => {
    const column = new make(count);
    Buffer.from(column.buffer).set(bytes.subarray(from, from + count * column.BYTES_PER_ELEMENT));
    return column;
  };
  const keyed = kind !== 'blocks';
  const facts = kind === 'records';
  return {
    start: take(Uint32Array, n, at.start),
    end: take(Uint32Array, n, at.end),
    ordinal: take(Uint32Array, n, at.ordinal),
    keyEnd: keyed ? take(Uint32Array, n, at.keyEnd) : new Uint32Array(0),
    keyHash: keyed ? take(Float64Array, n, at.keyHash) : new Float64Array(0),
    tuple: facts ? take(Int32Array, n, at.tuple) : new Int32Array(0),
    allocated: facts ? take(Float64Array, n, at.allocated) : new Float64Array(0),
    seq: facts ? take(Float64Array, n, at.seq) : new Float64Array(0),
    hash: kind === 'bases' ? take(Uint8Array, 8 * n, at.hash) : new Uint8Array(0),
  };
}

/** A chunk's head as its file holds it, with its rows as stored (`StoredChunk`): nothing copied out of the file's bytes. */
type ReadChunk = Omit<SegmentDigest, 'records' | 'bases' | 'blocks'> & StoredChunk;

/** A chunk's head line as its fields say (not yet held against its check: `checkOf`), or undefined where it is not one of this version. */
function headOf(text: string): Head | undefined {
  try {
    const head = JSON.parse(text) as Head;
    const { rows } = head;
    const whole = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;
    if (head.version !== VERSION || ![head.from, head.firstOrdinal, head.length, head.ordinals, head.entries, head.eventLines, head.tuplesBefore].every(whole) || typeof head.sha256 !== 'string' || typeof head.previous !== 'string') return undefined;
    if (!Array.isArray(head.tuples) || !head.tuples.every((t) => Array.isArray(t) && t.length === 6)) return undefined;
    if (!Array.isArray(rows) || rows.length !== 3 || !rows.every(whole) || !Array.isArray(head.marks)) return undefined;
    const ordinalsEnd = head.firstOrdinal + head.ordinals;
    if (!head.marks.every((m) => Array.isArray(m) && typeof m[0] === 'string' && whole(m[1]) && m[1] < ordinalsEnd)) return undefined;
    return typeof head.check === 'string' ? head : undefined;
  } catch {
    return undefined;
  }
}

/** Bytes of a chunk's columns, after its head line. */
function columnBytes(head: Head): number {
  return head.rows[0] * ROW_BYTES.records + head.rows[1] * ROW_BYTES.bases + head.rows[2] * ROW_BYTES.blocks;
}

/** Whether `chunk` follows `last` (the chunk before it; none: it is the first) as a digest's chunks must. */
function follows(chunk: Omit<SegmentDigest, 'records' | 'bases' | 'blocks' | 'chain'>, last: Omit<SegmentDigest, 'records' | 'bases' | 'blocks' | 'chain'> | undefined): boolean {
  const tuples = last ? last.tuplesBefore + last.tuples.length : 0;
  return chunk.from === (last?.length ?? 0) && chunk.previous === (last?.sha256 ?? '') && chunk.firstOrdinal === (last ? last.firstOrdinal + last.ordinals : 0) && chunk.tuplesBefore === tuples;
}

/** One chunk at `at` of a digest file, and where the next begins; undefined when it is cut short, garbled or of another version. */
function decodeChunk(bytes: Buffer, at: number): { chunk: ReadChunk; next: number } | undefined {
  try {
    const newline = bytes.indexOf(10, at);
    if (newline < 0) return undefined;
    const head = headOf(bytes.toString('utf8', at, newline));
    if (!head) return undefined;
    const next = newline + 1 + columnBytes(head);
    if (next > bytes.length) return undefined;
    const chunk = chunkOf(head, bytes.subarray(newline + 1, next));
    return chunk && { chunk, next };
  } catch {
    return undefined;
  }
}

/** The chunk of head `head` whose columns are `columns` (all of them), held against the head's check; undefined where they do not hold. */
function chunkOf(head: Head, columns: Buffer): ReadChunk | undefined {
  const { rows } = head;
  const ordinalsEnd = head.firstOrdinal + head.ordinals;
  const { check, ...rest } = head;
  if (columns.length !== columnBytes(head) || checkOf(rest, columns) !== check) return undefined;
  let offset = 0;
  const read = (n: number, kind: Kind): StoredRows | undefined => {
    const stored = { kind, n, bytes: columns.subarray(offset, offset + n * ROW_BYTES[kind]) };
    offset += n * ROW_BYTES[kind];
    // The rows themselves are not checked one by one (that cost as much as decoding the segment):
    // the head's check says they are as written, and the segment's sha256 that they are of these bytes.
    const where = storedOffsets(kind, n);
    const first = (column: number) => uint32At(stored.bytes, column);
    const last = (column: number) => uint32At(stored.bytes, column + 4 * (n - 1));
    if (n > 0 && !(first(where.start) >= head.from && last(where.end) < head.length && first(where.ordinal) >= head.firstOrdinal && last(where.ordinal) < ordinalsEnd)) return undefined;
    return stored;
  };
  const records = read(rows[0], 'records');
  const bases = read(rows[1], 'bases');
  const blocks = read(rows[2], 'blocks');
  if (!records || !bases || !blocks) return undefined;
  const { from, firstOrdinal, length, sha256, previous, ordinals, entries, eventLines, marks, tuplesBefore, tuples } = head;
  return { from, firstOrdinal, length, sha256, previous, chain: [{ from, length, previous, sha256 }], ordinals, entries, eventLines, marks, tuplesBefore, tuples, records, bases, blocks };
}

function joined<T extends Uint32Array | Int32Array | Float64Array | Uint8Array>(columns: T[]): T {
  if (columns.length === 1) return columns[0]!;
  const all = new (columns[0]!.constructor as new (n: number) => T)(columns.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const column of columns) {
    all.set(column, at);
    at += column.length;
  }
  return all;
}

function joinedRows(rows: DigestRows[]): DigestRows {
  const all = <K extends keyof DigestRows>(column: K) => joined(rows.map((r) => r[column])) as DigestRows[K];
  return { start: all('start'), end: all('end'), ordinal: all('ordinal'), keyEnd: all('keyEnd'), keyHash: all('keyHash'), tuple: all('tuple'), allocated: all('allocated'), seq: all('seq'), hash: all('hash') };
}

/**
 * A digest file read: its chunks, each following the one before, as one digest from the
 * segment's start, and how many of the file's bytes they are (the rest, if any, is a chunk cut
 * short, garbled, or not following: never read).
 */
export function readDigest(bytes: Buffer): { digest: SegmentDigest | undefined; valid: number } {
  const { chunks, valid } = chunksIn(bytes);
  return { digest: digestOf(chunks), valid };
}

/** The chunks of `bytes` (a digest file's, from a chunk's start) that follow `before` (the chunks before them, already read) and one another, and how many bytes they take. */
function chunksIn(bytes: Buffer, before: readonly ReadChunk[] = []): { chunks: ReadChunk[]; valid: number } {
  const chunks = before.slice();
  let valid = 0;
  for (;;) {
    const read = valid < bytes.length ? decodeChunk(bytes, valid) : undefined;
    if (!read || !follows(read.chunk, chunks.at(-1))) break;
    chunks.push(read.chunk);
    valid = read.next;
  }
  return { chunks: chunks.slice(before.length), valid };
}

/** Chunks that follow one another from a segment's start, as one digest (undefined: none). */
function digestOf(chunks: readonly ReadChunk[]): SegmentDigest | undefined {
  if (chunks.length === 0) return undefined;
  // The rows as typed columns only where asked for (a test, a re-encoding): a reader of the log
  // takes them as stored (`stored`, left out of a copy made by spreading, which has these instead).
  const digest = joinedDigest(chunks, (chunk, kind) => typedRows((chunk.reread?.() ?? chunk)[kind]));
  Object.defineProperty(digest, 'stored', { value: chunks.map(({ records, bases, blocks, reread }): StoredChunk => ({ records, bases, blocks, ...(reread && { reread }) })), enumerable: false });
  return digest;
}

/** Chunks that follow one another (at least one), as one digest: their numbers summed, their rows joined only where asked for (`rowsOf`). */
function joinedDigest<C extends Omit<SegmentDigest, 'records' | 'bases' | 'blocks'>>(chunks: readonly C[], rowsOf: (chunk: C, kind: Kind) => DigestRows): SegmentDigest {
  const first = chunks[0]!;
  const last = chunks.at(-1)!;
  const sum = (field: 'ordinals' | 'entries' | 'eventLines') => chunks.reduce((n, c) => n + c[field], 0);
  const rows: Partial<Record<Kind, DigestRows>> = {};
  const joinedOf = (kind: Kind) => (rows[kind] ??= joinedRows(chunks.map((c) => rowsOf(c, kind))));
  return {
    from: first.from,
    firstOrdinal: first.firstOrdinal,
    length: last.length,
    sha256: last.sha256,
    previous: first.previous,
    chain: chunks.flatMap((c) => c.chain),
    ordinals: sum('ordinals'),
    entries: sum('entries'),
    eventLines: sum('eventLines'),
    marks: chunks.flatMap((c) => c.marks),
    tuplesBefore: first.tuplesBefore,
    tuples: chunks.flatMap((c) => c.tuples),
    get records() {
      return joinedOf('records');
    },
    get bases() {
      return joinedOf('bases');
    },
    get blocks() {
      return joinedOf('blocks');
    },
  };
}

/** A digest file's contents as one digest, or undefined when not even its first chunk reads (not yet held against a segment: `matches`). */
export function decodeDigest(bytes: Buffer): SegmentDigest | undefined {
  return readDigest(bytes).digest;
}

/**
 * Whether `digest` was made from the first bytes of `segment` (as it is now: perhaps longer). The
 * chunks up to `trusted` bytes (a chunk ends there: `LogDigests.load` found a note for it) are
 * taken as they are; those after it are hashed.
 */
export function matches(digest: SegmentDigest, segment: Uint8Array, trusted = 0): boolean {
  if (digest.length > segment.length) return false;
  for (const link of digest.chain) if (link.length > trusted && chainHash(link.previous, segment, link.from, link.length) !== link.sha256) return false;
  return true;
}

/** A chunk of a digest file by its head alone: where it begins, where its columns begin and where it ends in the file. */
export interface ChunkHead {
  at: number;
  columns: number;
  next: number;
  head: Head;
}

/** Bytes read at a time to find a head's line break (a head holds its chunk's marks and tuples: a few hundred bytes, rarely more). */
const HEAD_READ = 16 << 10;
/** A head line longer than this is not read by its head (the file is then read whole). */
const HEAD_MAX = 1 << 20;

/**
 * The heads of the digest file `file` that follow one another from its start, read without their
 * columns (one positioned read a head): what a reader needs to tell which chunks it can leave
 * unread (their marks and ordinals). Not checked yet (`readHeld` checks what it takes); undefined
 * where the file is absent or too large.
 */
function readHeads(file: string): ChunkHead[] | undefined {
  return useOwnFile(file, (fd, info) => {
    const size = Number(info.size);
    if (size > OWN_FILE_MAX) return undefined;
    const heads: ChunkHead[] = [];
    let buffer = Buffer.allocUnsafe(HEAD_READ);
    for (let at = 0; at < size; ) {
      const want = Math.min(buffer.length, size - at);
      let got = 0;
      while (got < want) {
        const n = readSync(fd, buffer, got, want - got, at + got);
        if (n === 0) break;
        got += n;
      }
      const newline = buffer.subarray(0, got).indexOf(10);
      if (newline < 0) {
        if (got < buffer.length || buffer.length >= HEAD_MAX) break;
        buffer = Buffer.allocUnsafe(4 * buffer.length);
        continue;
      }
      const head = headOf(buffer.toString('utf8', 0, newline));
      if (!head || !follows(head, heads.at(-1)?.head)) break;
      const columns = at + newline + 1;
      const next = columns + columnBytes(head);
      if (next > size) break;
      heads.push({ at, columns, next, head });
      at = next;
    }
    return heads;
  });
}

/** A chunk known by its head, its record and base rows left unread; its blocks of history lines (`blocks`: a few a chunk, which a fold cycle's turn moves to the month files) read. */
function unreadChunk({ head }: ChunkHead, blocks: Buffer): ReadChunk {
  const { from, firstOrdinal, length, sha256, previous, ordinals, entries, eventLines, marks, tuplesBefore, tuples, rows } = head;
  const none = (kind: Kind, n: number): StoredRows => ({ kind, n, bytes: Buffer.alloc(0), unread: true });
  return { from, firstOrdinal, length, sha256, previous, chain: [{ from, length, previous, sha256 }], ordinals, entries, eventLines, marks, tuplesBefore, tuples, records: none('records', rows[0]), bases: none('bases', rows[1]), blocks: { kind: 'blocks', n: rows[2], bytes: blocks } };
}

/** `length` bytes at `at` of the file open at `fd`, in a buffer of their own (aligned for typed arrays); undefined where it ends sooner. */
function readPart(fd: number, at: number, length: number): Buffer | undefined {
  const bytes = Buffer.allocUnsafeSlow(length);
  for (let got = 0; got < length; ) {
    const n = readSync(fd, bytes, got, length - got, at + got);
    if (n === 0) return undefined;
    got += n;
  }
  return bytes;
}

/** Whether the chunk at `chunk` holds what its head's check says: its columns hashed through a reused stage (staged-read.ts), not kept. */
function checkedInPlace(fd: number, chunk: ChunkHead): boolean {
  const { check, ...rest } = chunk.head;
  const hash = createHash('sha256').update(JSON.stringify(rest));
  return hashPartSync(fd, hash, chunk.columns, chunk.next) && hash.digest('hex') === check;
}

/** A chunk's columns read at a time (`readColumns`): one buffer reused, grown to the largest chunk read. */
let scratch: Buffer | undefined;

/** Bytes `from..to` of the file open at `fd` in the reused buffer (valid until the next call); undefined where the file ends sooner. */
function readColumns(fd: number, from: number, to: number): Buffer | undefined {
  const length = to - from;
  if (!scratch || scratch.length < length) scratch = Buffer.allocUnsafeSlow(Math.max(length, 2 * (scratch?.length ?? 0), 64 << 10));
  for (let got = 0; got < length; ) {
    const n = readSync(fd, scratch, got, length - got, from + got);
    if (n === 0) return undefined;
    got += n;
  }
  return scratch.subarray(0, length);
}

/** `chunkOf` of the chunk at `at` read from the file open at `fd` into the reused buffer; undefined where it does not hold or cannot be read. */
function chunkIn(fd: number, at: ChunkHead): ReadChunk | undefined {
  try {
    const columns = readColumns(fd, at.columns, at.next);
    return columns && chunkOf(at.head, columns);
  } catch {
    return undefined;
  }
}

/** The rows of `stored` left in the file (`StoredRows.inFile`). */
function inFile({ kind, n }: StoredRows): StoredRows {
  return { kind, n, bytes: Buffer.alloc(0), inFile: true };
}

/**
 * The digest file `file` read by its heads (`readHeads`), its first `skip` chunks left unread:
 * the reader asks for none of their rows (change-log.ts `readLog`'s `unreadBefore`). Their
 * columns are checked against their heads' checks through a reused stage, no buffer of their size
 * made; their blocks of history lines read. Undefined where one of them does not hold what its
 * head says (`load` then reads every chunk, none left unread), or where no chunk reads at all.
 *
 * The chunks after them are checked as `readDigest` checks them (the head's check, the first and
 * last rows' bounds), each read into one buffer reused from chunk to chunk, and left in the file
 * (`StoredRows.inFile`): the reader's columns take them from there (`StoredChunk.reread`, through
 * the descriptor held open until `close`, every chunk checked again as it is read). So the file is
 * never read whole into memory of its own only to be copied into the reader's columns: at a fold
 * cycle's end at 1,000,000 accounts the active segment's digest is ~6 MB, ~1,500 fresh pages in
 * every allocation (docs/scale-log.md, stop 54 A).
 *
 * Why leave chunks unread: at a fold cycle's end at 1,000,000 accounts ~120,000 of the sealed
 * segment's ~140,000 rows come before every shard's last fold; their ~5 MB of columns were read
 * into fresh memory and copied into the log's columns by every allocation, for no reader
 * (docs/scale-log.md, stop 52 A).
 */
function readHeld(file: string, heads: readonly ChunkHead[], skip: number): Omit<LoadedDigest, 'seen'> | undefined {
  const held = holdOwnFile(file);
  if (!held) return undefined;
  let fd: number | undefined = held.fd;
  const close = () => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
  };
  const { fd: descriptor, info } = held;
  const readChunks = (): { chunks: ReadChunk[]; blocks: Buffer[]; size: number } | undefined => {
    const size = Number(info.size);
    if (size > OWN_FILE_MAX || (skip > 0 && size < heads[skip - 1]!.next)) return undefined;
    const blocks: Buffer[] = [];
    for (let c = 0; c < skip; c++) {
      const chunk = heads[c]!;
      if (!checkedInPlace(descriptor, chunk)) return undefined;
      const length = ROW_BYTES.blocks * chunk.head.rows[2];
      const bytes = readPart(descriptor, chunk.next - length, length);
      if (!bytes) return undefined;
      blocks.push(bytes);
    }
    const chunks: ReadChunk[] = [];
    for (let c = skip; c < heads.length && heads[c]!.next <= size; c++) {
      const at = heads[c]!;
      const chunk = chunkIn(descriptor, at);
      if (!chunk) break;
      // Read again where a reader takes the rows: through the descriptor while held, else the file opened again (as `readDigest` would read it: a file changed since reads as changed).
      const reread = (): StoredChunk => {
        const again = fd !== undefined ? chunkIn(fd, at) : useOwnFile(file, (other) => chunkIn(other, at));
        if (!again) throw new AppError(`${file}: the change log's digest changed while being read; run the command again`);
        return { records: again.records, bases: again.bases, blocks: again.blocks };
      };
      chunks.push({ ...chunk, records: inFile(chunk.records), bases: inFile(chunk.bases), blocks: inFile(chunk.blocks), reread });
    }
    return skip + chunks.length === 0 ? undefined : { chunks, blocks, size };
  };
  const read = ((): { chunks: ReadChunk[]; blocks: Buffer[]; size: number } | undefined => {
    try {
      return readChunks();
    } catch {
      return undefined; // a read that fails (EIO): as a file that does not read
    }
  })();
  if (!read) {
    close();
    return undefined;
  }
  const skipped = heads.slice(0, skip).map((head, c) => unreadChunk(head, read.blocks[c]!));
  const all = [...skipped, ...read.chunks];
  const digest = digestOf(all)!;
  const whole = heads[all.length - 1]!.next;
  const last = all.at(-1)!;
  if (skip > 0) {
    const end = heads[skip - 1]!.next;
    const unread: UnreadChunks = {
      chunks: skip,
      ordinals: heads[skip - 1]!.head.firstOrdinal + heads[skip - 1]!.head.ordinals,
      records: skipped.reduce((n, chunk) => n + chunk.records.n, 0),
      readAgain() {
        const held = prefixAgain(file, end, skipped.at(-1)!.sha256);
        if (!held || held.chunks.length !== skip) throw new AppError(`${file}: the change log's digest changed while being read; run the command again`);
        return held.chunks.map(({ records, bases, blocks }) => ({ records, bases, blocks }));
      },
    };
    Object.defineProperty(digest, 'unread', { value: unread, enumerable: false });
  }
  return { digest, size: read.size, valid: whole, prefix: () => prefixAgain(file, whole, last.sha256)?.bytes, close };
}

/** The first `length` bytes of digest file `file` where they still are whole chunks ending in `sha256` (the file written again whole since, or cut: not), and those chunks. */
function prefixAgain(file: string, length: number, sha256: string): { bytes: Buffer; chunks: ReadChunk[] } | undefined {
  return useOwnFile(file, (fd) => {
    const bytes = readPart(fd, 0, length);
    if (!bytes) return undefined;
    const held = chunksIn(bytes);
    return held.valid === length && held.chunks.at(-1)?.sha256 === sha256 ? { bytes, chunks: held.chunks } : undefined;
  });
}

/** A digest as read from its file: what of the file it is (`valid` bytes), and whether that is the whole file. */
export interface LoadedDigest {
  digest: SegmentDigest;
  /** The file's length as read, and how much of it is whole chunks that follow one another (the rest is never read). */
  size: number;
  valid: number;
  /** The file's first `valid` bytes (read again), for a digest written again whole; undefined where the file no longer begins so. */
  prefix(): Buffer | undefined;
  /** Lets go of the file's descriptor, held for the chunks whose rows were left in it (`StoredChunk.reread`: opened again after this). */
  close?(): void;
  /** The segment's note as read (`LogDigests.note`), if any. */
  seen?: Seen;
}

/** What `LogDigests.beforeAppend` found: the segment's stat and its note, which held then. */
export interface Carried {
  info: BigIntStats;
  seen: Seen;
}

/** Where the digests live (.cache/log), and how one is read and saved. */
export class LogDigests {
  constructor(
    private readonly dir: string,
    private readonly probe = new SharedFsClock(), // shared with the circle indexes (pool.ts)
    /** `CUT_ROWS` (a test cuts small logs). */
    readonly cutRows = CUT_ROWS,
  ) {}

  private fileOf(inode: string): string {
    return join(this.dir, `${inode}${SUFFIX}`);
  }

  /** The hints of where the records of the segment at `inode` are in their shards' indexes (`LogPlaces`). */
  places(inode: string, from = 0): Promise<LogPlaces> {
    return LogPlaces.load(this.dir, inode, from);
  }

  /** What readers over the circle indexes judged of the records of the segment at `inode` (log-judged.ts). */
  judged(inode: string, from = 0): Promise<JudgedFile> {
    return JudgedFile.load(this.dir, inode, from);
  }

  /** The file system's clock now (fs-clock.ts), read in the digests' folder; undefined where it cannot be. */
  clock(): string | undefined {
    return this.probe.now(join(this.dir, 'clock'));
  }

  /**
   * The digest of the segment at inode `inode` whose bytes are now `segment`, if there is one made
   * from them. `at`: the segment's stat taken before `segment` was read, and the file system's clock
   * before that: the hash of the chunks up to a note's length (`<inode>.seen`) is skipped where the
   * note is for this very stamp, settled by the clock it holds, and a chunk ends there with its hash.
   */
  async load(inode: string | undefined, segment: Buffer, at?: { info: BigIntStats; clock: string | undefined }, unread?: { heads: readonly ChunkHead[]; before: number }): Promise<LoadedDigest | undefined> {
    if (inode === undefined || segment.length === 0) return undefined;
    const file = this.fileOf(inode);
    let skip = 0;
    while (unread && skip < unread.heads.length && unread.heads[skip]!.head.firstOrdinal + unread.heads[skip]!.head.ordinals <= unread.before) skip++;
    let loaded = skip > 0 ? readHeld(file, unread!.heads, skip) : undefined;
    if (!loaded) {
      // Read as the other caches are (own-file.ts): never through a link, a FIFO or a file of
      // gigabytes; by its heads (the heads read for `unread` where none is left unread), each
      // chunk checked, none left unread.
      const heads = unread && skip === 0 ? unread.heads : readHeads(file);
      loaded = heads && heads.length > 0 ? readHeld(file, heads, 0) : undefined;
    }
    const digest = loaded?.digest;
    if (!loaded || !digest || digest.length > segment.length) return void loaded?.close?.();
    const seen = at && seenOf(await readOwnFile(join(this.dir, `${inode}${SEEN}`), 4096));
    const noted = seen && seen.stamp === stampOf(at.info) && settledByClock(at.info, seen.clock) && digest.chain.some((link) => link.length === seen.length && link.sha256 === seen.sha256);
    if (!matches(digest, segment, noted ? seen.length : 0)) return void loaded.close?.();
    return { ...loaded, seen };
  }

  /** The heads of the digest of the segment at `inode` (`ChunkHead`), read without its columns: which of its chunks `load` may leave unread. */
  heads(inode: string): ChunkHead[] | undefined {
    return readHeads(this.fileOf(inode));
  }

  /** The note of the segment at `inode` (`<inode>.seen`) as read; undefined where there is none or it is garbled. Whether it holds is the caller's to check (its stamp, settled by its clock). */
  async noteOf(inode: string): Promise<Seen | undefined> {
    return seenOf(await readOwnFile(join(this.dir, `${inode}${SEEN}`), 4096).catch(() => undefined));
  }

  /**
   * Notes that the segment at `inode`, at the stat `info` taken after the file system's clock read
   * `clock`, chains to `sha256` over its first `length` bytes, as a reader that read them after
   * that stat found (its digest checked, or made, from them). Only where the clock settles the
   * stamp, and only a change of the note already there (`had`).
   */
  note(inode: string, info: BigIntStats, clock: string | undefined, length: number, sha256: string, had?: Seen): void {
    if (clock === undefined || length > info.size || !settledByClock(info, clock)) return;
    const stamp = stampOf(info);
    if (had && had.stamp === stamp && had.length === length && had.sha256 === sha256) return;
    this.writeSeen(inode, { stamp, clock, length, sha256 });
  }

  private writeSeen(inode: string, seen: Seen): void {
    try {
      writeFileAtomicSync(join(this.dir, `${inode}${SEEN}`), JSON.stringify(seen));
    } catch {
      // A read-only pool only loses the shortcut.
    }
  }

  /**
   * Runs `append`, which adds `appended` bytes to the log's active segment `file` (a writer's, under
   * the lock), and carries the segment's note past it (`beforeAppend`, `afterAppend`): an append
   * must not cost the next reader a hash of the whole segment (~22 MB mid-cycle at 1,000,000
   * accounts). The one place both writers of the log's entries (change-log.ts `appendEntry`, the
   * journaled commit in pool.ts) do it. Nothing appended: nothing to carry.
   */
  async carryingNote<T>(file: string, appended: number, append: () => Promise<T>): Promise<T> {
    const before = appended > 0 ? await this.beforeAppend(file) : undefined;
    const result = await append();
    if (before) await this.afterAppend(file, before, appended);
    return result;
  }

  /**
   * Runs `turn`, which renames the log's active segment `file` to `to` (a fold cycle's turn, under
   * the lock), and carries the segment's note to the stamp the rename gives it (a new ctime), as
   * `carryingNote` carries it past an append: same inode, same size, settled by the clock read
   * after. Without it the first reader after every turn found no note for the sealed segment and
   * read and hashed it whole (~60 MB at 1,000,000 accounts: docs/scale-log.md, stop 51 A).
   */
  async carryingNoteAcross<T>(file: string, to: string, turn: () => Promise<T>): Promise<T> {
    const before = await this.beforeAppend(file);
    const result = await turn();
    if (before) await this.afterAppend(to, before, 0);
    return result;
  }

  /**
   * Before an append to the log's active segment `file`, under the lock: the segment's note,
   * where it holds for the segment as it is now (its stamp, settled by the note's clock).
   */
  async beforeAppend(file: string): Promise<Carried | undefined> {
    try {
      const info = await stat(file, { bigint: true });
      const seen = seenOf(await readOwnFile(join(this.dir, `${info.ino}${SEEN}`), 4096));
      return seen && seen.stamp === stampOf(info) && settledByClock(info, seen.clock) && seen.length <= info.size ? { info, seen } : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * After the append of `appended` bytes (still under the lock): the note `before` carried to the
   * segment's stamp now, where that is the same inode grown by exactly those bytes, and settled by
   * the file system's clock read afresh after the append (a clock read before it would settle
   * nothing the append stamped).
   */
  async afterAppend(file: string, before: Carried, appended: number): Promise<void> {
    // A clock in the very tick of the append settles nothing: read again, a few times only (a
    // probe after a stat gets a fine-grained time where the kernel has them, Linux 6.13 on; where
    // it has not, waiting out a coarse tick under the lock would cost every append of `serve`,
    // and the next reader hashes the segment as it did before notes).
    for (let probes = 1; ; probes++) {
      const clock = clockText(readFsClock(join(this.dir, 'clock')));
      const info = await stat(file, { bigint: true }).catch(() => undefined);
      if (!info || clock === undefined || info.ino !== before.info.ino || info.size !== before.info.size + BigInt(appended)) return;
      if (settledByClock(info, clock)) return this.writeSeen(String(info.ino), { stamp: stampOf(info), clock, length: before.seen.length, sha256: before.seen.sha256 });
      if (probes === PROBES) return;
    }
  }

  /**
   * Saves `chunk`, what a reader decoded of the segment at `inode` past `loaded` (its digest, if
   * it had one): appended to the file when that is exactly `loaded`, else the file is written
   * again whole, `loaded`'s chunks and this one.
   */
  async save(inode: string, chunk: SegmentDigest, loaded: LoadedDigest | undefined): Promise<void> {
    const file = this.fileOf(inode);
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      const encoded = encodeDigest(chunk);
      const appended = loaded && loaded.valid === loaded.size && (await appendIfSame(file, loaded.size, encoded));
      if (appended) return;
      const prefix = loaded?.prefix();
      // (A file that no longer begins with the chunks this chunk follows: left to the next reader, which makes it again.)
      if (!loaded || prefix) writeFileAtomicSync(file, prefix ? Buffer.concat([prefix, encoded]) : encoded);
    } catch {
      // A read-only pool (or a full disk) only loses the shortcut.
    }
  }

  /**
   * Removes the digests, notes, hints and judged rows of segments no longer there (not in `live`):
   * those of a segment folded away, and those a copied pool (a backup restored, `cp -a`: every
   * file a new inode) carries of the original's, ~4.6 MB at 1,000,000 accounts. At every read of
   * the log, not only where a digest is made: a copy's first command may make none (a release).
   */
  async prune(live: readonly string[]): Promise<void> {
    try {
      for (const name of await readdir(this.dir)) {
        const suffix = [SUFFIX, SEEN, PLACES, JUDGED].find((known) => name.endsWith(known));
        if (suffix && !live.includes(name.slice(0, -suffix.length))) await unlink(join(this.dir, name)).catch(() => {});
      }
    } catch {
      // No folder yet, or a read-only pool: nothing to remove, or only space kept.
    }
  }
}

/**
 * Where a segment's records were last found in their home shards' circle indexes (circle-view.ts
 * `open`): `.cache/log/<inode>.lines`, 32-bit line numbers by record row from the segment's first
 * (-1: not known), appended to as the segment grows. Only a hint: a reader takes a line only where
 * the index holds the record's key there, else searches the index (so a hint left by another
 * segment on a reused inode, a hand edit or a garbled file costs that search, never a wrong
 * line). A shard's lines move only when it is folded or edited by hand, and a fold takes its
 * records out of what is pending, so the hints of the records still pending hold.
 */
export class LogPlaces {
  constructor(
    private readonly dir: string,
    private readonly inode: string,
    /** The hints as read (whole 32-bit numbers of the file), of record rows `first` on. */
    readonly lines: Int32Array,
    /** The file's length as read. */
    private readonly size: number,
    /** The first record row `lines` holds: those before it were left unread (`load`'s `from`). */
    readonly first = 0,
  ) {}

  /** The hints of the segment at `inode`; `from`: the reader asks for none before that record row (as log-judged.ts `JudgedFile.load`), which are not read. */
  static async load(dir: string, inode: string, from = 0): Promise<LogPlaces> {
    const file = join(dir, `${inode}${PLACES}`);
    if (from > 0) {
      const rest = useOwnFile(file, (fd, stat) => {
        const size = Number(stat.size);
        if (size > OWN_FILE_MAX || size < 4 * from) return undefined;
        const lines = new Int32Array((size >> 2) - from);
        const bytes = Buffer.from(lines.buffer);
        for (let got = 0; got < bytes.length; ) {
          const n = readSync(fd, bytes, got, bytes.length - got, 4 * from + got);
          if (n === 0) return undefined;
          got += n;
        }
        return new LogPlaces(dir, inode, lines, size, from);
      });
      if (rest) return rest;
    }
    const bytes = await readOwnBytes(file, OWN_FILE_MAX).catch(() => undefined);
    const lines = new Int32Array(bytes ? bytes.length >> 2 : 0);
    if (bytes) Buffer.from(lines.buffer).set(bytes.subarray(0, 4 * lines.length));
    return new LogPlaces(dir, inode, lines, bytes?.length ?? 0);
  }

  /**
   * Saves `all`, every record row's hint now (those before `first` not looked at: left unread,
   * they may be anything): appended past what was read where the file is still that and holds
   * none of the rows past it, else written whole, the rows before `first` as not known.
   */
  async save(all: Int32Array): Promise<void> {
    const first = this.first;
    const had = first + this.lines.length;
    const unchanged = (to: number) => {
      for (let i = first; i < to; i++) if (all[i] !== this.lines[i - first]) return false;
      return true;
    };
    if (all.length <= had && unchanged(all.length)) return;
    const file = join(this.dir, `${this.inode}${PLACES}`);
    const bytes = (from: number) => Buffer.from(all.buffer, all.byteOffset + 4 * from, 4 * (all.length - from));
    try {
      const grown = this.size === 4 * had && all.length > had && unchanged(had);
      if (grown && (await appendIfSame(file, this.size, bytes(had)))) return;
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      if (first === 0) return writeFileAtomicSync(file, bytes(0));
      const whole = new Int32Array(all.length).fill(-1, 0, first);
      whole.set(all.subarray(first), first);
      writeFileAtomicSync(file, Buffer.from(whole.buffer));
    } catch {
      // A read-only pool (or a full disk) only loses the hints.
    }
  }
}

/**
 * Appends `bytes` to `file` when it is still `size` bytes long (as it was read), in one write.
 * Two readers appending the same chunk at once leave a second that does not follow the first:
 * the next reader reads up to it and writes the file again.
 */
export async function appendIfSame(file: string, size: number, bytes: Buffer): Promise<boolean> {
  const handle = await openInPlace(file, constants.O_WRONLY | constants.O_APPEND, () => new Error('not a digest file')).catch(() => undefined);
  if (!handle) return false;
  try {
    if ((await handle.stat()).size !== size) return false;
    await handle.writeFile(bytes);
    return true;
  } finally {
    await handle.close();
  }
}
