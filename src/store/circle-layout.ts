// The bytes of a circle index file (circle-index.ts reads them, circle-build.ts and the fold make
// them): a 4-byte header length, the JSON header (Head), padding to 8, the block (the circle's
// front and the held lines, FRONT), then the parts (PARTS), each padded to 8; how the header is
// checked, and the text blobs and typed columns the parts hold.
import { hash } from 'node:crypto';
import type { CircleTuple } from './circle-tuple.js';

export const VERSION = 4; // 4: read part by part, with a front block and counts per tuple (3: `odd` marks Google names without @)

/** What the columns file's header says. */
export interface Head {
  version: number;
  name: string;
  sha1: string;
  /** Every line canonical, keys strictly increasing (else no columns: only the whole read can choose). */
  sortedLines: boolean;
  size: number;
  /** Keys on lines whose name hashes to another shard (moved by hand), with their line index. */
  strays: [string, number][];
  /**
   * Each key spelled otherwise than written (account-spelling.ts spellingOf) as its spelling's
   * hash (spellingHash) and line index, pairs of 32-bit little-endian numbers in order of hash,
   * base64: where a second spelling of an account can be. Not names: a shard of Gmail addresses
   * with dots lists every key, and the header is parsed at every load (as JSON numbers they cost
   * a 100,000-account pool 40 ms a process). A line index with GOOGLE_LINE set is a Google
   * account's: the spelling of a name without @ depends on its provider, which the index keeps
   * nowhere else.
   */
  odd: string;
  tuples: CircleTuple[];
  keyBytes: number;
  allocatedBytes: number;
  /** Lines per tuple: the tallies without reading the tuple part. */
  counts: number[];
  /** The circle's first entries in the block (FRONT at most): its places 0 .. front - 1. */
  front: number;
  /** Entries in the block: the front, then the held lines not in it (where `heldInBlock`), and its text blobs' lengths. */
  block: number;
  /** Every line whose tuple names a holder is in the block (false: too many, `heldBy` reads the tuple part). */
  heldInBlock: boolean;
  blockKeyBytes: number;
  blockAllocatedBytes: number;
  /** Every key and allocated_at is ASCII (byte offsets are then string offsets). */
  ascii: boolean;
  /** The shard file's length (`starts`' last entry): what a fold of it reads, without the starts part. */
  shardBytes: number;
}

/** What `encode` is given of a header: the rest it works out from the columns. */
export type HeadGiven = Omit<Head, 'size' | 'keyBytes' | 'allocatedBytes' | 'counts' | 'front' | 'block' | 'heldInBlock' | 'blockKeyBytes' | 'blockAllocatedBytes' | 'ascii' | 'shardBytes'>;

/** Set in an `odd` pair's line index where the account is a Google one (see Head.odd). */
export const GOOGLE_LINE = 0x80000000;

