// The change log's active segment (change-log.ts) read without holding it: the part its note
// vouches for (log-digest.ts `.seen`) is read where a reader asks for bytes of it, a window at a
// time, into one small buffer reused; only what was appended after the note is read into the
// segment's own memory.
//
// Why: a process that reads the log whole puts every page of the segment into fresh memory, and
// on the paravirtualised VMs this project is measured on a fresh page costs a fault of ~14 µs of
// CPU (docs/scale-log.md, stop 48 P). At 1,000,000 accounts mid fold cycle the 41-44 MB segment
// was ~10,800 of an allocation's ~36,000 faults (~150 ms of its CPU), though its digest already
// says where every line is and what a reader over the circle indexes needs of it: a reader only
// reads each pending record's username (the selection, log-records.ts `select`, hashes it off the
// bytes, in log order: a forward scan) and the few hundred lines it takes or folds. Read through
// a reused 256 KB window those bytes cost the kernel's copy (~10 ms for 40 MB), no fault.
//
// What it trusts is what the digests trust: the note, for the stamp the segment has now, settled
// by the file system's clock it holds, says its first `length` bytes chain to the note's hash, and
// a digest whose chunk ends exactly there is taken without hashing them (log-digest.ts `load`). A
// reader that finds no such digest reads those bytes after all (change-log.ts `readLog`). Bytes
// below the note are never written again by this program (entries are only appended; a torn tail
// is cut past the last whole entry, which is past the note), so reading them later reads what the
// note vouched for. The window reads them through a descriptor of its own, opened on the same
// inode (checked), so a rename or removal of the segment meanwhile (a fold's) changes nothing.
import { closeSync, constants, fstatSync, openSync, readSync, type BigIntStats } from 'node:fs';
import { AppError } from '../errors.js';
import type { Seen } from './log-digest.js';
import { settledByClock } from './fs-clock.js';
import { stampOf } from './file-stamp.js';

/** Below this the segment is read whole: the window would spare little. */
const LAZY_FROM = 64 << 10;
/** More than this appended past the note: read whole (the digest is that far behind; its decode reads the bytes anyway). */
const TAIL_AT_MOST = 8 << 20;
/** Bytes read ahead where a reader goes on forward (a scan in log order). */
const WINDOW = 256 << 10;
/** Bytes read around a line asked for out of order (a line taken, a base line's hash). */
const NEAR = 16 << 10;
/** Windows whose descriptors stay open at once (a long-lived `serve` reads the log again and again). */
const OPEN_AT_MOST = 4;

/** The windows with a descriptor open, oldest first. */
const open: SegmentWindow[] = [];

/** The bytes of a segment below `end`, read a window at a time (see the header). */
export class SegmentWindow {
  /** The window's bytes: segment bytes `from..to` at 0..to-from. */
  buffer = Buffer.alloc(0);
  private from = 0;
  private to = 0;
  private fd: number | undefined = undefined;

  constructor(
    readonly path: string,
    /** Where the segment may be found again (its name, the previous segment's: change-log.ts `previousSegmentOf`). */
    private readonly names: readonly string[],
    readonly inode: bigint,
    /** Where the bytes read through the window end (the note's length). */
    readonly end: number,
    fd: number,
  ) {
    this.hold(fd);
  }

  /**
   * Makes `buffer` hold segment bytes `from..to` (to <= end) and returns where `from` is in it.
   * The buffer's bytes hold until the next call.
   */
  fill(from: number, to: number): number {
    if (from >= this.from && to <= this.to) return from - this.from;
    if (to > this.end || from > to) throw new AppError(`${this.path}: bytes ${from}-${to} asked of the part read by window (${this.end} bytes): a bug`);
    const forward = from >= this.from && from < this.to + WINDOW;
    const till = Math.min(this.end, Math.max(to, from + (forward ? WINDOW : NEAR)));
    if (this.buffer.length < till - from) this.buffer = Buffer.allocUnsafeSlow(Math.max(WINDOW, till - from));
    const fd = this.descriptor();
    for (let at = 0; at < till - from; ) {
      const n = readSync(fd, this.buffer, at, till - from - at, from + at);
      if (n === 0) throw new AppError(`${this.path} is shorter than its note says (${this.end} bytes): it was cut or replaced while being read; run the command again`);
      at += n;
    }
    this.from = from;
    this.to = till;
    return 0;
  }

  /** Reads segment bytes `0..end` into `target` (a reader that needs them all after all). */
  readAll(target: Buffer): void {
    const fd = this.descriptor();
    for (let at = 0; at < this.end; ) {
      const n = readSync(fd, target, at, this.end - at, at);
      if (n === 0) throw new AppError(`${this.path} is shorter than its note says (${this.end} bytes): it was cut or replaced while being read; run the command again`);
      at += n;
    }
  }

