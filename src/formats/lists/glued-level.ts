// A level glued to the end of a password, with no blank before it: `user:Pw12345!(30)`,
// `user:Pw12345![30]`, `{lvl30}`, `<30>`, `（30）`, `Pw12345!-L30`, `Pw12345!_lvl30`. Sellers write
// the level after a blank (`user:pass (30)`, level-suffix.ts), and then it is read; glued, it may
// as well be the password's own end. PTC's sign-up form asked for "symbols (such as
// #?!@$%^&><+`*()-])" (sebastienvercammen/ptc-acc-gen `index.js`, the comment of `randomPassword()`,
// whose `symbols` list holds `(`, `)`, `[`, `]`, `<`, `>`, `-`), and Google's passwords may hold
// any of them: `Pikachu(25)` is a password someone chose. Unsure, the line is refused naming what
// was seen, never read either way: not `Pw12345!(30)` kept as the password, not a level guessed.
// Only on an unlabelled line of a list or a mail (`user:pass`): a password under its label
// (`Password: Rest&Snore<9>`, an HTML table's cell), a header's password column or a CSV's quoted
// field has its end stated, and keeps what is written there.
import { isTrainerLevel } from '../../model.js';
import { ANY_LEVEL_WORDS } from './level-words.js';

/** A number, a level word before or after it perhaps, in brackets closing the password. */
const BRACKETED = new RegExp(
  String.raw`[([{<（【][ \t]*(?:(?:${ANY_LEVEL_WORDS}|l)\.?[ \t]*(?:[:#][ \t]*)?)?(\d{1,2})\+?[ \t]*(?:(?:${ANY_LEVEL_WORDS})\.?[ \t]*)?[)\]}>）】]$`,
  'i',
);
/** A mark, then a level word (or the `L` of `L30`, after a dash, bar, slash, tilde or `_` only) and its number. */
const MARKED = new RegExp(String.raw`(?:[^\p{L}\p{N}\s](?:${ANY_LEVEL_WORDS})|[-_|/~]l)\.?(?:[:#=]|[ \t]*(?:[:=][ \t]*)?)?(\d{1,2})\+?$`, 'iu');

/**
 * An opening bracket and a level word (or L) closing the password, or a mark and a level word:
 * `Pw(Level` of `Pw(Level 30)`, `Pw|lvl` of `user|Pw|lvl 30`, their number read apart after the blank.
 */
const OPENED = new RegExp(String.raw`(?:[([{<（【](?:${ANY_LEVEL_WORDS}|l)|[|,;:/~_-](?:${ANY_LEVEL_WORDS}))\.?:?$`, 'i');
const OPENERS = new Set([...'([{<（【|,;:/~_-'].map((c) => c.charCodeAt(0)));

function hasOpener(s: string, from: number): boolean {
  for (let i = from; i < s.length; i++) if (OPENERS.has(s.charCodeAt(i))) return true;
  return false;
}

const CLOSERS = new Set([...')]}>）】'].map((c) => c.charCodeAt(0)));
const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Why a password typed on a list's line (`s` from `from` to its end) is refused for a level glued
 * to its end; undefined when it has none. Never quotes the password. A character look first, and
 * no copy of the password: this runs for every account line of a 1,000,000-line list.
 */
export function gluedLevelReason(s: string, from = 0): string | undefined {
  const n = s.length;
  const last = s.charCodeAt(n - 1);
  if (!CLOSERS.has(last) && unclosedLevel(s, from)) return UNCLOSED_REASON;
  if (CLOSERS.has(last)) {
    const m = BRACKETED.exec(s);
    // Something of the password before the brackets: `(30)` alone is a level noted without one (line-kinds.ts).
    return m && m.index > from && isTrainerLevel(Number(m[1])) ? BRACKET_REASON : undefined;
  }
  // `Pw:Lv30+`: "30 or more", as shops write it; the `+` read past to the number.
  const end = last === 43 && n > from + 2 && isDigit(s.charCodeAt(n - 2)) ? n - 1 : n;
  if (!isDigit(s.charCodeAt(end - 1))) return hasOpener(s, from) && OPENED.test(s) ? MARKED_REASON : undefined;
  return markedLevelReason(s, from, end);
}

/**
 * gluedLevelReason of a password (`s` from `from`) that ends in a digit at `end - 1` and holds no
 * bracket: `Pw-L30`, `Pw_lvl30`, `Pw:level 30`. The bracket looks of gluedLevelReason find nothing
 * there, so a caller that has seen every character (plain-pairs.ts: letters, digits, `_.-!?%*$&^`)
 * asks this alone: a 1,000,000-line list's passwords were each scanned again for a bracket
 * (~40 % of its pairs' time, docs/scale-log.md, stop 44).
 */