/** A spelling as a 32-bit number (FNV-1a over its UTF-16 units): how `odd` lists it. */
export function spellingHash(spelling: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < spelling.length; i++) h = Math.imul(h ^ spelling.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The 8 bytes of a line's sha1 the index keeps, as hex. */
export function lineHash(line: string): string {
  return hash('sha1', line, 'hex').slice(0, 16);
}

/** Item `i` of a blob cut at `ends`: sliced from its decoded text where that is ASCII (a decode per item cost most of a lookup). */
export function textAt(blob: Buffer, ends: Int32Array, i: number, ascii: string | null): string {
  const from = i === 0 ? 0 : ends[i - 1]!;
  return ascii !== null ? ascii.slice(from, ends[i]!) : blob.toString('utf8', from, ends[i]!);
}

/** Texts as one blob (their UTF-8 bytes one after the other), where each ends in it, and whether every byte is ASCII. */
export interface TextBlob {
  bytes: Buffer;
  ends: Int32Array;
  ascii: boolean;
}

/** Texts as one blob and where each ends in it (one encoding of the whole: a Buffer per text cost most of an encode). */
export function blobOf(texts: readonly string[]): TextBlob {
  const text = texts.join('');
  const bytes = Buffer.from(text);
  const ascii = bytes.length === text.length; // else some text took more bytes than characters
  let end = 0;
  return { bytes, ends: Int32Array.from(texts, (t) => (end += ascii ? t.length : Buffer.byteLength(t))), ascii };
}

/** `length` bytes at `at` of `bytes`, where a typed array of `align`-byte items can sit (copied where they do not). */
export function aligned(bytes: Buffer, at: number, length: number, align: number): Buffer {
  const part = bytes.subarray(at, at + length);
  return part.byteOffset % align === 0 ? part : Buffer.from(part);
}

export function f64(bytes: Buffer, at: number, count: number): Float64Array {
  const b = aligned(bytes, at, 8 * count, 8);
  return new Float64Array(b.buffer, b.byteOffset, count);
}

export function i32(bytes: Buffer, at: number, count: number): Int32Array {
  const b = aligned(bytes, at, 4 * count, 4);
  return new Int32Array(b.buffer, b.byteOffset, count);
}

export const pad8 = (n: number) => (n + 7) & ~7;

/**
 * At most this many entries of the circle's front are kept in the block after the header: an
 * allocation takes a few accounts from the front of each shard's circle (400 over 256 shards at
 * 1,000,000 accounts) and finds all it needs of them there (where the line is, its hash, key,
 * tuple, allocated_at), so the columns of the whole shard are read only where something else asks.
 * 512, not 128: late in a fold cycle a shard's first ~195 lines (at 1,000,000) are handed out and
 * pending in the log, hidden, and a front of 128 sent every allocation past the block into the
 * parts of all 256 indexes (docs/scale-log.md, stops 36-37). `frontOf` keeps it an eighth.
 */
export const FRONT = 512;

/**
 * How many entries of a shard of `n` lines the block may hold: of the circle's front, and of the
 * held lines (a tuple with a holder) besides, each at most an eighth of the shard (16 at least).
 * The held lines, because an allocation gives back its instance's accounts, spread over every
 * shard (a shard mostly held lists none: its tuple part is read instead). An eighth, because the
 * block repeats what the parts hold: a small shard's index (whose file is read whole anyway,
 * PREFIX_BYTES) would double, and a fold's budget counts the index files it writes (measured at
 * 10,000 accounts with a front of 128 of a shard's ~156 lines: fewer shards folded per
 * allocation, more records pending, +13 % CPU).
 */
export function blockShare(n: number): number {
  return Math.min(n, Math.max(16, Math.ceil(n / 8)));
}

export function frontOf(n: number): number {
  return Math.min(FRONT, blockShare(n));
}

/** What `load` reads of every index at first: the header and block of a shard of a few thousand accounts, and the whole index of a small one. */
export const PREFIX_BYTES = 32 * 1024;

/** The parts after the front block, in file order, each read whole when first asked for (each a multiple of 8 bytes). */
export const PARTS = ['tuple', 'starts', 'hashes', 'keys', 'circle'] as const;
export type PartName = (typeof PARTS)[number];

export function partLengths(n: number, keyBytes: number, allocatedBytes: number): Record<PartName, number> {
  return {
    tuple: pad8(4 * n),
    starts: pad8(4 * (n + 1)),
    hashes: 8 * n,
    keys: pad8(4 * n + keyBytes), // the key ends, then the keys
    circle: pad8(16 * n + allocatedBytes), // seq, order, allocated_at ends, then the allocated_at texts
  };
}

export function frontLength(front: number, keyBytes: number, allocatedBytes: number): number {
  return pad8(40 * front + keyBytes + allocatedBytes); // seq, line, tuple, start, end, key end, allocated end, hash
}

/** The line of `key` among sorted keys (a blob cut at `ends`, decoded in `ascii` where it is ASCII), or -1. */
export function findText(text: Buffer, ends: Int32Array, ascii: string | null, key: string): number {
  let lo = 0;
  let hi = ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (textAt(text, ends, mid, ascii) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo < ends.length && textAt(text, ends, lo, ascii) === key ? lo : -1;
}

/** The front of an index's circle, from its block (see FRONT). */
export interface Front {
  seq: Float64Array;
  /** The line of each entry, in circle order. */
  line: Int32Array;
  tuple: Int32Array;
  start: Int32Array;
  /** Where the line ends (the start of the next line in the file). */
  end: Int32Array;
  keyEnds: Int32Array;
  allocatedEnds: Int32Array;
  hashes: Buffer;
  keyText: Buffer;
  allocatedText: Buffer;
}

export function decodeFront(head: Head, block: Buffer): Front {
  const f = head.block;
  const seq = f64(block, 0, f);
  const ints = Array.from({ length: 6 }, (_, k) => i32(block, 8 * f + 4 * f * k, f));
  const [line, tuple, start, end, keyEnds, allocatedEnds] = ints as [Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array];
  let at = 32 * f;
  const hashes = block.subarray(at, (at += 8 * f));
  const keyText = block.subarray(at, (at += head.blockKeyBytes));
  const allocatedText = block.subarray(at, (at += head.blockAllocatedBytes));
  return { seq, line, tuple, start, end, keyEnds, allocatedEnds, hashes, keyText, allocatedText };
}

/** Whether `ends` are the ends of texts in a blob of `bytes` bytes. */
export function endsHold(ends: Int32Array, bytes: number): boolean {
  let last = 0;
  for (let i = 0; i < ends.length; i++) {
    if (!(ends[i]! >= last)) return false;
    last = ends[i]!;
  }
  return last === bytes;
}

/** Items `lines` of `blob`, in that order, as a blob of their own (their bytes copied, none decoded). */
function picked(blob: TextBlob, lines: readonly number[]): Omit<TextBlob, 'ascii'> {
  const ends = new Int32Array(lines.length);
  const pieces: Buffer[] = new Array(lines.length);
  let end = 0;
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]!;
    const from = line === 0 ? 0 : blob.ends[line - 1]!;
    pieces[k] = blob.bytes.subarray(from, blob.ends[line]!);
    ends[k] = end += pieces[k]!.length;
  }
  return { bytes: Buffer.concat(pieces, end), ends };
}

