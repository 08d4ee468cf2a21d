// The lines of a canonical shard file (shard-codec.ts) read off its bytes, each decoded only when
// asked for. A shard known to be our own output is mostly never read line by line: an import into
// a 100,000-account pool needs every key (to find the accounts it adds and to check that none is
// held twice) and copies the kept lines as bytes (shard-state.ts). Decoding the 17 MB of such a
// pool into text, then splitting it into 100,000 strings that lived until the commit, cost ~100 ms
// and 17 MB of heap the collector copied.
//
// The same lines as trustedLines(name, bytes.toString()) gives, or none where it gives none:
// test/store/byte-lines.test.ts proves it on random shards, hand-edited ones included. Every byte
// looked at here is ASCII, which in UTF-8 is never part of another character, so byte offsets
// and the text's offsets find the same delimiters.
//
// Paged (`page`): the bytes are let go and read again from the file a block of lines at a time
// as they are asked for, each read checked against the file's stamp. An import into a
// 1,000,000-account pool touches nearly every shard; holding every shard's bytes from the read
// to the commit was 170 MB of its peak, where the line offsets kept here are 8 bytes a line.
import { isAscii } from 'node:buffer';
import { closeSync, fstatSync, readSync, statSync } from 'node:fs';
import { AppError } from '../errors.js';
import { keyOfQuoted, shardHeader, firstKeyAfter, MAX_ACCOUNT_TEXT } from './shard-codec.js';
import { stampOf } from './file-stamp.js';
import { openShardSync } from './shard-open.js';
import { descriptorsToSpare } from './descriptor-budget.js';
import { closeSpill } from './spill-file.js';
import { hashOf, hashOfPlainBytes } from './key-index.js';
import { keyHashOfBytes } from './layout.js';

/** `": {`, where the username of a trusted line ends (see shard-codec.ts keyEnd). */
export const KEY_MARK = Buffer.from('": {');
/** `"seq": `, the key of the import number (see shard-codec.ts trustedLineSeq). */
const SEQ_MARK = Buffer.from('"seq": ');
const OPEN = 0x7b; // {
const COMMA = 0x2c;
const NEWLINE = 10;
const CLOSE = 0x7d; // }
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/**
 * Lines read at once from a paged file: ~5 KB of a bench shard, one small read for a lookup's
 * last steps; the first key of each block is held (4% of the keys).
 */
const BLOCK_LINES = 32;
/** Lines read at once by a pass over a paged file's lines in order (~90 KB of a bench shard). */
const RUN_LINES = 512;
/**
 * `linesApart`: lines this close (bytes between them) are read in one run with what lies between:
 * a read is a system call of a few µs, about what copying ~16 KB costs.
 */
const RUN_GAP = 16 * 1024;
/** `linesApart`: the most a run reads at once (the shared buffer's size). */
const RUN_BYTES = 1024 * 1024;

/** The file paged lines are read from, the stamp it was read at, and while open its descriptor. */
interface PagedFile {
  file: string;
  stamp: string;
  fd?: number;
  /** Given open at `page` (a read without the lock): never closed before closePagedFiles, as its path may lead to another file now. */
  held?: boolean;
  /**
   * The lines are a copy in the spill file (spill-file.ts), from this offset on: `fd` is the spill
   * file's, shared and closed by closeSpill; `file` and `stamp` only name the shard it was read from.
   */
  copyAt?: number;
}

/** Paged files opened since the last closePagedFiles, in the order opened (a file closed early stays, its fd undefined). */
const openFiles = new Set<PagedFile>();
/**
 * How many files opened by their path (under the lock) stay open at once: past it the one opened
 * first is closed, and opened again by its path if read again (its stamp checked). Set at the first
 * open after closePagedFiles from the descriptors free then (descriptor-budget.ts): a transaction
 * reading every shard of a pool of 1,024 held 1,024 files, EMFILE under the common limit of 1,024.
 */
