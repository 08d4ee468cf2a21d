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
import { OWN_FILE_MAX, readOwnBytes, readOwnFile } from './own-file.js';
import { hash } from 'node:crypto';
import { join } from 'node:path';
import type { CircleStanding, Standing } from '../model.js';
import { byKey, circleOrder } from '../circle-order.js';
import { trustedLineSeq } from './shard-codec.js';
import type { ShardState } from './shard-state.js';
import { writeFileAtomicSync } from './atomic-write.js';
import { spellingNeedsProvider, spellingOf } from '../account-spelling.js';
import { clockText, readFsClock } from './fs-clock.js';

const VERSION = 3; // 3: `odd` marks Google names without @ (GOOGLE_LINE)

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
}

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

/** `blob` as one string when it is all ASCII, else null. */
function asciiText(blob: Buffer): string | null {
  const text = blob.toString('latin1');
  return /^[\x00-\x7f]*$/.test(text) ? text : null;
}

/** Item `i` of a blob cut at `ends`: sliced from its decoded text where that is ASCII (a decode per item cost most of a lookup). */
function textAt(blob: Buffer, ends: Int32Array, i: number, ascii: string | null): string {
  const from = i === 0 ? 0 : ends[i - 1]!;
  return ascii !== null ? ascii.slice(from, ends[i]!) : blob.toString('utf8', from, ends[i]!);
}

/** Texts as one blob and where each ends in it (one encoding of the whole: a Buffer per text cost most of an encode). */
function blobOf(texts: readonly string[]): { bytes: Buffer; ends: Int32Array } {
  const text = texts.join('');
  const bytes = Buffer.from(text);
  const ascii = bytes.length === text.length; // else some text took more bytes than characters
  let end = 0;
  return { bytes, ends: Int32Array.from(texts, (t) => (end += ascii ? t.length : Buffer.byteLength(t))) };
}

/** A circle index whose list of odd keys is not one indexShard wrote (see ShardCircle.odd). */
export class GarbledOdd extends Error {
  constructor(shard: string) {
    super(`the circle index of shard ${shard} lists keys it does not hold`);
  }
}

/** One shard's index over its columns file's bytes (nothing is parsed but the header). */
export class ShardCircle {
  readonly seq: Float64Array;
  readonly tuple: Int32Array;
  /** Byte offset of each line in the shard file, then the file's length. */
  readonly starts: Int32Array;
  /** Line indexes in circle order. */
  readonly order: Int32Array;
  private readonly keyEnds: Int32Array;
  private readonly allocatedEnds: Int32Array;
  /** The 8-byte line hashes, line after line (`hashAt`). */
  readonly hashes: Buffer;
  private readonly keyText: Buffer;
  private readonly allocatedText: Buffer;
  private oddPairs: Uint32Array | undefined;
  /** The blobs decoded once, where they are ASCII (byte offsets are then string offsets); null where not. */
  private keys: string | null | undefined;
  private allocated: string | null | undefined;

  private constructor(
    readonly head: Head,
    readonly sighting: Sighting,
    body: Buffer,
    /** The columns file's length: what saving this index again writes. */
    readonly fileBytes: number,
  ) {
    const n = head.size;
    let at = 0;
    const f64 = (count: number) => new Float64Array(body.buffer, body.byteOffset + (at += 8 * count) - 8 * count, count);
    const i32 = (count: number) => new Int32Array(body.buffer, body.byteOffset + (at += 4 * count) - 4 * count, count);
    const bytes = (count: number) => body.subarray(at, (at += count));
    this.seq = f64(n);
    this.tuple = i32(n);
    this.starts = i32(n + 1);
    this.order = i32(n);
    this.keyEnds = i32(n);
    this.allocatedEnds = i32(n);
    this.hashes = bytes(8 * n);
    this.keyText = bytes(head.keyBytes);
    this.allocatedText = bytes(head.allocatedBytes);
    if (at !== body.length) throw new Error('not an index');
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
    const aligned = odd.byteOffset % 4 === 0 ? odd : new Uint8Array(odd); // a small Buffer may sit anywhere in Node's pool
    return (this.oddPairs = new Uint32Array(aligned.buffer, aligned.byteOffset, odd.length / 4));
  }

  get size(): number {
    return this.head.size;
  }

  keyAt(i: number): string {
    return textAt(this.keyText, this.keyEnds, i, (this.keys ??= asciiText(this.keyText)));
  }

  /** allocated_at of line `i` (undefined: never handed out; an empty string is never a date). */
  allocatedAt(i: number): string | undefined {
    return textAt(this.allocatedText, this.allocatedEnds, i, (this.allocated ??= asciiText(this.allocatedText))) || undefined;
  }

  hashAt(i: number): string {
    return this.hashes.toString('hex', 8 * i, 8 * i + 8);
  }

  /** Whether line `i`'s hash is `hash` (8 bytes, as `lineHash` gives them in hex): no string made. */
  hashIs(i: number, hash: Buffer): boolean {
    return this.hashes.compare(hash, 0, 8, 8 * i, 8 * i + 8) === 0;
  }