/**
 * The file: a 4-byte header length, the header, padding to 8, the front block (FRONT), then the
 * parts (PARTS), each padded to 8. The keys and allocated_at texts as strings (an undefined
 * allocated_at is an empty text), or as blobs already made (a fold carries them over from the
 * old index's bytes: circle-fold.ts), which give the same bytes.
 */
export function encodeCircle(head: HeadGiven, columns: { seq: ArrayLike<number>; tuple: ArrayLike<number>; starts: ArrayLike<number>; order: ArrayLike<number>; keys: string[] | TextBlob; allocated: (string | undefined)[] | TextBlob; hashes: Buffer }): Buffer {
  const keys = Array.isArray(columns.keys) ? blobOf(columns.keys) : (columns.keys as TextBlob);
  const allocated = Array.isArray(columns.allocated) ? blobOf(columns.allocated.map((a) => a ?? '')) : (columns.allocated as TextBlob);
  const n = keys.ends.length;
  const counts = new Array<number>(head.tuples.length).fill(0);
  for (let i = 0; i < n; i++) counts[columns.tuple[i]!]!++;
  const f = frontOf(n);
  const firstLines = Array.from({ length: f }, (_, p) => columns.order[p]!);
  const first = new Set(firstLines);
  const holds = head.tuples.map(([, , , , holder]) => holder !== null);
  const held: number[] = [];
  for (let line = 0; line < n; line++) if (holds[columns.tuple[line]!]) held.push(line);
  const heldInBlock = held.length <= blockShare(n);
  if (heldInBlock) for (const line of held) if (!first.has(line)) firstLines.push(line);
  const frontKeys = picked(keys, firstLines);
  const frontAllocated = picked(allocated, firstLines);
  const full: Head = {
    ...head,
    size: n,
    keyBytes: keys.bytes.length,
    allocatedBytes: allocated.bytes.length,
    counts,
    front: f,
    block: firstLines.length,
    heldInBlock,
    blockKeyBytes: frontKeys.bytes.length,
    blockAllocatedBytes: frontAllocated.bytes.length,
    ascii: keys.ascii && allocated.ascii,
    shardBytes: columns.starts[n]!,
  };
  const headText = Buffer.from(JSON.stringify(full));
  const pad = (8 - ((4 + headText.length) % 8)) % 8;
  const prefix = Buffer.alloc(4 + headText.length + pad, 0x20);
  prefix.writeUInt32LE(headText.length + pad, 0);
  headText.copy(prefix, 4);
  const typed = (array: Float64Array | Int32Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  const padded = (parts: Buffer[]) => {
    const length = parts.reduce((sum, b) => sum + b.length, 0);
    return [...parts, Buffer.alloc(pad8(length) - length)];
  };
  const hashOf = (line: number) => columns.hashes.subarray(8 * line, 8 * line + 8);
  return Buffer.concat([
    prefix,
    ...padded([
      typed(Float64Array.from(firstLines, (line) => columns.seq[line]!)),
      typed(Int32Array.from(firstLines)),
      typed(Int32Array.from(firstLines, (line) => columns.tuple[line]!)),
      typed(Int32Array.from(firstLines, (line) => columns.starts[line]!)),
      typed(Int32Array.from(firstLines, (line) => columns.starts[line + 1]!)),
      typed(frontKeys.ends),
      typed(frontAllocated.ends),
      ...firstLines.map(hashOf),
      frontKeys.bytes,
      frontAllocated.bytes,
    ]),
    ...padded([typed(Int32Array.from(columns.tuple))]),
    ...padded([typed(Int32Array.from(columns.starts))]),
    columns.hashes,
    ...padded([typed(keys.ends), keys.bytes]),
    ...padded([typed(Float64Array.from(columns.seq)), typed(Int32Array.from(columns.order)), typed(allocated.ends), allocated.bytes]),
  ]);
}

/** The header of an index file and where it ends, if `prefix` (the file's first bytes) holds one made for `sighting`. */
export function headIn(prefix: Buffer, sighting: { name: string; sha1: string }): { head: Head; frontAt: number } | undefined {
  try {
    const headLength = prefix.readUInt32LE(0);
    if (4 + headLength > prefix.length) return undefined;
    const head = JSON.parse(prefix.toString('utf8', 4, 4 + headLength)) as Head;
    if (head.version !== VERSION || head.name !== sighting.name || head.sha1 !== sighting.sha1) return undefined;
    const counts = (x: unknown) => Number.isInteger(x) && (x as number) >= 0;
    if (!counts(head.size) || !Array.isArray(head.strays) || typeof head.odd !== 'string' || !Array.isArray(head.tuples) || !head.tuples.every((t) => Array.isArray(t) && t.length === 6)) return undefined;
    if (![head.keyBytes, head.allocatedBytes, head.shardBytes, head.front, head.block, head.blockKeyBytes, head.blockAllocatedBytes].every(counts) || head.front !== frontOf(head.size) || head.block < head.front || head.block > head.size) return undefined;
    if (typeof head.ascii !== 'boolean' || typeof head.heldInBlock !== 'boolean') return undefined;
    if (!Array.isArray(head.counts) || head.counts.length !== head.tuples.length || !head.counts.every(counts) || head.counts.reduce((a, b) => a + b, 0) !== head.size) return undefined;
    return { head, frontAt: 4 + headLength };
  } catch {
    return undefined;
  }
}
