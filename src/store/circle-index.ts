// One shard's accounts as allocate's selection reads them: per line its key, standing (model.ts
// STANDING_FIELDS, the password reduced to whether there is one), allocated_at, import number,
// where the line starts in the file and a hash of it, and the lines in circle order
// (src/circle-order.ts). With it an allocation chooses the least recently used accounts without
// reading, hashing or decoding a shard that has not changed since (circle-view.ts), and reads
// only the lines of the accounts it takes.
//
// Derived, never the only record of anything, git-ignored, written without the lock or fsync:
//   .cache/circle/<shard>.idx   the columns, binary (typed arrays and two text blobs read in
//                               place: parsing 100,000 rows of JSON per allocation, and the
//                               garbage it left, cost more than choosing), named by the sha1
//                               of the shard bytes it was made from;
//   .cache/circle/<shard>.json  that sha1, the shard's stat stamp and when (ms) that stamp was last
//                               seen with those bytes (checked as the standings summaries are:
//                               pool-standings.ts `settled`), the file system's clock read
//                               before that stat (fs-clock.ts), and the shard count. Small, so
//                               that a new sighting does not rewrite the columns.
//   .cache/circle/clock         one byte, written to read the file system's clock (fs-clock.ts).
// Missing, garbled, of another version, of other bytes or another shard count: made again from
// the shard. Passwords never go into it.
import { mkdir } from 'node:fs/promises';
import { readOwnFile, readOwnPrefix, readOwnPart } from './own-file.js';
import { unlinkSync } from 'node:fs';
import { hash } from 'node:crypto';
import { join } from 'node:path';
import type { CircleStanding, Standing } from '../model.js';
import { byKey, circleOrder } from '../circle-order.js';
import { trustedLineSeq } from './shard-codec.js';
import type { ShardState } from './shard-state.js';
import { writeFileAtomicSync } from './atomic-write.js';
import { spellingNeedsProvider, spellingOf } from '../account-spelling.js';
import { SharedFsClock } from './fs-clock.js';

const VERSION = 4; // 4: read part by part, with a front block and counts per tuple (3: `odd` marks Google names without @)

/** [has a password (1/0), level, state, available_at, holder, held_until], null where absent. */
export type CircleTuple = [number, unknown, unknown, unknown, unknown, unknown];

/** Where and when the shard was last seen with the bytes an index was made from (the small file). */
export interface Sighting {
  version: number;
  name: string;
  sha1: string;
  shards: number;
  stamp: string;
  checkedAt: number;
  /** The file system's clock read before that stat (fs-clock.ts `clockText`), where it could be. */
  clock?: string;
}

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

export function tupleOfStanding(s: Standing): CircleTuple {
  return [s.password === undefined ? 0 : 1, s.level, s.state, s.available_at ?? null, s.holder ?? null, s.held_until ?? null];
}

/** The standing a tuple stands for (an empty password where there is one: only its presence counts), with `allocated_at`. */
export function circleStandingOf([password, level, state, available_at, holder, held_until]: CircleTuple, allocated: string | undefined): CircleStanding {
  const s = { level, state } as CircleStanding;
  if (password) s.password = '';
  if (available_at !== null) s.available_at = available_at as string;
  if (allocated !== undefined) s.allocated_at = allocated;
  if (holder !== null) s.holder = holder as string;
  if (held_until !== null) s.held_until = held_until as string;
  return s;
}

/** Set in an `odd` pair's line index where the account is a Google one (see Head.odd). */
const GOOGLE_LINE = 0x80000000;

/** The spelling of the key `key` at line `line` of a shard (whose provider `providerAt` reads), and how `odd` lists that line. */
function oddEntry(key: string, providerAt: () => string): { spelling: string; line: number } {
  const google = spellingNeedsProvider(key) && providerAt() === 'google';
  return { spelling: spellingOf(key, google ? 'google' : undefined), line: google ? GOOGLE_LINE : 0 };
}

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
function textAt(blob: Buffer, ends: Int32Array, i: number, ascii: string | null): string {
  const from = i === 0 ? 0 : ends[i - 1]!;
  return ascii !== null ? ascii.slice(from, ends[i]!) : blob.toString('utf8', from, ends[i]!);
}

/** Texts as one blob and where each ends in it (one encoding of the whole: a Buffer per text cost most of an encode). */
function blobOf(texts: readonly string[]): { bytes: Buffer; ends: Int32Array; ascii: boolean } {
  const text = texts.join('');
  const bytes = Buffer.from(text);
  const ascii = bytes.length === text.length; // else some text took more bytes than characters
  let end = 0;
  return { bytes, ends: Int32Array.from(texts, (t) => (end += ascii ? t.length : Buffer.byteLength(t))), ascii };
}

