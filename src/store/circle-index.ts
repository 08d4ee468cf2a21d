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
import { readOwnPart } from './own-file.js';
import { spellingOf } from '../account-spelling.js';
import { aligned, decodeFront, endsHold, f64, findText, frontLength, GOOGLE_LINE, headIn, i32, partLengths, PARTS, spellingHash, textAt, type Front, type Head, type PartName, type TextBlob } from './circle-layout.js';
import { isAscii } from 'node:buffer';

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

/** Searches of one shard's keys (`lookUp`) made slice by slice before its key blob is decoded whole. */
const DECODE_AFTER = 8;

/** Buffers `borrow` reads parts into, one per part, reused from shard to shard (grown as needed, never given back). */
const SCRATCH: Partial<Record<PartName, Buffer>> = {};

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
  /**
   * The front's entry of each line plus one (0: not in the front). A typed column, not a map:
   * 256 indexes of a ~490-entry front at 1,000,000 accounts made ~125,000 map entries and their
   * pairs in every allocation. 16-bit where the block holds fewer than 65,536 entries (~490 at
   * 1,000,000 accounts in 256 shards: `blockShare`): at 1,000,000 accounts 256 columns of ~3,900 lines, each
   * written at ~490 lines spread over all of it, were ~4 MB of fresh pages every reader touched
   * whole (docs/scale-log.md, stop 53 A2).
   */
  private readonly frontAt: Int32Array | Uint16Array;
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
    const frontAt = (this.frontAt = head.block < 0x10000 ? new Uint16Array(n) : new Int32Array(n));
    for (let p = 0; p < head.block; p++) {
      if (!(line[p]! >= 0 && line[p]! < n && tuple[p]! >= 0 && tuple[p]! < tuples && start[p]! > 0 && start[p]! < end[p]!)) throw new GarbledCircle(head.name);
      if (frontAt[line[p]!] !== 0) throw new GarbledCircle(head.name); // a line twice
      frontAt[line[p]!] = p + 1;
      if (holds[tuple[p]!]) held++;
      else if (p >= head.front) throw new GarbledCircle(head.name); // past the front, only held lines
    }
    // Where the block lists the held lines, it lists every one the header counts.
    if (head.heldInBlock && held !== head.counts.reduce((sum, c, t) => sum + (holds[t] ? c : 0), 0)) throw new GarbledCircle(head.name);
    if (!endsHold(this.front.keyEnds, head.blockKeyBytes) || !endsHold(this.front.allocatedEnds, head.blockAllocatedBytes)) throw new GarbledCircle(head.name);
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
    // Decoded once for all the searches where there are many (compared natively); a few are
    // searched slice by slice: where the last reader judged the rest (log-judged.ts), a shard has
    // ~3 records to search at 1,000,000 accounts, and decoding its ~60 KB of keys for them cost
    // more than all the rest of the lookups.
    let ascii: string | null | undefined;
    let searches = 0;
    const tuple = this.borrow('tuple');
    const hashes = this.borrow('hashes');
    let line = -1;
    const hashIs = (hash: Buffer) => hashes.compare(hash, 0, 8, 8 * line, 8 * line + 8) === 0;
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      const hint = hints ? hints[k]! : -1;
      if (hint >= 0 && hint < n && textAt(text, ends, hint, null) === key) line = hint;
      else {
        if (ascii === undefined && ++searches > DECODE_AFTER) ascii = this.head.ascii ? text.toString('latin1', 0, this.head.keyBytes) : null;
        line = findText(text, ends, ascii ?? null, key);
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

  /** The keys as the index holds them, one blob (a fold carries it over unchanged: circle-fold.ts). */
  get keyBlob(): TextBlob {
    const { text, ends } = this.read('keys');
    return { bytes: text, ends, ascii: isAscii(text) };
  }

  /** The allocated_at texts as the index holds them (empty where never handed out), one blob. */
  get allocatedBlob(): TextBlob {
    const { allocatedText, allocatedEnds } = this.read('circle');
    return { bytes: allocatedText, ends: allocatedEnds, ascii: isAscii(allocatedText) };
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
    return this.parts[part] !== undefined ? -1 : (this.frontAt[line] ?? 0) - 1;
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
   * The index in `bytes` just made (a fold carries it over: circle-fold.ts), its header and front
   * checked now and each part when first asked for, as a file's are (`opened`): a process that
   * exits after the fold never reads them again, where checking them all cost ~5 ms a fold at
   * 100,000 accounts. Undefined when it is not one made for `sighting`.
   */
  static made(bytes: Buffer, sighting: Sighting): ShardCircle | undefined {
    return ShardCircle.inMemory(bytes, sighting, () => {});
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
    const found = headIn(bytes, sighting);
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
      return ShardCircle.decode(ownCopy(prefix, 0, length), sighting);
    }
    const found = headIn(prefix, sighting);
    if (!found) return undefined;
    const { head, frontAt } = found;
    const partsAt = frontAt + frontLength(head.block, head.blockKeyBytes, head.blockAllocatedBytes);
    if (partsAt > length) return undefined;
    const source: PartSource = { read: (offset, size, into) => readPart(path, stamp, offset, size, head.name, into), garbled: forget };
    try {
      const front = partsAt <= prefix.length ? ownCopy(prefix, frontAt, partsAt) : source.read(frontAt, partsAt - frontAt);
      return new ShardCircle(head, sighting, front, partsAt, source, length);
    } catch (error) {
      if (error instanceof GarbledCircle || error instanceof RangeError) return undefined;
      throw error;
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

/**
 * Bytes `from..to` of `bytes` (a buffer reused from shard to shard) copied once into memory of their
 * own, aligned for typed arrays. The front block went through a zeroed `Uint8Array` into a Buffer,
 * two copies: ~30 KB a shard, 256 shards at 1,000,000 accounts, ~650 page faults of the second
 * (perf's page-faults event; ~14 µs a fault on this project's VMs: docs/scale-log.md, stop 48).
 */
function ownCopy(bytes: Buffer, from: number, to: number): Buffer {
  const own = Buffer.allocUnsafeSlow(to - from);
  bytes.copy(own, 0, from, to);
  return own;
}

/** Part of index file `path` as `ShardCircle.opened` reads it (GarbledCircle where the file is not the one whose header it read). */
function readPart(path: string, stamp: string, offset: number, length: number, shard: string, into?: Buffer): Buffer {
  const bytes = readOwnPart(path, stamp, offset, length, into);
  if (!bytes) throw new GarbledCircle(shard, 'changed or was cut since it was read');
  return bytes;
}
