// How one account line splits into username and password, shared by the plain-list reader and
// the `user:pass` lines inside seller mails. No line says which separator it uses, but the list
// as a whole does (list-layout.ts): usernames never hold a separator, so the first separator
// character of a line is the real one. Passwords may hold the separator; they are never cut,
// because we split on the FIRST separator and count fixed columns (e-mail, its password, birth
// date, ...) from the end of the line, only when the whole list shows such columns.
import { opensUnclosedQuote } from './quoted-fields.js';
import { withoutItemLabel } from '../mail/item-labels.js';
import { isSpacedWordPair } from './spaced-pairs.js';
import { credentialProblem, type Provider, type State } from '../../model.js';
import { flagValue, statusState } from './verdict-words.js';
import { isBlankCode, stripEnd } from '../decode.js';
import { headerRoleValues, type Role } from './columns.js';
import { fieldKind, isAddress, KIND_NAME } from './line-kinds.js';
import { networkLogin } from './social-handles.js';
import { isFence, TRAILING_SYMBOL, withoutMarks } from './line-marks.js';
import { withTightSeparator } from './tight-separator.js';
import { withLevelLabelJoined } from './level-suffix.js';
import { gluedLevelReason } from './glued-level.js';
import { oddLevelReason, spacedMiddleNumberReason, spacedOddLevelReason } from './odd-level.js';
import { columnsWithout } from './stated-columns.js';
import { levelCell } from './level-cell.js';
import { otherMarkReason } from './other-mark.js';
import type { LineKind } from '../types.js';
import { isMissingValue, MISSING_VALUE_REASON } from '../missing-values.js';

export { isAddress };

// `|` too: `user|pass`, a shop's custom delimiter (sell.app/docs/digital-items); no login holds one.
export type Sep = ':' | ';' | ',' | '\t' | '|' | ' ';

export interface Layout {
  sep: Sep;
  /** A header line named the columns (columns.ts): they decide, not the shape of the lines. */
  roles?: Role[];
  /** The header's columns before the login that number the rows (`Nr.`, `#`, `ID`: columns.ts isCounterName); `id`: named `ID`. */
  counters?: { at: number; id: boolean }[];
  /** A character that ends every line but perhaps the last (`user:pass,`): not part of the password. */
  terminator?: string;
  /** Every separator is followed by blanks (`user, pass`): those blanks are layout, not password. */
  padded: boolean;
  /** 1 when an e-mail column comes before the username (`email:user:pass`). */
  userField: number;
  /** Fixed columns after the password (`user:pass:email`, `user:pass:email:emailpass`, `user:pass:email:dob`). */
  trailing: number;
  /** The usernames themselves are e-mail addresses (Google logins): a leading address is then the login. */
  addressLogins: boolean;
  /** The list around this line is plainly accounts: a network's name may be a login (`discord:Pass1`, social-handles.ts). */
  networkLogins?: boolean;
  /** This line's fields were CSV-quoted (quoted-fields.ts): the quotes said where the password ends. */
  quoted?: boolean;
  /** Every line is `login password` split by one blank, most with a digit (spaced-pairs.ts): a digitless pair is one too. */
  spacedPairs?: boolean;
  /** The operator named the columns (`import --columns`): a row longer than them holds the separator in its password (longerRowProblem asks no more). */
  stated?: boolean;
}

export type LineResult = { username: string; password: string; provider?: Provider; level?: number; state?: State } | { reason: string; kind?: LineKind };


/** A list's numbering or bullet before an account (`1) `, `12. `, `1- `, `- `, `* `, `• `): no login starts so. */
const LIST_MARKER = /^(?:\d{1,4}[.)-]|[-*\u2022])[ \t]+(?=\S)/;

/**
 * prepareLine for a row under a header naming the columns at `cells` (list-layout.ts findHeader):
 * a row that opens with that separator (`;bergsee40;Pw;32` under `Nr.;Benutzername;Passwort;Level`,
 * a sheet's number column left blank) keeps its empty first cell, as a tab row its leading tab;
 * dropped, every cell after it was matched to the column before its own.
 */
export function prepareRow(raw: string, cells: Sep): string {
  const kept = cells === '\t' ? raw.replace(/^ +/, '') : raw.trimStart();
  return kept[0] === cells ? stripEnd(kept) : prepareLine(raw);
}