  /** The line holding `key` (the keys are sorted), or -1. */
  find(key: string): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keyAt(mid) < key) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.size && this.keyAt(lo) === key ? lo : -1;
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

  /** The same columns, seen again at another stamp. */
  seen(sighting: Sighting): ShardCircle {
    return Object.assign(Object.create(ShardCircle.prototype) as ShardCircle, this, { sighting });
  }

  /** The columns file: a 4-byte header length, the header, padding to 8, then the columns. */
  static encode(head: Head, columns: { seq: ArrayLike<number>; tuple: ArrayLike<number>; starts: ArrayLike<number>; order: ArrayLike<number>; keys: string[]; allocated: (string | undefined)[]; hashes: Buffer }): Buffer {
    const keys = blobOf(columns.keys);
    const allocated = blobOf(columns.allocated.map((a) => a ?? ''));
    const full = { ...head, keyBytes: keys.bytes.length, allocatedBytes: allocated.bytes.length };
    const headText = Buffer.from(JSON.stringify(full));
    const pad = (8 - ((4 + headText.length) % 8)) % 8;
    const prefix = Buffer.alloc(4 + headText.length + pad, 0x20);
    prefix.writeUInt32LE(headText.length + pad, 0);
    headText.copy(prefix, 4);
    const typed = (array: Float64Array | Int32Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength);
    return Buffer.concat([
      prefix,
      typed(Float64Array.from(columns.seq)),
      typed(Int32Array.from(columns.tuple)),
      typed(Int32Array.from(columns.starts)),
      typed(Int32Array.from(columns.order)),
      typed(keys.ends),
      typed(allocated.ends),
      columns.hashes,
      keys.bytes,
      allocated.bytes,
    ]);
  }

  /** The index in `bytes` (a columns file), seen as `sighting` says; undefined when it is not one made for it. */
  static decode(bytes: Buffer, sighting: Sighting): ShardCircle | undefined {
    try {
      const headLength = bytes.readUInt32LE(0);
      const head = JSON.parse(bytes.toString('utf8', 4, 4 + headLength)) as Head;
      if (head.version !== VERSION || head.name !== sighting.name || head.sha1 !== sighting.sha1) return undefined;
      if (!Number.isInteger(head.size) || !Array.isArray(head.strays) || typeof head.odd !== 'string' || !Array.isArray(head.tuples) || !head.tuples.every((t) => Array.isArray(t) && t.length === 6)) return undefined;
      let body = bytes.subarray(4 + headLength);
      if (body.byteOffset % 8 !== 0) body = Buffer.from(body); // typed arrays need aligned memory
      const index = new ShardCircle(head, sighting, body, bytes.length);
      // Made by indexShard: anything else is a garbled file, never used. The columns in locals:
      // this loop runs once per line of every shard, before the JIT compiles it, where each
      // property load costs (twice the time with them, measured).
      const { tuple, order, starts } = index;
      const n = index.size;
      const tuples = head.tuples.length;
      for (let i = 0; i < n; i++) {
        if (!(tuple[i]! >= 0 && tuple[i]! < tuples && order[i]! >= 0 && order[i]! < n && starts[i]! < starts[i + 1]!)) return undefined;
      }
      return index;
    } catch {
      return undefined;
    }
  }

  /** The index of `shard` as read from `bytes` (whose sha1 and stamp `sighting` gives). */
  static of(shard: ShardState, bytes: Buffer, sighting: Sighting, isStray: (key: string) => boolean): { index: ShardCircle; encoded: Buffer } {
    const n = shard.size;
    const head: Head = { version: VERSION, name: shard.name, sha1: sighting.sha1, sortedLines: false, size: 0, strays: [], odd: '', tuples: [], keyBytes: 0, allocatedBytes: 0 };
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
    const encoded = ShardCircle.encode({ ...head, sortedLines: true, size: n }, { seq, tuple, starts, order, keys, allocated, hashes });
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

  constructor(private readonly dir: string) {}

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

  /** The columns made from the bytes `sighting` names, if they are there and not garbled. */
  async load(sighting: Sighting): Promise<ShardCircle | undefined> {
    const kept = this.kept.get(sighting.name);
    if (kept?.head.sha1 === sighting.sha1) {
      const again = kept.seen(sighting);
      this.kept.set(sighting.name, again); // the text blobs it decodes are kept with it
      return again;
    }
    // Read as the other caches are (own-file.ts): never through a link, a FIFO or a file of gigabytes.
    const bytes = await readOwnBytes(this.fileOf(sighting.name, 'idx'), OWN_FILE_MAX);
    const index = bytes && ShardCircle.decode(bytes, sighting);
    if (index) this.kept.set(sighting.name, index);
    return index;
  }

  newSighting(name: string, sha1: string, shards: number, stamp: string, checkedAt: number, clock?: string): Sighting {
    return clock === undefined ? { version: VERSION, name, sha1, shards, stamp, checkedAt } : { version: VERSION, name, sha1, shards, stamp, checkedAt, clock };
  }

  /** The file system's clock now (fs-clock.ts), read in the store's folder; undefined where it cannot be (none yet, read-only). */
  clock(): string | undefined {
    return clockText(readFsClock(join(this.dir, 'clock')));
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