let byPathCap: number | undefined;
let byPathOpen = 0;

/**
 * The one buffer every paged file's blocks are read into, and the lines whose block it holds:
 * each look at a block is over before the next read (`at`'s callers make their text or number
 * at once). A new buffer a block was garbage at once, and many: a whole read of a
 * 1,000,000-account pool with ~50,000 records pending in the change log looks up each record's
 * line (twice), three passes read every line again, and the ~170 MB a pass was let go long
 * after (V8 counts such memory loosely): up to ~200 MB of array buffers at the watcher's peak.
 */
let blockBytes = Buffer.alloc(0);
let blockOwner: ByteLines | undefined;

/** Throws, naming it, where a paged file read now is not as it was read (edited in place meanwhile). */
export function assertPagedUnchanged(): void {
  for (const source of openFiles) {
    if (source.copyAt !== undefined) continue; // a copy of the bytes as read, as bytes kept in memory would be
    if (source.fd === undefined) {
      // Closed early (byPathCap): the file at its path, unless a rename put another one there.
      const info = statSync(source.file, { bigint: true, throwIfNoEntry: false });
      if (info && `${info.ino}` === source.stamp.split(':')[0] && stampOf(info) !== source.stamp) throw changed(source.file);
      continue;
    }
    const info = fstatSync(source.fd, { bigint: true });
    // Replaced by a rename since (a commit of this transaction's, a fold): the open file is
    // still the one read, no longer anyone's to edit (its unlinking moved its ctime).
    if (info.nlink === 0n) continue;
    if (stampOf(info) !== source.stamp) throw changed(source.file);
  }
}

/**
 * Closes every paged file: at the end of the transaction that read them (pool.ts). A paged line
 * asked for after opens its file again, and finds it changed if it was written meanwhile.
 */
export function closePagedFiles(): void {
  for (const source of openFiles) {
    if (source.fd !== undefined && source.copyAt === undefined) closeSync(source.fd);
    source.fd = undefined;
  }
  openFiles.clear();
  closeSpill();
  byPathCap = undefined;
  byPathOpen = 0;
  blockOwner = undefined; // read again, from the file as it is then
}

/** Closes the file opened by its path first among those open (byPathCap); assertPagedUnchanged still looks at it, by its path. */
function closeFirstByPath(): void {
  for (const source of openFiles) {
    if (source.held || source.fd === undefined) continue;
    closeSync(source.fd);
    source.fd = undefined;
    byPathOpen--; // a block read from it stays good: its bytes are in memory
    return;
  }
}

/** A block of a paged file's lines as last read: lines `first` to `end` (excluded), the file's bytes from `from`. */
interface Block {
  first: number;
  end: number;
  from: number;
  bytes: Buffer;
}

export class ByteLines {
  /** The file these lines were read from, and its stamp then, once the bytes were let go (`page`). */
  private source: PagedFile | undefined;
  private block: Block | undefined;
  /** The key of each block's first line (a paged file's lookups read one block: `upperBound`). */
  private firstKeys: string[] | undefined;
  /**
   * A paged file's keys by hash (`page`, `indexOfKey`): open addressing, slot s at [2s, 2s + 1]
   * holding a line's place + 1 (0: empty) and its key's hash side by side, so that a miss (an
   * import's new key) costs one or two cache lines; a binary search of sorted hashes took ~12
   * (measured: 1,000,000 misses ~1.0 s of CPU that way on this VM).
   */
  private hashed: Int32Array | undefined;
  /** The highest `seq` of the lines of a paged file, when every line says it plainly (`page`). */
  private seqMax: number | undefined;
  /** The one line holding `seqMax` (-1: more than one does). */
  private seqMaxAt = -1;
  private whole: Buffer | undefined;

