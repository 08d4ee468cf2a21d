// What a reader over the circle indexes found of each pending record of a change-log segment in
// its home shard (circle-view.ts `open`): the shard, the line it overrides there, that line's
// standing tuple, and that the line was still the record's base, kept so that the next process
// takes them as they are instead of looking every pending record up again.
//
// Why: at 1,000,000 accounts the log holds ~45,000 pending records in the middle of a fold cycle,
// and every allocation looked each one up in its shard's index (a key read and compared, its
// line's hash compared with the record's base: ~365 ms of a ~2 s allocation in a profile), though
// only the ~800 records the previous allocation appended, and those of the few shards a fold or a
// hand edit changed, can have moved. SQLite's `-shm` wal-index is the same idea (src/wal.c,
// header comment): derived from the log, rebuilt whenever in doubt.
//
// Derived, never the only record of anything, git-ignored, written without the lock or fsync:
//   .cache/log/<inode>.judged   chunks, each a 20-byte head (VERSION, the first record row it
//                               covers, how many, 8 bytes of the sha1 of its rows) and then one
//                               row of 7 32-bit numbers per record row of the segment: where the
//                               record starts in the segment and the hash of its username (the
//                               segment digest's `start` and `keyHash`: which record the row is
//                               of), the shard (its place in the pool's list of shards), the line
//                               (-1: not judged), the line's tuple, and 8 bytes of the shard's
//                               `tagOf` (the sha1 of the shard's bytes the index was made from,
//                               the index's tuple table, the shard's name and the shard count).
//                               Appended to as the segment grows; written whole where a row
//                               already there changes. Named by the segment's inode, as its digest.
// Checked, row by row, against what it was made from: the record at that row now (its start and
// username's hash, from the segment's digest, itself checked by the sha1 of the segment's bytes)
// and the shard's index now (its tag). A row taken is exactly what the lookup would find: a shard
// with the same bytes has its keys on the same lines, the same line hashes, and (with the same
// tuple table) the same tuples; and a record still pending was appended after the shard's last
// fold, so no fold has moved its base since it was judged (a later base line of its account comes
// with a later record, which then is the pending one). A row of another record, a shard folded or
// edited by hand since, another shard count, a chunk cut short or garbled: looked up as before.
import { hash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { constants, readSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicSync } from './atomic-write.js';
import { openInPlace, OWN_FILE_MAX, readOwnBytes, useOwnFile } from './own-file.js';
import { appendIfSame } from './log-digest.js';
import { keyHashOfBytes } from './layout.js';
import { keyOfQuoted } from './shard-codec.js';
import { KEY_MARK } from './byte-lines.js';

export const JUDGED = '.judged';
const VERSION = 0x4a444731; // "JDG1"
const HEAD_BYTES = 20;
/** 32-bit numbers per row. */
export const ROW = 7;
/** The columns of a row. */
export const START = 0;
export const KEY_HASH = 1;
export const SHARD = 2;
export const LINE = 3;
export const TUPLE = 4;
export const TAG_A = 5;
export const TAG_B = 6;

/** The 8 bytes of a shard's identity a judged row is held against, as two 32-bit numbers. */
export function tagOf(shardCount: number, name: string, sha1: string, tuples: unknown): [number, number] {
  const digest = hash('sha1', `${shardCount}\n${name}\n${sha1}\n${JSON.stringify(tuples)}`, 'buffer');
  return [digest.readUInt32LE(0), digest.readUInt32LE(4)];
}

function checkOf(rows: Buffer): Buffer {
  return hash('sha1', rows, 'buffer').subarray(0, 8);
}

/** One chunk: its head and rows. */
function encodeChunk(firstRow: number, rows: Uint32Array): Buffer {
  const body = Buffer.from(rows.buffer, rows.byteOffset, rows.byteLength);
  const head = Buffer.alloc(HEAD_BYTES);
  head.writeUInt32LE(VERSION, 0);
  head.writeUInt32LE(firstRow, 4);
  head.writeUInt32LE(rows.length / ROW, 8);
  checkOf(body).copy(head, 12);
  return Buffer.concat([head, body]);
}

/**
 * The rows a file holds from record row `first` on (its first chunk's; 0: the segment's first): its chunks up to the first cut
 * short, garbled, of another version or not following the one before (two readers appending at
 * once); and how many of the file's bytes those are. `bytes` is reused: the rows are its first bytes
 * afterwards (where it is aligned for them; else they are copied).
 */
export function decodeJudged(bytes: Buffer, first = 0): { rows: Uint32Array; valid: number } {
  // Each body checked, then moved left over the heads before it, so the rows end up whole at the
  // buffer's start and are handed out as a view of it: a copy into a new array was ~2.7 MB of fresh
  // memory in every allocation at 1,000,000 accounts mid fold cycle (~700 page faults on this
  // project's VMs: docs/scale-log.md, stop 48). A body moves only over bytes already read (a head
  // or a body before it), never over the next chunk's head.
  const inPlace = bytes.byteOffset % 4 === 0;
  const bodies: Buffer[] = [];
  let covered = first;
  let at = 0;
  let into = 0;
  while (at + HEAD_BYTES <= bytes.length) {
    const n = bytes.readUInt32LE(at + 8);
    const end = at + HEAD_BYTES + 4 * ROW * n;
    if (bytes.readUInt32LE(at) !== VERSION || bytes.readUInt32LE(at + 4) !== covered || end > bytes.length) break;
    const body = bytes.subarray(at + HEAD_BYTES, end);
    if (!checkOf(body).equals(bytes.subarray(at + 12, at + 20))) break;
    if (inPlace) bytes.copyWithin(into, at + HEAD_BYTES, end);
    else bodies.push(body);
    into += end - at - HEAD_BYTES;
    covered += n;
    at = end;
  }
  if (inPlace) return { rows: new Uint32Array(bytes.buffer, bytes.byteOffset, ROW * (covered - first)), valid: at };
  const rows = new Uint32Array(ROW * (covered - first));
  const target = Buffer.from(rows.buffer);
  let offset = 0;
  for (const body of bodies) {
    target.set(body, offset);
    offset += body.length;
  }
  return { rows, valid: at };
}

/** A segment's judged rows as read (`rows`, from row `first` on), and how to save them again. */
export class JudgedFile {
  private constructor(
    private readonly dir: string,
    private readonly inode: string,
    /** The rows as read (ROW numbers each), of record rows `first` on. */
    readonly rows: Uint32Array,
    /** The file's length as read, and how much of it is whole chunks that follow one another (`rows` and the chunks left unread before them). */
    private readonly size: number,
    private readonly valid: number,
    /** The first record row `rows` holds: those before it were left unread (`load`'s `from`). */
    readonly first = 0,
  ) {}

  /**
   * The judged rows of the segment at `inode`. `from`: the reader asks for no row before it (the
   * rows of records every shard has folded since: change-log.ts `readLog`'s `unreadBefore`), so
   * the chunks that end at or before it are passed over by their heads, one positioned read each,
   * never read or checked: at a fold cycle's end at 1,000,000 accounts they are ~120,000 of the
   * ~230,000 rows (~3.4 MB read and checked into fresh memory in every allocation: docs/scale-log.md,
   * stop 52 A).
   */
  static async load(dir: string, inode: string, from = 0): Promise<JudgedFile> {
    const file = join(dir, `${inode}${JUDGED}`);
    const skipped = from > 0 ? walkChunks(file, from) : undefined;
    if (skipped && skipped.rows > 0) {
      const rest = useOwnFile(file, (fd, stat) => {
        const size = Number(stat.size);
        if (size > OWN_FILE_MAX || size < skipped.bytes) return undefined;
        const bytes = Buffer.allocUnsafeSlow(size - skipped.bytes);
        for (let got = 0; got < bytes.length; ) {
          const n = readSync(fd, bytes, got, bytes.length - got, skipped.bytes + got);
          if (n === 0) return undefined;
          got += n;
        }
        return { bytes, size };
      });
      if (rest) {
        const { rows, valid } = decodeJudged(rest.bytes, skipped.rows);
        return new JudgedFile(dir, inode, rows, rest.size, skipped.bytes + valid, skipped.rows);
      }
    }
    const bytes = await readOwnBytes(file, OWN_FILE_MAX).catch(() => undefined);
    const { rows, valid } = bytes ? decodeJudged(bytes) : { rows: new Uint32Array(0), valid: 0 };
    return new JudgedFile(dir, inode, rows, bytes?.length ?? 0, valid);
  }

  /**
   * Saves `all` (every row of the segment now; those before `first` are not looked at: left
   * unread, they may be anything): appended past what was read where the file is still that and
   * those rows are unchanged, else written whole, the rows before `first` as not judged (they are
   * of records no reader asks for any more, `load`).
   */
  async save(all: Uint32Array): Promise<void> {
    const from = ROW * this.first;
    const had = from + this.rows.length;
    const bytesOf = (rows: Uint32Array) => Buffer.from(rows.buffer, rows.byteOffset, rows.byteLength);
    const same = all.length >= had && bytesOf(all.subarray(from, had)).equals(bytesOf(this.rows));
    if (same && all.length === had) return;
    const file = join(this.dir, `${this.inode}${JUDGED}`);
    try {
      if (same && had > 0 && this.valid === this.size && (await appendIfSame(file, this.size, encodeChunk(had / ROW, all.subarray(had))))) return;
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      let whole = all;
      if (from > 0) {
        whole = new Uint32Array(all.length);
        whole.set(all.subarray(from), from);
        for (let at = LINE; at < from; at += ROW) whole[at] = NONE;
      }
      writeFileAtomicSync(file, encodeChunk(0, whole));
    } catch {
      // A read-only pool (or a full disk) only loses the shortcut.
    }
  }
}

/** What a writer knows of an account it changed: its shard, line, that line's tuple, and the shard's tag (`CircleView.judgedPlace`). */
export type JudgedPlace = readonly [shard: number, line: number, tuple: number, tagA: number, tagB: number];

/**
 * The rows of the entry a writer just appended at `at` to the log segment `logFile` (whose
 * judged rows end at `rowsBefore`, as its own read left them), judged by the writer itself: it
 * knows where each account it changed is (`placeOf`), so the next reader looks up none of them.
 * Read back from the segment (its records' starts and usernames' hashes, as the digest will have
 * them); nothing is written where the judged file is not exactly `rowsBefore` rows long, and a
 * row the writer got wrong is only not taken (the next reader holds each against its record).
 */
export async function judgeAppended(logFile: string, dir: string, at: number, rowsBefore: number, placeOf: (key: string) => JudgedPlace | undefined): Promise<void> {
  try {
    // As the log is always opened (own-file.ts): never through a link or into a FIFO.
    const handle = await openInPlace(logFile, constants.O_RDONLY, (kind) => new Error(`the change log is ${kind}`));
    if (!handle) return;
    let bytes: Buffer;
    let inode: string;
    try {
      const info = await handle.stat({ bigint: true });
      inode = String(info.ino);
      bytes = Buffer.alloc(Number(info.size) - at);
      const { bytesRead } = await handle.read(bytes, 0, bytes.length, at);
      bytes = bytes.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
    const head = ENTRY_COUNT.exec(bytes.toString('latin1', 0, Math.min(bytes.length, 200)));
    if (!head) return;
    const count = Number(head[1]);
    const rows = new Uint32Array(ROW * count);
    let start = bytes.indexOf(10) + 1;
    for (let k = 0; k < count; k++) {
      const end = bytes.indexOf(10, start);
      const mark = bytes.indexOf(KEY_MARK, start);
      if (end < 0 || mark < 0 || mark > end) return;
      const hash = keyHashOfBytes(bytes, start + 1, mark);
      const place = hash === undefined ? undefined : placeOf(keyOfQuoted(bytes.toString('latin1', start, mark + 1)));
      const r = ROW * k;
      rows[r + LINE] = NONE;
      if (place && hash !== undefined) {
        rows[r + START] = at + start;
        rows[r + KEY_HASH] = hash;
        [rows[r + SHARD], rows[r + LINE], rows[r + TUPLE], rows[r + TAG_A], rows[r + TAG_B]] = place;
      }
      start = end + 1;
    }
    if (rows.length === 0) return;
    const name = join(dir, `${inode}${JUDGED}`);
    // Where the file is exactly `rowsBefore` rows in whole chunks, the new chunk is appended by its
    // heads alone: decoding the file (a sha1 and a copy of ~2.7 MB at 1,000,000 accounts mid fold
    // cycle, 13-25 ms of CPU in every allocation) told nothing more. A chunk garbled inside stops
    // every reader before the rows appended after it, which are then only never taken.
    const size = chunkedRows(name);
    if (size && size.rows === rowsBefore && rowsBefore > 0 && (await appendIfSame(name, size.bytes, encodeChunk(rowsBefore, rows)))) return;
    const file = await JudgedFile.load(dir, inode);
    if (file.rows.length !== ROW * rowsBefore) return;
    const all = new Uint32Array(file.rows.length + rows.length);
    all.set(file.rows);
    all.set(rows, file.rows.length);
    await file.save(all);
  } catch {
    // Only a shortcut for the next reader.
  }
}

/**
 * How many record rows the judged file `file` holds in chunks that follow one another by their
 * heads (version, first row, row count; their rows' sha1 not checked) up to its very end, and its
 * length; undefined where it is absent or its heads do not cover it so. Only the heads are read,
 * one positioned read each: the file read whole (~3 MB at 1,000,000 accounts mid fold cycle, one
 * chunk per allocation) put ~700 fresh pages into every allocation for a few hundred head bytes
 * (docs/scale-log.md, stop 49 A1).
 */
function chunkedRows(file: string): { rows: number; bytes: number } | undefined {
  const walked = walkChunks(file);
  return walked && walked.bytes === walked.size ? { rows: walked.rows, bytes: walked.size } : undefined;
}

/**
 * The leading chunks of the judged file `file` that follow one another by their heads and end at
 * or before record row `row` (any: to the file's end), one positioned read a head: how many rows
 * they hold, the bytes they take, and the file's length; undefined where it is absent, too large,
 * or a head there is garbled or does not follow.
 */
function walkChunks(file: string, row = Infinity): { rows: number; bytes: number; size: number } | undefined {
  return useOwnFile(file, (fd, stat) => {
    const size = Number(stat.size);
    if (size > OWN_FILE_MAX) return undefined;
    const head = Buffer.alloc(HEAD_BYTES);
    let covered = 0;
    let at = 0;
    while (at + HEAD_BYTES <= size) {
      if (readSync(fd, head, 0, HEAD_BYTES, at) !== HEAD_BYTES) return undefined;
      const n = head.readUInt32LE(8);
      if (head.readUInt32LE(0) !== VERSION || head.readUInt32LE(4) !== covered) return undefined;
      if (covered + n > row) break;
      covered += n;
      at += HEAD_BYTES + 4 * ROW * n;
    }
    return { rows: covered, bytes: at, size };
  });
}

/** A transaction entry's head (change-log.ts `encodeEntry`): its record count. */
const ENTRY_COUNT = /^#tx [0-9a-f]{16} (\d+)/;
/** A row's line where none is known (-1 as a 32-bit number). */
export const NONE = 0xffffffff;
