// Line numbers of a mail's body as lines of the file. A reader reads the body mailparser decoded,
// so its line numbers count lines of that body; an operator looks at the file. A body sent as
// 7bit or 8bit is in the file as it reads: each body line is found, in order, after the mail's
// headers. A part sent as base64 or quoted-printable is in the file only encoded: its lines are
// decoded here again, each at the file line holding its first encoded character (encoded-lines.ts),
// and found there. When every line a result names is found, its numbers become the file's; when
// one is not (a body made from HTML, a flowed body joined), the result keeps the body's numbers rather
// than mixing the two, and the caller finds its lines by their words (html-lines.ts).
import { encodedParts } from './encoded-lines.js';
import type { DumpResult } from '../types.js';

/** How far past the last line found the next one may be: a body is contiguous in its file. */
const WINDOW = 200;

/**
 * What two spellings of a line share: its ASCII, each run of other characters as one `?`. The
 * body is decoded from its charset, the file's lines are not (an 8-bit body in windows-1252 or
 * KOI8-R, an encoded part's bytes), and accounts' lines are found by what both say alike.
 */
function skeleton(s: string): string {
  const t = s.trimEnd();
  // Cheap first look: most lines are ASCII.
  return /[^\x00-\x7f]/.test(t) ? t.replace(/[^\x00-\x7f]+/g, '?') : t;
}

/** A line of the file as it reads, or a decoded line of an encoded part, with its file line (1-based). */
interface Readable {
  text: string;
  at: number;
}

/** Body line → file line (1-based) for the body lines found in order in `file` from `from` (0-based). */
function lineMap(file: Readable[], body: string[], from: number): Map<number, number> {
  const map = new Map<number, number>();
  let j = from;
  for (let k = 0; k < body.length; k++) {
    const b = skeleton(body[k]!);
    if (b === '') continue;
    for (let f = j; f < file.length && f < j + WINDOW; f++) {
      if (file[f]!.text === b) {
        map.set(k + 1, file[f]!.at);
        j = f + 1;
        break;
      }
    }
  }
  return map;
}

/** The file's lines as they read, each encoded part's lines replaced by its decoded lines. */
function readableLines(file: string[]): Readable[] {
  const out: Readable[] = [];
  let i = 0;
  for (const part of encodedParts(file)) {
    for (; i < part.start; i++) out.push({ text: skeleton(file[i]!), at: i + 1 });
    for (const line of part.lines) out.push({ text: skeleton(line.text), at: line.at + 1 });
    i = part.end;
  }
  for (; i < file.length; i++) out.push({ text: skeleton(file[i]!), at: i + 1 });
  return out;
}

/** The first line after the mail's headers (0-based): the first blank line ends them. */
function bodyStart(file: Readable[]): number {
  const blank = file.findIndex((l) => l.text.trim() === '');
  return blank < 0 ? file.length : blank + 1;
}

/**
 * `line N` in a rejection's reason (`the correction at line 2 is unsure`), or each number of `lines
 * N, M and K` (later-corrections.ts), names the body's line: the file's, when it is found.
 */
const LINE_REF = /\blines? (\d+(?:(?:, | and )\d+)*)\b/g;

/**
 * `result` with each line it names, its reasons' `line N` too, where `at` puts it (the file's line
 * for the reader's); a line `at` leaves undefined keeps its number. One mapping for every way a
 * body's lines are found in its file: line by line here, by words for HTML (html-lines.ts).
 */
export function withLinesAt(result: DumpResult, at: (line: number) => number | undefined): DumpResult {
  const line = (n: number) => at(n) ?? n;
  const refs = (reason: string) => (reason.includes('line') ? reason.replace(LINE_REF, (ref: string) => ref.replace(/\d+/g, (n) => String(at(Number(n)) ?? n))) : reason);
  return {
    ...result,
    accounts: result.accounts.map((a) => ({ ...a, line: line(a.line) })),
    rejected: result.rejected.map((r) => ({ ...r, line: line(r.line), reason: refs(r.reason) })),
    ...(result.skipped ? { skipped: result.skipped.map((s) => ({ ...s, line: line(s.line) })) } : {}),
  };
}

/**
 * `result` with the lines of the file `raw` holding the body `body`, `offset` lines further on (the
 * mail's place in an mbox); `result` itself when some line it names is not found in the file.
 */
export function withFileLines(result: DumpResult, raw: string, body: string, offset = 0): DumpResult {
  const file = readableLines(raw.split('\n'));
  const map = lineMap(file, body.split('\n'), bodyStart(file));
  const lines = [...result.accounts, ...result.rejected, ...(result.skipped ?? [])].map((x) => x.line);
  if (lines.some((n) => !map.has(n))) return result;
  return withLinesAt(result, (n) => (map.has(n) ? map.get(n)! + offset : undefined));
}
