// A big dump's text read from its file a piece at a time: never the whole file's bytes, never its
// whole text. Why: a whole text costs its file twice at its making (the bytes and the string, both
// held), so a 177 MB PGPool table could not be read under ~415 MB, and its read held the text beside
// the columns (~377 MB; docs/scale-log.md, stops 61 R, 64 M, 65 M, 66 M).
//
// Only a file decode.ts would read as plain UTF-8 is read so: one pass over its bytes (FileLines.scan)
// finds where every line starts and that nothing asks for decode.ts's other work (no NUL, no ESC, no
// byte that is not UTF-8, no UTF-16 or binary store's start, no lone CR, no DOS end-of-file mark at
// its end, not more lines than max_dump_lines). Then its text is exactly the bytes' UTF-8 with a
// BOM dropped and every CRLF an LF, and each line here is that text's line: the readers' line numbers
// and every refusal are those of the whole text. Anything else is undefined: read whole, as before.
import { fstatSync, readSync } from 'node:fs';
import { isAscii, isUtf8 } from 'node:buffer';
import { isBinaryStore } from './decode.js';
import { DumpError } from './types.js';
import type { LineList } from './text-lines.js';

/** Bytes read at a time, and the window a line is read from. */
const PIECE = 1 << 20;
/** Characters on one line beyond which only whole documents' readers are asked (long-lines.ts' LONG_LINE, not imported: formats/lists is above this file). */
const LONG_LINE = 2 << 20;
/** A line longer than this many bytes leaves the file to the whole read (long-lines.ts refuses it or a document's reader reads it). */
const LONGEST = 8 << 20;

export class FileLines implements LineList {
  readonly length: number;
  /** Every line's bytes are ASCII: read as Latin-1, as decode.ts does for such a text. */
  private readonly ascii: boolean;
  /** The file's bytes as the scan saw them: a file written to since is refused, never read as two texts. */
  private readonly stamp: string;
  /** The bytes last read (`windowLength` of them, from `windowAt`): lines are read in order, a piece at a time. */
  private window = Buffer.alloc(0);
  private windowAt = 0;
  private windowLength = 0;

  private constructor(
    /** The dump's name, for a refusal. */
    private readonly name: string,
    readonly fd: number,
    readonly size: number,
    /** starts[i]: where line i's bytes start; starts[length]: one past the last line's end, as if a line feed followed it. */
    private readonly starts: Uint32Array,
    count: number,
    ascii: boolean,
    private readonly crlf: boolean,
    /** Lines (0-based) of more than LONG_LINE bytes: those that may be longer than LONG_LINE characters. */
    private readonly longCandidates: number[],
    /** Bytes read at a time (PIECE; a test's few). */
    private readonly piece: number,
  ) {
    this.length = count;
    this.ascii = ascii;
    this.stamp = stampOf(fd);
  }

  /**
   * The lines of the open file `fd` (its `size` bytes), or undefined where decode.ts would do more
   * than decode UTF-8 (see the top of this file), or it holds more than `maxLines` lines.
   */
  static scan(name: string, fd: number, size: number, maxLines: number, piece = PIECE): FileLines | undefined {
    if (size < 8 || size >= 2 ** 32 - 1) return undefined;
    const head = readAt(fd, 0, Math.min(size, 128));
    const tail = readAt(fd, size - 32, 32);
    // A pickle (`(dp0` is ASCII) or a SQLite file: a binary store's reader reads its bytes.
    if (isBinaryStore(Buffer.concat([head, tail.subarray(-4)]))) return undefined;
    if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return undefined;
    // A DOS end-of-file mark near the end: decode.ts drops it with the blank lines after it.
    if (tail.includes(0x1a)) return undefined;
    const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
    let starts = new Uint32Array(1024);
    starts[0] = bom;
    let feeds = 0;
    let ascii = true;
    let crlf = false;
    let lineStart = bom;
    const longCandidates: number[] = [];
    // Bytes of the line under way (since the last line feed) not yet checked as UTF-8: checked whole with their line.
    let carry: Buffer[] = [];
    let carried = 0;
    const buffer = Buffer.allocUnsafe(piece);
    for (let at = bom; at < size; ) {
      const got = readSync(fd, buffer, 0, Math.min(piece, size - at), at);
      if (got === 0) return undefined;
      const bytes = buffer.subarray(0, got);
      if (bytes.includes(0) || bytes.includes(0x1b)) return undefined;
      if (ascii && !isAscii(bytes)) ascii = false;
      // A CR is a CRLF's, else a line end decode.ts makes of it (an old Mac's): read whole then.
      for (let r = bytes.indexOf(13); r >= 0; r = bytes.indexOf(13, r + 1)) {
        const next = r + 1 < got ? bytes[r + 1] : at + got < size ? readAt(fd, at + got, 1)[0] : undefined;
        if (next !== 10) return undefined;
        crlf = true;
      }
      let checkedTo = 0;
      for (let lf = bytes.indexOf(10); lf >= 0; lf = bytes.indexOf(10, lf + 1)) {
        const end = at + lf;
        if (end - lineStart > LONG_LINE) longCandidates.push(feeds);
        if (++feeds > maxLines) return undefined;
        if (feeds + 1 >= starts.length) {
          const grown = new Uint32Array(starts.length * 2);
          grown.set(starts);
          starts = grown;
        }
        starts[feeds] = end + 1;
        lineStart = end + 1;
        // UTF-8 checked from the last line feed's end to this one's: a line feed is never inside a character.
        if (carried > 0) {
          if (!isUtf8(Buffer.concat([...carry, bytes.subarray(0, lf + 1)]))) return undefined;
          carry = [];
          carried = 0;
          checkedTo = lf + 1;
        }
      }
      const lastLf = bytes.lastIndexOf(10);
      if (lastLf >= 0 && !isUtf8(bytes.subarray(checkedTo, lastLf + 1))) return undefined;
      const rest = bytes.subarray(lastLf + 1);
      if (rest.length > 0) {
        carry.push(Buffer.from(rest));
        carried += rest.length;
        if (carried > LONGEST) return undefined;
      }
      at += got;
    }
    if (carried > 0 && !isUtf8(Buffer.concat(carry))) return undefined;
    // splitLines: a last line without its line feed is a line; a text's final line feed makes none.
    const ended = lineStart >= size;
    if (!ended && size - lineStart > LONG_LINE) longCandidates.push(feeds);
    const count = ended ? feeds : feeds + 1;
    if (count > maxLines) return undefined;
    if (!ended) starts[count] = size + 1;
    return new FileLines(name, fd, size, starts.subarray(0, count + 1), count, ascii, crlf, longCandidates, piece);
  }

