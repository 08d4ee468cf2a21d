// Words a seller typed after a whole account with a blank before them and no mark:
// `user:pass 30`, `user:pass lvl30 ptc`, `user;pass banned`, `user:pass OK`, `user,pass 30 temp
// banned`. In a list whose separator is no blank, the password ends at the first blank after it
// when what follows is only such words (a level, a provider, a status word): a generator never
// puts a blank and a level at a password's end, and a password with blanks (`user:Blaze Tail 4`)
// is told apart by the blank before its last word. Anything else after the blank is left as written.
// In a list whose separator is a blank (`user pass (Level 31) OK`, `user pass  lvl 30  banned`)
// the password is the second word for sure, as the scanners' own `user pass` lists split it; what
// follows is a note when it says the account's level, verdict or provider in words read whole.
import type { Provider, State } from '../../model.js';
import { noteWords } from './note-words.js';
import { statusState } from './verdict-words.js';
import { ANY_LEVEL_WORDS } from './level-words.js';

/** `login<sep>password` (and any fixed columns after it) with no blank: the account the tail follows. */
const ACCOUNT = /^[^\s:;,|]+[:;,|]+\S*[^\s:;,|]$/;

export interface LineTail {
  line: string;
  level?: number;
  state?: State;
  provider?: Provider;
}

/**
 * The account line without the words after it, and what they say; undefined when they are not all
 * such words. `(Level 31) OK`, `[lvl 30] banned`, `level 30  working`: the words may be framed by
 * brackets, bars and dashes (note-words.ts).
 */
export function lineTail(s: string, { framed = true } = {}): LineTail | undefined {
  const blank = firstBlank(s);
  if (blank <= 0) return undefined;
  const line = s.slice(0, blank);
  if (!ACCOUNT.test(line)) return spacedTail(s);
  const tail = s.slice(blank);
  if (splitsStatus(line, tail)) return undefined;
  // `user:Pw:(lvl 30)`, `user:Pw(lvl 30)`: a bracket opened before the blank closes after it; its
  // `30)` is no counter's, and the words inside are one cell (level-cell.ts) or a glued level (glued-level.ts).
  if (spansBlank(line, tail)) return undefined;
  // `user:Pw:( 30+`: a bracket opened right before the blank, never closed: the note's or the
  // password's? Left whole, for glued-level.ts to refuse (`:(30`), never a password `Pw:(` kept.
  if (OPENS.test(line)) return undefined;
  // `user:Pw:level 30`: a level word after a separator opens a cell the blank is inside of (a
  // column, level-cell.ts, or a level glued to the password, glued-level.ts), never a note after it.
  if (CELL_OPENED.test(line)) return undefined;
  // Under a header naming the password's column, a field's brackets may be the password's own.
  if (!framed && FRAMING.test(tail)) return undefined;
  const words = noteWords(tail);
  return words ? { line, ...words } : undefined;
}

/**
 * `login password` and what follows them: a login with a sign or a digit (`ash_k01`, not `Buy`),
 * a password with a letter or digit (not a mark: `user - pass` is spaced-separator.ts's), a digit
 * in one of them, as in isAccountShaped (plain.ts): `Order 5521 (sold)` is a sentence.
 */
const SPACED_WORDS = /^([^\s:;,|]+)[ \t]+(\S+)(?=[ \t])/;

/**
 * SPACED_WORDS' match when its first word holds a non-letter and its second a letter or digit: as
 * `/^([^\s:;,|]*[^A-Za-z\s:;,|][^\s:;,|]*)[ \t]+(\S*[A-Za-z0-9]\S*)(?=[ \t])/` matched, each
 * word being the whole run before its blank; that pattern split each word at each of its
 * characters (a line `0`, a tab, `,0x0x...` of 32 KB cost 8 s; 1 MB, hours).
 */
function spaced(s: string): RegExpExecArray | null {
  const m = SPACED_WORDS.exec(s);
  return m && /[^A-Za-z]/.test(m[1]!) && /[A-Za-z0-9]/.test(m[2]!) ? m : null;
}

/** The account of a blank-separated line whose note is read whole and says something of it. */
function spacedTail(s: string): LineTail | undefined {
  const m = spaced(s);
  if (!m || !/\d/.test(m[1]! + m[2]!) || splitsStatus(m[0], s.slice(m[0].length))) return undefined;
  const words = noteWords(s.slice(m[0].length));
  if (!words || (words.level === undefined && words.state === undefined && words.provider === undefined && !words.counter)) return undefined;
  return { line: m[0], ...words };
}

/** An opening bracket ending the account before the blank. */
const OPENS = /[([{<（【]$/;
/** A separator and a level word (or its `L`) ending the account before the blank. */
const CELL_OPENED = new RegExp(String.raw`[:;,|](?:${ANY_LEVEL_WORDS}|l)\.?[:=#]?$`, 'i');

const FRAMING = /[()[\]{}<>|,\u2013\u2014]/;
/** A bracketed level or verdict after a blank: `(Level 31)`, `[banned]`, `{30}`. */
const BRACKETED = /[ \t][([{]([^()[\]{}]{1,40})[)\]}]/;

/**
 * Why the line is refused: a bracketed level or verdict after the account (`user:pass (Level 31)
 * sold to misty`) says a note was written, but its other words are none we read, so where the
 * password ends is unsure. Undefined when no such note is there (the line is read as written).
 */
export function unsureTail(s: string): string | undefined {
  let blank = firstBlank(s);
  if (blank <= 0) return undefined;
  if (!ACCOUNT.test(s.slice(0, blank))) {
    // `user pass (Level 31) sold to bob`: the note after a blank-separated account.
    const words = spaced(s);
    if (!words || !/\d/.test(words[1]! + words[2]!)) return undefined;
    blank = words[0].length;
  }
  if (splitsStatus(s.slice(0, blank), s.slice(blank))) return SPLIT_STATUS;
  const m = BRACKETED.exec(s.slice(blank - 1));
  const words = m ? noteWords(m[1]!) : undefined;
  if (!words || (words.level === undefined && words.state === undefined)) return undefined;
  return 'a note after the password (a level or status in brackets) with words that are not read: where the password ends is unsure';
}

const SPLIT_STATUS = 'a status of two words after the login (a verdict such as a temporary ban), not a password and a note: the password is missing';

/**
 * `Aaa0 temp banned`, `user:not banned`: the "password" and the note's first word are one status
 * of two words (verdict-words.ts). No checker we follow writes such a line with a password in it:
 * PGNumbra and Pogo-Account-Checker put the verdict in the file's name, blindcheck too, and the
 * labelled checkers write `Status: temp banned` (checker-fields.ts); and `temp`, `not`, `perm` are
 * no PTC password (six characters at least). Read as an account it was `temp` with the verdict
 * banned; the line is refused instead, naming it.
 */
function splitsStatus(account: string, tail: string): boolean {
  const last = /[^\s:;,|]+$/.exec(account)?.[0];
  const first = /^[ \t]*([^\s()[\]{}<>|,]+)/.exec(tail)?.[1];
  return last !== undefined && first !== undefined && statusState(`${last} ${first}`) !== undefined;
}

function firstBlank(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 9) return i;
  }
  return -1;
}

/** A bracket opened in `line` and not closed there, closed in `tail`. */
function spansBlank(line: string, tail: string): boolean {
  for (const [open, close] of ['()', '[]', '{}']) {
    if (line.indexOf(open!) < 0 || tail.indexOf(close!) < 0) continue;
    let depth = 0;
    for (const c of line) depth += c === open ? 1 : c === close ? -1 : 0;
    if (depth > 0) return true;
  }
  return false;
}
