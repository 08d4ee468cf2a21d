// A seller's counter after each account (`user:pass (1)`, `user:pass (2)`, `user:pass [3]`) reads
// like a level in brackets (level-suffix.ts), but a list whose "levels" run 1, 2, 3, ... line after
// line counts its accounts: no shop sells one account of each level in order. Such numbers are
// dropped, neither the level nor part of the password. Counters are never levels: a run of bare
// numbers (no level word beside them) going up by one from account to account is one when it
// starts at 0 or 1, when each number is its account's place in the list (`1) a:b`, `2) c:d`,
// `e:f (3)`: the numbering moved from the front to the back), or when it is three or longer (an
// excerpt of a longer numbered list: `(5)`, `(6)`, `(7)`). A level stated with its word
// (`Level 1`, `lvl 2`) is the seller's statement, never a counter. Dropped, a list's levels are
// unknown: the import asks for `--level` rather than guess.
import type { DumpAccount } from '../types.js';
import { ANY_LEVEL_WORDS as LEVEL_WORDS } from './level-words.js';
import { isSkipped, prepareLine } from './account-line.js';
import { isTrainerLevel } from '../../model.js';

/** Whether `line` states the level `n` with a level word (`Level 30`, `lvl30`, `30 lvl`, `L30`). */
export function isWordedLevel(line: string, n: number): boolean {
  let re = WORDED.get(n);
  if (!re) {
    re = new RegExp(String.raw`(?:(?:${LEVEL_WORDS})\.?|\bl)[ \t]*(?:[:#.][ \t]*)?0*${n}(?!\d)|(?<!\d)${n}\+?[ \t]*(?:${LEVEL_WORDS})`, 'i');
    WORDED.set(n, re);
  }
  return re.test(line);
}

/** `line` without the first `part` in it. */
function without(line: string, part: string): string {
  const at = part === '' ? -1 : line.indexOf(part);
  return at < 0 ? line : line.slice(0, at) + ' ' + line.slice(at + part.length);
}

/**
 * Whether the account's number stands in a column of its own: nothing but the list's separators
 * (`:`, `;`, `,`, `|`, a tab) between it and the password, no bracket or mark around it.
 */
function isColumnCell(line: string | undefined, a: DumpAccount): boolean {
  if (line === undefined) return false;
  const cell = COLUMN_CELL.exec(without(without(line, a.password), a.username));
  return cell !== null && Number(cell[1]) === a.level;
}

/** A number alone in a cell of the list's columns: one pattern for every level (made once, not per account). */
const COLUMN_CELL = /^[ \t:;,|]*[:;,|\t][ \t]*0*(\d+)[ \t:;,|]*$/;

/** One pattern per level, made once: a list of 100,000 accounts asks 100,000 times. */
const WORDED = new Map<number, RegExp>();

/**
 * The accounts without their levels where those levels are a counter (the same array otherwise).
 * `lineOf` gives an account's line as written, to tell a level stated with its word; without it
 * every level is taken as a bare number.
 */
export function withoutCounters<T extends DumpAccount>(accounts: T[], lineOf?: (a: T) => string | undefined): T[] {
  const bare: number[] = [];
  for (let k = 0; k < accounts.length; k++) {
    const a = accounts[k]!;
    if (a.level === undefined) continue;
    const line = lineOf?.(a);
    // The note is what is left beside the login and password: `Aaa#l6 (6)` states no level 6.
    if (line === undefined || !isWordedLevel(without(without(line, a.password), a.username), a.level)) bare.push(k);
  }
  if (bare.length < 2) return accounts;
  // The bare numbers of consecutive accounts, each one more than the one before.
  for (let j = 1; j < bare.length; j++) {
    if (bare[j] !== bare[j - 1]! + 1 || accounts[bare[j]!]!.level !== accounts[bare[j - 1]!]!.level! + 1) return accounts;
  }
  const first = accounts[bare[0]!]!.level!;
  if (first > 1 && first !== bare[0]! + 1 && bare.length < 3) return accounts;
  // An excerpt's counter is written as one, beside the account (`(5)`, `#6`, ` 7`); a list's last
  // column holding 30, 31, 32 (`ash01:Pw:30`) is a level column: a counter counts 1, 2, 3, and a
  // cell of the list's own columns that starts at neither 1 nor its row's place is read as what it holds.
  if (first > 1 && first !== bare[0]! + 1 && bare.some((k) => isColumnCell(lineOf?.(accounts[k]!), accounts[k]!))) return accounts;
  for (const k of bare) delete accounts[k]!.level;
  return accounts;
}

