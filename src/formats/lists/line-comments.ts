// A note an operator or seller wrote after an account: `user:pass # sold to bob`, `user:pass //
// reserved`, `user:pass ; 2 left`, `user pass  # note`, `user:pass (mail: x@y.example)`. The scanners' own config reader has the
// rule (ConfigArgParse, which RocketMap reads its config.ini with: a `#` or `;` comment only after
// a blank), and `//` is the line comment of the JavaScript generators' users. A password may hold
// `#` (`pa#ss`), `//` or `;`, so the rule is narrow: a blank before the marker, `;` only where it
// is not the separator, and an account before it. How narrow depends on the whole list
// (list-layout.ts decides once): where no password holds a blank ('tight'), any blank ends the
// password, so a marker after one starts a note; where some password does (`user:my pass`), only
// a marker standing alone between blanks (`# sold`, `// reserved`) is a note ('spaced').
import { isSignOff, isSpaceAt, isSpacedAccount, lineSep } from './account-line.js';
import { levelSuffix } from './level-suffix.js';
import { ANY_LEVEL_WORDS as LEVEL_WORDS } from './level-words.js';
import { bareAccountLine } from './line-notes.js';
import { nonAccountKind } from './line-kinds.js';
import { checkerFields } from '../tools/checker-fields.js';
import { withSpacedSeparator } from './spaced-separator.js';
import { joinedItems } from './joined-items.js';
import { lineTail } from './line-tail.js';

/** How a list's notes are told from its passwords. */
export type NoteRule = 'tight' | 'spaced';