/** An account read from its shard did not match the index it was chosen from, or an index part did not check: the caller reads the whole pool. */
export class StaleCircle extends Error {}

/**
 * An index file that is not one `of` (or the fold) wrote: a part that does not check, a file of
 * another length than its header says, one replaced since its header was read. The caller reads
 * the whole pool instead (circle-view.ts: a StaleCircle), and the next look makes the index again
 * (its sighting is dropped).
 */
export class GarbledCircle extends StaleCircle {
  constructor(shard: string, what = 'is garbled') {
    super(`the circle index of shard ${shard} ${what}`);
  }
}

/** A circle index whose list of odd keys is not one `of` wrote (see ShardCircle.odd). */
export class GarbledOdd extends GarbledCircle {
  constructor(shard: string) {
    super(shard, 'lists keys it does not hold');
  }
}

/**
 * Where an index's parts come from: the whole file in memory (just made, or carried over a fold),
 * or the file, read part by part when first asked for (`read`: bytes at an offset, in a buffer of
 * their own). Either throws GarbledCircle where it cannot give what the header promised.
 */
interface PartSource {
  /** `into`: a buffer to read into (at least `length` long) where the part is not to be kept. */
  read(offset: number, length: number, into?: Buffer): Buffer;
  /** A part did not check: the next look makes the index again. */
  garbled(): void;
}

/** `length` bytes at `at` of `bytes`, where a typed array of `align`-byte items can sit (copied where they do not). */
function aligned(bytes: Buffer, at: number, length: number, align: number): Buffer {
  const part = bytes.subarray(at, at + length);
  return part.byteOffset % align === 0 ? part : Buffer.from(part);
}

function f64(bytes: Buffer, at: number, count: number): Float64Array {
  const b = aligned(bytes, at, 8 * count, 8);
  return new Float64Array(b.buffer, b.byteOffset, count);
}

function i32(bytes: Buffer, at: number, count: number): Int32Array {
  const b = aligned(bytes, at, 4 * count, 4);
  return new Int32Array(b.buffer, b.byteOffset, count);
}

const pad8 = (n: number) => (n + 7) & ~7;

/**
 * At most this many entries of the circle's front are kept in the block after the header: an
 * allocation takes a few accounts from the front of each shard's circle (400 over 256 shards at
 * 1,000,000 accounts) and finds all it needs of them there (where the line is, its hash, key,
 * tuple, allocated_at), so the columns of the whole shard are read only where something else asks.
 */
const FRONT = 128;

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
function blockShare(n: number): number {
  return Math.min(n, Math.max(16, Math.ceil(n / 8)));
}

function frontOf(n: number): number {
  return Math.min(FRONT, blockShare(n));
}

/** What `load` reads of every index at first: the header and block of a shard of a few thousand accounts, and the whole index of a small one. */
const PREFIX_BYTES = 32 * 1024;

/** The parts after the front block, in file order, each read whole when first asked for (each a multiple of 8 bytes). */
const PARTS = ['tuple', 'starts', 'hashes', 'keys', 'circle'] as const;
type PartName = (typeof PARTS)[number];

function partLengths(n: number, keyBytes: number, allocatedBytes: number): Record<PartName, number> {
  return {
    tuple: pad8(4 * n),
    starts: pad8(4 * (n + 1)),
    hashes: 8 * n,
    keys: pad8(4 * n + keyBytes), // the key ends, then the keys
    circle: pad8(16 * n + allocatedBytes), // seq, order, allocated_at ends, then the allocated_at texts
  };
}

function frontLength(front: number, keyBytes: number, allocatedBytes: number): number {
  return pad8(40 * front + keyBytes + allocatedBytes); // seq, line, tuple, start, end, key end, allocated end, hash
}

/** Buffers `borrow` reads parts into, one per part, reused from shard to shard (grown as needed, never given back). */
const SCRATCH: Partial<Record<PartName, Buffer>> = {};

