// What a list line says besides its login and password, and the line as the list readers split
// it: a checker's fields after the account (checker-fields.ts), a level noted after it (level-suffix.ts), a separator with blanks around it or a
// table's bars (spaced-separator.ts), CSV quoting (quoted-fields.ts), and a provider column first
// (`ptc:user:pass`, `google;mail@gmail.com;pass`, `"ptc","user","pass"`): no login is `ptc` or
// `google` alone, so a line opening with one of them and a separator names its provider.
import type { Provider, State } from '../../model.js';
import { checkerFields } from '../tools/checker-fields.js';
import { levelSuffix } from './level-suffix.js';
import { withoutCsvQuotes } from './quoted-fields.js';
import { withSpacedSeparator } from './spaced-separator.js';
import { lineTail, unsureTail } from './line-tail.js';
import { columnsReadPast, oddLevelReason } from './odd-level.js';
import { nonAccountKind } from './line-kinds.js';
import { taggedLineReason } from './checker-tags.js';

const NOTABLE = /[ \t"]/;
/** A note that is one number of one or two digits after the blank: `user:Pw 2`, `user:Pw 30`. */
const BARE_NUMBER = /^[ \t]+\d{1,2}$/;
// `ptc` and blanks holding a tab or before `,` `;` `:`, then blanks: each run of blanks read once
// (`[ \t]*[,;:\t][ \t]*` tried every split of a long run, its length squared).
// `[ptc] user:pass`, `(Google) mail@gmail.com:pass`: the provider as a tag in brackets before the account.
const LEADING_PROVIDER = /^(?:(ptc|google)(?:[ \t]*[,;:]|(?=[ \t]*\t))|\[(ptc|google)\]|\((ptc|google)\))[ \t]*(?=\S)/i;

export interface LineNotes {
  /** The line to split into login and password. */
  s: string;
  level?: number;
  provider?: Provider;
  /** A checker's verdict after the account (`\| Banned: True`, checker-fields.ts). */
  state?: State;
  /** Why the line is refused: a note after the account whose end is unsure (line-tail.ts). */
  unsure?: string;
  /** A checker's fields were read off the line's end (checker-fields.ts). */
  fields?: true;
  /** CSV quotes were undone (quoted-fields.ts): they said where the password ends. */
  quoted?: true;
  /**
   * The level is a bare number after a blank closing the line (`user:Pw 2`): no word, bracket or
   * mark says it is a note, so only the list can (plain.ts: a column on most lines, else refused).
   */
  bareLevel?: true;
  /** Words after a blank closing the line were read as a note (line-tail.ts): `30`, `lvl31`, `banned`. */
  tailed?: true;
}

/** No blank, tab or quote, and no provider's first letter: nothing to note (most lines of a 100,000-line list). */
export function isBare(line: string): boolean {
  const c = line.charCodeAt(0) | 32;
  if (c === 112 || c === 103 || c === 124 || c === 123 || c === 40) return false;
  // One native scan, faster than a loop over the characters or three indexOf.
  return !NOTABLE.test(line);
}

/**
 * `headed`: a header names the list's columns, so a bracket in the password's field may be its own.
 * `providerColumn`: the header's first column is the provider (`Type | Login | Password`): a row's
 * leading `PTC` is that column's cell, left for the header's columns to read, never taken off.
 */
/**
 * `headed`: a header or `--columns` names the list's columns. `lastNamed`: and its last column is
 * no login or password (a note, a status, a flag, a level): the words after a blank on the line's
 * end are that column's cell, read by the header (account-line.ts), never a note of their own
 * (`batch 4` under `username;password;note` is no level 4).
 */
export function lineNotes(line: string, headed = false, providerColumn = false, lastNamed = false): LineNotes {
  if (isBare(line)) return { s: line };
  // `[HIT] user:Pika 01`: a checker's tag left before the account, words after the password it never adds (checker-tags.ts).
  const tagged = taggedLineReason(line);
  if (tagged) return { s: line, unsure: tagged };
  // `user:pass | Level: 30 | Banned: False`: a checker's fields first, then a level note before them.
  const fields = checkerFields(line);
  const base = fields ? fields.line : line;
  // `user:pass 30`, `user:pass banned`, `user:pass - fresh lvl 1`: words after the account that
  // are all a note's (line-tail.ts), read whole before a level note at the line's end, which
  // would leave the note's other words (`- fresh`) in the password.
  // Before a checker's fields too (`user:pass<TAB>(Level 31)<TAB>OK<TAB>Team Mystic`: the team
  // is a field, the words before it a note).
  // Not in a CSV's quoted field: its quotes say where the password ends (quoted-fields.ts).
  const quoted = base.includes('"');
  const tail = lastNamed ? undefined : lineTail(base, { framed: !headed && !quoted });
  // `user<TAB>pass<TAB>70`, `user pass 70`, `user:pass 2017`: a bare number where the list's level
  // goes, no trainer level: read as a counter it was dropped unseen; unsure, the line is refused.
  const note = tail ? base.slice(tail.line.length) : '';
  // Under a header or `--columns`, the columns say what the number is (column-roles.ts, account-line.ts).
  // The way through (`--columns`) only for a line split by blanks alone: `user:pass 2017` has no column for it.
  const odd = !headed && /^[ \t]/.test(note) ? oddLevelReason(note.trim(), /[:;,|]/.test(tail!.line) ? undefined : columnsReadPast(tail!.line.trim().split(/\s+/).length + 1)) : undefined;
  // `socks5 1.1.1.1 80`: a proxy's port, no account's number; the line is judged as a proxy (line-kinds.ts).
  if (odd && !nonAccountKind(base)) return { s: base, unsure: odd };
  const suffix = tail ? undefined : levelSuffix(base);
  const unsure = fields || suffix || tail || headed || quoted ? undefined : unsureTail(base);
  const spaced = withSpacedSeparator(tail ? tail.line : suffix ? suffix.line : base);
  // `user | pass | 70`: the bars made tabs, the same number in its own last cell.
  const cell = !headed && spaced.includes('\t') ? spaced.slice(spaced.lastIndexOf('\t')) : '';
  const oddCell = cell.length > 1 ? oddLevelReason(cell.slice(1).trim(), columnsReadPast(spaced.split('\t').length)) : undefined;
  if (oddCell && !nonAccountKind(spaced)) return { s: spaced, unsure: oddCell };
  const unquoted = withoutCsvQuotes(spaced);
  // `"user","pass","30"`: a CSV's quotes make its last field a column of its own, never the
  // password's end, on one line as on many: a number there is the level (quotedLevel). Only where
  // that field is quoted itself: `ponyta;"Galo;pp33";31` under a header naming the columns is read
  // by its header, and the quotes say nothing of the last field.
  const column = unquoted !== spaced && !headed && spaced.trimEnd().endsWith('"') && !fields && !tail && !suffix ? quotedLevel(unquoted) : undefined;
  if (column && 'unsure' in column) return { s: unquoted, unsure: column.unsure, quoted: true };
  const s = column ? column.line : unquoted;
  const c = s.charCodeAt(0) | 32;
  // Cheap first look: a provider starts with p or g.
  const lead = !providerColumn && (c === 112 || c === 103 || c === 123 || c === 40) ? LEADING_PROVIDER.exec(s) : null;
  const notes: LineNotes = { s: lead ? s.slice(lead[0].length) : s };
  const level = fields?.level ?? tail?.level ?? suffix?.level ?? column?.level;
  if (level !== undefined) notes.level = level;
  const provider = fields?.provider ?? tail?.provider ?? (lead ? ((lead[1] ?? lead[2] ?? lead[3])!.toLowerCase() as Provider) : undefined);
  if (provider) notes.provider = provider;
  const state = fields?.state ?? tail?.state;
  if (state) notes.state = state;
  if (unsure) notes.unsure = unsure;
  if (fields) notes.fields = true;
  if (tail) notes.tailed = true;
  if (tail?.level !== undefined && level === tail.level && BARE_NUMBER.test(note)) notes.bareLevel = true;
  if (s !== spaced) notes.quoted = true;
  return notes;
}

/**
 * The level in the last of three or more CSV-quoted fields (joined by tabs, quoted-fields.ts): a
 * number of one to three digits, and the line without it; a number that is no trainer level (`70`,
 * `2017` in four digits stays the line's) refuses it. Undefined when the last field is no number.
 */
function quotedLevel(line: string): { line: string; level?: number } | { unsure: string } | undefined {
  const at = line.lastIndexOf('\t');
  if (at < 0 || line.indexOf('\t') === at) return undefined;
  const cell = line.slice(at + 1).trim();
  if (!/^\d{1,3}$/.test(cell)) return undefined;
  const odd = oddLevelReason(cell, columnsReadPast(line.split('\t').length));
  if (odd) return { unsure: odd };
  // `0`: a sheet's empty level ("no level"), as odd-level.ts leaves it.
  return Number(cell) === 0 ? { line: line.slice(0, at) } : { line: line.slice(0, at), level: Number(cell) };
}

/** The line as list readers judge its shape and split it. */
export function bareAccountLine(line: string): string {
  return isBare(line) ? line : lineNotes(line).s;
}

/** The separators of a header line as a list reader splits them (a header has no notes). */
export function plainSeparators(s: string): string {
  return withoutCsvQuotes(withSpacedSeparator(s));
}
