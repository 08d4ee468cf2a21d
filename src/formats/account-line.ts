// How one account line splits into username and password, shared by the plain-list reader and
// the `user:pass` lines inside seller mails. No line says which separator it uses, but the list
// as a whole does: usernames never hold a separator, so the first separator character of a line
// is the real one, and the majority of lines settles the list. Passwords may hold the separator;
// they are never cut, because we split on the FIRST separator and count fixed columns (e-mail,
// birth date, ...) from the end of the line, only when the whole list shows such columns.
import { credentialProblem, type Provider } from '../model.js';
import { isBlankCode, stripEnd } from './decode.js';

export type Sep = ':' | ';' | ',' | '\t' | ' ';
/** Tie order: a colon file whose passwords hold commas must stay a colon file. */
const SEP_PRIORITY: Sep[] = [':', ';', ',', '\t', ' '];

export interface Layout {
  sep: Sep;
  /** Every separator is followed by blanks (`user, pass`): those blanks are layout, not password. */
  padded: boolean;
  /** 1 when an e-mail column comes before the username (`email:user:pass`). */
  userField: number;
  /** Fixed columns after the password (`user:pass:email`, `user:pass:email:dob`). */
  trailing: number;
  /** The usernames themselves are e-mail addresses (Google logins): a leading address is then the login. */
  addressLogins: boolean;
}

export type LineResult = { username: string; password: string; provider?: Provider } | { reason: string };

const ADDRESS = /^[^\s@:;,<>"]+@[^\s@:;,<>"]+\.[A-Za-z]{2,24}$/;
export function isAddress(field: string): boolean {
  if (!field.includes('@')) return false;
  const f = field.trim();
  return f.length <= 254 && ADDRESS.test(f);
}

/** Trim, drop line-end padding and the empty first column of `:user:pass`. */
export function prepareLine(raw: string): string {
  const s = stripEnd(raw).trimStart();
  return s[0] === ':' || s[0] === ';' || s[0] === ',' ? s.slice(1) : s;
}

export function isSkipped(s: string): boolean {
  return s === '' || s[0] === '#';
}

/** The first separator character of a prepared line: the one right after the username. */
export function lineSep(s: string, allowBlank = true): Sep | undefined {
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === ':' || c === ';' || c === ',' || c === '\t') return c;
    if (isSpaceAt(s, i)) {
      // `user : pass` is a colon line with a padded username, not a blank-separated one.
      let j = i + 1;
      while (isSpaceAt(s, j)) j++;
      const next = s[j];
      if (next === ':' || next === ';' || next === ',' || next === '\t') return next;
      if (allowBlank) return ' ';
      i = j - 1;
    }
  }
  return undefined;
}

/** A blank other than a tab (a space, U+00A0, ...): what separates `user pass`. */
function isSpaceAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c !== 9 && isBlankCode(c);
}

/** Where the next separator token starts at or after `from`, or -1. Allocation-free: this runs per line of 100k-line lists. */
function nextSep(s: string, sep: Sep, from: number): number {
  if (sep !== ' ') return s.indexOf(sep, from);
  for (let i = from; i < s.length; i++) if (isBlankCode(s.charCodeAt(i))) return i;
  return -1;
}

/** Where the separator token starting at `i` ends: blank runs and padding belong to the token. */
function sepEnd(s: string, i: number, sep: Sep, padded: boolean): number {
  let end = i + 1;
  if (sep === ' ' || padded) while (end < s.length && isBlankCode(s.charCodeAt(end))) end++;
  return end;
}

/**
 * Most fields a line is split into. Sellers add a few columns (e-mail, its password, birth date,
 * country, level); a line with more is no table row, and counting a megabyte of `,,,,` as columns
 * would take seconds. Such a line is read as username and everything after it.
 */
const MAX_FIELDS = 16;

/** [start, end) of every separator token in the line (only for lines with more than two fields); undefined past MAX_FIELDS. */
function tokens(s: string, sep: Sep, padded: boolean): [number, number][] | undefined {
  const out: [number, number][] = [];
  for (let i = nextSep(s, sep, 0); i >= 0; ) {
    if (out.length === MAX_FIELDS - 1) return undefined;
    const end = sepEnd(s, i, sep, padded);
    out.push([i, end]);
    i = nextSep(s, sep, end);
  }
  return out;
}

function field(s: string, toks: [number, number][], i: number): string {
  return s.slice(i === 0 ? 0 : toks[i - 1]![1], i < toks.length ? toks[i]![0] : s.length);
}

/** The first field is an address: checked for `@` first, the regex only then. */
function startsWithAddress(s: string, first: number): boolean {
  const at = s.indexOf('@');
  return at >= 0 && at < first && isAddress(s.slice(0, first));
}

