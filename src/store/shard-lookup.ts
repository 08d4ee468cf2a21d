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

/** The whole lines of `chunk` from byte `from` on: where each starts in the chunk and where the next starts. */
function wholeLines(chunk: Buffer, from: number): number[] {
  const starts = [from];
  for (let end = chunk.indexOf(10, from); end >= 0; end = chunk.indexOf(10, end + 1)) starts.push(end + 1);
  return starts; // starts.length - 1 whole lines: line i is [starts[i], starts[i + 1] - 1)
}

/**
 * Where the first account line starts: past the header line; null when the header is longer than
 * the window. A caller with several lookups in one file reads it once and passes it to each
 * `bisectLines` (read again each time, it was one read of ~9 a lookup: scale-log.md, stop 44).
 */
export function firstLineStart(read: Chunks): number | null {
  return lineAt(read, 0)?.next ?? null;
}

/**
 * The line of `key` (lower-cased) in a canonical shard of `size` bytes whose lines are in strictly
 * increasing key order; undefined when there is none; null when a line (or the header) is longer
 * than the window, so this cannot tell. `linesFrom`: `firstLineStart(read)`, read here unless given.
 *
 * Each probe reads a window and compares the key with every whole line in it, not only the first:
 * the range shrinks past the whole window, and a key that falls inside it is answered there. A
 * lookup so reads ~log2(size / WINDOW) + 2 windows, not ~log2(lines) + 2 (a read each, the cost of
 * a status after an allocation at 1,000,000 accounts: scale-log.md, stop 43).
 */
export function bisectLines(read: Chunks, size: number, key: string, linesFrom: number | null = firstLineStart(read)): string | undefined | null {
  if (linesFrom === null) return null;
  // lo and hi are always line starts; the target's line, if any, starts in [lo, hi).
  let lo = linesFrom;
  let hi = size;
  while (lo < hi) {
    // A range within one window is read whole from lo: the answer is in it.
    const mid = hi - lo <= WINDOW ? lo : (lo + hi) >>> 1;
    // The window from the first line starting at or after the middle (from lo where that is hi).
    let at = lo;
    let first = 0;
    let chunk: Buffer | undefined;
    if (mid > lo) {
      chunk = read(mid - 1, WINDOW);
      const newline = chunk.indexOf(10);
      if (newline < 0) return null;
      if (mid + newline < hi) [at, first] = [mid - 1, newline + 1];
      else chunk = undefined;
    }
    chunk ??= read(at, WINDOW);
    let starts = wholeLines(chunk, first);
    if (starts.length < 2 && first > 0) {
      // The line at the middle runs past this window: a window of its own.
      at += first;
      chunk = read(at, WINDOW);
      starts = wholeLines(chunk, 0);
    }
    // Only lines starting before hi are in the range (the window may run past it).
    while (starts.length > 1 && at + starts[starts.length - 2]! >= hi) starts.pop();
    const lines = starts.length - 1;
    if (lines < 1) return null; // no whole line within the window
    const lineText = (i: number) => chunk.toString('utf8', starts[i]!, starts[i + 1]! - 1);
    const firstLine = lineText(0);
    const firstKey = trustedLineKey(firstLine);
    if (firstKey === key) return firstLine;
    if (key < firstKey) {
      hi = at + starts[0]!;
      continue;
    }
    const lastLine = lineText(lines - 1);
    const lastKey = trustedLineKey(lastLine);
    if (lastKey === key) return lastLine;
    if (key > lastKey) {
      lo = at + starts[lines]!;
      continue;
    }
    // Between two whole lines of the window: there or nowhere.
    let [a, b] = [1, lines - 2];
    while (a <= b) {
      const m = (a + b) >>> 1;
      const line = lineText(m);
      const found = trustedLineKey(line);
      if (found === key) return line;
      if (found < key) a = m + 1;
      else b = m - 1;
    }
    return undefined;
  }
  return undefined;
}
