// The change log's pending records as an allocation takes them (pending-selection.ts), kept in an
// APPENDED binary file: the process that appends entries to the log under the lock appends, right
// after, one chunk saying what they changed among the rows, so the next allocation loads the file
// and reads nothing of the log's active segment (design-scale.md §3.2, "Pending-records file").
//
// Why a second file beside pending-records.json (status's): at 1,000,000 accounts mid fold cycle
// that JSON (~26,000 rows, 1.2 MB sealed) cost 64-81 ms of CPU to load and 141-169 ms where the
// reader had to extend it by the last allocation's entries and write it whole again, which ate what
// not reading the segment spared (scale-log.md, stop 46). Here nothing is parsed as text but the
// keys, no row is written twice but at a compaction, and the reader extends nothing in the usual
// run: the writer did, by a few hundred rows.
//
// Layout (.cache/pending-rows.bin, git-ignored): chunks, each `u32 payload length, payload, 32-byte
// seal` (cache-seal.ts `chunkSeal`, chained over the previous chunk's seal). The first chunk is a
// base (every pending row, and the log it covers); each later one an extension (the shards a fold
// entry named, whose rows it drops; the rows its records replaced; the rows they add; the log the
// file covers now). Rows are numbered across chunks in the order written.
//
// Checked, never trusted torn: a chunk cut short, a seal that does not hold, a chunk of another
// version or shard list, and the file is no file (the allocation reads the log whole and writes a
// new base by an atomic rename). A writer killed mid-append leaves just that: the next reader
// finds the last chunk torn. A writer killed after its log entry and before its chunk leaves a
// file that covers less than the log: the next reader decodes that tail (a positioned read) and
// appends the chunk itself. The log it covers is vouched for as pending-records.json's is (the
// segment's stamp settled by the clock, or its `.seen` note for the very length and chained hash:
// pending-records.ts `segmentNow`).
import { closeSync, constants, fstatSync, openSync, writeSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { chunkSeal, sealsLast } from '../cache-seal.js';
import { writeFileAtomic } from './atomic-write.js';
import { readOwnBytes } from './own-file.js';
import { decodeWithDigests, previousSegmentOf, type Covered, type LoggedChanges } from './change-log.js';
import { chainHash, type LogDigests } from './log-digest.js';
import { stampOf } from './file-stamp.js';
import { segmentNow, type SegmentNow } from './pending-records.js';
import type { PendingRows } from './pending-selection.js';

const FILE = 'pending-rows.bin';
const VERSION = 1;
const SEAL = 32;
/** A compaction (a new base) once the rows written exceed the live ones by this factor and count: replaying dead rows costs every reader. */
const COMPACT_FACTOR = 2;
const COMPACT_MIN = 4096;

/** What a chunk's head says (JSON at its start): the log covered after it, and for a base the shard list and the current segment's first position. */
interface Head {
  version: number;
  base: boolean;
  /** sha256 of the shard names, in order (a base's; an extension names its base's). */
  names: string;
  segments: (Covered | null)[];
  currentStart: number;
  nextPosition: number;
}

/** The file's rows as loaded and brought up to the log: every row written (`live` says which still count), and the head of its last chunk. */
export interface RowsFile {
  head: Head;
  keys: string[];
  positions: number[];
  homes: number[];
  bases: string[];
  live: Uint8Array;
  liveCount: number;
  /** The file's length as loaded or last appended to: an append where it is longer or shorter now writes a new base instead. */
  length: number;
  seal: Buffer;
}

/** The rows as the selection takes them, with the log they hold for. */
export type CurrentRows = PendingRows & { currentStart: number; nextPosition: number; length: number };

function namesHash(names: readonly string[]): string {
  return createHash('sha256').update(names.join('\n')).digest('hex');
}

/** Where the file lives, how it is loaded, brought up to the log, appended to and made again. */
export class PendingRowsFile {
  constructor(
    private readonly cacheDir: string,
    private readonly logPath: string,
    private readonly digests: LogDigests,
  ) {}

  get file(): string {
    return join(this.cacheDir, FILE);
  }

  /** The file as it is, undefined where missing, torn, forged or of another shard list. */
  async load(names: readonly string[]): Promise<RowsFile | undefined> {
    const bytes = await readOwnBytes(this.file);
    if (!bytes) return undefined;
    try {
      return readChunks(bytes, namesHash(names));
    } catch {
      return undefined;
    }
  }

  /**
   * `file`'s rows brought up to the log as it is: where the current segment grew past what the
   * file covers (a writer killed before its chunk, or this process's own commit), the entries
   * appended are decoded and the chunk they make is appended (under the lock: only a transaction
   * calls this). Undefined where the file does not hold for the log (see the header); the caller
   * reads the log whole.
   */
  async bringUp(file: RowsFile, names: readonly string[], homeOf: (key: string) => string): Promise<RowsFile | undefined> {
    const clock = this.digests.clock(); // before every stat: see fs-clock.ts
    const now: (SegmentNow | undefined)[] = [];
    for (let s = 0; s < 2; s++) {
      const found = await segmentNow(this.digests, s === 0 ? previousSegmentOf(this.logPath) : this.logPath, file.head.segments[s] ?? null, s === 1);
      if (found === false) return undefined;
      now.push(found);
    }
    const tail = now[1]?.tail;
    if (!tail || tail.length === 0) return file;
    const appended = decodeWithDigests(this.logPath, [tail], []).log;
    if (appended.validBytes === 0) return file;
    if (appended.validBytes !== tail.length) return undefined; // a torn tail: the whole read cuts it
    const change = extensionOf(file, appended, file.head.nextPosition, names, homeOf);
    if (!change) return undefined;
    const current = file.head.segments[1]!;
    const head: Head = {
      ...file.head,
      base: false,
      segments: [file.head.segments[0] ?? null, { inode: current.inode, length: current.length + appended.validBytes, sha256: chainHash(current.sha256, tail, 0, appended.validBytes), stamp: stampOf(now[1]!.info), clock }],
      nextPosition: file.head.nextPosition + appended.nextPosition,
    };
    applyChange(file, head, change);
    if (file.keys.length > COMPACT_MIN && file.keys.length > COMPACT_FACTOR * file.liveCount) await this.writeBase(file);
    else await this.append(file, head, change);
    return file;
  }

  /** A new base of `file`'s live rows, written whole (atomic rename, no fsync: a cache). */
  async writeBase(file: RowsFile): Promise<void> {
    compact(file);
    const payload = encodePayload({ ...file.head, base: true }, [], [], file);
    const seal = chunkSeal(Buffer.alloc(SEAL), payload);
    const bytes = Buffer.concat([u32(payload.length), payload, seal]);
    file.seal = seal;
    file.length = bytes.length;
    if (!sealsLast()) return; // a keyed process's file is left for it (seal-key.ts)
    try {
      await mkdir(this.cacheDir, { recursive: true, mode: 0o700 });
      await writeFileAtomic(this.file, bytes, 0o600, { durable: false });
    } catch {
      // A read-only pool (or a full disk) only loses the shortcut.
    }
  }

  /** Appends `change`'s chunk, where the file is still the length this process knows; else a new base. */
  private async append(file: RowsFile, head: Head, change: Change): Promise<void> {
    const payload = encodePayload(head, change.folded, change.superseded, change.rows);
    const seal = chunkSeal(file.seal, payload);
    const before = file.length;
    file.seal = seal;
    file.length = before + 4 + payload.length + SEAL;
    if (!sealsLast()) return;
    let fd: number | undefined;
    try {
      fd = openSync(this.file, constants.O_WRONLY | constants.O_APPEND | constants.O_NOFOLLOW | constants.O_NONBLOCK);
      const info = fstatSync(fd);
      if (!info.isFile() || info.size !== before) {
        closeSync(fd);
        fd = undefined;
        await this.writeBase(file);
        return;
      }
      // One write: a kill can still cut it part way, which the next reader sees as a torn chunk.
      const bytes = Buffer.concat([u32(payload.length), payload, seal]);
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
    } catch {
      // Missing (deleted since) or not writable: made again by the next whole read.
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  /**
   * A file made from `list`'s rows (a view opened over the log read whole, homes known), covering
   * the log as `covered` says it was read.
   */
  async make(rows: { keys: readonly string[]; positions: readonly number[]; homes: readonly number[]; bases: readonly string[] }, covered: readonly (Covered | undefined)[], names: readonly string[], positions: { currentStart: number; nextPosition: number }): Promise<RowsFile | undefined> {
    if (!covered[1]) return undefined;
    const n = rows.keys.length;
    const file: RowsFile = {
      head: { version: VERSION, base: true, names: namesHash(names), segments: [covered[0] ?? null, covered[1]], currentStart: positions.currentStart, nextPosition: positions.nextPosition },
      keys: [...rows.keys],
      positions: [...rows.positions],
      homes: [...rows.homes],
      bases: [...rows.bases],
      live: new Uint8Array(n).fill(1),
      liveCount: n,
      length: 0,
      seal: Buffer.alloc(SEAL),
    };
    await this.writeBase(file);
    return file;
  }
}

/** The rows as the selection takes them: every row written, the live ones marked (no copy: ~20 ms cold at 26,000 rows). */
export function currentRows(file: RowsFile, names: readonly string[]): CurrentRows {
  return { names, keys: file.keys, positions: file.positions, homes: file.homes, bases: file.bases, live: file.live, currentStart: file.head.currentStart, nextPosition: file.head.nextPosition, length: file.head.segments[1]!.length };
}

/** What one extension changes: the shards folded (their rows dropped), the rows superseded, the rows added. */
interface Change {
  folded: number[];
  superseded: number[];
  rows: { keys: string[]; positions: number[]; homes: number[]; bases: string[] };
}

/**
 * What the entries `appended` (decoded alone, positions from 0; `offset`: its first entry's position
 * in the whole log) change among `file`'s live rows, as pending-records.ts `extend` puts them over
 * its rows: a fold entry drops the rows of the shards it names (every row is before it); each record
 * still pending in its home replaces its account's row, with the appended base line where it
 * carries one, else the row's. Undefined where a home is not among `names`.
 */
function extensionOf(file: RowsFile, appended: LoggedChanges, offset: number, names: readonly string[], homeOf: (key: string) => string): Change | undefined {
  const index = new Map(names.map((name, i) => [name, i]));
  const folded: number[] = [];
  for (let h = 0; h < names.length; h++) if (appended.markOf(names[h]!) >= 0) folded.push(h);
  const isFolded = new Uint8Array(names.length);
  for (const h of folded) isFolded[h] = 1;
  const keys = appended.keys;
  const fresh = new Set(keys);
  // The live row of each account appended (only those few hundred keys are looked for).
  const before = new Map<string, number>();
  for (let r = 0; r < file.keys.length; r++) if (file.live[r] && !isFolded[file.homes[r]!] && fresh.has(file.keys[r]!)) before.set(file.keys[r]!, r);
  const superseded: number[] = [];
  const rows: Change['rows'] = { keys: [], positions: [], homes: [], bases: [] };
  const added = new Map<string, number>();
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const home = homeOf(key);
    const homeAt = index.get(home);
    if (homeAt === undefined) return undefined;
    const position = appended.positions[i]!;
    if (appended.isFolded(position, home)) continue;
    const old = before.get(key);
    const at = added.get(key);
    const earlier = at !== undefined ? rows.bases[at]! : old !== undefined ? file.bases[old]! : '';
    const base = appended.baseHashAfter(key, appended.markOf(home))?.toString('hex') ?? earlier;
    if (at !== undefined) {
      rows.positions[at] = offset + position;
      rows.homes[at] = homeAt;
      rows.bases[at] = base;
      continue;
    }
    if (old !== undefined) {
      superseded.push(old);
      before.delete(key);
    }
    added.set(key, rows.keys.push(key) - 1);
    rows.positions.push(offset + position);
    rows.homes.push(homeAt);
    rows.bases.push(base);
  }
  return { folded, superseded, rows };
}

/** `change` put over `file` in memory, its head now `head`. */
function applyChange(file: RowsFile, head: Head, change: Change): void {
  const dropped = new Uint8Array(Math.max(1, ...change.folded.map((h) => h + 1)));
  for (const h of change.folded) dropped[h] = 1;
  let live = file.liveCount;
  if (change.folded.length > 0) {
    for (let r = 0; r < file.keys.length; r++) {
      if (file.live[r] && dropped[file.homes[r]!]) {
        file.live[r] = 0;
        live--;
      }
    }
  }
  for (const r of change.superseded) {
    if (r < 0 || r >= file.keys.length || !file.live[r]) throw new Error('a row superseded twice');
    file.live[r] = 0;
    live--;
  }
  const n = change.rows.keys.length;
  const grown = new Uint8Array(file.keys.length + n);
  grown.set(file.live);
  grown.fill(1, file.keys.length);
  file.keys.push(...change.rows.keys);
  file.positions.push(...change.rows.positions);
  file.homes.push(...change.rows.homes);
  file.bases.push(...change.rows.bases);
  file.live = grown;
  file.liveCount = live + n;
  file.head = head;
}

/** Only the live rows kept, in order (the numbering a next chunk's `superseded` uses then is this one's: only a base is written after it). */
function compact(file: RowsFile): void {
  if (file.liveCount === file.keys.length) return;
  let w = 0;
  for (let r = 0; r < file.keys.length; r++) {
    if (!file.live[r]) continue;
    file.keys[w] = file.keys[r]!;
    file.positions[w] = file.positions[r]!;
    file.homes[w] = file.homes[r]!;
    file.bases[w] = file.bases[r]!;
    w++;
  }
  for (const column of [file.keys, file.positions, file.homes, file.bases]) column.length = w;
  file.live = new Uint8Array(w).fill(1);
  file.liveCount = w;
  // Numbered afresh: only a new base may follow (writeBase), never an append over the old numbering.
  file.length = -1;
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

/**
 * A chunk's payload: `u32 head length, head JSON, u32 folded, u32 superseded, u32 rows`, then
 * folded and superseded as u32 each, positions as f64, homes as u32, each base as a flag byte and
 * 8 bytes (a `lineHash` is 16 hex digits), each key's length in UTF-16 units as u32, then the keys'
 * UTF-8 text.
 */
function encodePayload(head: Head, folded: readonly number[], superseded: readonly number[], rows: { keys: readonly string[]; positions: readonly number[]; homes: readonly number[]; bases: readonly string[] }): Buffer {
  const headBytes = Buffer.from(JSON.stringify(head));
  const n = rows.keys.length;
  const text = rows.keys.join('');
  const textBytes = Buffer.byteLength(text);
  const size = 4 + headBytes.length + 12 + 4 * folded.length + 4 * superseded.length + 8 * n + 4 * n + 9 * n + 4 * n + textBytes;
  const out = Buffer.alloc(size);
  let at = out.writeUInt32LE(headBytes.length, 0);
  at += headBytes.copy(out, at);
  at = out.writeUInt32LE(folded.length, at);
  at = out.writeUInt32LE(superseded.length, at);
  at = out.writeUInt32LE(n, at);
  for (const h of folded) at = out.writeUInt32LE(h, at);
  for (const r of superseded) at = out.writeUInt32LE(r, at);
  out.set(new Uint8Array(Float64Array.from(rows.positions).buffer), at);
  at += 8 * n;
  out.set(new Uint8Array(Uint32Array.from(rows.homes).buffer), at);
  at += 4 * n;
  for (let r = 0; r < n; r++) {
    const base = rows.bases[r]!;
    if (base === '') at = out.writeUInt8(0, at) + 8;
    else {
      if (!/^[0-9a-f]{16}$/.test(base)) throw new Error('a base hash of another form');
      out.writeUInt8(1, at);
      out.write(base, at + 1, 'hex');
      at += 9;
    }
  }
  out.set(new Uint8Array(Uint32Array.from(rows.keys, (key) => key.length).buffer), at);
  at += 4 * n;
  at += out.write(text, at, 'utf8');
  if (at !== size) throw new Error('a chunk of another size than counted');
  return out;
}

/**
 * The file's chunks read, each seal checked in turn, the rows made; throws where anything does not
 * hold (the caller: no file). Rows are dropped once at the end, not per chunk: a row is dead where
 * a later chunk superseded it or folded its home (each chunk's fold applied to every row before it
 * was a pass over all rows per chunk, ~600,000 steps for 20 chunks at 1,000,000 accounts).
 */
function readChunks(bytes: Buffer, names: string): RowsFile {
  let at = 0;
  let seal: Buffer = Buffer.alloc(SEAL);
  let head: Head | undefined;
  const keys: string[] = [];
  const positions: number[] = [];
  const homes: number[] = [];
  const bases: string[] = [];
  /** The chunk each row was written in, the last chunk that folded each home, and the rows superseded. */
  const writtenIn: number[] = [];
  const foldedIn: number[] = [];
  const superseded: number[] = [];
  for (let chunk = 0; at < bytes.length; chunk++) {
    if (at + 4 > bytes.length) throw new Error('torn');
    const length = bytes.readUInt32LE(at);
    const end = at + 4 + length + SEAL;
    if (end > bytes.length) throw new Error('torn');
    const payload = bytes.subarray(at + 4, at + 4 + length);
    const expected = chunkSeal(seal, payload);
    if (!expected.equals(bytes.subarray(at + 4 + length, end))) throw new Error('seal');
    seal = expected;
    const change = decodePayload(payload);
    const h = change.head;
    if (h.version !== VERSION || h.names !== names || h.base !== (chunk === 0)) throw new Error('another file');
    if (!Array.isArray(h.segments) || h.segments.length !== 2 || !h.segments[1] || !Number.isSafeInteger(h.nextPosition) || !Number.isSafeInteger(h.currentStart)) throw new Error('head');
    head = h;
    for (const home of change.folded) foldedIn[home] = chunk;
    for (const r of change.superseded) {
      if (r >= keys.length) throw new Error('a row superseded before it was written');
      superseded.push(r);
    }
    const n = change.rows.keys.length;
    for (let r = 0; r < n; r++) {
      keys.push(change.rows.keys[r]!);
      positions.push(change.rows.positions[r]!);
      homes.push(change.rows.homes[r]!);
      bases.push(change.rows.bases[r]!);
      writtenIn.push(chunk);
    }
    at = end;
  }
  if (!head) throw new Error('empty');
  const live = new Uint8Array(keys.length);
  let liveCount = 0;
  for (let r = 0; r < keys.length; r++) {
    const folded = foldedIn[homes[r]!];
    if (folded === undefined || folded <= writtenIn[r]!) {
      live[r] = 1;
      liveCount++;
    }
  }
  for (const r of superseded) {
    if (live[r] === 1) {
      live[r] = 0;
      liveCount--;
    }
  }
  return { head, keys, positions, homes, bases, live, liveCount, length: bytes.length, seal };
}

function decodePayload(p: Buffer): Change & { head: Head } {
  let at = 0;
  const headLength = p.readUInt32LE(at);
  at += 4;
  const head = JSON.parse(p.toString('utf8', at, at + headLength)) as Head;
  at += headLength;
  const nf = p.readUInt32LE(at);
  const ns = p.readUInt32LE(at + 4);
  const n = p.readUInt32LE(at + 8);
  at += 12;
  if (at + 4 * nf + 4 * ns + 25 * n > p.length) throw new Error('short');
  const folded: number[] = new Array(nf);
  for (let i = 0; i < nf; i++, at += 4) folded[i] = p.readUInt32LE(at);
  const superseded: number[] = new Array(ns);
  for (let i = 0; i < ns; i++, at += 4) superseded[i] = p.readUInt32LE(at);
  // Each column copied out whole (a memcpy) and read as a typed array: a `readDoubleLE` per row
  // ran in the interpreter in a fresh process (~26,000 rows a load at 1,000,000 accounts).
  const position = new Float64Array(n);
  new Uint8Array(position.buffer).set(p.subarray(at, at + 8 * n));
  at += 8 * n;
  const positions: number[] = new Array(n);
  for (let r = 0; r < n; r++) {
    const value = position[r]!;
    if (!Number.isSafeInteger(value) || value < 0) throw new Error('position');
    positions[r] = value;
  }
  const home = new Uint32Array(n);
  new Uint8Array(home.buffer).set(p.subarray(at, at + 4 * n));
  at += 4 * n;
  const homes: number[] = Array.from(home);
  // The hashes as one hex text, each row's a slice of it (no decode per row).
  const hex = p.toString('hex', at, at + 9 * n);
  const bases: string[] = new Array(n);
  for (let r = 0; r < n; r++) bases[r] = p[at + 9 * r] === 0 ? '' : hex.slice(18 * r + 2, 18 * r + 18);
  at += 9 * n;
  const lengths = new Uint32Array(n);
  new Uint8Array(lengths.buffer).set(p.subarray(at, at + 4 * n));
  at += 4 * n;
  let total = 0;
  for (let r = 0; r < n; r++) total += lengths[r]!;
  const text = p.toString('utf8', at);
  if (text.length !== total) throw new Error('keys');
  const keys: string[] = new Array(n);
  for (let r = 0, from = 0; r < n; r++) keys[r] = text.slice(from, (from += lengths[r]!));
  return { head, folded, superseded, rows: { keys, positions, homes, bases } };
}