  /** Lets the descriptor go (it is opened again on the same inode if the window is read again). */
  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
    const at = open.indexOf(this);
    if (at >= 0) open.splice(at, 1);
  }

  /** Keeps `fd` as this window's descriptor, letting the oldest other window's go past OPEN_AT_MOST, and those on removed segments. */
  private hold(fd: number): number {
    closeRemovedWindows();
    this.fd = fd;
    open.push(this);
    while (open.length > OPEN_AT_MOST) open.shift()!.close();
    return fd;
  }

  /** The segment is linked under no name any more (a fold's turn renamed the next one over it, or removed it). */
  removed(): boolean {
    if (this.fd === undefined) return false;
    try {
      return fstatSync(this.fd).nlink === 0;
    } catch {
      return false; // left to `close` as before (pushed out, or the read's own error)
    }
  }

  /** The descriptor, opened again where `close` let it go: the segment's inode, under its name or the previous segment's (a fold renames it). */
  private descriptor(): number {
    if (this.fd !== undefined) return this.fd;
    for (const path of this.names) {
      const fd = openOnInode(path, this.inode);
      if (fd !== undefined) return this.hold(fd);
    }
    throw new AppError(`${this.path}: the change log's segment was removed while being read; run the command again`);
  }
}

/**
 * Lets go of the descriptors of windows whose segment was removed (a fold's turn renames the
 * active segment over the previous one, whose inode then lives on only through such a descriptor).
 * Kept open, a long-lived `serve` held up to OPEN_AT_MOST removed segments on disk (each ~40-60 MB
 * at 1,000,000 accounts) until newer reads pushed them out. Called where a window is opened and
 * after every transaction (pool.ts). A window let go is opened again by inode under its names if
 * read again: a removed one is found under none, and its reader is told to run the command again,
 * as a reader whose descriptor was pushed out always was.
 */
export function closeRemovedWindows(): void {
  for (const window of [...open]) if (window.removed()) window.close();
}

/** `path` opened for reading where it is a regular file of inode `inode`, else undefined. */
function openOnInode(path: string, inode: bigint): number | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const info = fstatSync(fd, { bigint: true });
    if (info.isFile() && info.ino === inode) return fd;
  } catch {
    // unreadable: as absent
  }
  closeSync(fd);
  return undefined;
}

/**
 * The active segment at `path` (`previous`: its name once a fold makes it the previous segment), whose stat is `info`, read only past its note `note` where the
 * note holds for it (see the header): its bytes (the part below the note left unread: pages never
 * touched) and the window that reads that part; undefined where it is to be read whole.
 */
export function readPastNote(path: string, previous: string, info: BigIntStats, note: Seen | undefined): { bytes: Buffer; window: SegmentWindow } | undefined {
  const size = Number(info.size);
  if (note === undefined || note.length < LAZY_FROM || note.length > size || size - note.length > TAIL_AT_MOST) return undefined;
  if (note.stamp !== stampOf(info) || !settledByClock(info, note.clock)) return undefined;
  const fd = openOnInode(path, info.ino);
  if (fd === undefined) return undefined;
  // A new ArrayBuffer of this size is mapped zero pages: only those the tail is read into are touched.
  const bytes = Buffer.from(new ArrayBuffer(size));
  try {
    for (let at = note.length; at < size; ) {
      const n = readSync(fd, bytes, at, size - at, at);
      if (n === 0) {
        closeSync(fd);
        return undefined; // shorter than its stat said (cut since): read whole, as before
      }
      at += n;
    }
  } catch (error) {
    // Not yet a window's: no one else would ever close it (a long-lived serve would leak one per failed read).
    closeSync(fd);
    throw error;
  }
  return { bytes, window: new SegmentWindow(path, [path, previous], info.ino, note.length, fd) };
}

/**
 * A window over the first `end` bytes of the segment at `names[0]` (also looked for under the other
 * `names`), whose stat was `info`, for a reader that has just read and decoded those bytes under the
 * pool's lock (change-log.ts `readLog`, `windowed`) and lets its copy go: bytes below `end` are whole
 * entries, never written again. Undefined where the segment is no longer that inode.
 */
export function windowOver(names: readonly string[], info: BigIntStats, end: number): SegmentWindow | undefined {
  const fd = openOnInode(names[0]!, info.ino);
  return fd === undefined ? undefined : new SegmentWindow(names[0]!, names, info.ino, end, fd);
}
