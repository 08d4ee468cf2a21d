// The mysql client's batch output of a table's login and password alone (`mysql -B -e "SELECT
// username, password FROM account"`, with `-r` or without): a header of the two column names, then
// one row a line. Such a file reads as a plain `user<TAB>pass` list but for what the client does
// to a value (MySQL reference manual, mysql client "--batch", "--raw"): `mysql -B` writes a
// backslash as `\\` (and a tab, line feed, NUL as `\t`, `\n`, `\0`), which a plain reader keeps
// doubled; `mysql -B -r` writes a value's line feed as it is, which cuts the row, and a plain
// reader takes the password up to the line feed. With two columns no typed column anchors a cut
// row (pgpool-tsv.ts joins PGPool's by theirs), so the whole file decides: a line without a tab
// between rows shows it raw; `\\` or `\0`, and no backslash escaping never writes, shows it
// escaped. A file whose only backslashes stand before `t` or `n`, every row two cells, cannot
// tell (escaped output of a tab or a line feed, raw output of a backslash and t or n, the same
// bytes): it is read raw, the bytes kept, with a note naming its lines, as PGPool's table is
// (batch-ambiguity.ts). Any other such TSV is the plain reader's. A row a line feed cut is
// refused with its tail, each by its line (the real MariaDB 10.11 client's output:
// test/fixtures/generators/make-pgpool-linefeeds.sh).
// A wider table (`SELECT * FROM stock`, `SELECT id, login, pass, lvl, ...`: a header of SQL column
// names, one of them a login's and one a password's, as columns.ts names them) is the same client's
// output and gets the same escapes: `\\`, `\t`, `\n`, `\0` decoded in every cell, `NULL` no
// value, its level, provider and status columns read as a list header's are. Claimed only where
// the whole file shows the escaping (a `\\` or `\0`, no backslash escaping never writes), or every
// row has the header's cells and its only backslashes stand before `t` or `n` (read raw, with the
// note); raw output of a wide table, whose line feeds no tab count tells from a seller's short
// row, stays the plain reader's (make-mysql-batch-wide.sh: the real MariaDB client's output).
import { stripEnd } from '../decode.js';
import { roleOf, type Role } from '../lists/columns.js';
import { isProvider, isTrainerLevel, type State } from '../../model.js';
import { oddLevelReason } from '../lists/odd-level.js';
import { statusState } from '../lists/verdict-words.js';
import { isNullCell } from './null-cell.js';
import { controlReason, lineProblem } from '../lists/account-line.js';
import type { DumpAccount, DumpResult, Rejection } from '../types.js';
import { ambiguityNote } from './batch-ambiguity.js';
import { counted } from '../../counted-noun.js';

/** A column name the login is under, and the password's: the names a scanner's table gives them. */
const LOGIN = /^(?:username|user_name|login|user|email)$/i;
const PASSWORD = /^(?:password|passwd|pass)$/i;
const GOOGLE = /@(?:gmail|googlemail)\.com$/i;
const ESCAPES = new Set(['\\', 't', 'n', '0']);

/** Where a batch header's columns are: the login's and password's, and the level's, provider's and status's when named. */
export interface LoginsTable {
  width: number;
  login: number;
  pass: number;
  level?: number;
  provider?: number;
  status?: number;
}

/** A column name as a SQL table has it unquoted: what mysql -B prints over a wide table's rows. */
const SQL_NAME = /^[A-Za-z_][A-Za-z0-9_$]{0,63}$/;

/**
 * Whether a header line names a login and a password, tab-separated: alone (either first), or
 * among other SQL column names (`id`, `email`, `lvl`, `sold`), each role named once.
 */
export function loginsHeader(line: string | undefined): LoginsTable | undefined {
  if (line === undefined) return undefined;
  const cells = stripEnd(line).split('\t').map((c) => c.trim());
  if (cells.length === 2) {
    if (LOGIN.test(cells[0]!) && PASSWORD.test(cells[1]!)) return { width: 2, login: 0, pass: 1 };
    if (PASSWORD.test(cells[0]!) && LOGIN.test(cells[1]!)) return { width: 2, login: 1, pass: 0 };
    return undefined;
  }
  if (cells.length < 2 || cells.length > 64 || !cells.every((c) => SQL_NAME.test(c))) return undefined;
  const roles: Role[] = cells.map((c) => roleOf(c) ?? 'extra');
  const one = (role: Role) => (roles.indexOf(role) === roles.lastIndexOf(role) ? roles.indexOf(role) : -2);
  const [user, email, pass] = [one('user'), one('email'), one('pass')];
  const login = user >= 0 ? user : user === -1 ? email : -2;
  if (login < 0 || pass < 0) return undefined;
  const table: LoginsTable = { width: cells.length, login, pass };
  for (const role of ['level', 'provider', 'status'] as const) if (one(role) >= 0) table[role] = one(role);
  return table;
}