/** The line of `key` among sorted keys (a blob cut at `ends`, decoded in `ascii` where it is ASCII), or -1. */
function findText(text: Buffer, ends: Int32Array, ascii: string | null, key: string): number {
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
interface Front {
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
  /** Entry by line. */
  at: Map<number, number>;
}

function decodeFront(head: Head, block: Buffer): Front {
  const f = head.block;
  const seq = f64(block, 0, f);
  const ints = Array.from({ length: 6 }, (_, k) => i32(block, 8 * f + 4 * f * k, f));
  const [line, tuple, start, end, keyEnds, allocatedEnds] = ints as [Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array];
  let at = 32 * f;
  const hashes = block.subarray(at, (at += 8 * f));
  const keyText = block.subarray(at, (at += head.blockKeyBytes));
  const allocatedText = block.subarray(at, (at += head.blockAllocatedBytes));
  return { seq, line, tuple, start, end, keyEnds, allocatedEnds, hashes, keyText, allocatedText, at: new Map(Array.from(line, (l, p) => [l, p])) };
}

/** Whether `ends` are the ends of texts in a blob of `bytes` bytes. */
function endsHold(ends: Int32Array, bytes: number): boolean {
  let last = 0;
  for (let i = 0; i < ends.length; i++) {
    if (!(ends[i]! >= last)) return false;
    last = ends[i]!;
  }
  return last === bytes;
}

/** The parts of one index, read as asked. */
interface Parts {
  tuple?: Int32Array;
  starts?: Int32Array;
  hashes?: Buffer;
  /** `ascii`: the blob decoded (where it is ASCII; null where not), on first use. */
  keys?: { ends: Int32Array; text: Buffer; ascii?: string | null };
  circle?: { seq: Float64Array; order: Int32Array; allocatedEnds: Int32Array; allocatedText: Buffer; ascii?: string | null };
}

/**
 * One shard's index. Only the header and the front block are read when it is loaded; each other
 * part (PARTS) is read whole, and checked, the first time something asks for it: at 1,000,000
 * accounts every allocation read all 256 files whole (46 MB, a quarter of its CPU, most of it the
 * kernel handing out fresh pages), where it needs the fronts and, for the log's records, keys.
 */
export class ShardCircle {
  private readonly front: Front;
  private parts: Parts = {};
  /** Where part `k` (PARTS) starts in the file. */
  private readonly partAt: Record<PartName, number>;
  private readonly lengths: Record<PartName, number>;
  private oddPairs: Uint32Array | undefined;

  private constructor(
    readonly head: Head,
    readonly sighting: Sighting,
    front: Buffer,
    /** Where the parts start (after the header and the front block). */
    partsAt: number,
    private readonly source: PartSource,
    /** The file's length: what saving this index again writes. */
    readonly fileBytes: number,
  ) {
    this.front = decodeFront(head, front);
    this.lengths = partLengths(head.size, head.keyBytes, head.allocatedBytes);
    let at = partsAt;
    const partAt = {} as Record<PartName, number>;
    for (const part of PARTS) {
      partAt[part] = at;
      at += this.lengths[part];
    }
    this.partAt = partAt;
    if (at !== fileBytes) throw new GarbledCircle(head.name, 'is not as long as its header says');
    // The front checked as `read` checks the parts: every entry a line of the shard, of a known tuple.
    const { line, tuple, start, end } = this.front;
    const n = head.size;
    const tuples = head.tuples.length;
    const holds = head.tuples.map(([, , , , holder]) => holder !== null);
    let held = 0;
    for (let p = 0; p < head.block; p++) {
      if (!(line[p]! >= 0 && line[p]! < n && tuple[p]! >= 0 && tuple[p]! < tuples && start[p]! > 0 && start[p]! < end[p]!)) throw new GarbledCircle(head.name);
      if (holds[tuple[p]!]) held++;
      else if (p >= head.front) throw new GarbledCircle(head.name); // past the front, only held lines
    }
    // Where the block lists the held lines, it lists every one the header counts.
    if (head.heldInBlock && held !== head.counts.reduce((sum, c, t) => sum + (holds[t] ? c : 0), 0)) throw new GarbledCircle(head.name);
    if (this.front.at.size !== head.block || !endsHold(this.front.keyEnds, head.blockKeyBytes) || !endsHold(this.front.allocatedEnds, head.blockAllocatedBytes)) throw new GarbledCircle(head.name);
  }

  /** Part `name`, read and checked on first use (a part that does not check: GarbledCircle). */
  private read<K extends PartName>(name: K): NonNullable<Parts[K]> {
    const known = this.parts[name];
    if (known) return known as NonNullable<Parts[K]>;
    const part = this.parse(name, this.source.read(this.partAt[name], this.lengths[name]));
    (this.parts as Record<PartName, unknown>)[name] = part;
    return part;
  }

  /** Part `name` as read already, else read into a buffer reused from shard to shard (SCRATCH) and not kept. */
  private borrow<K extends PartName>(name: K): NonNullable<Parts[K]> {
    const known = this.parts[name];
    if (known) return known as NonNullable<Parts[K]>;
    const length = this.lengths[name];
    let into = SCRATCH[name];
    if (!into || into.length < length) into = SCRATCH[name] = Buffer.allocUnsafeSlow(Math.max(length, 2 * (into?.length ?? 0)));
    return this.parse(name, this.source.read(this.partAt[name], length, into));
  }

  /** Part `name` of `bytes`, checked (a part that does not check: GarbledCircle, and the next look makes the index again). */
  private parse<K extends PartName>(name: K, bytes: Buffer): NonNullable<Parts[K]> {
    const n = this.size;
    let part: Parts[PartName];
    let fine = true;
    if (name === 'tuple') {
      const tuple = i32(bytes, 0, n);
      // Each line of a tuple of the header, and as many of each as the header counts.
      const counts = new Array<number>(this.head.tuples.length).fill(0);
      for (let i = 0; i < n; i++) counts[tuple[i]!]!++; // indexed, locals: runs once per line, before the JIT compiles it
      fine = counts.length === this.head.counts.length && counts.every((c, t) => c === this.head.counts[t]);
      part = tuple;
    } else if (name === 'starts') {
      const starts = i32(bytes, 0, n + 1);
      for (let i = 0; i < n && fine; i++) fine = starts[i]! > 0 && starts[i]! < starts[i + 1]!;
      part = starts;
    } else if (name === 'hashes') {
      part = bytes.subarray(0, 8 * n);
    } else if (name === 'keys') {
      const ends = i32(bytes, 0, n);
      const text = bytes.subarray(4 * n, 4 * n + this.head.keyBytes);
      fine = endsHold(ends, this.head.keyBytes);
      part = { ends, text };
    } else {
      const seq = f64(bytes, 0, n);
      const order = i32(bytes, 8 * n, n);
      const allocatedEnds = i32(bytes, 12 * n, n);
      const allocatedText = bytes.subarray(16 * n, 16 * n + this.head.allocatedBytes);
      for (let p = 0; p < n && fine; p++) fine = order[p]! >= 0 && order[p]! < n;
      fine &&= endsHold(allocatedEnds, this.head.allocatedBytes);
      part = { seq, order, allocatedEnds, allocatedText };
    }
    if (!fine) {
      this.source.garbled();
      throw new GarbledCircle(this.head.name);
    }
    return part as NonNullable<Parts[K]>;
  }

  /**
   * Each of `keys` this shard holds, `found` with its line, that line's tuple and whether its hash
   * is a given one: what the change log's pending records need of their shards (circle-view.ts
   * `open`). Parts not read yet are borrowed (`borrow`), not kept: at 1,000,000 accounts the
   * records name lines of every shard, and keeping those parts was most of what an allocation read.
   * `hints[k]`: the line where `keys[k]` was last found (change-log.ts `placeOf`, -1: none), taken
   * where this index holds that very key there (keys are unique and sorted: what the search finds);
   * the keys are decoded whole for a search only where some hint misses.
   */
  lookUp(keys: readonly string[], hints: ArrayLike<number> | undefined, found: (k: number, line: number, tuple: number, hashIs: (hash: Buffer) => boolean) => void): void {
    const n = this.size;
    if (n === 0 || keys.length === 0) return;
    const { ends, text } = this.borrow('keys');
    let ascii: string | null | undefined; // decoded once for all the searches: compared natively
    const tuple = this.borrow('tuple');
    const hashes = this.borrow('hashes');
    let line = -1;
    const hashIs = (hash: Buffer) => hashes.compare(hash, 0, 8, 8 * line, 8 * line + 8) === 0;
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      const hint = hints ? hints[k]! : -1;
      if (hint >= 0 && hint < n && textAt(text, ends, hint, null) === key) line = hint;
      else {
        if (ascii === undefined) ascii = this.head.ascii ? text.toString('latin1', 0, this.head.keyBytes) : null;
        line = findText(text, ends, ascii, key);
      }
      if (line >= 0) found(k, line, tuple[line]!, hashIs);
    }
  }

  /** Every part read and checked now (GarbledCircle where one does not check). */
  readAll(): void {
    for (const part of PARTS) this.read(part);
  }

  /** Import number per line. */
  get seq(): Float64Array {
    return this.read('circle').seq;
  }

  /** Standing tuple per line (an index into `head.tuples`). */
  get tuple(): Int32Array {
    return this.read('tuple');
  }

  /** Byte offset of each line in the shard file, then the file's length. */
  get starts(): Int32Array {
    return this.read('starts');
  }

  /** Line indexes in circle order. */
  get order(): Int32Array {
    return this.read('circle').order;
  }

  /** The 8-byte line hashes, line after line (`hashAt`). */
  get hashes(): Buffer {
    return this.read('hashes');
  }

  /** Accounts per tuple (the header's count: no column read). */
  get counts(): readonly number[] {
    return this.head.counts;
  }

  /** Where line `line` is in the front block, where its part is not read yet (-1: not there, or read). */
  private inFront(line: number, part: PartName): number {
    return this.parts[part] !== undefined ? -1 : (this.front.at.get(line) ?? -1);
  }

  /**
   * The first place at or after `from` whose line's tuple is `wanted` and whose line `skip` does
   * not hold (the size where none is): through the block, then the parts, each column taken once
   * into a local (a short process runs this loop mostly uncompiled; an accessor call per place
   * cost most of the merge at 10,000 accounts).
   */
  firstPlace(from: number, wanted: readonly boolean[], skip: { has(line: number): boolean }): number {
    const n = this.size;
    let p = from;
    const inBlock = this.parts.circle && this.parts.tuple ? 0 : this.head.front;
    if (p < inBlock) {
      const { tuple, line } = this.front;
      for (; p < inBlock; p++) if (wanted[tuple[p]!] && !skip.has(line[p]!)) return p;
    }
    if (p >= n) return n;
    const order = this.order;
    const tuple = this.tuple;
    for (; p < n; p++) {
      const line = order[p]!;
      if (wanted[tuple[line]!] && !skip.has(line)) return p;
    }
    return n;
  }

  /** The line at place `p` of the circle. */
  orderAt(p: number): number {
    return p < this.head.front ? this.front.line[p]! : this.order[p]!;
  }

  /**
   * The lines whose tuple names a holder, each with its tuple, from the block (no part read);
   * undefined where the block does not list them (`heldInBlock`).
   */
  heldLines(): { line: number; tuple: number }[] | undefined {
    if (!this.head.heldInBlock) return undefined;
    const holds = this.head.tuples.map(([, , , , holder]) => holder !== null);
    const found: { line: number; tuple: number }[] = [];
    for (let p = 0; p < this.head.block; p++) if (holds[this.front.tuple[p]!]) found.push({ line: this.front.line[p]!, tuple: this.front.tuple[p]! });
    return found;
  }

  tupleAt(line: number): number {
    const p = this.inFront(line, 'tuple');
    return p >= 0 ? this.front.tuple[p]! : this.tuple[line]!;
  }

  seqAt(line: number): number {
    const p = this.inFront(line, 'circle');
    return p >= 0 ? this.front.seq[p]! : this.seq[line]!;
  }

  /** Where line `line` starts in the shard file, and where the next one starts. */
  spanOf(line: number): [number, number] {
    const p = this.inFront(line, 'starts');
    if (p >= 0) return [this.front.start[p]!, this.front.end[p]!];
    const { starts } = this;
    return [starts[line]!, starts[line + 1]!];
  }

  /**
   * `head.odd` as [hash, line] pairs, decoded on first use (most allocations never ask); a list
   * that is not whole pairs throws GarbledOdd, and so does `spelledAs` for a line outside the
   * shard: the caller then reads the whole pool instead (circle-view.ts, StaleCircle).
   */
  get odd(): Uint32Array {
    if (this.oddPairs) return this.oddPairs;
    const odd = Buffer.from(this.head.odd, 'base64');
    if (odd.length % 8 !== 0) throw new GarbledOdd(this.head.name);
    const pairs = aligned(odd, 0, odd.length, 4); // a small Buffer may sit anywhere in Node's pool
    return (this.oddPairs = new Uint32Array(pairs.buffer, pairs.byteOffset, odd.length / 4));
  }

  get size(): number {
    return this.head.size;
  }

  keyAt(i: number): string {
    const p = this.inFront(i, 'keys');
    if (p >= 0) return textAt(this.front.keyText, this.front.keyEnds, p, this.head.ascii ? this.frontText('key') : null);
    const part = this.read('keys');
    if (part.ascii === undefined) part.ascii = this.head.ascii ? part.text.toString('latin1') : null;
    return textAt(part.text, part.ends, i, part.ascii);
  }

  /** allocated_at of line `i` (undefined: never handed out; an empty string is never a date). */
  allocatedAt(i: number): string | undefined {
    const p = this.inFront(i, 'circle');
    if (p >= 0) return textAt(this.front.allocatedText, this.front.allocatedEnds, p, this.head.ascii ? this.frontText('allocated') : null) || undefined;
    const part = this.read('circle');
    if (part.ascii === undefined) part.ascii = this.head.ascii ? part.allocatedText.toString('latin1') : null;
    return textAt(part.allocatedText, part.allocatedEnds, i, part.ascii) || undefined;
  }

  private frontTexts: { key?: string; allocated?: string } = {};

  /** The front block's keys or allocated_at texts, decoded once (ASCII: byte offsets are string offsets). */
  private frontText(which: 'key' | 'allocated'): string {
    return (this.frontTexts[which] ??= (which === 'key' ? this.front.keyText : this.front.allocatedText).toString('latin1'));
  }

  /** Line `i`'s 8 hash bytes, and where they are in `bytes`. */
  private hashPlace(i: number): { bytes: Buffer; at: number } {
    const p = this.inFront(i, 'hashes');
    return p >= 0 ? { bytes: this.front.hashes, at: 8 * p } : { bytes: this.hashes, at: 8 * i };
  }

  hashAt(i: number): string {
    const { bytes, at } = this.hashPlace(i);
    return bytes.toString('hex', at, at + 8);
  }

  /** Whether line `i`'s hash is `hash` (8 bytes, as `lineHash` gives them in hex): no string made. */
  hashIs(i: number, hash: Buffer): boolean {
    const { bytes, at } = this.hashPlace(i);
    return bytes.compare(hash, 0, 8, at, at + 8) === 0;
  }

  /** The line holding `key` (the keys are sorted), or -1. */
  find(key: string): number {
    if (this.size === 0) return -1;
    const part = this.read('keys');
    if (part.ascii === undefined) part.ascii = this.head.ascii ? part.text.toString('latin1') : null;
    return findText(part.text, part.ends, part.ascii, key);
  }

  /** The keys of this shard spelled `spelling` otherwise than written (`odd`, bisected; `hash`: its spellingHash). */
  spelledAs(spelling: string, hash = spellingHash(spelling)): string[] {
    const odd = this.odd;
    const keys: string[] = [];
    for (let i = 2 * firstHashAtLeast(odd, hash, 2); i < odd.length && odd[i] === hash; i += 2) {
      const line = odd[i + 1]! & ~GOOGLE_LINE;
      if (line >= this.size) throw new GarbledOdd(this.head.name);
      const key = this.keyAt(line);
      // Not another spelling of the same hash.
      if (spellingOf(key, odd[i + 1]! & GOOGLE_LINE ? 'google' : undefined) === spelling) keys.push(key);
    }
    return keys;
  }

  /** The same index, seen again at another stamp (the parts read so far, and those read later, shared). */
  seen(sighting: Sighting): ShardCircle {
    return Object.assign(Object.create(ShardCircle.prototype) as ShardCircle, this, { sighting });
  }

  /**
   * The file: a 4-byte header length, the header, padding to 8, the front block (FRONT), then the
   * parts (PARTS), each padded to 8.
   */
  static encode(head: HeadGiven, columns: { seq: ArrayLike<number>; tuple: ArrayLike<number>; starts: ArrayLike<number>; order: ArrayLike<number>; keys: string[]; allocated: (string | undefined)[]; hashes: Buffer }): Buffer {
    const n = columns.keys.length;
    const allocatedTexts = columns.allocated.map((a) => a ?? '');
    const keys = blobOf(columns.keys);
    const allocated = blobOf(allocatedTexts);
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
    const frontKeys = blobOf(firstLines.map((line) => columns.keys[line]!));
    const frontAllocated = blobOf(firstLines.map((line) => allocatedTexts[line]!));
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
  private static headOf(prefix: Buffer, sighting: Sighting): { head: Head; frontAt: number } | undefined {
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

  /** The index in `bytes` (a whole file), seen as `sighting` says, every part checked; undefined when it is not one made for it. */
  static decode(bytes: Buffer, sighting: Sighting): ShardCircle | undefined {
    const index = ShardCircle.inMemory(bytes, sighting, () => {});
    try {
      index?.readAll();
      return index;
    } catch (error) {
      if (error instanceof GarbledCircle) return undefined;
      throw error;
    }
  }

  /** The index in `bytes` (a whole file), its parts checked as asked (`garbled`: one did not check); undefined when it is not one made for `sighting`. */
  private static inMemory(bytes: Buffer, sighting: Sighting, garbled: () => void): ShardCircle | undefined {
    const found = ShardCircle.headOf(bytes, sighting);
    if (!found) return undefined;
    const { head, frontAt } = found;
    const partsAt = frontAt + frontLength(head.block, head.blockKeyBytes, head.blockAllocatedBytes);
    const source: PartSource = {
      read: (offset, length) => {
        if (offset + length > bytes.length) throw new GarbledCircle(head.name);
        return aligned(bytes, offset, length, 8); // in memory already: nothing borrowed
      },
      garbled,
    };
    try {
      return new ShardCircle(head, sighting, aligned(bytes, frontAt, partsAt - frontAt, 8), partsAt, source, bytes.length);
    } catch (error) {
      if (error instanceof GarbledCircle || error instanceof RangeError) return undefined;
      throw error;
    }
  }

  /**
   * The index in file `path` (its first bytes `prefix`, of a file of `length` bytes whose stat
   * stamp is `stamp`), seen as `sighting` says, its parts read from the file when asked (each
   * checked then; a file replaced since: GarbledCircle). Undefined when it is not one made for it.
   * A file `prefix` holds whole (a small shard's) is kept in memory: a read per part of a few
   * kilobytes cost more in system calls than it spared.
   */
  static opened(path: string, prefix: Buffer, length: number, stamp: string, sighting: Sighting, forget: () => void): ShardCircle | undefined {
    if (prefix.length >= length) {
      // Copied out of `prefix` (a buffer `load` reuses) into memory of its own (aligned for typed
      // arrays), every part read now: at 10,000 accounts (~156 lines a shard) each access
      // looking in the block first, then for its part, cost more than checking the parts at once.
      const own = Buffer.allocUnsafeSlow(length);
      prefix.copy(own, 0, 0, length);
      return ShardCircle.decode(own, sighting);
    }
    const found = ShardCircle.headOf(prefix, sighting);
    if (!found) return undefined;
    const { head, frontAt } = found;
    const partsAt = frontAt + frontLength(head.block, head.blockKeyBytes, head.blockAllocatedBytes);
    if (partsAt > length) return undefined;
    const source: PartSource = { read: (offset, size, into) => readPart(path, stamp, offset, size, head.name, into), garbled: forget };
    try {
      const front = partsAt <= prefix.length ? Buffer.from(new Uint8Array(prefix.subarray(frontAt, partsAt))) : source.read(frontAt, partsAt - frontAt);
      return new ShardCircle(head, sighting, front, partsAt, source, length);
    } catch (error) {
      if (error instanceof GarbledCircle || error instanceof RangeError) return undefined;
      throw error;
    }
  }

  /** The index of `shard` as read from `bytes` (whose sha1 and stamp `sighting` gives). */
  static of(shard: ShardState, bytes: Buffer, sighting: Sighting, isStray: (key: string) => boolean): { index: ShardCircle; encoded: Buffer } {
    const n = shard.size;
    const head: HeadGiven = { version: VERSION, name: shard.name, sha1: sighting.sha1, sortedLines: false, strays: [], odd: '', tuples: [] };
    const empty = { seq: [], tuple: [], starts: [0], order: [], keys: [], allocated: [], hashes: Buffer.alloc(0) };
    const unsorted = () => {
      const encoded = ShardCircle.encode(head, empty);
      return { index: ShardCircle.decode(encoded, sighting)!, encoded };
    };
    const keys: string[] = new Array(n);
    const starts: number[] = new Array(n + 1);
    // Taken once: the getter looks at every line each time it is asked.
    const lines = shard.lines;
    let at = n === 0 ? bytes.length : bytes.indexOf(10) + 1; // after the header line
    for (let i = 0; i < n; i++) {
      const line = lines[i];
      keys[i] = shard.keyAt(i);
      if (line === undefined || (i > 0 && keys[i]! <= keys[i - 1]!)) return unsorted();
      starts[i] = at;
      at += Buffer.byteLength(line) + 1;
      if (bytes[at - 1] !== 10) return unsorted(); // not the file its lines say
    }
    if (at !== bytes.length) return unsorted();
    starts[n] = at;
    const ids = new Map<string, number>();
    const tuple: number[] = new Array(n);
    const allocated: (string | undefined)[] = new Array(n);
    const seq: number[] = new Array(n);
    const hashes = Buffer.alloc(8 * n);
    const odd: [number, number][] = [];
    for (let i = 0; i < n; i++) {
      const line = lines[i]!;
      const circle = shard.circleAt(i);
      const t = tupleOfStanding(circle);
      const id = JSON.stringify(t);
      let k = ids.get(id);
      if (k === undefined) {
        ids.set(id, (k = head.tuples.length));
        head.tuples.push(t);
      }
      tuple[i] = k;
      allocated[i] = circle.allocated_at;
      seq[i] = trustedLineSeq(line) ?? shard.accountAt(i).seq;
      hashes.write(lineHash(line), 8 * i, 'hex');
      if (isStray(keys[i]!)) head.strays.push([keys[i]!, i]);
      const { spelling, line: google } = oddEntry(keys[i]!, () => shard.providerAt(i)); // the key itself, at once, for a PTC name
      if (spelling !== keys[i]) odd.push([spellingHash(spelling), (i | google) >>> 0]);
    }
    head.odd = Buffer.from(Uint32Array.from(odd.sort(([a, x], [b, y]) => a - b || x - y).flat()).buffer).toString('base64');
    const order = Array.from({ length: n }, (_, i) => i);
    const inCircle = (i: number) => ({ allocated_at: allocated[i], seq: seq[i]! });
    order.sort((a, b) => circleOrder(inCircle(a), inCircle(b)) || byKey(keys[a]!, keys[b]!));
    const encoded = ShardCircle.encode({ ...head, sortedLines: true }, { seq, tuple, starts, order, keys, allocated, hashes });
    return { index: ShardCircle.decode(encoded, sighting)!, encoded };
  }
}

/** Where the indexes live (.cache/circle), and how one is read and saved. */
export class CircleStore {
  /** The folder was made (or found) by this store: saving many indexes makes it once. */
  private made = false;
  /**
   * The columns last loaded or saved for each shard, by the sha1 of the bytes they were made
   * from: a process that looks again (each batch of `serve`, each file the watcher imports)
   * reads and checks a shard's columns file once, not at every look. Whether the shard still
   * holds those bytes is decided at each look as before (the sighting, else the sha1): columns
   * made from the same bytes are the same wherever they were read from.
   */
  private readonly kept = new Map<string, ShardCircle>();

  constructor(
    private readonly dir: string,
    /** Shared with the log's digests (pool.ts): one probe of the file system's clock per transaction. */
    private readonly probe = new SharedFsClock(),
  ) {}

  private fileOf(name: string, ext: 'json' | 'idx'): string {
    return join(this.dir, `${name}.${ext}`);
  }

  /** The last sighting of shard `name` in a pool of `shards`, if there is one that is not garbled. */
  async sighting(name: string, shards: number): Promise<Sighting | undefined> {
    try {
      const s = JSON.parse((await readOwnFile(this.fileOf(name, 'json'))) ?? 'null') as Sighting;
      const fine = s.version === VERSION && s.name === name && s.shards === shards && typeof s.sha1 === 'string' && typeof s.stamp === 'string' && typeof s.checkedAt === 'number' && (s.clock === undefined || typeof s.clock === 'string');
      return fine ? s : undefined;
    } catch {
      return undefined;
    }
  }

  /** The index made from the bytes `sighting` names, if it is there and not garbled: its header and front read, the rest as asked. */
  async load(sighting: Sighting): Promise<ShardCircle | undefined> {
    const kept = this.kept.get(sighting.name);
    if (kept?.head.sha1 === sighting.sha1) {
      const again = kept.seen(sighting);
      this.kept.set(sighting.name, again); // the parts it reads are kept with it
      return again;
    }
    // Read as the other caches are (own-file.ts): never through a link, a FIFO or a file of gigabytes.
    const path = this.fileOf(sighting.name, 'idx');
    const read = readOwnPrefix(path, (this.scratch ??= Buffer.allocUnsafeSlow(PREFIX_BYTES)));
    const index = read && ShardCircle.opened(path, read.prefix, read.length, read.stamp, sighting, () => this.forget(sighting.name));
    if (index) this.kept.set(sighting.name, index);
    return index;
  }

  /** Reused for every index's first bytes (see `load`). */
  private scratch: Buffer | undefined;

  /** Shard `name`'s index did not check: its sighting goes, so the next look makes it again from the shard. */
  private forget(name: string): void {
    this.kept.delete(name);
    try {
      unlinkSync(this.fileOf(name, 'json'));
    } catch {
      // Gone already, or a read-only pool: the whole read goes on regardless.
    }
  }

  newSighting(name: string, sha1: string, shards: number, stamp: string, checkedAt: number, clock?: string): Sighting {
    return clock === undefined ? { version: VERSION, name, sha1, shards, stamp, checkedAt } : { version: VERSION, name, sha1, shards, stamp, checkedAt, clock };
  }

  /** The file system's clock now (fs-clock.ts), read in the store's folder; undefined where it cannot be (none yet, read-only). */
  clock(): string | undefined {
    return this.probe.now(join(this.dir, 'clock'));
  }

  /** Saves a sighting, and with it the columns when they are new. */
  async save(sighting: Sighting, encoded?: Buffer): Promise<void> {
    if (encoded) this.kept.delete(sighting.name); // read back from the file at the next look
    try {
      if (!this.made) await mkdir(this.dir, { recursive: true, mode: 0o700 });
      this.made = true;
      if (encoded) writeFileAtomicSync(this.fileOf(sighting.name, 'idx'), encoded);
      writeFileAtomicSync(this.fileOf(sighting.name, 'json'), JSON.stringify(sighting));
    } catch {
      // A read-only pool (or a full disk) only loses the shortcut.
    }
  }
}

/**
 * The first entry of `hashes` (sorted, one entry every `stride` numbers, the hash first) not
 * below `hash`, counted in entries: the odd hashes of one index (hash, line pairs) and the
 * pool's sorted list of them (circle-view.ts) are bisected alike.
 */
export function firstHashAtLeast(hashes: Uint32Array, hash: number, stride = 1): number {
  let lo = 0;
  let hi = hashes.length / stride;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (hashes[stride * mid]! < hash) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Part of index file `path` as `ShardCircle.opened` reads it (GarbledCircle where the file is not the one whose header it read). */
function readPart(path: string, stamp: string, offset: number, length: number, shard: string, into?: Buffer): Buffer {
  const bytes = readOwnPart(path, stamp, offset, length, into);
  if (!bytes) throw new GarbledCircle(shard, 'changed or was cut since it was read');
  return bytes;
}
