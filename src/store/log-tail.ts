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
// their month) and every byte after it (the entries writers appended since, each carrying the
// note, or a torn tail), by one positioned read, decoded as `readLog` decodes past a digest. Only
// "whole" is ever answered this way: the entry not ending exactly at the note's length, a tail
// that is not whole entries to its last byte, no note, another stamp, a tie with the clock, more
// than READ_MAX bytes to read: false, and the caller reads the log whole as before, which finds
// where to cut.
import { decodeWithDigests, openLogSegment } from './change-log.js';
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

/** Whether `bytes` are whole entries, every one of them (decoded alone, no digest made). */
function wholeEntries(path: string, bytes: Buffer): boolean {
  return decodeWithDigests(path, [bytes], [], false).log.validBytes === bytes.length;
}

/**
 * Whether the active segment `path` ends in a whole entry, told by its note, the entry that ends
 * at the length the note vouches for and the bytes after it (see the header); false where it
 * cannot be told so. An absent segment ends whole, as `readLog` reads it.
 */
export async function endsWhole(path: string, digests: LogDigests, firstWindow = FIRST_WINDOW): Promise<boolean> {
  const handle = await openLogSegment(path);
  if (!handle) return true;
  try {
    const info = await handle.stat({ bigint: true });
    const note = await digests.noteOf(String(info.ino));
    if (!note || note.stamp !== stampOf(info) || !settledByClock(info, note.clock)) return false;
    const size = Number(info.size);
    const noted = note.length;
    if (!Number.isSafeInteger(noted) || noted < 0 || noted > size) return false;
    // From a window before the note's length (its last entry's head is in it), to the end: the
    // first window, then, where it holds no head, the largest.
    for (const window of firstWindow < READ_MAX >> 1 ? [firstWindow, READ_MAX >> 1] : [READ_MAX >> 1]) {
      const from = Math.max(0, noted - window);
      if (size - from > READ_MAX) return false;
      // Every byte is read over before use (or the answer is false): not zero-filled first.
      const bytes = Buffer.allocUnsafe(size - from);
      for (let read = 0; read < bytes.length; ) {
        const { bytesRead } = await handle.read(bytes, read, bytes.length - read, from + read);
        if (bytesRead === 0) return false; // cut shorter since the stat: read it whole
        read += bytesRead;
      }
      const at = noted - from;
      if (at > 0) {
        // The last entry before the note's length begins at the last line there that begins with `#`.
        const newline = at >= 2 ? bytes.lastIndexOf('\n#', at - 2) : -1; // (a negative offset would count from the end)
        const head = newline >= 0 ? newline + 1 : from === 0 && bytes[0] === 0x23 ? 0 : -1;
        if (head < 0 && from > 0) continue; // its head is further back: the larger window
        if (head < 0 || !wholeEntries(path, bytes.subarray(head, at))) return false;
      }
      return wholeEntries(path, bytes.subarray(at));
    }
    return false; // no head within the largest window: read it whole
  } finally {
    await handle.close();
  }
}
