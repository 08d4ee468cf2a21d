// The texts of FreshAccounts' runs of own fields (fresh-accounts.ts: one JSON list of values a
// run), as UTF-8 bytes one after the other in pieces of a megabyte, not as a string each.
//
// A NecroBot accounts.db's rows are one run, but PGPool's table differs in nearly every value, so
// there a run is one account: at 1,000,000 rows the texts were 1,000,000 strings that V8's
// JSON.stringify builds as ropes (a few strings joined each), ~260 bytes of heap a row for ~136
// bytes of text, alive from the merge to the commit's end: 268 MB of heap at the dry run's end,
// its peak (docs/scale-log.md, stop 63 M). Here they are the 136 bytes, outside the heap, and the
// collector has nothing to mark for them. JSON.stringify writes lone surrogates as escapes, so a
// text is well-formed UTF-16 and comes back from its UTF-8 exactly as it went in.
//
// A text never spans two pieces (one longer than a piece gets a piece of its own): each is read
// with one toString. The pieces are never copied to grow, so no doubled buffer is held for a moment;
// they start small and double up to a megabyte.
//
// Past SPILL_FROM bytes, each full piece is written to a spill file of its own in the pool's
// `.cache` (spill-file.ts: unlinked once open, so nothing is left behind) and let go: a text is
// then read back with one pread when its account is made (the commit's shard writes).
// As bytes in memory the texts were still 147 MB of the 1,000,000-row PGPool table's dry run at
// the merge's end (docs/scale-log.md, stops 63 and 65 M). Where no file can be written (a
// read-only folder, a full disk) the pieces stay in memory as before.
import { closeSync, readSync, writeSync } from 'node:fs';
import { openSpillFile } from './spill-file.js';

/** A piece's size, unless a text needs more: the first is FIRST_PIECE, each next twice the last up to this. */
const PIECE = 1 << 20;

/** The first piece's size: a small import's few runs of fields take no megabyte. */
const FIRST_PIECE = 4096;

/**
 * Bytes kept in memory before full pieces go to the spill file: ~120,000 PGPool rows. A smaller
 * import pays no file and no read a text; a 100,000-row one is far from issue 16's 300 MB.
 */
const SPILL_FROM = 16 << 20;

/** What a spilled piece leaves in memory: nothing (one shared empty buffer). */
const NO_PIECE = Buffer.alloc(0);

/** Where full pieces go past `from` bytes held (SPILL_FROM): `dir`, the pool's `.cache`. */
export interface RunSpill {
  dir: string;
  from?: number;
}

/** Closes a spill file once the texts it holds can no longer be asked for (the kernel then frees it). */
const spillClosed = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // closed already: nothing to free
  }
});

export class RunValues {
  private readonly pieces: Buffer[] = [];
  /** Where piece k's bytes are in the spill file, or -1 while they are in `pieces[k]` (not spilled). */
  private readonly spilledAt: number[] = [];
  /** The spill file's descriptor, once open; its length so far. */
  private fd: number | undefined;
  private fileEnd = 0;
  /** Bytes held in the pieces in memory. */
  private held = 0;
  /** Where each piece starts in the texts' bytes taken one after the other (the place `ends` counts in). */
  private readonly pieceStarts: number[] = [];
  /** Bytes used in the last piece. */
  private used = 0;
  /** Where text r's bytes end; it starts where text r - 1's end (the first at 0). */
  private ends = new Float64Array(16);
  private count = 0;
  /** The last text pushed: the next account's values are compared with it (a run goes on while equal). */
  private lastText = '';

  /** `spill`: where full pieces go past its `from` bytes held; none, every piece stays in memory. */
  constructor(
    private readonly pieceSize = PIECE,
    private spill?: RunSpill,
  ) {}

  get size(): number {
    return this.count;
  }

  /** The bytes the pieces in memory take, room left in them included. */
  get pieceBytes(): number {
    return this.held;
  }

  /** The bytes written to the spill file (0 when none). */
  get spilledBytes(): number {
    return this.fileEnd;
  }

  /** The text pushed last ('' when none). */
  get last(): string {
    return this.lastText;
  }

  /** Adds the next run's text ('' for a run of no fields: no bytes). */
  push(text: string): void {
    const r = this.count++;
    if (r === this.ends.length) {
      const ends = new Float64Array(2 * r);
      ends.set(this.ends);
      this.ends = ends;
    }
    const start = r === 0 ? 0 : this.ends[r - 1]!;
    this.lastText = text;
    this.ends[r] = text.length === 0 ? start : start + this.write(text);
  }

  /** Text r, as pushed. */
  text(r: number): string {
    const start = r === 0 ? 0 : this.ends[r - 1]!;
    const end = this.ends[r]!;
    if (start === end) return '';
    const k = this.pieceAt(start);
    const base = this.pieceStarts[k]!;
    const at = this.spilledAt[k]!;
    if (at < 0) return this.pieces[k]!.toString('utf8', start - base, end - base);
    const bytes = Buffer.allocUnsafe(end - start);
    for (let done = 0; done < bytes.length; ) {
      const read = readSync(this.fd!, bytes, done, bytes.length - done, at + start - base + done);
      if (read === 0) throw new Error('RunValues: the spill file ended early');
      done += read;
    }
    return bytes.toString('utf8');
  }

  /** Writes a non-empty `text` after the others, in a new piece where the last has no room; its byte length. */
  private write(text: string): number {
    let piece = this.pieces[this.pieces.length - 1];
    // Three bytes a UTF-16 unit at most: only near a piece's end is the exact length worth measuring.
    const room = piece ? piece.length - this.used : 0;
    if (room < 3 * text.length) {
      const length = Buffer.byteLength(text, 'utf8');
      if (length > room) {
        const start = piece ? this.pieceStarts[this.pieceStarts.length - 1]! + this.used : 0;
        const size = piece ? Math.min(this.pieceSize, 2 * piece.length) : Math.min(this.pieceSize, FIRST_PIECE);
        // The last piece is full: no text is written to it again.
        if (piece) this.spillLast();
        piece = Buffer.allocUnsafe(Math.max(size, length));
        this.pieces.push(piece);
        this.pieceStarts.push(start);
        this.spilledAt.push(-1);
        this.held += piece.length;
        this.used = 0;
      }
    }
    const written = piece!.write(text, this.used, 'utf8');
    this.used += written;
    return written;
  }

  /** Writes the last piece's bytes to the spill file and lets it go, once `spill.from` bytes are held. */
  private spillLast(): void {
    const spill = this.spill;
    if (!spill || this.held < (spill.from ?? SPILL_FROM)) return;
    if (this.fd === undefined) {
      this.fd = openSpillFile(spill.dir);
      if (this.fd === undefined) return void (this.spill = undefined); // no folder to write: all stays in memory
      spillClosed.register(this, this.fd);
    }
    const k = this.pieces.length - 1;
    const piece = this.pieces[k]!;
    try {
      for (let done = 0; done < this.used; ) done += writeSync(this.fd, piece, done, this.used - done, this.fileEnd + done);
    } catch {
      this.spill = undefined; // a full disk: this piece and the next stay in memory (what was written past fileEnd is never read)
      return;
    }
    this.spilledAt[k] = this.fileEnd;
    this.fileEnd += this.used;
    this.held -= piece.length;
    this.pieces[k] = NO_PIECE;
  }

  /** The piece holding the byte at `at`: the last starting at or before it (every piece holds a text's bytes). */
  private pieceAt(at: number): number {
    const starts = this.pieceStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (starts[middle]! <= at) low = middle;
      else high = middle - 1;
    }
    return low;
  }
}
