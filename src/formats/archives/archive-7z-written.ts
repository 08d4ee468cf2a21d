// What 7-Zip (7z-wasm, archive-7z.ts) writes, watched as it writes it: the bytes it unpacks from a
// 7z or rar, counted and stopped at the caps (max_dump_size in all, MAX_RATIO times a member's
// packed size); and its listing, stopped once it has listed more entries than will be read.
// The sizes its listing declares are not enough: a RAR 5 file header may say its unpacked size is
// unknown (rarlab's "RAR 5.0 archive format", file flag 0x0008: "extraction must be performed until
// reaching the end of compression stream"; 7-Zip lists its `Size = ` empty), and what a decoder
// writes is what the cap is for. 7-Zip writes through Emscripten's FS.write, which its write
// syscall looks up on the FS object at each call; an Emscripten ErrnoError thrown from it reaches
// 7-Zip as a failed write (ENOSPC), and 7-Zip stops unpacking there: the write that passes a cap is
// not made, and 7-Zip writes in buffers of 1 MiB at most.
import type { SevenZipModule } from '7z-wasm';
import { MAX_RATIO, RATIO_FROM } from './archive-unpacked-cap.js';

/** ENOSPC as Emscripten numbers errors (WASI's errno numbers: `__WASI_ERRNO_NOSPC`, 51). */
const ENOSPC = 51;

/** What a member unpacks against: its own packed size, or its 7z block's (a solid 7z packs its files together). */
export interface PackedGroup {
  key: string;
  packed: number;
}

export interface Overrun {
  /** The member being written when a cap was passed, as 7-Zip names it under the output folder. */
  path: string;
  /** `total`: max_dump_size passed; `ratio`: its group passed MAX_RATIO times its packed bytes. */
  cap: 'total' | 'ratio';
  written: number;
  packed: number;
}

interface Stream {
  path?: string;
  tty?: unknown;
}
type Write = (stream: Stream, ...rest: unknown[]) => number;

/**
 * Counts what 7-Zip writes under `folder` while `run` runs, and stops it at the first cap passed;
 * returns what was passed, if any. `groupOf` tells a written member's packed group (undefined: one
 * of its own with no packed size, judged by the ratio from RATIO_FROM up).
 */
export function capWritten(sz: SevenZipModule, folder: string, maxTotal: number, groupOf: (path: string) => PackedGroup | undefined, run: () => void): Overrun | undefined {
  const fs = sz.FS as unknown as { write: Write; ErrnoError: new (errno: number) => Error };
  const write = fs.write;
  const written = new Map<string, number>();
  let total = 0;
  let over: Overrun | undefined;
  fs.write = function (this: unknown, stream: Stream, ...rest: unknown[]) {
    const length = rest[2] as number;
    const path = stream.path;
    if (!stream.tty && path?.startsWith(folder)) {
      if (over) throw new fs.ErrnoError(ENOSPC);
      const member = path.slice(folder.length);
      const group = groupOf(member) ?? { key: member, packed: 0 };
      const bytes = (written.get(group.key) ?? 0) + length;
      written.set(group.key, bytes);
      total += length;
      if (total > maxTotal) over = { path: member, cap: 'total', written: total, packed: group.packed };
      else if (bytes >= RATIO_FROM && bytes > group.packed * MAX_RATIO) over = { path: member, cap: 'ratio', written: bytes, packed: group.packed };
      if (over) throw new fs.ErrnoError(ENOSPC);
    }
    return write.call(this, stream, ...rest);
  };
  try {
    run();
  } finally {
    fs.write = write;
  }
  return over;
}

/** Thrown out of 7-Zip's write to its standard output to stop it (see stopPrinting). */
class Stopped extends Error {
  constructor() {
    super('7-Zip stopped printing');
  }
}

/**
 * Runs `run`, stopping 7-Zip at its next write to its standard output once `enough()` is true: the
 * listing of an archive of more entries than will be read goes no further (~35 us an entry, 7 s for
 * 200,000). Thrown from FS.write, not from `print`: Emscripten's TTY turns whatever `print` throws
 * into EIO, which 7-Zip passes over, printing on; an error that is no ErrnoError passes the write
 * syscall's catch and unwinds 7-Zip out of callMain. Its module is not to be run again after: what
 * it held is left as the unwinding found it.
 */
export function stopPrinting(sz: SevenZipModule, enough: () => boolean, run: () => void): void {
  const fs = sz.FS as unknown as { write: Write };
  const write = fs.write;
  fs.write = function (this: unknown, stream: Stream, ...rest: unknown[]) {
    const written = write.call(this, stream, ...rest);
    if (stream.tty && enough()) throw new Stopped();
    return written;
  };
  try {
    run();
  } finally {
    fs.write = write;
  }
}
