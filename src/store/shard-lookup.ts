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

/**
 * Bytes between two fences: the first line starting at or after each multiple of it is a fence.
 * A lookup between two fences reads that range once (~32 KB, one system call) and bisects it in
 * memory, where bisecting a 1 MB shard of a 1,000,000-account pool read ~9 windows (~3,100 reads
 * for the ~400 lookups of a status right after an allocation: scale-log.md, stop 45).
 */
export const FENCE = 32 * 1024;

/** A fence: the key of a line and the byte offset where the line starts. */
export type Fence = [key: string, start: number];

/**
 * The fences of a canonical shard's bytes (lines sorted by key, after a header line); undefined
 * where a fence's line cannot be read (no line break after it within the file).
 */
export function fencesOf(bytes: Buffer): Fence[] | undefined {
  const fences: Fence[] = [];
  const header = bytes.indexOf(10);
  if (header < 0) return fences;
  for (let at = FENCE; at < bytes.length; at += FENCE) {
    const newline = bytes.indexOf(10, at - 1);
    if (newline < 0 || newline + 1 >= bytes.length) break; // no line starts past here
    const start = newline + 1;
    if (start <= header || (fences.length > 0 && fences[fences.length - 1]![1] === start)) continue;
    const end = bytes.indexOf(10, start);
    if (end < 0) return undefined;
    fences.push([trustedLineKey(bytes.toString('utf8', start, end)), start]);
  }
  return fences;
}

/**
 * The line of `key` in a canonical shard of `size` bytes read through `read`, found between the
 * two fences around it (`fences`: `fencesOf` the bytes the caller believes the file holds), as
 * `bisectLines` answers (`linesFrom`: where its first line starts, asked only where the key is
 * before the first fence); null where the file does not bear the fences out (the line at each
 * fence's offset must be that fence's key), so the caller bisects the whole file. The lines being
 * sorted, a key between two lines found at their offsets can only start between them, whatever
 * made the fences: a fence carried stale (an older accountpool's fold) costs a lookup, never an answer.
 */
export function fencedLine(read: Chunks, size: number, key: string, fences: readonly Fence[], linesFrom: () => number | null): string | undefined | null {
  // The last fence whose key is not after `key`; -1: before the first.
  let [a, b] = [0, fences.length - 1];
  while (a <= b) {
    const m = (a + b) >>> 1;
    if (fences[m]![0] <= key) a = m + 1;
    else b = m - 1;
  }
  const below = fences[b];
  const above = fences[b + 1];
  // The header is read only for a key before the first fence (`firstLineStart`, once a file).
  const lo = below ? below[1] : linesFrom();
  const hi = above ? above[1] : size;
  if (lo === null || !(lo > 0 && lo < hi && hi <= size)) return null;
  // From the byte before lo (a line break) to a window past hi (the line there, to check).
  const chunk = read(lo - 1, hi - lo + 1 + (above ? WINDOW : 0));
  const keyAt = (from: number) => {
    const end = chunk.indexOf(10, from);
    return chunk[from - 1] === 10 && end >= 0 ? trustedLineKey(chunk.toString('utf8', from, end)) : undefined;
  };
  if (chunk.length < hi - lo + 1 || chunk[0] !== 10 || chunk[hi - lo] !== 10) return null;
  if (below && keyAt(1) !== below[0]) return null;
  if (above && keyAt(hi - lo + 1) !== above[0]) return null;
  return bisectLines(bytesChunks(chunk.subarray(1, hi - lo + 1)), hi - lo, key, 0);
}
