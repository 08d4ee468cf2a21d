// A note an operator or seller wrote after an account: `user:pass # sold to bob`, `user:pass //
// reserved`, `user:pass ; 2 left`. The scanners' own config reader has the rule (ConfigArgParse,
// which RocketMap reads its config.ini with: a `#` or `;` comment only after a blank), and `//`
// is the line comment of the JavaScript generators' users. A password may hold `#` (`pa#ss`),
// `//` or `;`, so the rule is narrow: a blank before the marker, no blank inside the account
// before it (a list's padding after a separator aside), `;` only where it is not the separator,
// and only in a list whose other passwords never hold a blank (list-layout.ts decides that once
// for the whole list): there a blank cannot be part of a password, so what follows it is a note.
import { lineSep } from './account-line.js';
import { levelSuffix } from './level-suffix.js';
import { bareAccountLine } from './line-notes.js';
import { nonAccountKind } from './line-kinds.js';

const MARKER = /[ \t]+(?:#|\/\/|;(?=[ \t]|$))/;
/** A blank between two characters that are no separator: a blank inside a field, not padding. */
const INNER_BLANK = /[^ \t:;,] +[^ \t:;,]/;

/** Where the comment of an account line starts (the blanks before its marker), or -1. */
export function commentAt(s: string): number {
  const m = MARKER.exec(s);
  if (!m || m.index === 0) return -1;
  // The account before the note may carry a level note of its own (`user:pass | Level 30 # sold`).
  const before = bareAccountLine(s.slice(0, m.index));
  if (INNER_BLANK.test(before) || !/[^:;,][:;,\t]/.test(before)) return -1;
  // `user;pass ; note` is a padded `;` list, and `user:pass ; lvl 30` a level note (level-suffix.ts), not a comment.
  if (m[0].endsWith(';') && lineSep(before, false) === ';') return -1;
  return levelSuffix(s)?.line.length === m.index ? -1 : m.index;
}

/** An account line whose password holds a blank (`user:my pass`): then a blank may be a password's. */
function blankInPassword(s: string): boolean {
  const sep = lineSep(s, false);
  if (!sep) return false;
  return INNER_BLANK.test(s.slice(s.indexOf(sep) + 1)) && nonAccountKind(s) === undefined;
}

/**
 * Whether the list's notes after accounts are read past: some line has one, and no other line
 * is an account whose password holds a blank. `notable` are the list's prepared lines that hold
 * a blank (the others can have neither).
 */
export function listHasComments(notable: string[]): boolean {
  let found = false;
  for (const s of notable) {
    if (commentAt(s) >= 0) found = true;
    else if (blankInPassword(bareAccountLine(s))) return false;
  }
  return found;
}

/** A note that only states the account's level (`# lvl 30`, `// Level 27`). */
const LEVEL_NOTE = /^(?:#|\/\/|;)[ \t]*(?:level|lvl|lv|l)\.?[ \t]*[:#]?[ \t]*(\d{1,2})[ \t]*$/i;

/** The line without its comment (the caller knows the list has comments); a level the note states stays, as a level note. */
export function withoutComment(s: string): string {
  const at = commentAt(s);
  if (at < 0) return s;
  const level = LEVEL_NOTE.exec(s.slice(at).trimStart());
  return level ? `${s.slice(0, at)} L${level[1]}` : s.slice(0, at);
}