/**
 * How the client wrote the file's values, from the whole file, or undefined when nothing in it is
 * the client's doing (a plain TSV reads the same): `raw` when a line between rows has no tab (a
 * value's line feed, which escaped output never writes); else `escaped` when a `\\` or `\0` is
 * there and no backslash before anything but `\`, `t`, `n`, `0` (which escaping never writes);
 * `unsure` when every backslash stands before `t` or `n`, and every row has two cells (a third
 * cell is a plain TSV's note, the plain reader's to read).
 */
export function loginsEscaping(text: string, from: number, width = 2): 'raw' | 'escaped' | 'unsure' | undefined {
  // Over the text, not split into lines: a plain TSV of a million lines under such a header pays
  // two scans of its bytes, nothing more. A wide table's short row is no proof of -r (a seller's
  // TSV leaves cells out too): only its backslashes claim it.
  for (let start = from; width === 2 && start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const tab = text.indexOf('\t', start);
    if ((tab < 0 || tab > end) && text.slice(start, end).trim() !== '' && !(text.slice(end + 1).trim() === '' && COUNT_FOOTER.test(text.slice(start, end).trim()))) return 'raw';
    start = end + 1;
  }
  let escaped = false;
  let unsure = false;
  for (let at = text.indexOf('\\', from); at >= 0; at = text.indexOf('\\', at + 2)) {
    const next = text[at + 1];
    // Raw, but nothing the client did to it: a plain reader reads it as it is.
    if (next === undefined || !ESCAPES.has(next)) return undefined;
    if (next === '\\' || next === '0') escaped = true;
    else unsure = true;
  }
  if (escaped) return 'escaped';
  return unsure && cellsEach(text, from, width) ? 'unsure' : undefined;
}

/** Whether every line from `from` on that is not blank has `width` cells. */
function cellsEach(text: string, from: number, width: number): boolean {
  for (let start = from; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let tabs = 0;
    for (let t = text.indexOf('\t', start); t >= 0 && t < end; t = text.indexOf('\t', t + 1)) tabs++;
    const line = text.slice(start, end).trim();
    if (tabs !== width - 1 && line !== '' && !(tabs === 0 && COUNT_FOOTER.test(line))) return false;
    start = end + 1;
  }
  return true;
}

/** The letters after the backslashes of a file that cannot tell raw from escaped: `t`, `n` or both. */
const unsureLetters = (lines: readonly string[]) => ['t', 'n'].filter((l) => lines.some((line) => line.includes(`\\${l}`)));

/**
 * A count under the rows (`Total: 5`, `Accounts: 12`, `5 rows in set`, as a person or `mysql -v`
 * ends such a list): on the file's last line, no value's line feed. A cut password's rest is one
 * too only if it reads as a label and a count and the cut was the file's last row: not guessed so.
 */
const COUNT_FOOTER = /^(?:(?:total|count|accounts?|rows?|sum|gesamt|итого|всего)[ \t]*(?:[:=][ \t]*)?\d{1,9}(?:[ \t]+accounts?)?|\d{1,9}[ \t]+rows?[ \t]+in[ \t]+set(?:[ \t]+\([\d.]+[ \t]+sec\))?)[.!]?$/i;

/** The index of the last line with content, when it is such a count; -1 otherwise. */
export function countFooterAt(lines: readonly string[]): number {
  let i = lines.length - 1;
  while (i >= 0 && lines[i]!.trim() === '') i--;
  return i >= 0 && COUNT_FOOTER.test(lines[i]!.trim()) ? i : -1;
}

const unescape = (cell: string) => cell.replace(/\\([\\tn0])/g, (_, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : c === '0' ? '\0' : '\\'));

const CUT = 'a line feed inside a password, as mysql -B -r writes it, cut this row (export again without -r)';

/**
 * The accounts of such a file, every row whose password may be cut or may hold a tab refused by
 * its line; a file that cannot tell raw from escaped read raw, with a note.
 */
