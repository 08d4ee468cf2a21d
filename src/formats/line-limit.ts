// How many lines a dump may hold before any reader looks at it. The readers judge a dump line by
// line, and a line costs them the same few hundred bytes whatever its length: its string, its
// prepared copy, its rejection or record (stop 53's review: 12,000,000 lines of `a<TAB>b`, a 48 MB
// list within max_dump_size, took 350 s and 2.9 GB before it was refused; an .ods row repeated so,
// 493 bytes, 379 s and 2.0 GB). So max_dump_size alone bounds nothing for short lines: the lines
// are counted first, in one pass over the bytes that makes nothing, and a dump of more is refused
// at once naming its first line past the limit and the setting that raises it (max_dump_lines).
// A sheet's rows count as its lines, repeated ones too, before they are made (sheet-rows.ts).
import { DumpError } from './types.js';

/**
 * The default: a million accounts is issue 16's pool, and one dump of them (a header, blank lines,
 * notes beside) fits with a quarter to spare. Not more: a dump just under the limit is read, and the
 * list reader's cost of short lines it refuses grows ~150 MB a million (`a<TAB>b`: 235 MB at
 * 1,000,000, 302 MB at 1,500,000, 385 MB at 2,000,000; docs/scale-log.md, stop 54 L), so issue 16's
 * 300 MB holds below ~1,400,000.
 */
export const DEFAULT_MAX_LINES = 1_250_000;

/**
 * How many lines `bytes` hold, counted up to `cap + 1` at most: an LF, a CRLF or a lone CR (an old
 * Mac's, made an LF by the decoding) ends one, and a last line without an end counts. Stops
 * there: the time is bounded by the bytes up to that line, and nothing is made per line.
 */
export function countLines(bytes: Uint8Array, cap: number): number {
  let lines = 0;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 10 || (b === 13 && bytes[i + 1] !== 10)) {
      if (++lines > cap) return lines;
    }
  }
  return n === 0 || bytes[n - 1] === 10 || bytes[n - 1] === 13 ? lines : lines + 1;
}

/**
 * The lines of UTF-16 `bytes` after their byte-order mark (`be`: big-endian), counted on their
 * code units as countLines counts bytes: a CJK character's 0x0A byte (U+4E0A, `上`: `0A 4E` in
 * little-endian) ends no line, and nothing is decoded to tell.
 */
function countUtf16Lines(bytes: Uint8Array, cap: number, be: boolean): number {
  let lines = 0;
  const n = bytes.length - ((bytes.length - 2) % 2);
  // The byte holding a code unit's high half, and its low half: a line ends only where the high one is 0.
  const hi = be ? 0 : 1;
  const lo = 1 - hi;
  for (let i = 2; i < n; i += 2) {
    if (bytes[i + hi] !== 0) continue;
    const c = bytes[i + lo];
    if (c === 10 || (c === 13 && !(i + 2 < n && bytes[i + 2 + hi] === 0 && bytes[i + 2 + lo] === 10))) {
      if (++lines > cap) return lines;
    }
  }
  const ended = n <= 2 || (bytes[n - 2 + hi] === 0 && (bytes[n - 2 + lo] === 10 || bytes[n - 2 + lo] === 13));
  return ended ? lines : lines + 1;
}

/**
 * The lines a reader will read of a block of bytes decode.ts decodes (a mail's part, an archive's
 * member), counted up to `cap + 1`: UTF-16 behind its byte-order mark on its code units; bytes
 * holding a NUL otherwise none, as decode.ts refuses them (a binary file: an image, a database)
 * before anything reads a line of them; others as countLines counts them. Counting its raw 0x0A
 * bytes refused a UTF-16 list of CJK text, or the parts beside a binary one, as lines no reader read.
 */
export function textLines(bytes: Buffer, cap: number): number {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return countUtf16Lines(bytes, cap, false);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return countUtf16Lines(bytes, cap, true);
  return bytes.indexOf(0) >= 0 ? 0 : countLines(bytes, cap);
}

/** The number of the first line past `max` in `bytes`, or undefined when they hold at most `max` lines. */
export function lineOverLimit(bytes: Uint8Array, max: number): number | undefined {
  const lines = countLines(bytes, max);
  return lines > max ? max + 1 : undefined;
}

/** The same count on decoded text (a UTF-16 file, whose bytes hold 0x0A in other characters too). */
export function textLineOverLimit(text: string, max: number): number | undefined {
  let lines = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      if (++lines > max) return lines;
    }
  }
  const last = text.charCodeAt(n - 1);
  const ended = n === 0 || last === 10 || last === 13;
  return !ended && lines + 1 > max ? lines + 1 : undefined;
}

/** The refusal of a dump (or sheet) longer than `max` lines, at its first line past it. */
export function tooManyLines(name: string, line: number, max: number, what = 'lines'): DumpError {
  return new DumpError(
    `holds more than ${max} ${what}, over max_dump_lines (a million accounts is a million lines); nothing was imported from it: split the file, or raise max_dump_lines in accountpool.yaml`,
    name,
    line,
  );
}

/**
 * The lines of several byte blocks read as one dump (a mail's decoded parts, an archive's members),
 * counted together against `max` as each is taken: each block's read is kept until the dump is
 * merged, so 25 members of 1,900,000 short lines cost what one file of 47,500,000 lines would.
 * Each block counts the lines its reader will read (textLines), not its raw 0x0A bytes.
 */
export class LineBudget {
  private used = 0;

  constructor(readonly max: number) {}

  /** Counts `bytes` in, or throws the refusal of `name` at its first line past what `max` left (`together`: what came before it, as the message says it). */
  take(name: string, bytes: Buffer, together: string): void {
    const left = this.max - this.used;
    const own = textLines(bytes, left);
    if (own > left) throw tooManyLines(name, left + 1, this.max, this.used > 0 ? `lines with ${together} before it` : 'lines');
    this.used += own;
  }
}