export function markedLevelReason(s: string, from: number, end = s.length): string | undefined {
  // The digits closing it are one or two, after a letter or a level word's full stop, colon, `#` or `=`
  // (blanks before them: `Pw:level: 30`, `Pw:level 30`, the label's own blank).
  let i = end - 2;
  if (i >= from && isDigit(s.charCodeAt(i))) i--;
  if (i <= from || isDigit(s.charCodeAt(i))) return undefined;
  if (s.charCodeAt(i) === 32) {
    while (i > from && s.charCodeAt(i) === 32) i--;
  }
  const c = s.charCodeAt(i);
  if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 127 || c === 46 || c === 58 || c === 35 || c === 61)) return undefined;
  const m = MARKED.exec(s);
  if (!m || m.index <= from || !isTrainerLevel(Number(m[1]))) return undefined;
  // `user:Pw:level: 30` on one line of a list whose other lines have no level: a level column typed
  // on this line only, or a password ending `:level`? Said as what it is, not as a glued mark.
  // A blank before the number, as a column's cell has it (`Pw|lvl 30`), not glued (`Pw|L30`).
  return COLUMN_SEPARATORS.has(s.charCodeAt(m.index)) && /[ \t]\d{1,2}\+?$/.test(s) ? SEPARATED_REASON : MARKED_REASON;
}

/** An opening bracket and a level (a level word or L perhaps, its number) to the end, nothing closing it. */
const UNCLOSED = new RegExp(String.raw`^[([{<（【][ \t]*(?:(?:${ANY_LEVEL_WORDS}|l)\.?[ \t]*(?:[:#][ \t]*)?)?(\d{1,2})\+?[ \t]*(?:(?:${ANY_LEVEL_WORDS})\.?)?$`, 'i');
const OPEN_BRACKETS = new Set([...'([{<（【'].map((c) => c.charCodeAt(0)));
/** The separators of a list's columns (`:` `|` `;` `,` a tab), before the bracket: a column cut before its `)`. */
const COLUMN_SEPARATORS = new Set([...':|;,\t'].map((c) => c.charCodeAt(0)));

/**
 * `user:Pw:(30`, `user|Pw|[lvl 30`: a separator, an opening bracket and a level, never closed, end
 * the password: a level column whose bracket was lost (a cut line, a hand edit) or the password's
 * own end; unsure either way, never kept as the password `Pw:(30`. A backward look of a few
 * characters, no copy of the line unless a bracket stands there.
 */
function unclosedLevel(s: string, from: number): boolean {
  const n = s.length;
  for (let i = n - 1; i > from && i >= n - 24; i--) {
    const c = s.charCodeAt(i);
    if (CLOSERS.has(c)) return false;
    if (!OPEN_BRACKETS.has(c)) continue;
    let j = i - 1;
    while (j > from && (s.charCodeAt(j) === 32 || s.charCodeAt(j) === 9)) j--;
    // `Pw( 30`: a blank after the bracket says a note was begun, as a separator before it does.
    const blankAfter = s.charCodeAt(i + 1) === 32 || s.charCodeAt(i + 1) === 9;
    if (j <= from || !(COLUMN_SEPARATORS.has(s.charCodeAt(j)) || blankAfter)) return false;
    const m = UNCLOSED.exec(s.slice(i));
    return m !== null && isTrainerLevel(Number(m[1]));
  }
  return false;
}

const UNCLOSED_REASON =
  'the password ends in an opening bracket (after a separator, or a blank after it) and what may be a level, never closed (`:(30`, `( 30`): a level column cut short, or the password\'s own end? unsure: write the level after a blank, `user:pass (30)`';
const BRACKET_REASON =
  'the password ends in a bracketed number that may be a level glued to it (no blank before it); brackets and digits may be part of a password, so where it ends is unsure: write the level after a blank, `user:pass (30)`';
const MARKED_REASON =
  'the password ends in what may be a level glued to it (a mark, a level word or L, a number, no blank before it); such marks and digits may be part of a password, so where it ends is unsure: write the level after a blank, `user:pass L30`';
const SEPARATED_REASON =
  'the password ends in a column separator, a level word, a blank and a number (`:level: 30`, `|lvl 30`), where the list\'s other lines have no level column: a level typed on this line only, or the password\'s own end? unsure: write the level after a blank, `user:pass level 30`';
