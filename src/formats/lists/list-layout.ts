// The shape of a whole list, read once before its lines are split (account-line.ts): which
// separator, padding after it, a header line naming the columns, fixed columns before or after
// the password (an e-mail first; the account's e-mail, that e-mail's password, a birth date
// after), and a character that ends every line (`user:pass,` when a shop joined its stock with
// commas). One line cannot tell these; the list as a whole can.
import { isSpacedPairList } from './spaced-pairs.js';
import { PASSWORD_WORD } from './inner-table-words.js';
import {
  field,
  firstAddressAt,
  isSkipped,
  isSpaceAt,
  lineSep,
  MAX_FIELDS,
  nextSep,
  prepareLine,
  sepEnd,
  startsWithAddress,
  tokens,
  type Layout,
  type Sep,
} from './account-line.js';
import { headerRoles, isCounterName, isIdName, roleOf, type Role } from './columns.js';
import { isTrainerLevel } from '../../model.js';
import { namedHeader, otherTableHeader } from './named-columns.js';
import { trailingRoles } from './column-roles.js';
import { spacedBarCells } from './header-rows.js';
import { bareAccountLine, isBare, plainSeparators } from './line-notes.js';
import { withoutCsvQuotes } from './quoted-fields.js';
import { listNoteRule, withoutComment, type NoteRule } from './line-comments.js';
import { stripEnd } from '../decode.js';
import { isChatSender } from '../mail/chat-senders.js';
import { isLetterFramed, isLetterLine as isGreetingOrSignOff, isLetterSentence, isOrderTitle } from './letter-lines.js';
import { isLevelHeading } from './level-headings.js';
import { statusState } from './verdict-words.js';
import { levelCell } from './level-cell.js';
import { isSheetBanner } from './sheet-banner.js';
import { isTeam } from '../tools/checker-fields.js';
import { HEADER_MAX_CHARS, HEADER_SPLIT, isAddress, isHeaderLine, isIdentifierHeader, isProse, nonAccountKind } from './line-kinds.js';

/** Tie order: a colon file whose passwords hold commas must stay a colon file. */
const SEP_PRIORITY: Sep[] = [':', ';', ',', '\t', '|', ' '];

/** Characters a shop may end each line with when it joins its stock into one text. */
const TERMINATORS = [',', ';', '|', ':'];

/** A part of a column's name that may name a password (`login_pass`, `pwd_hash`, `senha`): such a header is left to the readers that name columns. */
const PASSWORD_PART = PASSWORD_WORD;

/**
 * The header line's index in `lines` and what it says: the first content line, or a `#` comment
 * before it (`#username;password;email;dob;country`), whose every cell names a column.
 */
