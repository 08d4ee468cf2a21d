// Line numbers of text made of HTML as lines of the file holding that HTML. The readers read the
// text mailparser's converter (or html-tables.ts) made of an HTML part or page: its lines are the
// converter's, not the file's, and no line of it stands in the file as it reads (tags, entities,
// cells written out as `Username: x`). Each text line is found by its words in the file's visible
// characters (the tags dropped, a few entities decoded, an encoded part's lines decoded:
// encoded-lines.ts), in order: the line's last word found first names the file line, as a label
// line's value (`Username: ash_01`) is where its cell is, not its column's header. A line none of
// whose words is found but with characters outside ASCII (`账号：小明同学` in a GB2312 or encoded
// file, whose bytes no text word spells) is found by its run of them: the next run after those of
// the line before. A line still not found (a word split by a tag) takes the file line of the line
// found before it: the operator is sent to the place in the file, never to a line of the text.
import { encodedParts } from './encoded-lines.js';
import { withLinesAt } from './mail-lines.js';
import type { DumpResult } from '../types.js';

/** How many visible characters past the last line found the next one may be: a part is contiguous in its file. */
const WINDOW = 20_000;

/** The entities an HTML mail editor writes for characters of accounts (`&amp;`, `&nbsp;`, `&#33;`). */
const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(amp|lt|gt|quot|apos|nbsp));/gi;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The file's text from line `from` (0-based) as one lower-cased string, and the file line (1-based) of each of its characters. */
function visibleText(raw: string, from: number): { text: string; lineAt: (pos: number) => number } {
  const file = raw.split('\n');
  const lines: { text: string; at: (i: number) => number }[] = [];
  let i = 0;
  for (const part of encodedParts(file)) {
    for (; i < part.start; i++) if (i >= from) lines.push({ text: file[i]!, at: ((k) => () => k)(i) });
    for (const line of part.lines) if (part.start >= from) lines.push({ text: line.text, at: line.atChar });
    i = part.end;
  }
  for (; i < file.length; i++) if (i >= from) lines.push({ text: file[i]!, at: ((k) => () => k)(i) });
  // A tag or a line's end is a gap between words (NUL never stands in a word of the text).
  let text = '';
  const starts: number[] = [];
  const owners: number[] = [];
  for (const [k, line] of lines.entries()) {
    starts.push(text.length);
    owners.push(k);
    text += `${line.text.replace(/<[^>]*>?/g, tagGap).toLowerCase()}\0`;
  }
  // A UTF-16 part decoded byte by byte (encoded-lines.ts reads latin1) has a NUL beside every
  // ASCII letter: read without them, each character still at its byte's line.
  if (text.includes('\0', 0) && /[^\0]\0[^\0]\0[^\0]/.test(text)) return withoutNuls(text, lineAtOf(lines, starts, owners));
  return { text, lineAt: lineAtOf(lines, starts, owners) };
}

function withoutNuls(text: string, lineAt: (pos: number) => number): { text: string; lineAt: (pos: number) => number } {
  const kept: number[] = [];
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    // A run of NULs is one gap (a tag, a line's end); a single NUL after a character is UTF-16's high byte.
    if (c === '\0' && text[i - 1] !== '\0' && text[i + 1] !== '\0' && i > 0) continue;
    out += c;
    kept.push(i);
  }
  return { text: out, lineAt: (pos) => lineAt(kept[Math.min(pos, kept.length - 1)] ?? 0) };
}

function lineAtOf(lines: { at: (i: number) => number }[], starts: number[], owners: number[]): (pos: number) => number {
  return (pos: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    const line = lines[owners[lo]!]!;
    return line.at(pos - starts[lo]!) + 1;
  };
}

/**
 * A tag as a gap of its own length, but for its quoted attribute values: an order page's
 * `<input readonly value="ash01:Pw">` shows its account there (html-fields.ts).
 */
function tagGap(tag: string): string {
  return tag.replace(/"[^"]*"|'[^']*'|[^"']+/g, (run) => (run[0] === '"' || run[0] === "'" ? `\0${run.slice(1, -1)}\0` : '\0'.repeat(run.length)));
}

