// Finding one account's line in a canonical shard file without reading the file whole: its lines
// are sorted by key (shard-codec.ts), so a lookup bisects by byte offset and reads a few small
// windows. `status` looks up each account of the change log so (pool-standings.ts); reading every
// shard whole for that was most of its cost at 1,000,000 accounts (170 MB, mostly system time).
import { readSync } from 'node:fs';
import { trustedLineKey } from './shard-codec.js';

/** `length` bytes (fewer at the end) from offset `at`. */
export type Chunks = (at: number, length: number) => Buffer;

/** Longer than any line we write (an account's line is ~200 bytes); a longer one is left to the caller. */
export const WINDOW = 4096;

export function bytesChunks(bytes: Buffer): Chunks {
  return (at, length) => bytes.subarray(at, at + length);
}

/** Reads into one buffer, reused: a chunk is read from before the next read (a new 4 KB buffer a read was most of the cost). */
export function fileChunks(fd: number): Chunks {
  let buffer = Buffer.allocUnsafe(WINDOW);
  return (at, length) => {
    if (buffer.length < length) buffer = Buffer.allocUnsafe(length);
    return buffer.subarray(0, readSync(fd, buffer, 0, length, at));
  };
}

/** The line starting at `start` (without its line break) and where the next one starts; null: none within WINDOW. */
function lineAt(read: Chunks, start: number): { line: string; next: number } | null {
  const chunk = read(start, WINDOW);
  const end = chunk.indexOf(10);
  return end < 0 ? null : { line: chunk.toString('utf8', 0, end), next: start + end + 1 };
}

/**
 * The line of `key` (lower-cased) in a canonical shard of `size` bytes whose lines are in strictly
 * increasing key order; undefined when there is none; null when a line (or the header) is longer
 * than the window, so this cannot tell.
 */
export function bisectLines(read: Chunks, size: number, key: string): string | undefined | null {
  const header = lineAt(read, 0);
  if (!header) return null;
  // lo and hi are always line starts; the line probed is the first one starting at or after the middle.
  let lo = header.next;
  let hi = size;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    let start = lo;
    let probe: { line: string; next: number } | null = null;
    if (mid > lo) {
      const chunk = read(mid - 1, WINDOW);
      const newline = chunk.indexOf(10);
      if (newline < 0) return null;
      start = mid + newline;
      // Most often the whole line is in the same window.
      const end = chunk.indexOf(10, newline + 1);
      if (start >= hi) start = lo;
      else if (end >= 0) probe = { line: chunk.toString('utf8', newline + 1, end), next: mid + end };
    }
    probe ??= lineAt(read, start);
    if (!probe) return null;
    const at = trustedLineKey(probe.line);
    if (at === key) return probe.line;
    if (at < key) lo = probe.next;
    else hi = start;
  }
  return undefined;
}
