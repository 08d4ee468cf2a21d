// Whether the change log's active segment ends in a whole entry, told without reading it whole:
// from its note (log-digest.ts `.seen`) and the bytes past the length the note vouches for.
//
// Why: every fresh process that takes the lock read both segments whole first (pool.ts
// `finishInterrupted`), only to learn whether a writer killed mid-append left a torn tail to cut.
// At 1,000,000 accounts mid fold cycle that is a 45 MB segment; what an allocation needs of the
// log can come from elsewhere (design-scale.md §3.2, "Stop 44's second try"), but not while this
// check reads it all.
//
// What it trusts is what the digests already trust (log-digest.ts header): a note for the stamp
// the segment has now, settled by the file system's clock the note holds, says that its first
// `length` bytes are as a reader found them and that nothing changed the file since (an edit of
// any byte moves its ctime past the note's clock). What is read is checked, not taken from the
// note: the entry that ends at that length (found back from it: a line that begins with `#` is
// always an entry's head, records and base lines being JSON and history lines beginning with
// their month: looked for backwards a small read at a time) and every byte after it (the entries
// writers appended since, each carrying the note, or a torn tail), by one positioned read from that
// head, checked as `readLog` checks what it decodes past a digest (`wholeEntriesEnd`). Only
// "whole" is ever answered this way: the entry not ending exactly at the note's length, a tail
// that is not whole entries to its last byte, no note, another stamp, a tie with the clock, more
// than READ_MAX bytes to read: false, and the caller reads the log whole as before, which finds
// where to cut.
import { readSync } from 'node:fs';
import { openLogSegment, wholeEntriesEnd } from './change-log.js';
import type { LogDigests } from './log-digest.js';
import { stampOf } from './file-stamp.js';
import { settledByClock } from './fs-clock.js';

/** Past this many bytes to read (the note's last entry and what follows it), the log is read whole: that is no allocation's. */
const READ_MAX = 8 << 20;

/**
 * How far before the note's length its last entry's head is looked for first: an allocation's
 * entry is ~350 KB (400 accounts handed out, 400 given back, their base lines). Only where no head
 * is in it (a larger entry) is the window of READ_MAX / 2 read. Reading that window every time
 * read and zero-filled 4 MB of a lived-in log per allocation (docs/scale-log.md, stop 61 A).
 */
export const FIRST_WINDOW = 1 << 20;

/** Whether `bytes` are whole entries, every one of them (told as a decode alone tells it, no line noted). */
function wholeEntries(bytes: Buffer): boolean {
  return wholeEntriesEnd(bytes) === bytes.length;
}

/** Bytes read at a time while looking back for the last entry's head (one buffer, reused within a call; the tests pass less). */
const SCAN_STEP = 64 << 10;

/**
 * Where the last line that begins with `#` before byte `before` begins (its `\n#` wholly in
 * `from..before`), by reads of SCAN_STEP backwards through one small buffer; -1 where there is
 * none, undefined where the file ends sooner. Why not read the window whole, as before: it was
 * read into ~1.4 MB of fresh memory before every allocation at 100,000 accounts (its head ~350 KB
 * back, the window 1 MB), ~180 pages more than the bytes from that head on (stop 65 S2).
 */
function lastHeadBefore(fd: number, from: number, before: number, step: number): number | undefined {
  const scan = Buffer.allocUnsafe(Math.min(Math.max(2, step), Math.max(0, before - from)));
  for (let hi = before; hi - from >= 2; ) {
    const lo = Math.max(from, hi - scan.length);
    const part = readAt(fd, scan.subarray(0, hi - lo), lo);
    if (!part) return undefined;
    const newline = part.lastIndexOf('\n#', part.length - 2);
    if (newline >= 0) return lo + newline + 1;
    if (lo === from) break;
    hi = lo + 1; // a `\n#` across the two reads is found in the next
  }
  return -1;
}

/** `into` filled from file offset `at`; undefined where the file ends sooner (cut since the stat). */
function readAt(fd: number, into: Buffer, at: number): Buffer | undefined {
  for (let read = 0; read < into.length; ) {
    const got = readSync(fd, into, read, into.length - read, at + read);
    if (got === 0) return undefined;
    read += got;
  }
  return into;
}

/**
 * Whether the active segment `path` ends in a whole entry, told by its note, the entry that ends
 * at the length the note vouches for and the bytes after it (see the header); false where it
 * cannot be told so. An absent segment ends whole, as `readLog` reads it.
 */
export async function endsWhole(path: string, digests: LogDigests, firstWindow = FIRST_WINDOW, scanStep = SCAN_STEP): Promise<boolean> {
  const handle = await openLogSegment(path);
  if (!handle) return true;
  try {
    const info = await handle.stat({ bigint: true });
    const note = await digests.noteOf(String(info.ino));
    if (!note || note.stamp !== stampOf(info) || !settledByClock(info, note.clock)) return false;
    const size = Number(info.size);
    const noted = note.length;
    if (!Number.isSafeInteger(noted) || noted < 0 || noted > size) return false;
    // The last entry's head looked for in a window before the note's length: the first window,
    // then, where it holds none, the largest. Only the bytes from that head on are read whole.
    for (const window of firstWindow < READ_MAX >> 1 ? [firstWindow, READ_MAX >> 1] : [READ_MAX >> 1]) {
      const from = Math.max(0, noted - window);
      if (size - from > READ_MAX) return false;
      let head = noted;
      if (noted > from) {
        // The last entry before the note's length begins at the last line there that begins with `#`.
        const found = lastHeadBefore(handle.fd, from, noted, scanStep);
        if (found === undefined) return false; // cut shorter since the stat: read it whole
        if (found < 0 && from > 0) continue; // its head is further back: the larger window
        // None after the segment's first byte: that byte must begin the entry (`wholeEntries` below
        // finds no head there otherwise).
        head = Math.max(found, 0);
      }
      // Every byte is read over before use (or the answer is false): not zero-filled first.
      const bytes = readAt(handle.fd, Buffer.allocUnsafe(size - head), head);
      if (!bytes) return false; // cut shorter since the stat: read it whole
      const at = noted - head;
      if (at > 0 && !wholeEntries(bytes.subarray(0, at))) return false;
      return wholeEntries(bytes.subarray(at));
    }
    return false; // no head within the largest window: read it whole
  } finally {
    await handle.close();
  }
}
