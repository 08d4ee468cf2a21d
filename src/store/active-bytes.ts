// The change log's active segment (change-log.ts) read again by a process that read it moments ago
// and whose bytes of it are still alive: only what was appended since is read, into the same
// memory, past the bytes already there.
//
// Why: `serve`'s idle fold reads the log at every step (pool.ts `foldFresh`, `leanTransaction`),
// and each read was a new buffer of the whole segment while the last one, garbage not yet
// collected, was still there: at 1,000,000 accounts mid fold cycle two copies of a 43 MB segment
// were alive at the peak (docs/scale-log.md, stop 46). The segment only grows at its end between
// two such reads (fold entries, allocations' entries, all appended under the lock), so the memory
// the last read filled is taken again (never kept alive for this: remembered weakly, as
// sealed-bytes.ts does the previous segment), with spare room at its end for the appends.
//
// What it trusts is what the digests trust (log-digest.ts `load`, `.seen`): the segment's note for
// the stamp it has now, settled by the file system's clock the note holds, says that its first
// `length` bytes chain to `sha256`; the bytes remembered are those a reader of this process read
// and found to chain to that very hash over that very length, and were the whole segment then (no
// torn tail: the memory past them is nobody's). Any other stamp, a tie with the clock, another
// length or hash, another inode or path: the segment is read whole into new memory.
import { readSync, type BigIntStats } from 'node:fs';
import type { Seen } from './log-digest.js';
import { settledByClock } from './fs-clock.js';
import { stampOf } from './file-stamp.js';
import { readAllSync } from './staged-read.js';
import type { SegmentWindow } from './segment-window.js';

/** Below this the segment is read whole every time: a small log costs nothing worth the spare room. */
const GROWN_FROM = 64 << 10;

interface Active {
  path: string;
  inode: string;
  /** The bytes remembered: the whole segment when read, chaining to `sha256`. */
  length: number;
  sha256: string;
  memory: WeakRef<ArrayBuffer>;
}

/** The last read remembered: no view of its memory handed out reaches past its `length`. */
let last: Active | undefined;

/**
 * How far into each memory views were handed out: a read remembered late (two reads of the log
 * interleaved at their awaits) is not taken again where a later read handed out more of it.
 */
const handedOut = new WeakMap<ArrayBuffer, number>();

/** `size` bytes of `memory` as a Buffer, noted as handed out. */
function viewOf(memory: ArrayBuffer, size: number): Buffer {
  handedOut.set(memory, Math.max(handedOut.get(memory) ?? 0, size));
  return Buffer.from(memory, 0, size);
}

/** Spare room for the appends of a few transactions: a sixteenth of the segment, at least 256 KB (not touched, so not resident, until filled). */
const spareFor = (size: number) => Math.max(256 << 10, size >>> 4);

/**
 * The active segment at `path`, open at `fd`, whose stat is `info` and whose note (log-digest.ts
 * `noteOf`) is `note`: the bytes this process last read of it with what was appended since read
 * after them; else what `pastNote` reads (segment-window.ts: the part past the note, the rest
 * through a window), where it does; else the whole segment read into new memory with spare room
 * (see the header).
 */
export function readActive(path: string, fd: number, info: BigIntStats, note: Seen | undefined, pastNote?: () => { bytes: Buffer; window: SegmentWindow } | undefined): { bytes: Buffer; window?: SegmentWindow } {
  const size = Number(info.size);
  if (size < GROWN_FROM) return { bytes: readAllSync(fd) };
  const memory = last?.memory.deref();
  const grown =
    last !== undefined &&
    memory !== undefined &&
    last.path === path &&
    last.inode === String(info.ino) &&
    note !== undefined &&
    note.stamp === stampOf(info) &&
    settledByClock(info, note.clock) &&
    note.length === last.length &&
    note.sha256 === last.sha256 &&
    last.length <= size &&
    (handedOut.get(memory) ?? 0) <= last.length;
  if (grown) {
    const from = last!.length;
    // Until a reader remembers these bytes as whole, no later read writes past them: a reader
    // holding them (a torn tail among them, say) must never see them change.
    last = undefined;
    const target = memory!.byteLength >= size ? viewOf(memory!, size) : copied(memory!, from, size);
    if (readInto(fd, target, from)) return { bytes: target };
  }
  const past = pastNote?.();
  if (past) return past;
  const fresh = viewOf(new ArrayBuffer(size + spareFor(size)), size);
  return { bytes: readInto(fd, fresh, 0) ? fresh : readAllSync(fd) }; // shorter than its stat said (cut since): as before
}

/** The first `from` bytes of `memory` in new memory of `size` and spare room. */
function copied(memory: ArrayBuffer, from: number, size: number): Buffer {
  const target = viewOf(new ArrayBuffer(size + spareFor(size)), size);
  target.set(new Uint8Array(memory, 0, from));
  return target;
}

/** Reads the file at `fd` from `from` to `target`'s end into `target` at the same offsets; false where it ends sooner. */
function readInto(fd: number, target: Buffer, from: number): boolean {
  for (let at = from; at < target.length; ) {
    const n = readSync(fd, target, at, target.length - at, at);
    if (n === 0) return false;
    at += n;
  }
  return true;
}

/**
 * Remembers `bytes`, read of the active segment at `path` (inode `inode`) by `readActive`, where a
 * reader found them whole (no torn tail) and chaining to `sha256`: the next read may take them.
 */
export function rememberActive(path: string, inode: string, bytes: Buffer, length: number, sha256: string): void {
  if (length !== bytes.length || bytes.length < GROWN_FROM || bytes.byteOffset !== 0) return;
  // A later read handed out more of this memory: taken again, its appends would land under that read's bytes.
  if ((handedOut.get(bytes.buffer as ArrayBuffer) ?? length) > length) return;
  last = { path, inode, length, sha256, memory: new WeakRef(bytes.buffer as ArrayBuffer) };
}