  private constructor(
    bytes: Buffer,
    /** Where each line starts, then where the line after the last would (the file's end). */
    readonly starts: Int32Array,
    /** Where each line's `": {` is. */
    private readonly marks: Int32Array,
    /** Every byte is ASCII: a line's text is its latin1, decoded much faster than UTF-8. */
    private readonly ascii: boolean,
  ) {
    this.whole = bytes;
  }

  /**
   * The file's bytes: held, or (paged) read again whole now, checked, and not kept: the caller
   * holds them as long as it needs them (a commit writing this shard's new file).
   */
  get bytes(): Buffer {
    return this.whole ?? this.read(0, this.starts[this.count]!);
  }

  /** Whether the bytes are let go, read again as asked for (`page`). */
  get paged(): boolean {
    return this.whole === undefined;
  }

  /**
   * Lets the bytes go: from now on they are read from `file` (whose stamp they were read at) a
   * block at a time, and a read that finds the file changed throws, naming it. `fd`: the file as
   * read, still open (a read without the lock: a commit's rename since leaves it as it was read).
   * `copyAt`: `fd` is the spill file's (spill-file.ts), holding a copy of the bytes from there on.
   */
  page(file: string, stamp: string, fd?: number, copyAt?: number, home?: (keyHash: number) => boolean): void {
    if (!this.whole) return;
    const firstKeys: string[] = [];
    for (let first = 0; first < this.count; first += BLOCK_LINES) firstKeys.push(this.key(first));
    this.firstKeys = firstKeys;
    // While the bytes are here, what an import asks of every line (each asked once a line, then
    // read block by block: 1,000,000 block reads to find that 1,000,000 new keys are none of the
    // pool's, and a pass reading the whole pool again for the next import number).
    this.hashed = this.keyHashes();
    this.keyOrder = home && this.keyOrderOf(home);
    this.seqMax = this.everySeq();
    this.source = { file, stamp, fd, held: fd !== undefined, copyAt };
    if (fd !== undefined) openFiles.add(this.source);
    this.whole = undefined;
  }

  /**
   * The line whose key is `key` (the last, should a hand-made file hold it twice), -1 when none;
   * undefined when the lines are not paged (no index of their keys). A key not held is answered
   * from the hashes alone; one that is (or shares a hash) reads its line's block to compare.
   */
  indexOfKey(key: string): number | undefined {
    return this.hashed && this.indexOfHash(hashOf(key), () => key);
  }