export function findHeader(lines: string[]): { at: number; sep: Sep; roles: NonNullable<Layout['roles']>; counters?: Layout['counters'] } | { at: number; roles?: undefined } | undefined {
  // A line of a letter (a greeting, a title) was read past above.
  let letter = false;
  for (let i = 0; i < lines.length && i < 50; i++) {
    // `#` then a separator is a row-number column's name (`#,login,password`), no comment mark.
    // A tab first is a cell's end (`<TAB>Login<TAB>Passwort`: a first column without a name), not a blank.
    const written = stripEnd(lines[i]!).replace(/^ +/, '');
    const line = plainSeparators(written[0] === '\t' ? written : written.trim());
    const numbered = /^#[,;\t|]/.test(line);
    const s = numbered ? line : line.replace(/^#\s*/, '');
    if (s === '' || (!numbered && isSkipped(s))) continue;
    // `PoGo accounts - March 2017,,,,`, `Account,,Trainer,,`: a sheet's merged title or column groups over its header (sheet-banner.ts).
    if (isSheetBanner(lines[i]!)) continue;
    // `Lfd. Nr.;Login;Passwort`, `Sl. No.|Login|...`: a column's name of two words before the first separator is no blank-separated header.
    const spaced = s.length > HEADER_MAX_CHARS ? undefined : spacedNameSep(s, lineSep(s));
    const sep = spaced?.sep;
    if (spaced && sep) {
      // `|Lfd. Nr.|Login|...|`: a name with a blank kept the outer bars (line-notes.ts plainSeparators drops them otherwise); they frame no column.
      const body = sep === '|' && s.length > 2 && s.startsWith('|') && s.endsWith('|') ? s.slice(1, -1) : s;
      const cells = spaced.cells ?? body.split(sep === ' ' ? /\s+/ : sep).map((c) => c.trim());
      const roles = headerRoles(cells, sep !== ':' && sep !== ' ');
      // `username | password | status | note`: bars between blanks, its rows' cells counted by them (a note may hold blanks).
      const spacedBars = sep === '\t' && !written.includes('\t') && /\s\|\s/.test(written) ? cells.length : 0;
      if (roles && namesRows(sep, lines[i]!.includes('\t'), lines, i + 1, written.startsWith('|'), spacedBars)) return { at: i, sep, roles, ...counterColumns(cells, roles) };
    }
    if (lines[i]!.trimStart().startsWith('#')) continue;
    if (isTableHeader(s)) return { at: i };
    // `Username,Team,Note`, `Username,Password,Kommentar`: names, not all known (named-columns.ts).
    // Under a letter's lines, the table may end at a blank line, the sign-off after it no row of it.
    // A header whose CSV quotes were undone (`"Account","Pass","Lvl","Checked"`, LibreOffice's "quote
    // all text cells") is split at the tabs it became: its rows are judged undone the same way.
    const unquoted = written.includes('"') && !written.includes('\t') && s.includes('\t');
    const rowsOf = (paragraph: boolean) => (unquoted ? contentRows(lines, i + 1, paragraph).map(withoutCsvQuotes) : contentRows(lines, i + 1, paragraph));
    const named = namedHeader(s, () => rowsOf(false)) ?? (letter ? namedHeader(s, () => rowsOf(true)) : undefined);
    if (named) return named.roles.includes('pass') ? { at: i, sep: named.sep, roles: named.roles, ...counterColumns(named.cells, named.roles) } : { at: i };
    // `Gym,Boss,Time,Team,Host`: names, none a login's or a password's, over rows: a table of something else (named-columns.ts).
    if (otherTableHeader(s, () => rowsOf(false))) return { at: i };
    // `uuid,instance_name,account_username` (RealDeviceMap's device table cut down): a database's
    // column names, none a password's: a table's rows, no accounts. Read as a list, each row was an
    // account `iPhone01` whose password was the rest (`nyc-pokemon,pogo_acc01`).
    if (isIdentifierHeader(s) && !PASSWORD_PART.test(s)) return { at: i };
    // A greeting or a title above the header (`Hi, here are your accounts:`, `Hi,`, `Dear Ash,`,
    // `Your accounts:`, an order's `Order 4821`, `Invoice #12`) is read past: a letter's lines,
    // which no account line is (letter-lines.ts).
    // `Account 4 - ready team`, `Note -> fresh`: a letter's words around a dash or an arrow between
    // blanks, no word mixing letters and digits as a login does (label-prose.ts reads such a line so).
    if (nonAccountKind(s) !== 'prose' && !isLetterLine(s) && !isOrderTitle(s) && !isDashedSentence(stripEnd(lines[i]!).trim())) return undefined;
    letter = true;
  }
  return undefined;
}

/**
 * The separator a header line's cells are split at: a table's (a tab, `;`, `,`, `|`) rather than the
 * blank inside a name (`Lfd. Nr.`), when it splits the line into columns. Bars with blanks around
 * them (`Lfd. Nr. | Login | Passwort`) are a tab, as withSpacedSeparator (spaced-separator.ts)
 * makes them of a header whose names hold no blank, and of its rows: the cells come with it.
 */
function spacedNameSep(s: string, sep: Sep | undefined): { sep: Sep | undefined; cells?: string[] } {
  if (sep !== ' ') return { sep };
  const table = (['\t', ';', ',', '|'] as const).find((c) => s.includes(c));
  if (table === '|' && /\s\|\s/.test(s)) {
    const cells = s.replace(/^\|\s*|\s*\|$/g, '').split(/\s*\|\s*/);
    if (headerRoles(cells, true)) return { sep: '\t', cells };
  }
  return { sep: table && headerRoles(s.split(table).map((c) => c.trim()), true) ? table : sep };
}

/**
 * The header's columns before the login named as numbering the rows (`Nr.;Login;Passwort`, `#`,
 * `ID` beside a username, `Lfd. Nr.`): a row that puts a login there is shifted (account-line.ts).
 * A `|` table's outer bars split off empty cells at its ends, which are no columns.
 */
function counterColumns(cells: string[], roles: Role[]): { counters?: Layout['counters'] } {
  const named = cells.length === roles.length + 1 && cells[0] === '' ? cells.slice(1) : cells;
  if (named.length < roles.length) return {};
  const login = roles.indexOf(roles.includes('user') ? 'user' : 'email');
  const counters: NonNullable<Layout['counters']> = [];
  for (let k = 0; k < login; k++) if (roles[k] === 'extra' && isCounterName(named[k]!)) counters.push({ at: k, id: isIdName(named[k]!) });
  return counters.length > 0 ? { counters } : {};
}

/**
 * A header names its rows' columns with their own separator, or a tab (a spreadsheet's): over
 * rows of another separator, `Login: password` above `ash01,Pika1` is a letter's label sentence,
 * read as a header it made every row a `:` row without its password ("no accounts found").
 * The rows' separator is their most common one (a letter's line among them is outvoted).
 * `tabbed`: the header holds a tab as written; ` / ` and ` - ` between names are read as one too
 * (spaced-separator.ts), and `login / pass` is such a sentence over `,` rows.
 */
function namesRows(sep: Sep, tabbed: boolean, lines: string[], from: number, barred = false, spacedBars = 0): boolean {
  if (tabbed) return true;
  const votes = new Map<Sep, number>();
  for (const row of contentRows(lines, from).slice(0, 20)) {
    // Under `username | password | status | note`, a row of as many cells between spaced bars is its (header-rows.ts).
    if (spacedBars > 0 && spacedBarCells(row, spacedBars)) {
      votes.set(sep, (votes.get(sep) ?? 0) + 1);
      continue;
    }
    // Under a header drawn between bars (`| Nr. | Login | ... |`), its `|---|---|` rule and a row
    // between bars (`|  | ash01 | Pw | 32 |`, an empty first cell) are that table's, whatever they split at.
    const t = row.trim();
    if (barred && t.startsWith('|') && t.endsWith('|')) {
      if (!/^[-:|+\s]+$/.test(t)) votes.set(sep, (votes.get(sep) ?? 0) + 1);
      continue;
    }
    // `"1","ash01","Pw"` under `login,password`: CSV quotes undone join its fields by tabs; written, they are the header's.
    let found = lineSep(bareAccountLine(prepareLine(row)));
    if (found === '\t' && (sep === ',' || sep === ';') && !row.includes('\t') && t.startsWith('"') && t.includes(`"${sep}`)) found = sep;
    if (found) votes.set(found, (votes.get(found) ?? 0) + 1);
  }
  const own = votes.get(sep) ?? 0;
  for (const n of votes.values()) if (n > own) return false;
  return true;
}

/**
 * A letter's short line above a table: a salutation or a title (`Hi,`, `Hello Ash!`, `Dear
 * customer,`, `Your accounts:`), a few words without a digit and with no separator between them,
 * at most a mark after the last. Too short for isProse (three words and a verb); never an account,
 * whose login has a digit or whose password follows a separator.
 */
function isLetterLine(s: string): boolean {
  return s.length <= 60 && /^\p{L}[\p{L}'’. -]*[,:;!.]?$/u.test(s) && s.split(' ').filter(Boolean).length <= 5;
}

/** The lines with content after `from`, trimmed, as a header's rows (the first ones are enough); `paragraph`: up to a blank line. */
function contentRows(lines: string[], from: number, paragraph = false): string[] {
  const rows: string[] = [];
  for (let i = from; i < lines.length && rows.length < 50; i++) {
    if (paragraph && lines[i]!.trim() === '') break;
    // Blanks trimmed, not tabs: a tab table's empty last cell (`user<TAB>30<TAB>`) is still a cell.
    // As written (named-columns.ts splits them as it splits the header, CSV quotes and all).
    const s = lines[i]!.replace(/^ +|(?<! ) +$|\r$/g, '');
    if (s.trim() !== '' && !isSkipped(s.trim())) rows.push(s);
  }
  return rows;
}

/** Words around a dash or an arrow between blanks, none mixing letters and digits (`Account 4 - ready team`). */
function isDashedSentence(s: string): boolean {
  return /\s(?:-|–|—|->|-->|=>)\s/.test(s) && isLetterSentence(s);
}

/**
 * A line the list reader reads past as a letter's (plain.ts): a greeting or a sign-off, an order's
 * title, a level heading (`5x Level 30`), a sentence. Each has a blank between words; a line
 * without one (nearly every line of a list: `ash01:Pika1`) is settled by one search.
 */
function letterText(s: string, previous: string): boolean {
  if (!/\s/.test(s)) return false;
  return isProse(s) || (s.length <= 60 && (isGreetingOrSignOff(s, previous) || isOrderTitle(s) || isLevelHeading(s)));
}

/**
 * Column names with a login but no password (`account,status`, `Username | Status | Level`): a
 * checker's verdict table. Not `Account: PTC`, which labels a value as a mail or a list may.
 */
function isTableHeader(s: string): boolean {
  if (!isHeaderLine(s) || /^[^:]*:\s/.test(s)) return false;
  const roles = s.split(HEADER_SPLIT).filter((c) => c !== '').map((c) => roleOf(c));
  return roles.some((r) => r === 'user' || r === 'email') && !roles.includes('pass');
}

/** The terminator, when every line ends with it except perhaps the last. */
function terminatorOf(prepared: string[]): string | undefined {
  if (prepared.length < 2) return undefined;
  const last = prepared.length - 1;
  for (const t of TERMINATORS) {
    // A line before the last that lacks it rules it out: a list without one (nearly all) is
    // told from its first line, not by asking each of 100,000 lines four times.
    let i = 0;
    while (i < last && prepared[i]!.endsWith(t)) i++;
    if (i === last) return t;
  }
  return undefined;
}

/**
 * The lines that may end with a note (a blank in them), as prepared, and where each is in the
 * prepared list: two arrays, not a pair per line (1,000,000 `a<TAB>b` lines, read to be refused,
 * peaked 318 MB with a pair each, 305 MB without: line-limit.ts's cost under its limit, stop 54 L).
 */
interface Notable {
  at: number[];
  lines: string[];
}

/**
 * The lines as the terminator is judged on: each as the list reads it, but a line whose note was
 * read off its end (`ash01:Pika1 # sold,`, `aa0<TAB>Km=12,`, `user:pass | Level: 30,`) as written,
 * its end the shop's. Judged without its note, that line lacked the `,` every other line ended
 * with, the list had no terminator, and every other password kept its `,`. A line the reader
 * reshaped (a Markdown row's bars, CSV quotes) is judged as read: its end is no terminator.
 */
function asWritten(prepared: string[], notable: Notable): string[] {
  let judged: string[] | undefined;
  for (let n = 0; n < notable.lines.length; n++) {
    const k = notable.at[n]!;
    const p = notable.lines[n]!;
    const s = prepared[k]!;
    if (s !== p && s.length < p.length && p.startsWith(s)) (judged ??= prepared.slice())[k] = p;
  }
  return judged ?? prepared;
}

/**
 * Read the shape of the whole list. `lines` are raw lines; the header line, if any, is `headerAt`.
 * `preparedLines`: prepareLine of each, when the caller has them (the list reader needs them
 * too: a 100,000-line list prepared once, not twice).
 * `tableAt`: the list opens with column names but none for a password and a login (`account,status`,
 * `id,name,price`): a checker's or a shop's table, whose rows are no accounts.
 */
export function analyseLayout(lines: string[], preparedLines?: readonly string[], stated?: Role[]): Layout & { headerAt?: number; tableAt?: number; columns?: Layout; comments?: NoteRule } {
  const found = findHeader(lines);
  const header = found?.roles ? found : undefined;
  const table = found && !found.roles ? { tableAt: found.at } : {};
  let prepared: string[] = [];
  // While every line so far is kept as the caller prepared it (nearly every line of a list), the
  // caller's array is the list: copied only from the first line that is not (pushing 100,000
  // lines one by one grew the array ~25 times).
  let same = preparedLines !== undefined;
  // Lines with a blank (or a provider's letter first), before their notes are read: only they may end with a comment.
  const notable: Notable = { at: [], lines: [] };
  // A loop, not forEach: a closure called per line of a 100,000-line list runs cold (one pass).
  const headerAt = header?.at;
  for (let i = 0; i < lines.length; i++) {
    const p = preparedLines ? preparedLines[i]! : prepareLine(lines[i]!);
    const bare = isBare(p);
    const s = bare ? p : bareAccountLine(p);
    // A chat's sender line (`Shop, [14.11.17 19:02]`) gives the list no separator (chat-senders.ts).
    const skip = isSkipped(s) || i === headerAt || isChatSender(s);
    if (same && (skip || s !== p)) {
      same = false;
      prepared = preparedLines!.slice(0, i);
    }
    if (skip) continue;
    if (!bare) {
      notable.at.push(same ? i : prepared.length);
      notable.lines.push(p);
    }
    if (!same) prepared.push(s);
  }
  // Changed below in place (the comments): never the caller's own array.
  if (same) prepared = preparedLines!.slice();
  // `user:pass # sold to bob`: the note is no part of the password (line-comments.ts).
  // A letter's sentence (a greeting or a sign-off frames the list, plain.ts reads its sentences as
  // prose) says nothing of how passwords are written (letter-lines.ts); asked only of a line that
  // would say a password holds a blank, the frame read once.
  let framed: boolean | undefined;
  const isSentence = (s: string) => isLetterSentence(s) && (framed ??= isLetterFramed(prepared, isSkipped));
  const comments = notable.lines.length > 0 ? listNoteRule(notable.lines, isSentence) : undefined;
  if (comments) for (let n = 0; n < notable.lines.length; n++) prepared[notable.at[n]!] = bareAccountLine(withoutComment(notable.lines[n]!, comments));
  // Judged as written first (`ash01:Pika1 # sold,`), then as read (`ash01:Pika1, # sold`: the
  // account ended before its note, as every other line ends).
  const terminator = terminatorOf(asWritten(prepared, notable)) ?? (comments ? terminatorOf(prepared) : undefined);
  if (terminator) prepared = prepared.map((s) => (s.endsWith(terminator) ? stripEnd(s.slice(0, -1)) : s));
  // Each line's separator, found once: it is both voted with and compared with the winner. The
  // votes in six counters (SEP_PRIORITY's order), not a Map updated per line.
  const seps: (Sep | undefined)[] = new Array(prepared.length);
  const votes = [0, 0, 0, 0, 0, 0];
  for (let i = 0; i < prepared.length; i++) {
    const found = (seps[i] = lineSep(prepared[i]!));
    // A letter's own lines are read past, so they give the list no separator: `Hello Anna,`,
    // `Invoice #529` and a sentence split on blanks and out-voted two accounts, `1) ash01 : Pika1!`
    // then read as three words (letterText).
    if (found && letterText(prepared[i]!, i > 0 ? prepared[i - 1]! : '')) seps[i] = undefined;
    else if (found) votes[SEP_PRIORITY.indexOf(found)]!++;
  }
  const votesFor = (candidate: Sep) => votes[SEP_PRIORITY.indexOf(candidate)]!;
  let sep: Sep = header?.sep ?? ':';
  if (!header) for (const candidate of SEP_PRIORITY) if (votesFor(candidate) > votesFor(sep)) sep = candidate;
  // The lines with the winning separator (as many as its votes); in a list of one shape (nearly
  // all) that is every line, and the 100,000-line list is not copied to say so.
  const own = votesFor(sep) === prepared.length ? prepared : prepared.filter((_, i) => seps[i] === sep);
  const padded = sep !== ' ' && sep !== '\t' && own.length > 0 && own.every((s) => isSpaceAt(s, s.indexOf(sep) + 1));
  const base = { sep, padded, ...(terminator ? { terminator } : {}), ...(comments ? { comments } : {}), ...table };
  // `--columns user,pass,-` (stated-columns.ts): the operator's names win over the file's header line, which is read past.
  if (stated) return { ...base, userField: 0, trailing: 0, addressLogins: false, roles: stated, ...(header ? { headerAt: header.at } : {}) };
  if (header) return { ...base, userField: 0, trailing: 0, addressLogins: false, roles: header.roles, headerAt: header.at, ...(header.counters ? { counters: header.counters } : {}) };

  // How many lines have n fields (2..MAX_FIELDS), by n: an array, not a Map updated per line.
  const counts: number[] = new Array(MAX_FIELDS + 1).fill(0);
  let emailFirst = 0;
  let addressLogins = 0;
  // An index, not for...of (stated-level.ts says why).
  for (let k = 0; k < own.length; k++) {
    const s = own[k]!;
    const first = nextSep(s, sep, 0);
    let n = 2;
    for (let i = nextSep(s, sep, sepEnd(s, first, sep, padded)); i >= 0 && n <= MAX_FIELDS; i = nextSep(s, sep, sepEnd(s, i, sep, padded))) n++;
    if (n > MAX_FIELDS) n = 2;
    counts[n]!++;
    if (startsWithAddress(s, first)) {
      addressLogins++;
      // `email:user:pass`, but not `email:pass:recovery-email`: there the first address is the login.
      const toks = n >= 3 ? tokens(s, sep, padded) : undefined;
      if (toks && !isAddress(field(s, toks, 1)) && firstAddressAt(s, toks, 2) < 0) emailFirst++;
    }
  }
  // The most frequent count of fields, the fewest among equals.
  let modal = 2;
  for (let n = 2; n <= MAX_FIELDS; n++) if (counts[n]! > counts[modal]!) modal = n;
  // A last field of a plain number on the one line a list has (`ash01:Pika:12`) shows no column:
  // a level, or the password's own end? Left to the line, which is refused (odd-level.ts).
  const regular = modal >= 3 && counts[modal]! >= own.length * 0.6 && !(own.length === 1 && endsInNumberField(own[0]!, sep));
  const userField = regular && emailFirst * 2 > own.length ? 1 : 0;
  const trailing = regular ? trailingColumns(own, sep, padded, modal, userField) : 0;
  // `futuqok0 wijonixux5` / `izijifuz ekexiv`: every line a blank's pair, most with a digit (spaced-pairs.ts).
  const spacedPairs = sep === ' ' && modal === 2 && isSpacedPairList(prepared);
  const layout = { ...base, userField, trailing, addressLogins: addressLogins * 2 > own.length, ...(spacedPairs ? { spacedPairs } : {}) };
  // Level and provider columns after the password (`user:pass:30`, `user,pass,ptc`): column-roles.ts.
  const roles = trailing > 0 ? trailingRoles(own, sep, padded, modal, userField, trailing) : undefined;
  return roles ? { ...layout, columns: { ...layout, roles } } : layout;
}

/**
 * Fixed columns after the password. An address column starts them (`user:pass:email:emailpass`:
 * the e-mail and its password are not the account's); without one, they count only when they
 * look like extras, or every password of the list simply holds the separator (`user:Pw:12,x`).
 * A sample of the lines shows the shape as well as all of them.
 */
function trailingColumns(own: string[], sep: Sep, padded: boolean, modal: number, userField: number): number {
  let full = 0;
  let extra = 0;
  const addressAt = new Map<number, number>();
  const trailing = modal - userField - 2;
  for (const s of own.slice(0, 2000)) {
    const toks = tokens(s, sep, padded);
    if (!toks || toks.length + 1 !== modal) continue;
    full++;
    const k = firstAddressAt(s, toks, userField + 2);
    if (k > 0) addressAt.set(k, (addressAt.get(k) ?? 0) + 1);
    let ok = true;
    for (let j = 0; j < trailing && ok; j++) ok = isExtraColumn(field(s, toks, modal - 1 - j));
    if (ok || isLocation(s, toks, modal, trailing)) extra++;
  }
  for (const [k, c] of addressAt) if (c >= full * 0.8) return modal - k;
  return extra >= full * 0.8 ? trailing : 0;
}

/**
 * What sellers and checkers put after the password: the account's e-mail, a birth date, a level
 * (or a number in its place, a year: column-roles.ts refuses those lines),
 * a provider, a country, a status, a team, a checker's flag (`False`: Python's `str(bool)`).
 */
export function isExtraColumn(f: string): boolean {
  const v = f.trim();
  return v === '' || levelCell(v) !== undefined || isAddress(v) || isTeam(v) || statusState(v) !== undefined || /^(?:true|false|yes|no)$/i.test(v) || /^\d{1,4}$/.test(v) || /^(?:ptc|google)$/i.test(v) || /^[A-Z]{2}$/.test(v) || /^\d{4}-\d{2}-\d{2}$/.test(v) || /^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/.test(v);
}

/** A latitude or longitude as a config writes it, or the two in one cell (`46.2050241,6.1090692`). */
const COORDINATES = /^-?\d{1,3}\.\d{3,}(?:[ \t]*,[ \t]*-?\d{1,3}\.\d{3,})?$/;
/** A place's name: capitalised words, no digit (`Geneva`, `New York`, `St. Louis`, `Saint-Étienne`). */
const PLACE_NAME = /^\p{Lu}[\p{L}'.-]*(?:[ \t]+[\p{L}'.-]+){0,3}$/u;

/**
 * The fields after the password are where the account is botted: coordinates, perhaps the place's
 * name beside them, with the other extras. A bot farm's account list (Onigam/PoGoBotFarm's
 * users.csv, `user;pass;46.2050241,6.1090692;Geneva;`, cut into `USERNAME`, `PASSWORD` and
 * `LOCATION` by `cut -d';'` in start-all-bot.sh) and PogoPlayer's accounts.csv hold them. A name
 * is a location's only beside coordinates: a word alone after a separator may be a password's rest.
 */
function isLocation(s: string, toks: [number, number][], modal: number, trailing: number): boolean {
  let coordinates = false;
  for (let j = 0; j < trailing; j++) {
    const v = field(s, toks, modal - 1 - j).trim();
    if (COORDINATES.test(v)) coordinates = true;
    else if (!isExtraColumn(v) && !PLACE_NAME.test(v)) return false;
  }
  return coordinates;
}

/**
 * The line's last field, after its last `sep`, is a plain number a level column may hold (0-50);
 * one that is no level (`70`, `2017`) is refused as a column's odd level (odd-level.ts) either way.
 */
function endsInNumberField(s: string, sep: Sep): boolean {
  const at = s.lastIndexOf(sep);
  const v = s.slice(at + 1).trim();
  return at > 0 && /^\d{1,2}$/.test(v) && (Number(v) === 0 || isTrainerLevel(Number(v)));
}