// The look-behind makes each run of blanks be tried once: without it a line of a megabyte of
// blanks would be tried from each of them, in time quadratic in its length.
// `user:pass (mail: x@y.example)`, `(fresh)`: a bracketed note closing the line, in a list where no password holds a blank.
// `user:pass - fresh`, `user:pass | no ban`: a dash or bar standing between blanks after a whole
// `user:pass` (not the `user - pass` of a spaced list: no account stands before its mark).
const MARKER = /(?<![ \t])[ \t]+(?:#|\/\/|;(?=[ \t]|$)|\((?=[^()]*\)$)|[-|\u2013\u2014](?=[ \t]+\S))/;
const SPACED_MARKER = /(?<![ \t])[ \t]+(?:#|\/\/|;)(?=[ \t]|$)/;
/** A blank between two characters that are no separator: a blank inside a field, not padding. */
const INNER_BLANK = /[^ \t:;,] +[^ \t:;,]/;

/**
 * Whether `before` (the line up to a marker) is an account a note may follow: `user pass` and
 * its level and provider columns (`user pass 30 ptc`) in a blank-separated list; otherwise a
 * login, a separator and a password, with no blank inside the password unless the list allows one.
 */
function accountBefore(before: string, rule: NoteRule): boolean {
  // `user -> #pass`, `user: #pass`: a separator with nothing after it; the `#` opens the password.
  if (/(?:->|=>|>>|\u2192|[:=|])$/.test(before)) return false;
  const sep = lineSep(before);
  if (!sep) return false;
  if (sep === ' ') {
    const words = before.split(/[ \t]+/).length;
    return words >= 2 && words <= 4;
  }
  return rule === 'spaced' || !INNER_BLANK.test(before);
}

const MARKERS = new RegExp(MARKER.source, 'g');

/** Where the comment of an account line starts (the blanks before its marker), or -1. */
export function commentAt(s: string, rule: NoteRule = 'tight'): number {
  const m = (rule === 'spaced' ? SPACED_MARKER : MARKER).exec(s);
  if (!m || m.index === 0) return -1;
  const at = commentAtMarker(s, m, rule);
  if (at !== undefined || rule === 'spaced') return at ?? -1;
  // `user | pass - fresh`, `user : pass - no ban`: the first mark was the account's own spaced
  // separator (spaced-separator.ts), no account before it; the note's mark is a later one. Read
  // as the first, the note was kept in the password (`pass - fresh`).
  MARKERS.lastIndex = m.index + m[0].length;
  for (let k = 0, n = MARKERS.exec(s); n && k < 4; k++, n = MARKERS.exec(s)) {
    const later = commentAtMarker(s, n, rule, true);
    if (later !== undefined) return later;
  }
  return -1;
}

/**
 * The comment's start at the marker `m`, -1 when the line has none there, or undefined when no
 * account stands before it (a later marker may end one: the first was its spaced separator, and
 * `spaced` says the account before is read through it).
 */
function commentAtMarker(s: string, m: RegExpExecArray, rule: NoteRule, spaced = false): number | undefined {
  // `user:pass | Level 30`, the common line with a dash or bar: a level note, settled at once.
  const dash = /[-|\u2013\u2014]$/.test(m[0]);
  if (dash && levelSuffix(s)?.line.length === m.index) return -1;
  // The account before the note may carry a level note of its own (`user:pass | Level 30 # sold`).
  const head = s.slice(0, m.index);
  const spacedHead = spaced ? withSpacedSeparator(head) : head;
  if (spaced && spacedHead === head) return undefined;
  const before = bareAccountLine(spacedHead);
  if (!accountBefore(before, rule)) return undefined;
  // `user;pass ; note` is a padded `;` list, and `user:pass ; lvl 30` a level note (level-suffix.ts), not a comment.
  if (m[0].endsWith(';') && lineSep(before, false) === ';') return -1;
  // After a dash or bar: a note only when what follows is no checker's fields (`| Banned: True`,
  // checker-fields.ts) and no columns a seller adds (`| mail@x | mailpass`, `- 30 - mystic`,
  // spaced-separator.ts), and after a `user:pass` or a plain `user pass` pair.
  // `user pass - fresh`: after a blank-separated pair too, when it is plainly a login and a password (isSpacedAccount).
  // `a:b | c:d | e:f`: stock joined by a bar or dash (joined-items.ts), every item an account, no note.
  if (dash) return (lineSep(before, false) === undefined && !isSpacedAccount(before)) || checkerFields(s) !== undefined || withSpacedSeparator(s) !== s || joinedItems(s) !== undefined ? -1 : m.index;
  return levelSuffix(s)?.line.length === m.index ? -1 : m.index;
}

/** An account line whose password holds a blank (`user:my pass`): then a blank may be a password's. */
function blankInPassword(s: string): boolean {
  const sep = lineSep(s, false);
  if (!sep) return false;
  const at = s.indexOf(sep);
  // `Order password after: best change`: words without a digit and a blank after the separator,
  // which the list reader reads as a sentence, never an account (account-line.ts isSignOff), in
  // any list, framed as a letter or not: no password holds its blanks.
  if (!isSpaceAt(s, at - 1) && isSignOff(s, at)) return false;
  return INNER_BLANK.test(s.slice(at + 1)) && nonAccountKind(s) === undefined;
}

/**
 * How the list's notes after accounts are read past, or undefined when it has none: 'tight' when
 * no password of the list holds a blank, 'spaced' when some does. `notable` are the list's
 * prepared lines that hold a blank (the others can have neither). `isSentence`: a line the reader
 * reads past as a letter's sentence (`Order password after: best change` under a greeting). Its
 * words after a `:` hold blanks, but it holds no password, so it says nothing of how the
 * passwords are written; counted, it kept `- fresh` in every password of the letter.
 */
export function listNoteRule(notable: string[], isSentence: (s: string) => boolean = () => false): NoteRule | undefined {
  let tight = false;
  let spaced = false;
  let blanks = false;
  for (const s of notable) {
    if (commentAt(s) >= 0) tight = true;
    else if (!blanks && blankInPassword(bareAccountLine(s)) && !isSentence(s)) blanks = true;
    if (!spaced && commentAt(s, 'spaced') >= 0) spaced = true;
  }
  return blanks ? (spaced ? 'spaced' : undefined) : tight ? 'tight' : undefined;
}

/** A note that only states the account's level (`# lvl 30`, `// Level 27`). */
const LEVEL_NOTE = new RegExp(String.raw`^(?:#|\/\/|;)[ \t]*(?:${LEVEL_WORDS}|l)\.?[ \t]*(?:[:#][ \t]*)?(\d{1,2})[ \t]*$`, 'i');

/** A level word and its number anywhere in a note (`| Level 30 # sold to misty`). */
const NOTED_LEVEL = new RegExp(String.raw`(?:^|[^A-Za-z])(?:${LEVEL_WORDS}|l)\.?[ \t]*(?:[:#][ \t]*)?(\d{1,2})(?!\d)`, 'i');

/** The line without its comment, under the list's rule; a level the note states stays, as a level note. */
export function withoutComment(s: string, rule: NoteRule = 'tight'): string {
  const at = commentAt(s, rule);
  if (at < 0) return s;
  const note = s.slice(at).trimStart();
  // `- Level 31 - OK`, `(working)`, `(lvl 30, banned)`: a note of a level and a verdict only is
  // read whole by the line's tail (line-tail.ts), its verdict kept with its level. `#2 (Level 30)`
  // opens with a counter, not a comment's mark.
  if (!/^(?:#(?!\d)|\/\/|;)/.test(note) && lineTail(s)) return s;
  // `| Level 30 # sold`, `- fresh lvl 1`: a level stated in a note after a dash or bar is the account's too.
  const level = LEVEL_NOTE.exec(note)?.[1] ?? (/^[-|\u2013\u2014]/.test(note) ? NOTED_LEVEL.exec(note)?.[1] : undefined);
  return level !== undefined ? `${s.slice(0, at)} L${level}` : s.slice(0, at);
}
