// A text's lines by their place, each made when asked for, as `splitLines(text)` gives them.
// Why: a reader that reads every line once but may look back or ahead (PGPool's `mysql -B`
// table: a row a raw line feed cut is joined with the lines after it) held the whole split:
// 1,000,000 line strings and their array, ~40 MB beside the file's text through the read
// (docs/scale-log.md, stop 60 PG, stop 61 R). Here only where each line starts, 4 bytes a line.

/** What a reader asks of its lines: an array of strings is one too. */
export interface LineList {
  readonly length: number;
  /** Line `i` (0-based, from 0 to length - 1), without its line feed. */
  at(i: number): string | undefined;
}

export class TextLines implements LineList {
  /** starts[i] is where line i begins; starts[length] is one past the last line's end, as if a line feed followed it. */
  private readonly starts: Uint32Array;
  readonly length: number;
  /** The text's line feeds: starts[1..feeds] each follow one (past them, starts[length] may be the end's mark). */
  private readonly feeds: number;

  constructor(private readonly text: string) {
    let feeds = 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) feeds++;
    // splitLines drops the empty line after a last line feed (a text of one empty line keeps it).
    const count = feeds > 0 && text.endsWith('\n') ? feeds : feeds + 1;
    const starts = new Uint32Array(count + 1);
    let k = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts[k++] = i + 1;
    if (count > feeds) starts[count] = text.length + 1;
    this.starts = starts;
    this.length = count;
    this.feeds = feeds;
  }

  /**
   * The line (1-based) the offset `at` stands on, a line feed counted on its line's end, by a binary
   * search of the starts: a script's long array has each of its items looked up (line-finder.ts).
   */
  lineOf(at: number): number {
    // The number of lines starting at or before `at` (line 0 always does).
    let lo = 1;
    let hi = this.feeds + 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! <= at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  at(i: number): string | undefined {
    if (!(i >= 0 && i < this.length)) return undefined;
    return this.text.slice(this.starts[i]!, this.starts[i + 1]! - 1);
  }
}