  /**
   * indexOfKey for a key whose hashOf the caller has (grouped-lookups.ts): `key` is asked only
   * when a line's hash is the same, so a new key is answered without being made. Paged lines only.
   */
  indexOfHash(hash: number, key: () => string): number {
    const hashed = this.hashed!;
    const mask = (hashed.length >> 1) - 1;
    let found = -1;
    let wanted: string | undefined;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const held = hashed[2 * s]!;
      if (held === 0) return found;
      if (hashed[2 * s + 1] === hash && held - 1 > found && this.key(held - 1) === (wanted ??= key())) found = held - 1;
    }
  }

  /**
   * Whether every key is printable ASCII without a backslash (as `page` found hashing them): a
   * pass that only wants keys outside ASCII (the spellings check) can pass this file by.
   */
  get keysPlain(): boolean {
    return this.plainKeys;
  }

  private plainKeys = false;

  /**
   * keyHashes for lines whose bytes are held (not paged): what a shard of a pool read whole
   * answers an import's lookups by, as a paged one does, instead of a map of its keys made
   * strings (snapshot.ts expectLookups; ~50-80 ms of CPU of an import into a 100,000-account
   * pool, stop 52). Whether `indexOfKey` answers now.
   */
  hashKeys(): boolean {
    if (!this.hashed && this.whole) this.hashed = this.keyHashes();
    return this.hashed !== undefined;
  }

  /** Whether `indexOfKey` answers (a paged file whose every key read). */
  get keysHashed(): boolean {
    return this.hashed !== undefined;
  }

  /** The highest `seq` of every line (at least `floor`) where `page` read each plainly, else undefined. */
  maxSeq(floor: number): number | undefined {
    return this.seqMax === undefined ? undefined : Math.max(floor, this.seqMax);
  }

  /**
   * The table of `hashed`: every line's key hash (hashOf its key), at most half full; the bytes
   * held. None when a line's key does not read (a name the store refuses, never in a file of ours).
   */
  private keyHashes(): Int32Array | undefined {
    const bytes = this.whole!;
    let slots = 16;
    while (slots < this.count * 2) slots *= 2;
    const hashed = new Int32Array(slots * 2);
    const mask = slots - 1;
    let plain = true;
    for (let i = 0; i < this.count; i++) {
      // The name between the line's opening quote and the quote of `": {`.
      let hash = hashOfPlainBytes(bytes, this.starts[i]! + 1, this.marks[i]!);
      if (hash === undefined) {
        plain = false;
        try {
          hash = hashOf(this.key(i));
        } catch {
          return undefined;
        }
      }
      let s = hash & mask;
      while (hashed[2 * s] !== 0) s = (s + 1) & mask;
      hashed[2 * s] = i + 1;
      hashed[2 * s + 1] = hash;
    }
    this.plainKeys = plain;
    return hashed;
  }

  /**
   * Whether the keys are strictly increasing, and those whose name hashes to another shard than
   * `home` says is this one (the strays), read off the bytes with no key made a string but the
   * strays': what snapshot.ts `isSorted` found by making every key of the pool a string after
   * the read (~0.25 s of CPU for an import into a 1,000,000-account pool, stop 46). Undefined
   * where a name is not plain ASCII (then the snapshot reads the keys as before).
   */
  private keyOrderOf(home: (keyHash: number) => boolean): { sorted: boolean; strays: string[] } | undefined {
    const bytes = this.whole!;
    let sorted = true;
    const strays: string[] = [];
    // Paged, keyHashes has just found every name plain: not looked at again here.
    const plainKnown = this.plainKeys;
    for (let i = 0; i < this.count; i++) {
      const from = this.starts[i]! + 1;
      const to = this.marks[i]!;
      const hash = keyHashOfBytes(bytes, from, to);
      // keyHashOfBytes refuses a byte past ASCII and a backslash; hashOfPlainBytes's other bounds are the control bytes.
      if (hash === undefined || (!plainKnown && hasControlByte(bytes, from, to))) return undefined;
      if (!home(hash)) strays.push(this.key(i));
      if (i > 0 && sorted && lowerBytesOrder(bytes, this.starts[i - 1]! + 1, this.marks[i - 1]!, from, to) >= 0) sorted = false;
    }
    return { sorted, strays };
  }

  /** What `page` (or `orderOf`) found of the keys' order and strays (keyOrderOf), when it was told the shard's home. */
  keyOrder: { sorted: boolean; strays: string[] } | undefined;

  /**
   * keyOrderOf for lines whose bytes are held (not paged): what the snapshot's sorted check asks
   * of every shard of a pool read whole (under PAGE_ABOVE accounts), read off the bytes instead
   * of making every key a string and hashing it again (~40 ms of CPU of an import into a
   * 100,000-account pool, stop 52). A keyOrder found means every name was printable ASCII with
   * no backslash (what hashOfPlainBytes reads), so it tells `keysPlain` too: the spellings check
   * passes such a file by, as it does a paged one.
   */
  orderOf(home: (keyHash: number) => boolean): { sorted: boolean; strays: string[] } | undefined {
    if (this.keyOrder || !this.whole) return this.keyOrder;
    this.keyOrder = this.keyOrderOf(home);
    if (this.keyOrder) this.plainKeys = true;
    return this.keyOrder;
  }

  /**
   * The highest seq of the lines, each as `seq` reads it; undefined when a line does not say it
   * plainly. Notes the line holding it (`seqMaxAt`).
   */
  private everySeq(): number | undefined {
    let max = 0;
    let at = -1;
    for (let i = 0; i < this.count; i++) {
      const seq = this.seq(i);
      if (seq === undefined) return undefined;
      if (seq > max) {
        max = seq;
        at = i;
      } else if (seq === max) at = -1;
    }
    this.seqMaxAt = at;
    return max;
  }

  /**
   * As maxSeq, over the lines but those `overridden` says (a state over these lines holds them
   * otherwise: the change log's records), where `page` read each line plainly and the highest is
   * on one line not overridden; else undefined. The caller adds the overridden lines' own.
   */
  maxSeqBeside(floor: number, overridden: (i: number) => boolean): number | undefined {
    if (this.seqMax === undefined || this.seqMaxAt < 0 || overridden(this.seqMaxAt)) return undefined;
    return Math.max(floor, this.seqMax);
  }

  /**
   * `length` bytes of the paged file from `from`. The file stays open until closePagedFiles: a
   * pool's own writes replace a file by rename, which leaves the open one as it was read. An
   * edit in place (which moves the file's stamp) is looked for when the file is opened and by
   * assertPagedUnchanged before anything read from it is committed, not at every read: a
   * transaction over a pool with many records pending in the change log looks up tens of
   * thousands of lines, a read each.
   */
  private read(from: number, length: number, into = Buffer.allocUnsafe(length)): Buffer {
    const source = this.source!;
    // A copy's spill file is gone once closed: nothing at the shard's path is what was read.
    if (source.fd === undefined && source.copyAt !== undefined) throw new Error(`${source.file}: its lines were read after the read that copied them was closed`);
    if (source.fd === undefined) {
      byPathCap ??= Math.max(4, Math.min(256, descriptorsToSpare()));
      if (byPathOpen >= byPathCap) closeFirstByPath();
      source.fd = openShardSync(source.file); // a FIFO swapped in is named, never waited on
      byPathOpen++;
      openFiles.delete(source); // (closed early before: now last in the order opened)
      openFiles.add(source);
      if (stampOf(fstatSync(source.fd, { bigint: true })) !== source.stamp) throw changed(source.file);
    }
    let got = 0;
    while (got < length) {
      const n = readSync(source.fd, into, got, length - got, (source.copyAt ?? 0) + from + got);
      if (n <= 0) throw changed(source.file);
      got += n;
    }
    return into;
  }

  /**
   * The text of lines `indexes` (any order), a paged file's read in runs: export reads the lines of
   * 10,000 accounts of the pool a shard at a time (circle-rows.ts), ~156 of a bench shard's
   * 15,600 at 1,000,000 accounts; read one by one they were 1,000,000 reads, most of the export's CPU.
   */
  linesApart(indexes: readonly number[]): string[] {
    const lines = new Array<string>(indexes.length);
    if (this.whole) {
      indexes.forEach((i, j) => (lines[j] = this.line(i)));
      return lines;
    }
    const order = Array.from(indexes.keys()).sort((a, b) => indexes[a]! - indexes[b]!);
    const encoding = this.ascii ? 'latin1' : 'utf8';
    for (let a = 0; a < order.length; ) {
      const from = this.starts[indexes[order[a]!]!]!;
      let b = a + 1;
      while (b < order.length) {
        const next = indexes[order[b]!]!;
        if (this.starts[next]! - this.starts[indexes[order[b - 1]!]! + 1]! > RUN_GAP || this.starts[next + 1]! - from > RUN_BYTES) break;
        b++;
      }
      const length = Math.max(this.starts[indexes[order[b - 1]!]! + 1]! - from, 0);
      if (blockBytes.length < length) blockBytes = Buffer.allocUnsafe(Math.max(length, 2 * blockBytes.length, 128 * 1024));
      blockOwner = undefined; // its block is overwritten
      const bytes = this.read(from, length, blockBytes);
      for (let k = a; k < b; k++) {
        const i = indexes[order[k]!]!;
        lines[order[k]!] = bytes.toString(encoding, this.starts[i]! - from, this.starts[i + 1]! - 1 - from);
      }
      a = b;
    }
    return lines;
  }

  /** Line `i`'s bytes alone, read into the shared buffer, and the file offset they begin at. */
  private alone(i: number): { bytes: Buffer; from: number } {
    const block = this.block;
    if (block && blockOwner === this && i >= block.first && i < block.end) return block;
    const from = this.starts[i]!;
    const length = this.starts[i + 1]! - from;
    if (blockBytes.length < length) blockBytes = Buffer.allocUnsafe(Math.max(length, 2 * blockBytes.length, 128 * 1024));
    blockOwner = undefined;
    this.block = { first: i, end: i + 1, from, bytes: this.read(from, length, blockBytes) };
    blockOwner = this;
    return this.block;
  }

  /** The bytes holding line `i`, and the file offset they begin at. */
  private at(i: number): { bytes: Buffer; from: number } {
    if (this.whole) return { bytes: this.whole, from: 0 };
    const block = this.block;
    if (block && blockOwner === this && i >= block.first && i < block.end) return block;
    // Read on past the block just read (a pass over every line: the sorted check, the next
    // import number), many blocks at once; else the one block a lookup needs.
    const first = block && i === block.end ? i : i - (i % BLOCK_LINES);
    const end = Math.min(first + (first === i && block?.end === i ? RUN_LINES : BLOCK_LINES), this.count);
    const from = this.starts[first]!;
    const length = this.starts[end]! - from;
    if (blockBytes.length < length) blockBytes = Buffer.allocUnsafe(Math.max(length, 2 * blockBytes.length, 128 * 1024));
    blockOwner = undefined; // while it is overwritten: a failed read leaves no block
    this.block = { first, end, from, bytes: this.read(from, length, blockBytes) };
    blockOwner = this;
    return this.block;
  }

  /**
   * The first line at or after `lo` (and before `hi`) whose key comes after `key`, the lines'
   * keys in increasing order. Paged, the blocks are chosen by their first keys, held: one block
   * read, not one per step of a binary search.
   */
  upperBound(key: string, lo: number, hi: number): number {
    const whole = this.whole;
    if (whole && this.plainKeys) {
      // Held bytes of plain names: each step compares the key with a line's name as bytes, no key
      // made (an import merges ~1,600 new keys into each shard of a 100,000-account pool: ~11 steps each).
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (nameOrder(whole, this.starts[mid]! + 1, this.marks[mid]!, key) <= 0) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    }
    if (this.firstKeys) {
      // The last block whose first key is not after `key` holds the answer, or the next block's first line is it.
      const firstKeys = this.firstKeys;
      const a = firstKeyAfter(key, Math.floor(lo / BLOCK_LINES), Math.ceil(hi / BLOCK_LINES), (b) => firstKeys[b]!);
      // Block a-1 (if any) starts at or before key; the answer lies in it or at block a's start.
      lo = Math.max(lo, (a - 1) * BLOCK_LINES);
      hi = Math.min(hi, a * BLOCK_LINES);
    }
    return firstKeyAfter(key, lo, hi, (i) => this.key(i));
  }

  /** The lines of `bytes` (shard `name`) when they are in the trusted shape, else null. */
  static of(name: string, bytes: Buffer): ByteLines | null {
    const header = Buffer.from(shardHeader(name));
    if (bytes.length < header.length || !header.equals(bytes.subarray(0, header.length))) return null;
    if (bytes.length > header.length && bytes[bytes.length - 1] !== NEWLINE) return null;
    const starts: number[] = [];
    const marks: number[] = [];
    for (let at = header.length; at < bytes.length; ) {
      const end = bytes.indexOf(NEWLINE, at);
      const mark = bytes.indexOf(KEY_MARK, at);
      // As keyEnd: a `": {` in the line after the name's opening quote, the line ending with `}`,
      // and not `{}` right after the name.
      if (mark <= at || mark >= end || bytes[end - 1] !== CLOSE || (mark + 4 < end && bytes[mark + 4] === CLOSE)) return null;
      // A line over the bound is no output of ours, whatever the canonical cache says (a forged or
      // miscopied hash): the decoding path refuses it naming its line (shard-codec.ts decodeShard).
      // The bound counts UTF-16 units, as the decoder does: an account of non-ASCII text within it
      // may take up to 3 bytes a unit, so only a line past that many bytes is counted exactly.
      if (end - at > MAX_ACCOUNT_TEXT && (end - at > 3 * MAX_ACCOUNT_TEXT || bytes.toString('utf8', at, end).length > MAX_ACCOUNT_TEXT)) return null;
      starts.push(at);
      marks.push(mark);
      at = end + 1;
    }
    starts.push(bytes.length);
    return new ByteLines(bytes, Int32Array.from(starts), Int32Array.from(marks), isAscii(bytes));
  }

  get count(): number {
    return this.marks.length;
  }

  /**
   * Line `i`'s text, without its line break. `alone`: a paged file's line is read by itself, not
   * with its block (export reads the pool's lines in circle order, one line a shard at a time: a
   * block a line was 32 lines read for one).
   */
  line(i: number, alone = false): string {
    const { bytes, from } = alone && !this.whole ? this.alone(i) : this.at(i);
    return bytes.toString(this.ascii ? 'latin1' : 'utf8', this.starts[i]! - from, this.starts[i + 1]! - 1 - from);
  }

  /**
   * Line `i`'s `seq` as trustedLineSeq reads it off the line's text, without making that text:
   * the next import number is the highest in the pool, and decoding every line of a large pool
   * to read one number from each was 17 MB of strings for the collector at 100,000 accounts.
   * The same rules on the bytes (every byte they look at is ASCII): no `{` after the account's
   * own, then the first `"seq": ` followed by a whole number ending the field.
   */
  seq(i: number): number | undefined {
    const { bytes, from } = this.at(i);
    const end = this.starts[i + 1]! - 1 - from;
    const open = this.marks[i]! + 3 - from;
    // First from the line's closing `}` back, as trustedLineSeq (shard-codec.ts `lastSeqMark`):
    // the store writes `"seq": N, "source": "..."}` last but for extra fields, so the mark is a
    // few dozen bytes from the end, where the loop below passes every byte of the line (~150 at
    // the bench's pools; 100,000 lines read cold by an import's next number: ~74 -> ~15 ms of CPU
    // in one process). Taken only before any `{`, `}`, `[` or `]`: else the loop decides.
    let at = -1;
    for (let k = end - 2; k > open; k--) {
      const c = bytes[k]!;
      if (c === OPEN || c === CLOSE || c === 0x5b || c === 0x5d) break;
      if (c === QUOTE && bytes[k + 1] === 0x73 && bytes[k + 2] === 0x65 && bytes[k + 3] === 0x71 && bytes[k + 4] === QUOTE && bytes[k + 5] === 0x3a && bytes[k + 6] === 0x20) {
        at = k;
        break;
      }
    }
    if (at === -1) at = this.seqForward(bytes, open, end);
    if (at < 0) return undefined;
    const digits = at + SEQ_MARK.length;
    let k = digits;
    let n = 0;
    for (; k < end && bytes[k]! >= 48 && bytes[k]! <= 57; k++) n = n * 10 + (bytes[k]! - 48);
    if (k === digits || (bytes[k] !== COMMA && bytes[k] !== CLOSE)) return undefined;
    // Up to 15 digits the sum is exact; longer, Number rounds the decimal as trustedLineSeq does.
    return k - digits <= 15 ? n : Number(bytes.toString('latin1', digits, k));
  }

  /** Where seq's mark is in the line at [open, end) of `bytes`, read from its start: -1 none, -2 a `{` not the device's. */
  private seqForward(bytes: Buffer, open: number, end: number): number {
    // One loop over the line's bytes for both tests: two native searches per line
    // (Buffer.indexOf) and a string for Number() cost ~2x as much over the 100,000 lines of the
    // pool an import reads this from.
    let at = -1;
    let device = false;
    for (let k = open + 1; k < end; k++) {
      const c = bytes[k]!;
      if (c === OPEN) {
        // The device's mapping, read past as trustedLineSeq does (shard-codec.ts `deviceSpan`); any other gives up.
        if (device || !isDeviceKey(bytes, k)) return -2;
        device = true;
        k = deviceEnd(bytes, k, end);
        if (k < 0) return -2;
        continue;
      }
      if (c === QUOTE && at === -1 && bytes[k + 1] === 0x73 && bytes[k + 2] === 0x65 && bytes[k + 3] === 0x71 && bytes[k + 4] === QUOTE && bytes[k + 5] === 0x3a && bytes[k + 6] === 0x20) at = k;
    }
    return at;
  }

  /** Line `i`'s lower-cased username (as trustedLineKey reads it off the text). */
  key(i: number): string {
    const { bytes, from } = this.at(i);
    return keyOfQuoted(bytes.toString(this.ascii ? 'latin1' : 'utf8', this.starts[i]! - from, this.marks[i]! + 1 - from));
  }
}