/** Trim, drop line-end padding, a list's numbering and the empty first column of `:user:pass`. */
export function prepareLine(raw: string): string {
  // `**user:pass**`, `✅ user:pass`, `#1 user:pass`: a paste's marks around the account (line-marks.ts).
  let s = withoutMarks(stripEnd(raw).trimStart());
  const c = s.charCodeAt(0);
  // A character test first: most lines of a 100,000-line list start with a letter.
  if ((c >= 48 && c <= 57) || c === 45 || c === 42 || c === 0x2022) {
    const m = LIST_MARKER.exec(s);
    if (m) s = s.slice(m[0].length);
  }
  if (s[0] === ':' || s[0] === ';' || s[0] === ',') return s.slice(1);
  // `License key: ash01:Pw`, `Serial: ash01:Pw`: a shop's word for a delivered item before the account (item-labels.ts).
  s = withoutItemLabel(s);
  // `user----pass`, `user/pass`, `user->pass`: a separator typed without blanks (tight-separator.ts).
  // `user:Pw:level: 30`: a labelled level cell, the `:` after its word no separator (level-suffix.ts).
  return withLevelLabelJoined(withTightSeparator(s));
}

/**
 * A line that is no account and says nothing: blank, a `#` comment, a Markdown code fence, or Excel's separator line
 * (`sep=;`, which Excel writes first in a CSV it saves with a separator other than the system's,
 * and reads as an instruction, not a row).
 */
export function isSkipped(s: string): boolean {
  return s === '' || s[0] === '#' || isFence(s) || (s.length === 5 && (s.charCodeAt(0) | 32) === 115 && /^sep=[^\w\s]$/i.test(s));
}

/** The first separator character of a prepared line: the one right after the username. */
export function lineSep(s: string, allowBlank = true): Sep | undefined {
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    // Letters, digits, `_ . - @`: the usual characters of a username, decided at once.
    if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 46 || code === 45 || code === 64) continue;
    const c = s[i];
    if (c === ':' || c === ';' || c === ',' || c === '\t' || c === '|') return c;
    if (isSpaceAt(s, i)) {
      // `user : pass` is a colon line with a padded username, not a blank-separated one.
      let j = i + 1;
      while (isSpaceAt(s, j)) j++;
      const next = s[j];
      if (next === ':' || next === ';' || next === ',' || next === '\t' || next === '|') return next;
      if (allowBlank) return ' ';
      i = j - 1;
    }
  }
  return undefined;
}

/** A blank other than a tab (a space, U+00A0, ...): what separates `user pass`. */
export function isSpaceAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c === 32 || (c > 126 && isBlankCode(c)) || c === 11 || c === 12;
}

/** Where the next separator token starts at or after `from`, or -1. Allocation-free: this runs per line of 100k-line lists. */
export function nextSep(s: string, sep: Sep, from: number): number {
  if (sep !== ' ') return s.indexOf(sep, from);
  for (let i = from; i < s.length; i++) if (isBlankCode(s.charCodeAt(i))) return i;
  return -1;
}

/** Where the separator token starting at `i` ends: blank runs and padding belong to the token. */
export function sepEnd(s: string, i: number, sep: Sep, padded: boolean): number {
  let end = i + 1;
  if (sep === ' ' || padded) while (end < s.length && isBlankCode(s.charCodeAt(end))) end++;
  // `brock03<TAB>  Onix3rock`: columns aligned with a tab and then spaces, as an editor or a chat
  // lines them up; the spaces are the alignment's, never a password's start (a tab is a column's).
  else if (sep === '\t') while (end < s.length && isSpaceAt(s, end)) end++;
  return end;
}

/**
 * Most fields a line is split into. Sellers add a few columns (e-mail, its password, birth date,
 * country, level); a line with more is no table row, and counting a megabyte of `,,,,` as columns
 * would take seconds. Such a line is read as username and everything after it.
 */
export const MAX_FIELDS = 16;

/** [start, end) of every separator token in the line (only for lines with more than two fields); undefined past MAX_FIELDS. */
export function tokens(s: string, sep: Sep, padded: boolean): [number, number][] | undefined {
  const out: [number, number][] = [];
  for (let i = nextSep(s, sep, 0); i >= 0; ) {
    if (out.length === MAX_FIELDS - 1) return undefined;
    const end = sepEnd(s, i, sep, padded);
    out.push([i, end]);
    i = nextSep(s, sep, end);
  }
  return out;
}

export function field(s: string, toks: [number, number][], i: number): string {
  return s.slice(i === 0 ? 0 : toks[i - 1]![1], i < toks.length ? toks[i]![0] : s.length);
}

