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
//   .cache/log/<inode>.digest   a JSON head line, then the columns (binary). Named by the
//                               segment's inode, so that the digest follows the active segment
//                               when the log turns and it becomes the previous one.
// Checked against the bytes it was made from, not their stamp: the head holds the length it
// covers and the sha1 of those bytes, and a reader hashes that part of the segment (one sha1 over
// a few MB, ~2 ms, where the per-entry checks took ~25 ms). A segment grown since (appends) keeps
// its digest, and the entries after it are decoded as before and the digest extended; one cut
// shorter, edited by hand, replaced, or reusing a removed segment's inode does not match, and is
// decoded whole. The head also holds the sha1 of the rest of the digest, so a digest cut short by
// a crash or edited by hand is not read. Missing, garbled, of another version: the segment is decoded whole
// and the digest made again.
import { hash } from 'node:crypto';
import { mkdir, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomicSync } from './atomic-write.js';
import { OWN_FILE_MAX, readOwnBytes } from './own-file.js';

const VERSION = 1;
const SUFFIX = '.digest';

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
}

export interface SegmentDigest {
  /** Bytes covered: whole entries from the segment's start. */
  length: number;
  /** The sha1 of those bytes (hex). */
  sha1: string;
  /** Entries covered, fold entries included. */
  ordinals: number;
  /** Transaction entries covered. */
  entries: number;
  /** History lines covered. */
  eventLines: number;
  /** Each fold entry's shards: [shard name, ordinal], in log order. */
  marks: [string, number][];
  records: DigestRows;
  bases: DigestRows;
  /** The blocks of history lines, one per entry that has them. */
  blocks: DigestRows;
}

interface Head {
  version: number;
  length: number;
  sha1: string;
  ordinals: number;
  entries: number;
  eventLines: number;
  marks: [string, number][];
  rows: [number, number, number];
  /** The sha1 of the rest of the head and the columns: a digest cut short or edited anywhere is not read. */
  check: string;
}

/** The sha1 of `bytes` (hex). */
export function sha1Of(bytes: Uint8Array): string {
  return hash('sha1', bytes, 'hex');
}

function columnsOf(rows: DigestRows, keyed: boolean): ArrayBufferView[] {
  return keyed ? [rows.start, rows.end, rows.ordinal, rows.keyEnd, rows.keyHash] : [rows.start, rows.end, rows.ordinal];
}

/** The digest as its file holds it. */
export function encodeDigest(digest: SegmentDigest): Buffer {
  const parts = [...columnsOf(digest.records, true), ...columnsOf(digest.bases, true), ...columnsOf(digest.blocks, false)];
  const columns = Buffer.concat(parts.map((part) => Buffer.from(part.buffer, part.byteOffset, part.byteLength)));
  const { length, sha1, ordinals, entries, eventLines, marks } = digest;
  const head: Omit<Head, 'check'> = { version: VERSION, length, sha1, ordinals, entries, eventLines, marks, rows: [digest.records.start.length, digest.bases.start.length, digest.blocks.start.length] };
  return Buffer.concat([Buffer.from(`${JSON.stringify({ ...head, check: checkOf(head, columns) })}\n`), columns]);
}

/** The sha1 a digest's head holds of the rest of it. */
function checkOf(head: Omit<Head, 'check'>, columns: Buffer): string {
  return hash('sha1', Buffer.concat([Buffer.from(JSON.stringify(head)), columns]), 'hex');
}

/** A digest file's contents, or undefined when garbled, cut short or of another version (not yet held against a segment: `matches`). */
export function decodeDigest(bytes: Buffer): SegmentDigest | undefined {
  try {
    const newline = bytes.indexOf(10);
    if (newline < 0) return undefined;
    const head = JSON.parse(bytes.toString('utf8', 0, newline)) as Head;
    const { rows } = head;
    const whole = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;
    if (head.version !== VERSION || !whole(head.length) || typeof head.sha1 !== 'string' || !whole(head.ordinals) || !whole(head.entries) || !whole(head.eventLines)) return undefined;
    if (!Array.isArray(rows) || rows.length !== 3 || !rows.every(whole) || !Array.isArray(head.marks)) return undefined;
    if (!head.marks.every((m) => Array.isArray(m) && typeof m[0] === 'string' && whole(m[1]) && m[1] < head.ordinals)) return undefined;
    const columns = bytes.subarray(newline + 1);
    const { check, ...rest } = head;
    if (columns.length !== (rows[0] + rows[1]) * 24 + rows[2] * 12 || checkOf(rest, columns) !== check) return undefined;
    let at = 0;
    const take = <T extends Uint32Array | Float64Array>(make: new (n: number) => T, n: number): T => {
      const column = new make(n);
      const size = n * column.BYTES_PER_ELEMENT;
      Buffer.from(column.buffer).set(columns.subarray(at, at + size));
      at += size;
      return column;
    };
    const read = (n: number, keyed: boolean): DigestRows | undefined => {
      const start = take(Uint32Array, n);
      const end = take(Uint32Array, n);
      const ordinal = take(Uint32Array, n);
      const keyEnd = keyed ? take(Uint32Array, n) : new Uint32Array(0);
      const keyHash = keyed ? take(Float64Array, n) : new Float64Array(0);
      // The rows themselves are not checked one by one (that cost as much as decoding the segment):
      // the head's check says they are as written, and the segment's sha1 that they are of these bytes.
      if (n > 0 && !(end[n - 1]! < head.length && ordinal[n - 1]! < head.ordinals)) return undefined;
      return { start, end, ordinal, keyEnd, keyHash };
    };
    const records = read(rows[0], true);
    const bases = read(rows[1], true);
    const blocks = read(rows[2], false);
    if (!records || !bases || !blocks) return undefined;
    const { length, sha1, ordinals, entries, eventLines, marks } = head;
    return { length, sha1, ordinals, entries, eventLines, marks, records, bases, blocks };
  } catch {
    return undefined;
  }
}

/** Whether `digest` was made from the first bytes of `segment` (as it is now: perhaps longer). */
export function matches(digest: SegmentDigest, segment: Buffer): boolean {
  return digest.length <= segment.length && sha1Of(segment.subarray(0, digest.length)) === digest.sha1;
}

/** Where the digests live (.cache/log), and how one is read and saved. */
export class LogDigests {
  constructor(private readonly dir: string) {}

  private fileOf(inode: string): string {
    return join(this.dir, `${inode}${SUFFIX}`);
  }

  /** The digest of the segment at inode `inode` whose bytes are now `segment`, if there is one made from them. */
  async load(inode: string | undefined, segment: Buffer): Promise<SegmentDigest | undefined> {
    if (inode === undefined || segment.length === 0) return undefined;
    // Read as the other caches are (own-file.ts): never through a link, a FIFO or a file of gigabytes.
    const bytes = await readOwnBytes(this.fileOf(inode), OWN_FILE_MAX).catch(() => undefined);
    const digest = bytes && decodeDigest(bytes);
    return digest && matches(digest, segment) ? digest : undefined;
  }

  /** Saves the digest of the segment at `inode`, and removes those of segments no longer there (not in `live`). */
  async save(inode: string, digest: SegmentDigest, live: readonly string[]): Promise<void> {
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      writeFileAtomicSync(this.fileOf(inode), encodeDigest(digest));
      for (const name of await readdir(this.dir)) {
        if (name.endsWith(SUFFIX) && !live.includes(name.slice(0, -SUFFIX.length))) await unlink(join(this.dir, name)).catch(() => {});
      }
    } catch {
      // A read-only pool (or a full disk) only loses the shortcut.
    }
  }
}