/**
 * A bare number in front of the rest of the line (`1 user:pass`, `12\tuser:pass`): no `)` or `.` after
 * it. Or a spreadsheet's or seller's numbering column before the list's separator, as a sheet saved as
 * CSV writes it: `1;user;pass`, `001;user;pass` (a column formatted with leading zeros), `"1","user","pass"`
 * (every cell quoted: Python's csv.QUOTE_ALL, LibreOffice's "quote all text cells"), `  1 ,  user , pass`
 * (cells padded to a width), `1 | user | pass`.
 */
const FRONT_NUMBER = /^(?:(\d{1,6})|"(\d{1,6})")(?:[ \t]*[;,|][ \t]*|[ \t]+)(?=\S)/;
/** The same, a blank after the number only: under a header, whose columns the row counter (row-counter-column.ts) reads. */
const FRONT_NUMBER_BLANK = /^(\d{1,6})[ \t]+(?=\S)/;
/** A quoted line's marks: `> `, `>> `, `> > ` (RFC 3676 section 4.5). */
const QUOTE_MARKS = /^(?:>[ \t]?)+/;

/**
 * The prepared lines without a counter in front of their accounts (the same array when there is
 * none). Forum posts number their lines with a bare number (`1 user:pass`, `2 user2:pass2`), no
 * `)` after it; read as it stands the number would join the username or read as a level. The
 * numbers count when, line after line (blank lines and comments between do not break the run),
 * each is one more than the one before, each line's rest is an account (`isAccount`), and the run
 * starts at 0 or 1, at the first numbered line's place among the list's lines, or is three or
 * longer (an excerpt of a longer list): the same rule as a counter after the accounts. A single
 * number, or numbers that do not run (`30 user:pass`, `12 user:pass`), are left on their line, for
 * the line to be read or refused as before.
 */
export function withoutFrontCounters(prepared: string[], isAccount: (s: string) => boolean, separated = true): string[] {
  const front = separated ? FRONT_NUMBER : FRONT_NUMBER_BLANK;
  const at: number[] = [];
  const rest: string[] = [];
  let contentBefore = -1;
  let content = 0;
  let last = -1;
  const marks: string[] = [];
  /** Every number stood in a cell of its own (`30;`, `30 | `, `30<TAB>`), not before a blank (`30 user:pass`). */
  let cells = true;
  for (let i = 0; i < prepared.length; i++) {
    const line = prepared[i]!;
    // `> 1 user:pass`: a reply quoting the numbered delivery (RFC 3676's `>` marks, as Gmail, Apple
    // Mail and Thunderbird quote); the counter is read behind the marks, and the marks kept.
    const mark = line.charCodeAt(0) === 62 ? QUOTE_MARKS.exec(line)![0] : '';
    const s = mark === '' ? line : line.slice(mark.length);
    if (isSkipped(s)) continue;
    content++;
    const c = s.charCodeAt(0);
    const digit = (k: number) => s.charCodeAt(k) >= 48 && s.charCodeAt(k) <= 57;
    // Most lines open with a login: the pattern runs only on a digit, or a quote before one (`"1",`).
    const m = digit(0) || (c === 34 && digit(1)) ? front.exec(s) : null;
    const n = m ? Number(m[1] ?? m[2]) : -1;
    const r = m ? prepareLine(s.slice(m[0].length)) : '';
    if (m && isAccount(r) && (at.length === 0 || n === last + 1)) {
      // Numbered lines must follow one another: a content line without a number ends the run.
      if (at.length > 0 && content !== contentBefore + at.length + 1) return prepared;
      // A run is at one depth of quoting: a reply's own numbering is no part of the quoted one's.
      if (at.length > 0 && mark.replace(/[ \t]/g, '') !== marks[0]!.replace(/[ \t]/g, '')) return prepared;
      if (at.length === 0) contentBefore = content - 1;
      at.push(i);
      rest.push(r);
      marks.push(mark);
      last = n;
      if (!/[;,|\t]/.test(m[0])) cells = false;
    } else if (at.length > 0 && content === contentBefore + at.length + 1) {
      // The line right after the run: another numbered line out of order undoes it.
      if (m) return prepared;
    }
  }
  if (at.length < 2) return prepared;
  const first = last - at.length + 1;
  if (first > 1 && first !== contentBefore + 1 && at.length < 3) return prepared;
  // An excerpt's counter is written before a blank (`5 user:pass`); a list's first column holding
  // 30, 31, 32 (`30|ash01|Pw`) is a level column, as a last one is (withoutCounters): a counter counts
  // from 1 or its row's place, and a cell of the list's own that starts elsewhere holds what it says (front-levels.ts).
  if (first > 1 && first !== contentBefore + 1 && cells && isTrainerLevel(last)) return prepared;
  const out = prepared.slice();
  for (let k = 0; k < at.length; k++) out[at[k]!] = marks[k]! + rest[k]!;
  return out;
}