/**
 * How a plain name written as bytes [from, to) compares, lower-cased, with `key` (compareAccountKeys:
 * code units, which for printable ASCII are these bytes, A-Z lower-cased as keyOf does).
 */
function nameOrder(bytes: Uint8Array, from: number, to: number, key: string): number {
  const length = to - from;
  const common = Math.min(length, key.length);
  for (let k = 0; k < common; k++) {
    let c = bytes[from + k]!;
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    const d = key.charCodeAt(k);
    if (c !== d) return c - d;
  }
  return length - key.length;
}

/** Whether [from, to) holds a byte hashOfPlainBytes refuses besides those keyHashOfBytes does (past ASCII, a backslash): a control byte or DEL. */
function hasControlByte(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = bytes[i]!;
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

const DEVICE_KEY = Buffer.from('"device": ');

/** Whether the `{` at `k` opens the device's mapping (`"device": {`). */
function isDeviceKey(bytes: Buffer, k: number): boolean {
  return k >= DEVICE_KEY.length && bytes.compare(DEVICE_KEY, 0, DEVICE_KEY.length, k - DEVICE_KEY.length, k) === 0;
}

/**
 * The place of the `}` closing the device's mapping opened at `k` (before `end`), or -1 where
 * shard-codec.ts `deviceSpan` gives up: a backslash or a `{` in it, no end.
 */
function deviceEnd(bytes: Buffer, k: number, end: number): number {
  let inString = false;
  for (let j = k + 1; j < end; j++) {
    const c = bytes[j]!;
    if (c === BACKSLASH) return -1;
    if (c === QUOTE) inString = !inString;
    else if (inString) continue;
    else if (c === CLOSE) return j;
    else if (c === OPEN) return -1;
  }
  return -1;
}

function changed(file: string): AppError {
  return new AppError(`${file} changed while this command read it (edited by hand?): nothing was written; run the command again`);
}

/**
 * How two plain ASCII names compare as their lower-cased keys do (compareAccountKeys: code units,
 * which are these bytes): [a, aEnd) against [b, bEnd).
 */
function lowerBytesOrder(bytes: Uint8Array, a: number, aEnd: number, b: number, bEnd: number): number {
  for (; a < aEnd && b < bEnd; a++, b++) {
    let x = bytes[a]!;
    let y = bytes[b]!;
    if (x >= 0x41 && x <= 0x5a) x += 0x20;
    if (y >= 0x41 && y <= 0x5a) y += 0x20;
    if (x !== y) return x - y;
  }
  return aEnd - a - (bEnd - b);
}