/** The first field is an address: checked for `@` first, the regex only then. */
export function startsWithAddress(s: string, first: number): boolean {
  const at = s.indexOf('@');
  return at >= 0 && at < first && isAddress(s.slice(0, first));
}

const GOOGLE = /@(gmail|googlemail)\.com$/i;

/** A list's number, `.` or `)`, then a letter, at the login's start. */
const GLUED_NUMBER = /^\d{1,4}[.)][A-Za-z]/;
const GLUED_NUMBER_REASON = "a number glued to the login's start (`1.user`, `1)user`): the list's numbering, or part of the login? unsure; put a blank after the number";

function accountOrReason(username: string, password: string, networkLogins = false, named = false): LineResult {
  const problem = lineProblem(username, password);
  if (problem) return { reason: problem };
  // `user:Pw12345!(30)`: a level glued to the password, or its end? (glued-level.ts). A header's
  // password column (`named`) keeps what is in it, as a CSV's quoted field does.
  const glued = named ? undefined : gluedLevelReason(password);
  if (glued) return { reason: glued };
  // `user<TAB>pass<TAB>note`, a date's column turned to tabs, a stray escape byte: a tab or control
  // character no one types into a password field, never kept in one silently (issue 14).
  const control = controlReason(password);
  if (control) return { reason: control };
  // `✅`, `**`, `>>`: a login has a letter or a digit. `~~user:pass~~`: struck through, the seller's "gone".
  if (!hasLetterOrDigit(username)) return { reason: 'no letter or digit in the username', kind: 'prose' };
  if (username.startsWith('~~')) return { reason: 'struck through (~~): marked as gone' };
  // `1.ash01x:Pw`, `2)ash02x:Pw`: a list's number glued to the login, or a login of that spelling?
  // Unsure (an address may open `1.`): refused by its line, never the login `1.ash01x` (issue 14).
  const c0 = username.charCodeAt(0);
  if (c0 >= 48 && c0 <= 57 && GLUED_NUMBER.test(username) && !username.includes('@')) return { reason: GLUED_NUMBER_REASON };
  // `user -> #pw`: the `#...` read as a note leaves the arrow alone, which is no password.
  const p0 = password.charCodeAt(0);
  if ((p0 === 45 || p0 === 61 || p0 === 62 || p0 === 124 || p0 === 126) && /^[-=>|~]+$/.test(password)) return { reason: 'the password is only a separator mark (an arrow, a dash): its value is missing, or was read as a note after it' };
  // `user:pass ❌`: a mark after the password that is no check mark (line-marks.ts), a buyer's "dead" perhaps.
  if (password.charCodeAt(password.length - 1) > 127 && TRAILING_SYMBOL.test(password)) return { reason: 'a mark after the password (an emoji or symbol): not read as part of it' };
  // `ash01 None`: a program's missing value, said so rather than called code (missing-values.ts).
  if (isMissingValue(password)) return { reason: MISSING_VALUE_REASON };
  const kind = fieldKind(username, password);
  if (kind && !(kind === 'handle' && networkLogins && networkLogin(username, password))) return { reason: `looks like ${KIND_NAME[kind]}, not an account`, kind };
  // `.com` ends a Gmail address: most names are settled by one character, not the regex (per line).
  return username.charCodeAt(username.length - 4) === 46 && GOOGLE.test(username) ? { username, password, provider: 'google' } : { username, password };
}

/**
 * Why a password typed on a line (a list's, a mail's) is refused for a tab or a control character
 * (C0, DEL, C1) inside it; undefined without one. A tab there is a column the split did not explain
 * (`user<TAB>pass<TAB>note`), a control character a broken line: no one types either into a
 * password field. Readers whose fields have stated ends (JSON strings, quoted CSV, a database) keep
 * what the tool stored. A loop: this runs per line. Never quotes the password.
 */
export function controlReason(password: string): string | undefined {
  for (let i = 0; i < password.length; i++) {
    const c = password.charCodeAt(i);
    if (c === 9) return 'a tab inside the password: a column after it the line does not explain, or part of it? where the password ends is unsure';
    if (c < 32 || (c >= 127 && c <= 159)) return 'a control character inside the password: no one types one, so the line is broken';
  }
  return undefined;
}