  at(i: number): string | undefined {
    if (!(i >= 0 && i < this.length)) return undefined;
    const from = this.starts[i]!;
    let to = Math.min(this.starts[i + 1]! - 1, this.size);
    if (this.crlf && to > from && this.byteAt(to - 1) === 13) to--;
    return this.slice(from, to);
  }

  /** The first line (1-based) of more than LONG_LINE characters, and its length, as long-lines.ts' longLineOf gives it. */
  longLine(): { line: number; length: number } | undefined {
    for (const i of this.longCandidates) {
      const length = this.at(i)!.length;
      if (length > LONG_LINE) return { line: i + 1, length };
    }
    return undefined;
  }

  /**
   * The text in pieces of whole lines, each with its line feeds (the last piece without one where
   * the file ends without), and the 1-based line each piece starts on: joined, they are the text.
   * A regex whose match holds no line feed but at its end finds in them what it finds in the text.
   */
  *pieces(): Generator<{ text: string; line: number }> {
    let i = 0;
    while (i < this.length) {
      let j = i + 1;
      while (j < this.length && this.starts[j + 1]! - this.starts[i]! <= this.piece) j++;
      const from = this.starts[i]!;
      const to = Math.min(this.starts[j]!, this.size);
      const text = this.slice(from, to);
      yield { text: this.crlf ? text.replace(/\r\n/g, '\n') : text, line: i + 1 };
      i = j;
    }
  }

  /** Whether the text holds a match of `re` (see pieces()). */
  test(re: RegExp): boolean {
    for (const { text } of this.pieces()) {
      re.lastIndex = 0;
      if (re.test(text)) return true;
    }
    return false;
  }

  /**
   * The text's first `count` lines, and more up to its first 4,096 characters, each line with its
   * line feed where the text has one: the head a detector reads.
   */
  head(count: number, least = 4096): string {
    const out: string[] = [];
    let chars = 0;
    let i = 0;
    for (; i < this.length && (i < count || chars < least); i++) chars += out[out.push(this.at(i)!) - 1]!.length + 1;
    const whole = out.join('\n');
    return i < this.length || this.starts[this.length]! <= this.size ? `${whole}\n` : whole;
  }

  /** Whether the file was written to since the scan. */
  changed(): boolean {
    return stampOf(this.fd) !== this.stamp;
  }

  private byteAt(at: number): number {
    return this.slice(at, at + 1, true).charCodeAt(0);
  }

  private slice(from: number, to: number, raw = false): string {
    if (from < this.windowAt || to > this.windowAt + this.windowLength) this.load(from, to);
    return this.window.toString(raw || this.ascii ? 'latin1' : 'utf8', from - this.windowAt, to - this.windowAt);
  }

  private load(from: number, to: number): void {
    if (this.changed()) throw new DumpError(CHANGED, this.name);
    const length = Math.min(Math.max(this.piece, to - from), this.size - from);
    if (this.window.length < length) this.window = Buffer.allocUnsafe(Math.max(this.piece, length));
    const got = readSync(this.fd, this.window, 0, length, from);
    this.windowAt = from;
    this.windowLength = got;
    if (got < to - from) throw new DumpError(CHANGED, this.name);
  }
}

/** What a file changed while read in pieces is refused with (streamed-input.ts too). */
export const CHANGED = 'was written to while it was read; nothing of it is imported: import it again once it is written';

function readAt(fd: number, at: number, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  const got = readSync(fd, bytes, 0, length, Math.max(0, at));
  return bytes.subarray(0, got);
}

/** What tells a file written to: its size and modification time. */
function stampOf(fd: number): string {
  const info = fstatSync(fd, { bigint: true });
  return `${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
}