/** A word of a text line as the HTML may spell it: its own characters, or with its entities written out. */
function spellings(word: string): string[] {
  const out = [word];
  if (/[&<>"'\u00a0]/.test(word)) out.push(word.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\u00a0/g, '&nbsp;'));
  return out;
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;

/** The first place at or after `from` (within WINDOW) where `word` stands as a word of its own; -1 when none. */
function findWord(text: string, word: string, from: number): number {
  // Searched in the window only: a word the file does not hold costs WINDOW, never the whole file.
  const near = text.slice(from, from + WINDOW + word.length);
  for (let at = near.indexOf(word); at >= 0; at = near.indexOf(word, at + 1)) {
    const before = text[from + at - 1] ?? '\0';
    const after = text[from + at + word.length] ?? '\0';
    // A long word needs no gap around it: an escape or a charset's byte may be glued to it.
    if (word.length >= 6 || (!WORD_CHAR.test(before) && !WORD_CHAR.test(after))) return from + at;
  }
  return -1;
}

/** At most this many of a word's starts are looked for (each costs one search of WINDOW). */
const STARTS_TRIED = 24;
/**
 * At most this many such searches for all the lines of one text: a hostile HTML mail of 10,000
 * lines whose every word a tag splits would otherwise cost 240,000 searches of WINDOW.
 */
const STARTS_PER_TEXT = 2_000;

/**
 * Where the longest start (6 characters or more) of `word` stands at a word's start in the file; -1
 * when none. `budget.left`: the searches the text has left (STARTS_PER_TEXT), each one counted.
 */
function wordStart(text: string, word: string, from: number, budget: { left: number }): { found: number; word: string } {
  for (let n = word.length - 1, tries = 0; n >= 6 && tries < STARTS_TRIED && budget.left > 0; n--, tries++) {
    const start = word.slice(0, n);
    // The first few places it stands only: each is one more search of the window.
    for (let at = findWord(text, start, from), seen = 0; at >= 0 && seen < 4 && budget.left > 0; at = findWord(text, start, at + 1), seen++) {
      budget.left--;
      if (!WORD_CHAR.test(text[at - 1] ?? '\0')) return { found: at, word: start };
    }
    budget.left--;
  }
  return { found: -1, word: '' };
}

const NON_ASCII = /[^\x00-\x7f]/;
/** A run of characters outside ASCII, as the text has it or as the file has it (a legacy charset's bytes, ISO-2022-JP's escaped run). */
const RUN = /[^\x00-\x7f]+|\x1b\$[@AB(][^\x1b]*(?:\x1b\([BJ])?/g;

function nonAsciiRuns(s: string): number {
  return (s.match(/[^\x00-\x7f]+/g) ?? []).length;
}

/** Where the run outside ASCII after the first `skip` ones at or after `from` starts (within WINDOW); -1 when none. */
function nthRun(text: string, from: number, skip: number): number {
  const re = new RegExp(RUN.source, 'g');
  re.lastIndex = from;
  for (let n = 0; ; n++) {
    const m = re.exec(text);
    if (!m || m.index > from + WINDOW) return -1;
    if (n === skip) return m.index;
  }
}

/** Text line (1-based) → file line (1-based) for every line of `text`, each found by its words after the one before it. */
function htmlLineMap(raw: string, text: string, from: number): Map<number, number> {
  const visible = visibleText(raw, from);
  const map = new Map<number, number>();
  let cursor = 0;
  let last = from + 1;
  /** Where the text read so far ends in the file's visible text, and how many runs outside ASCII of it stand after that. */
  let after = 0;
  let left = 0;
  const budget = { left: STARTS_PER_TEXT };
  for (const [k, line] of text.split('\n').entries()) {
    // A word's punctuation at its ends may be the converter's (`*` of a list, `[` of a link).
    // A run of characters outside ASCII splits a word too: a file in a legacy charset or
    // ISO-2022-JP's escapes holds them otherwise (`ID：koiking_jp3` is `ID$B!'(Bkoiking_jp3` there).
    const words = line.toLowerCase().split(/\s+/).flatMap((w) => (/[^\x00-\x7f]/.test(w) ? [w, ...w.split(/[^\x00-\x7f]+/)] : [w])).map((w) => w.replace(/^[^\p{L}\p{N}_]+|[^\p{L}\p{N}_]+$/gu, '')).filter((w) => w.length >= 2 || /\p{N}/u.test(w));
    let found = -1;
    let word = '';
    for (let w = words.length - 1; w >= 0 && found < 0; w--) {
      for (const spelled of spellings(words[w]!)) {
        found = findWord(visible.text, spelled, cursor);
        if (found >= 0) {
          word = words[w]!;
          break;
        }
      }
    }
    // No whole word stands in the file: a soft break of RFC 3676's `delsp=yes` (Apple Mail) may have cut
    // the line's first word in two (`ash_01:Old!Pa ` / `ss11`), whose start still stands where the line does.
    if (found < 0 && words.length > 0) ({ found, word } = wordStart(visible.text, words[0]!, cursor, budget));
    if (found >= 0) {
      cursor = found;
      last = visible.lineAt(found);
      // What of the line stands after the word found: its runs outside ASCII come next in the file.
      const lower = line.toLowerCase();
      after = found + word.length;
      left = nonAsciiRuns(lower.slice(lower.lastIndexOf(word) + word.length));
    } else if (NON_ASCII.test(line)) {
      // `账号：小明同学` in a file in GB2312, or encoded: no word of it stands in the file as the
      // text spells it, but its run of characters outside ASCII does, whatever their bytes: the
      // next such run after those of the line before is this line's start.
      const at = nthRun(visible.text, after, left);
      if (at >= 0) {
        cursor = at;
        last = visible.lineAt(at);
        after = at;
        left = nonAsciiRuns(line);
      }
    }
    map.set(k + 1, last);
  }
  return map;
}

/**
 * `result`, read from `text` that was made of the HTML in `raw` from line `from` (0-based) on, with
 * the lines of `raw` (plus `offset`: the message's place in an mbox, or minus the wrapper a page
 * read as a mail was given), its reasons' `line N` too.
 */
export function withHtmlFileLines(result: DumpResult, raw: string, text: string, from: number, offset = 0): DumpResult {
  const map = htmlLineMap(raw, text, from);
  return withLinesAt(result, (n) => (map.get(n) ?? n) + offset);
}