/**
 * Whether `s` has a letter or a digit (`/[\p{L}\p{N}]/u`): an ASCII letter or digit settles it at
 * once; the Unicode classes are asked only of a name with a character outside ASCII before one.
 * The regex on every line of a 100,000-line list was ~20 ms of its read.
 */
function hasLetterOrDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) return true;
    if (c > 127) return /[\p{L}\p{N}]/u.test(s);
  }
  return false;
}

/** The first field at or after `from` that is an e-mail address, or -1. */
export function firstAddressAt(s: string, toks: [number, number][], from: number): number {
  for (let k = from; k <= toks.length; k++) if (isAddress(field(s, toks, k))) return k;
  return -1;
}

/**
 * `acct0001 Pw!acct01`: a login and a password with a blank between (the "Space" delimiter of
 * sell.app/docs/digital-items) in a mail, or among the lines of a list in another separator. Two tokens only, the login with a digit, `_` or `.` in
 * it as generated and sold logins have, the password of six characters or more with a digit and
 * something else: `Order #48301`, `Good 120` or `see you` are no such pair.
 */
export function isSpacedAccount(s: string): boolean {
  const m = /^([A-Za-z][A-Za-z0-9_.@-]{2,})\s+(\S{6,})$/.exec(s);
  return m !== null && /[\d_.]/.test(m[1]!) && /\d/.test(m[2]!) && /\D/.test(m[2]!) && !/^[#@(]/.test(m[2]!);
}

/**
 * `ash02x Pw2!b` among `ash01x:Pw1!a` lines: the shape isSpacedAccount reads, but a password too
 * short (under six) to be sure the line is a login and a password, not two words of a note. Never
 * read past as prose either: an account-shaped line passed over in silence is an account lost.
 */
export function isShortSpacedAccount(s: string): boolean {
  const m = /^([A-Za-z][A-Za-z0-9_.@-]{2,})\s+(\S{3,5})$/.exec(s);
  return m !== null && /\d/.test(m[1]!) && /\d/.test(m[2]!) && /[^\d.,:%x]/i.test(m[2]!) && !/^[#@(]/.test(m[2]!);
}

/** Why such a line is refused: the list's own separator is the way through. */
export const SHORT_SPACED = 'a login and a short password (under six characters) with a blank between, among lines of another separator: unsure it is an account, not two words; write it with the list\'s separator';

/**
 * `ash02x Pw2!bcd lvl 30 banned maybe`: a login and a password split by a blank, as the two
 * checks above read them, then words no note reader knows. Never prose: a line that opens with
 * an account is refused by its line (where the password ends is unsure), not passed over.
 */
export function opensWithAccount(s: string): boolean {
  const m = /^(\S+)[ \t]+(\S+)[ \t]+\S/.exec(s);
  if (!m) return false;
  const pair = `${m[1]} ${m[2]}`;
  return isSpacedAccount(pair) || isShortSpacedAccount(pair);
}

export const OPENS_ACCOUNT = 'a login and a password split by a blank, then words that are no note of a level, a verdict or a provider: where the password ends is unsure; write the account alone on its line, a note after `#`';

/**
 * `ash_02 blue fish note tree` in a list of `login password` lines: a login as the list's are
 * written (a letter first, a digit, `_` or `@` in it), then several words. The list's context says
 * it is an account whose password holds blanks (a passphrase) or has a note after it; either way
 * never prose read past, which lost the account without a word (the mail reader skipped it, and
 * the chooser took the read that skips what the other refuses): refused by its line.
 */
export function opensWithListLogin(s: string): boolean {
  const m = /^([A-Za-z][A-Za-z0-9_.@-]{2,})[ \t]+\S+[ \t]+\S/.exec(s);
  return m !== null && /[\d_@]/.test(m[1]!) && !/[.@-]$/.test(m[1]!);
}

export const LIST_LOGIN_WORDS = 'a login, then words split by blanks in a list of `login password` lines: unsure which of them are the password (a password holding blanks, or a note after it); write the account with another separator (`login:pass word`) or its note after `#`';

/**
 * `Regards, Shop`, `yes, tomorrow`: a word, the separator at `at` and a blank after it, and no digit
 * on the line: a chat's or a mail's sign-off, no login and password (in a list whose lines have
 * no blank there, the password would start with it; sold and generated accounts have a digit).
 */
export function isSignOff(s: string, at: number): boolean {
  return isSpaceAt(s, at + 1) && !/\d/.test(s);
}

const UNCLOSED_QUOTE = 'a quoted field not closed on its line (a CSV field over several lines, or a quote missing): where the password ends is unsure, not read; save the file as CSV with each account on one line';

/** One prepared, non-blank line to an account or the reason it cannot be one (never quoting the line). */
export function splitAccountLine(line: string, layout: Layout): LineResult {
  const s = layout.terminator && line.endsWith(layout.terminator) ? stripEnd(line.slice(0, -1)) : line;
  if (!layout.quoted && opensUnclosedQuote(s, layout.sep)) return { reason: UNCLOSED_QUOTE };
  if (layout.roles) return splitByRoles(s, layout, layout.roles);
  // A CSV-quoted line comes with its fields joined by a tab (quoted-fields.ts): split there, never
  // at the file's `,`, which a quoted password may hold (`ash01,"Pw,1""q"`: `Pw,1"q`).
  const quotedSplit = layout.quoted === true && layout.sep !== '\t';
  let sep: Sep | undefined = quotedSplit ? '\t' : layout.sep;
  let shape: Layout = quotedSplit ? { ...layout, sep: '\t', padded: false, userField: 0, trailing: 0, addressLogins: false } : layout;
  let first = nextSep(s, sep, 0);
  if (first < 0) {
    // A line in another separator than the file's: read it on its own, but never on a blank,
    // or every stray sentence would become an account.
    sep = lineSep(s, false);
    // `ash_k3 Pika!2017` among `user:pass` lines: a seller who typed some lines with a blank. Only
    // the pair a mail reads as an account (isSpacedAccount): `Thank you!` stays a sentence.
    if (!sep && isSpacedAccount(s)) sep = ' ';
    // `ash02 Pw23456! 2017` among `user:pass` lines: an account and a number no level is (odd-level.ts).
    // `ash01x 30 Pw1!a` among them: a number between login and password (odd-level.ts).
    const odd = sep ? undefined : spacedOddLevelReason(s, isSpacedAccount) ?? spacedMiddleNumberReason(s);
    if (odd) return { reason: odd };
    // Words without a separator (`Thank you!`) are a sentence, not a broken account.
    if (!sep && isShortSpacedAccount(s)) return { reason: SHORT_SPACED };
    if (!sep && opensWithAccount(s)) return { reason: OPENS_ACCOUNT };
    if (!sep) return /\s/.test(s) ? { reason: 'not an account line (no separator)', kind: 'prose' } : { reason: otherMarkReason(s) ?? 'missing password' };
    // `Stock | Price` among `user - pass` lines: words around another separator, with blanks and no
    // digit, are a table's header or a sentence; sold and generated accounts have a digit.
    if (sep !== ' ' && !/\d/.test(s) && /\s/.test(s)) return { reason: 'words, not an account line', kind: 'prose' };
    shape = { sep, padded: false, userField: 0, trailing: 0, addressLogins: false };
    first = s.indexOf(sep);
  }
  // `user : pass` in a list whose other lines are not padded: blanks on both sides of the
  // separator are layout (as isEmbeddedAccount reads a mail's line), never a password's first
  // characters. A doubled separator after the login (`user::pass`, `user || pass`) is one.
  const spaced = sep !== ' ' && first > 0 && isSpaceAt(s, first - 1);
  let doubled = first;
  if (sep !== ' ') while (s[doubled + 1] === sep) doubled++;
  const afterFirst = sepEnd(s, doubled, sep, shape.padded || spaced);
  if (sep !== ' ' && !spaced && isSignOff(s, doubled)) return { reason: 'words, not an account line', kind: 'prose' };
  // Both have a third word (a blank after the password's start): a two-word line, nearly every line of such a list, asks neither.
  if (sep === ' ' && shape.trailing === 0 && nextSep(s, sep, afterFirst) >= 0) {
    // `ash02 Pw23456! 2017` among `user pass` lines: the number no level is names the line (odd-level.ts).
    // `ash01 Pw12345!(30 lvl)`: a level opened glued to the password, closed after a blank (glued-level.ts).
    const unsure = spacedOddLevelReason(s, isSpacedAccount) ?? spacedMiddleNumberReason(s) ?? (/\d/.test(s.slice(0, first)) || /\d/.test(s.slice(afterFirst)) ? gluedLevelReason(s, afterFirst) : undefined);
    if (unsure) return { reason: unsure };
  }
  // Words separated by blanks are a sentence unless they look like a login and a password: two
  // of them, one with a digit (`ash_k1 pikachu`), or the columns the whole list shows.
  // `izijifuz ekexiv` in a list of such pairs (spaced-pairs.ts): the list's columns say it is an account.
  const listPair = sep === ' ' && layout.spacedPairs === true && isSpacedWordPair(s);
  if (sep === ' ' && !listPair && (!/\d/.test(s) || (shape.trailing === 0 && nextSep(s, sep, afterFirst) >= 0))) {
    if (opensWithAccount(s)) return { reason: OPENS_ACCOUNT };
    // The file's own separator is the blank (not a line's fallback): a login of its shape, then words.
    if (layout.sep === ' ' && opensWithListLogin(s)) return { reason: LIST_LOGIN_WORDS };
    return { reason: 'words, not an account line', kind: 'prose' };
  }
  // The common case, two fields: no token list, no address checks.
  const more = nextSep(s, sep, afterFirst) >= 0;
  const toks = more ? tokens(s, sep, shape.padded) : undefined;
  if (!toks) {
    // A row of more columns than any seller writes (a database table's, `mysql -B -N`): its rest
    // is no password. Sent back whole, as a password holding every separator, it invented one.
    if (more && sep !== ' ') return { reason: `more than ${MAX_FIELDS} columns: a table's row, not an account line`, kind: 'table' };
    return accountOrReason(s.slice(0, first).trim(), s.slice(afterFirst), layout.networkLogins, layout.quoted);
  }

  const n = toks.length + 1;
  let userField = shape.userField;
  let trailing = shape.trailing;
  if (userField === 1 && !isAddress(field(s, toks, 0))) userField = 0;
  // An address after the password is the account's e-mail: the password ends there, whatever
  // follows (the e-mail's own password may hold the separator too). Mixed lists: an e-mail column
  // on a few lines only is recognisable by its shape as well.
  const later = firstAddressAt(s, toks, userField + 2);
  if (later > 0 && field(s, toks, later - 1) !== '') trailing = n - later;
  else if (userField === 0 && trailing === 0 && !shape.addressLogins && later < 0 && startsWithAddress(s, first) && !isAddress(field(s, toks, 1))) userField = 1;
  trailing = Math.max(0, Math.min(trailing, n - userField - 2));
  const passEnd = trailing > 0 ? toks[n - 1 - trailing]![0] : s.length;
  return accountOrReason(field(s, toks, userField).trim(), passwordBefore(s, toks[userField]![1], passEnd, shape.padded), layout.networkLogins, layout.quoted);
}

/**
 * The password from `start` to `end`. In a padded list (`user ; pass ; mail`) the blanks before a
 * separator are layout as much as those after it, as RocketMap's `str.strip` of every field has it.
 */
function passwordBefore(s: string, start: number, end: number, padded: boolean): string {
  let e = end;
  if (padded && end < s.length) while (e > start && isBlankCode(s.charCodeAt(e - 1))) e--;
  return s.slice(start, e);
}

/** A level cell that says there is none: a dash, a question mark, `n/a`, `none`, `unknown`, `new`. */
const NO_LEVEL = /^(?:n\/?a|none|null|unknown|\?+|-+|x|new|fresh|lvl|level)$/i;

/** A line of a list with a header: each column is what the header says it is. */
function splitByRoles(line: string, layout: Layout, roles: Role[]): LineResult {
  let s = line;
  let toks = tokens(s, layout.sep, layout.padded) ?? [];
  // `1;ash;Pw;30;;` under `Nr.;Benutzername;Passwort;Level`: empty cells past the header's last column,
  // as a spreadsheet pads every row to its used range when saved as CSV (Excel, LibreOffice; the
  // header shorter where it was written apart). No cell of the header's, never the password's end
  // (`Pw;30;` was read as the password): an unquoted `;` ending a password a CSV writer would have quoted.
  if (layout.sep !== ':' && layout.sep !== ' ') {
    while (toks.length >= roles.length && s.slice(toks.at(-1)![1]).trim() === '') {
      s = s.slice(0, toks.at(-1)![0]);
      toks = toks.slice(0, -1);
    }
  }
  const n = toks.length + 1;
  const p = roles.indexOf('pass');
  // `ash01;Pika1!;x` under `Nr.;Login;Passwort;Level`: a login where the rows are numbered.
  const shifted = layout.counters ? counterProblem(s, toks, layout.counters, n, roles.length) : undefined;
  if (shifted) return { reason: shifted };
  if (n <= p) return { reason: 'missing password' };
  // Columns after the password are counted from the end: a password may hold the separator. A
  // line with fewer columns than the header lacks the last ones. When an e-mail column follows
  // the password, the password ends at the address, as in lists without a header.
  const after = Math.min(roles.length - p - 1, n - p - 1);
  const anchor = roles[p + 1] === 'email' || roles[p + 1] === 'recovery' ? firstAddressAt(s, toks, p + 1) : -1;
  // `2;ash02;Pika2!;30;fresh` under `Nr.;Login;Passwort;Notiz`: the password `Pika2!;30`, or a cell more? (longerRowProblem)
  if (n > roles.length && anchor < 0 && p < roles.length - 1 && !layout.stated) {
    const longer = longerRowProblem(s, toks, roles, p, n);
    if (longer) return { reason: longer };
  }
  const at = (i: number) => (i === p + 1 && anchor > 0 ? anchor : i < p || n < roles.length ? i : n - (roles.length - i));
  const values = headerRoleValues(roles, (i) => field(s, toks, at(i)), p, after);
  const passEnd = anchor > 0 ? toks[anchor - 1]![0] : after > 0 ? toks[n - 1 - after]![0] : s.length;
  const password = passwordBefore(s, p === 0 ? 0 : toks[p - 1]![1], passEnd, layout.padded);
  const login = (values.user ?? values.email ?? '').trim();
  // `;;bergsee40;Pw;32` under `Nr.;Benutzername;Passwort;Level`: more cells than the header names,
  // the login's empty. Its cells are the header's by position, so the login is missing; shifted
  // by a cell, which shift? Unsure, refused by its line, never matched another way.
  if (login === '' && n > roles.length) return { reason: `the login's cell is empty, and the row has more cells (${n}) than the header names (${roles.length}): its cells do not line up with the header's columns; unsure which is the login, not imported` };
  // The same row saved by a spreadsheet whose used range is a column wider (`Nr.;Benutzername;Passwort;Level;`
  // over `;;bergsee40;Pw;32`): no more cells than the header, every one up to the login's empty, a value after it.
  if (login === '') {
    const at = roles.indexOf(values.user === undefined ? 'email' : 'user');
    let first = 0;
    while (first < n && field(s, toks, first).trim() === '') first++;
    if (first > at && first < n) return { reason: `the login's cell is empty, and every cell up to it too, the row's first value in column ${first + 1}: its cells may be shifted from the header's columns; unsure which is the login, not imported` };
  }
  const read = accountOrReason(login, password, layout.networkLogins, true);
  if ('reason' in read) return read;
  const provider = values.provider?.trim().toLowerCase();
  if (provider === 'ptc' || provider === 'google') read.provider = provider;
  // `Gmail` under the Type column: a Google login (RocketMap's `-ac` named it so in September 2016, rocketmap.ts).
  else if (provider === 'gmail') read.provider = 'google';
  const level = values.level?.trim();
  // `30`, or as sellers note it in its own column, `(30 lvl)`, `Lv.30` (level-cell.ts).
  if (level) {
    // `70` under a Level column: no trainer level, never read as one (odd-level.ts).
    const odd = oddLevelReason(level, columnsWithout(roles, roles.indexOf('level')));
    if (odd) return { reason: odd };
    const n = /^\d{1,3}$/.test(level) ? Number(level) : levelCell(level);
    if (n !== undefined) read.level = n;
    // `thirty`, `high` under the Level column: a level nobody can read, refused by its line rather
    // than dropped unseen; a cell saying "no level" (`-`, `?`, `n/a`, `unknown`) stays no level.
    else if (/[A-Za-z\d]/.test(level) && !NO_LEVEL.test(level)) return { reason: `the level column holds what is no level (${level.length} characters, not a number 1-50 or a seller's level note): unsure, not imported; name the columns without it: import ${columnsWithout(roles, roles.indexOf('level'))}` };
  }
  const state = values.status === undefined ? undefined : statusState(values.status);
  if (state) read.state = state;
  else if (values.banned !== undefined) {
    const ban = bannedCell(values.banned);
    if (ban) read.state = ban;
  }
  return read;
}

/** A count as a sheet or a seller writes it: `7`, `007`, `7.`, `7)`, `#7`, `7.0` (a sheet's number saved as a float). */
const COUNT = /^#?\d{1,9}(?:[.)]|\.0)?$/;
/** An identifier a tool writes in an `ID` column: hex (a MongoDB ObjectId, a UUID with or without its dashes). */
const HEX_ID = /^(?=[^-]*\d)[0-9a-f]{8,}(?:-[0-9a-f]{4,})*$/i;

/**
 * Why a row's column that numbers the rows (`Nr.`, `#`, `ID` before the login: columns.ts
 * isCounterName) holds what is no number: `ash01;Pika1!;x` under `Nr.;Login;Passwort;Level` (the
 * number left out, a cell of another kind after the password) read the login `Pika1!` with the
 * password `x`; `|ash01|Pika1!|x|` under `|Nr.|Login|Passwort|Level|` the same. A login in the
 * counter's column says the row's cells are not the header's by position: whichever way they are
 * moved back is a guess, so the row is refused by its line. Never quotes the cell (a password may be there).
 */
export function counterProblem(s: string, toks: [number, number][], counters: readonly { at: number; id: boolean }[], n: number, named: number): string | undefined {
  for (const { at, id } of counters) {
    if (at < n && !isCountCell(field(s, toks, at), id)) return counterReason(at, n, named);
  }
  return undefined;
}

/** A cell of a column numbering the rows holds a count (or, `id`, a tool's hex identifier), or nothing. */
export function isCountCell(cell: string, id: boolean): boolean {
  const v = cell.trim();
  return v === '' || COUNT.test(v) || (id && HEX_ID.test(v));
}

/** Why a row is refused whose column `at` (0-based), which numbers the rows, holds what is no number. */
export function counterReason(at: number, n: number, named: number): string {
  const cells = n === named ? `as many cells as the header (${n})` : `${n} cells for the header's ${named}`;
  return `column ${at + 1}, which the header names as numbering the rows, holds what is no number (${cells}): the row's cells are not the header's by position (a cell left out or one too many?); unsure which is the login, not imported`;
}

/**
 * The verdict a `banned` column's cell gives: its flag (`1`, `True`, `yes`: banned, as the Monocle
 * reader reads its `banned` column; `0`, `False`, `no`: ok), or a status word written there
 * (`temp banned`); an empty or other cell none.
 */
function bannedCell(v: string): State | undefined {
  const flag = flagValue(v);
  return flag === undefined ? statusState(v) : flag ? 'perm_banned' : 'ok';
}

/** Whether a cell's value fits a column of this role, read by the header's positions as written (`longerRowProblem`). */
function fitsRole(role: Role, v: string): boolean {
  if (v === '') return true;
  if (role === 'level') return levelCell(v) !== undefined || (/^\d{1,2}$/.test(v) && Number(v) <= 50) || NO_LEVEL.test(v);
  if (role === 'email' || role === 'recovery') return isAddress(v);
  if (role === 'provider') return /^(?:ptc|google|gmail)$/i.test(v);
  if (role === 'status') return statusState(v) !== undefined;
  if (role === 'banned') return bannedCell(v) !== undefined;
  return role !== 'user' && role !== 'pass';
}

/**
 * A row with more cells than its header, columns after the password: read from the end (a
 * password may hold the separator), `2;ash02;Pika2!;30;fresh` under `Nr.;Login;Passwort;Notiz` gave
 * the password `Pika2!;30` and the note `fresh`; `2;ash02;Pika2!;30;x` under `...;Level` the password
 * `Pika2!;30` (`x`: no level). Where the cells read by position as written fit the columns after
 * the password as well (a level in the level's, anything in a note's), the row is a cell longer
 * than its header, or its password holds the separator: which, the row cannot say. Refused by its
 * line. `Pika;1!;30` under `...;Passwort;Level` stays the password `Pika;1!`: `1!` is no level.
 */
function longerRowProblem(s: string, toks: [number, number][], roles: Role[], p: number, n: number): string | undefined {
  for (let j = p + 1; j < roles.length; j++) if (!fitsRole(roles[j]!, field(s, toks, j).trim())) return undefined;
  return `the row has ${n} cells, the header names ${roles.length}: its password holding the separator, or a cell more than the header's after it? (read by position, each cell fits its column too) unsure, not imported; quote the password as CSV does, or name the columns with --columns`;
}

/** The store's own rule (model.ts), so that every reader rejects exactly what the store would refuse. */
export function lineProblem(username: string, password: string): string | undefined {
  return credentialProblem(username, password) ?? undefined;
}

/** The same rule for a username alone (readers that check the password on their own). */
export function usernameProblem(username: string): string | undefined {
  return credentialProblem(username, '-') ?? undefined;
}