export function readLogins(lines: readonly string[], table: LoginsTable, how: 'raw' | 'escaped' | 'unsure'): DumpResult {
  const { width, login, pass } = table;
  // The password last: a line feed in it cuts the row before a short line. First: the row after.
  const passLast = pass === width - 1;
  const passFirst = pass === 0;
  const first = lines.findIndex((l) => l.trim() !== '');
  const accounts: DumpAccount[] = [];
  const rejected: Rejection[] = [];
  // The row read last and the index of its line: a line without a tab after it is its password's rest.
  let last: { account?: DumpAccount; line: number } | undefined;
  let cutNext = false;
  const footer = countFooterAt(lines);
  for (let i = first + 1; i < lines.length; i++) {
    if (lines[i]!.trim() === '' || i === footer) continue;
    const cells = stripEnd(lines[i]!).split('\t');
    if (width === 2 && cells.length === 1) {
      // A value's line feed: the row before goes on here. Whether the rest is the password's or
      // the next login's, the row before is no whole account.
      if (last?.account && passLast) {
        accounts.splice(accounts.indexOf(last.account), 1);
        rejected.push({ line: last.line, reason: `its password may go on on line ${i + 1}: ${CUT}` });
      }
      rejected.push({ line: i + 1, reason: `no tab: part of a value of the row ${passLast ? 'before' : 'after'} it, ${CUT}` });
      cutNext = passFirst;
      last = undefined;
      continue;
    }
    if (cutNext) {
      cutNext = false;
      rejected.push({ line: i + 1, reason: `its password may begin on the line before: ${CUT}` });
      last = { line: i + 1 };
      continue;
    }
    if (cells.length !== width) {
      const what = cells.length > width ? 'a tab inside a value' : 'a row with cells left out, or a line feed inside a value';
      rejected.push({ line: i + 1, reason: `${counted(cells.length, 'cell')}, the header has ${width}: ${what}${how === 'raw' ? ' (mysql -B -r writes it as it is)' : ''}; where the password ends is unsure` });
      last = { line: i + 1 };
      continue;
    }
    const values = cells.map((c) => (isNullCell(c) ? null : how === 'escaped' ? unescape(c) : c));
    const read = rowAccount(values, table, i + 1);
    if (typeof read === 'string') {
      rejected.push({ line: i + 1, reason: read });
      last = { line: i + 1 };
      continue;
    }
    accounts.push(read);
    last = { account: read, line: i + 1 };
  }
  rejected.sort((a, b) => a.line - b.line);
  const skipped = footer > first ? { skipped: [{ line: footer + 1, kind: 'stats' as const }] } : {};
  if (how === 'unsure') return { format: 'pgpool-tsv', accounts, rejected, notes: [ambiguityNote(lines, unsureLetters(lines))], ...skipped };
  return { format: 'pgpool-tsv', accounts, rejected, ...skipped };
}

/** One row's account (its values decoded, NULL as null), or why it is none (never quoting the password). */
function rowAccount(values: readonly (string | null)[], table: LoginsTable, line: number): DumpAccount | string {
  const user = (values[table.login] ?? '').trim();
  const password = values[table.pass] ?? '';
  const reason = lineProblem(user, password) ?? controlReason(password);
  if (reason) return reason;
  const account: DumpAccount = GOOGLE.test(user) ? { username: user, password, line, provider: 'google' } : { username: user, password, line };
  const cell = (at: number | undefined) => (at === undefined ? undefined : values[at]?.trim() || undefined);
  const level = cell(table.level);
  if (level !== undefined) {
    const odd = oddLevelReason(level);
    if (odd) return odd;
    if (!/^\d+$/.test(level)) return 'its level column holds no number';
    if (isTrainerLevel(Number(level))) account.level = Number(level);
  }
  const provider = cell(table.provider)?.toLowerCase();
  if (provider !== undefined) {
    if (!isProvider(provider)) return 'its provider column holds neither ptc nor google';
    account.provider = provider;
  }
  const status = cell(table.status);
  const state: State | undefined = status === undefined ? undefined : statusState(status);
  if (state) account.state = state;
  return account;
}

/** Whether a file is such a file, and how its values are written. */
export function mysqlLogins(text: string): { table: LoginsTable; how: 'raw' | 'escaped' | 'unsure' } | undefined {
  let start = 0;
  while (start < text.length && /\s/.test(text[start]!)) start++;
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  const header = loginsHeader(text.slice(start, end));
  if (!header) return undefined;
  const how = loginsEscaping(text, end + 1, header.width);
  return how ? { table: header, how } : undefined;
}