/** Read the shape of the whole list: separator, padding, fixed e-mail or extra columns. */
export function analyseLayout(lines: string[]): Layout {
  const votes = new Map<Sep, number>();
  const prepared: string[] = [];
  for (const raw of lines) {
    const s = prepareLine(raw);
    if (isSkipped(s)) continue;
    prepared.push(s);
    const sep = lineSep(s);
    if (sep) votes.set(sep, (votes.get(sep) ?? 0) + 1);
  }
  let sep: Sep = ':';
  for (const candidate of SEP_PRIORITY) if ((votes.get(candidate) ?? 0) > (votes.get(sep) ?? 0)) sep = candidate;
  const own = prepared.filter((s) => lineSep(s) === sep);
  const padded = sep !== ' ' && sep !== '\t' && own.length > 0 && own.every((s) => isSpaceAt(s, s.indexOf(sep) + 1));

  const counts = new Map<number, number>();
  let emailFirst = 0;
  let addressLogins = 0;
  for (const s of own) {
    const first = nextSep(s, sep, 0);
    let n = 2;
    for (let i = nextSep(s, sep, sepEnd(s, first, sep, padded)); i >= 0 && n <= MAX_FIELDS; i = nextSep(s, sep, sepEnd(s, i, sep, padded))) n++;
    if (n > MAX_FIELDS) n = 2;
    counts.set(n, (counts.get(n) ?? 0) + 1);
    if (startsWithAddress(s, first)) {
      addressLogins++;
      const toks = n >= 3 ? tokens(s, sep, padded) : undefined;
      if (toks && !isAddress(field(s, toks, 1))) emailFirst++;
    }
  }
  let modal = 2;
  for (const [n, c] of counts) if (c > (counts.get(modal) ?? 0) || (c === counts.get(modal) && n < modal)) modal = n;
  const regular = modal >= 3 && (counts.get(modal) ?? 0) >= own.length * 0.6;
  const userField = regular && emailFirst * 2 > own.length ? 1 : 0;
  let trailing = regular ? modal - userField - 2 : 0;
  if (trailing > 0) {
    // Columns after the password count as extras only when they look like extras; otherwise
    // every password of the list simply holds the separator (`user:Pw:12,x` is no extra column).
    // A sample of the lines shows the shape as well as all of them.
    let full = 0;
    let extra = 0;
    for (const s of own.slice(0, 2000)) {
      const toks = tokens(s, sep, padded);
      if (!toks || toks.length + 1 !== modal) continue;
      full++;
      let ok = true;
      for (let k = 0; k < trailing && ok; k++) ok = isExtraColumn(field(s, toks, modal - 1 - k));
      if (ok) extra++;
    }
    if (extra < full * 0.8) trailing = 0;
  }
  return { sep, padded, userField, trailing, addressLogins: addressLogins * 2 > own.length };
}

/** What sellers put after the password: the account's e-mail, a birth date, a level, a country. */
function isExtraColumn(f: string): boolean {
  const v = f.trim();
  return v === '' || isAddress(v) || /^\d{1,3}$/.test(v) || /^[A-Z]{2}$/.test(v) || /^\d{4}-\d{2}-\d{2}$/.test(v) || /^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/.test(v);
}

const GOOGLE = /@(gmail|googlemail)\.com$/i;

function accountOrReason(username: string, password: string): LineResult {
  const problem = lineProblem(username, password);
  if (problem) return { reason: problem };
  return GOOGLE.test(username) ? { username, password, provider: 'google' } : { username, password };
}

/** One prepared, non-blank line to an account or the reason it cannot be one (never quoting the line). */
export function splitAccountLine(s: string, layout: Layout): LineResult {
  let sep: Sep | undefined = layout.sep;
  let shape = layout;
  let first = nextSep(s, sep, 0);
  if (first < 0) {
    // A line in another separator than the file's: read it on its own, but never on a blank,
    // or every stray sentence would become an account.
    sep = lineSep(s, false);
    if (!sep) return { reason: /\s/.test(s) ? 'not an account line (no separator)' : 'missing password' };
    shape = { sep, padded: false, userField: 0, trailing: 0, addressLogins: false };
    first = s.indexOf(sep);
  }
  const afterFirst = sepEnd(s, first, sep, shape.padded);
  // The common case, two fields: no token list, no address checks.
  const toks = nextSep(s, sep, afterFirst) < 0 ? undefined : tokens(s, sep, shape.padded);
  if (!toks) return accountOrReason(s.slice(0, first).trim(), s.slice(afterFirst));

  const n = toks.length + 1;
  let userField = shape.userField;
  let trailing = shape.trailing;
  if (userField === 1 && !isAddress(field(s, toks, 0))) userField = 0;
  // Mixed lists: an e-mail column on a few lines only is still recognisable by its shape.
  if (userField === 0 && trailing === 0) {
    if (!shape.addressLogins && startsWithAddress(s, first) && !isAddress(field(s, toks, 1))) userField = 1;
    else if (isAddress(field(s, toks, n - 1)) && field(s, toks, n - 2) !== '') trailing = 1;
  }
  trailing = Math.max(0, Math.min(trailing, n - userField - 2));
  const passEnd = trailing > 0 ? toks[n - 1 - trailing]![0] : s.length;
  return accountOrReason(field(s, toks, userField).trim(), s.slice(toks[userField]![1], passEnd));
}

/** The store's own rule (model.ts), so that every reader rejects exactly what the store would refuse. */
export function lineProblem(username: string, password: string): string | undefined {
  return credentialProblem(username, password) ?? undefined;
}

/** The same rule for a username alone (readers that check the password on their own). */
export function usernameProblem(username: string): string | undefined {
  return credentialProblem(username, '-') ?? undefined;
}
