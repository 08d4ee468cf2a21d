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
import { stripEnd } from '../decode.js';
import { controlReason, lineProblem } from '../lists/account-line.js';
import type { DumpAccount, DumpResult, Rejection } from '../types.js';
import { ambiguityNote } from './batch-ambiguity.js';

/** A column name the login is under, and the password's: the names a scanner's table gives them. */
const LOGIN = /^(?:username|user_name|login|user|email)$/i;
const PASSWORD = /^(?:password|passwd|pass)$/i;
const GOOGLE = /@(?:gmail|googlemail)\.com$/i;
const ESCAPES = new Set(['\\', 't', 'n', '0']);

/** Whether a header line names a login and a password and nothing else, tab-separated: which is first. */
export function loginsHeader(line: string | undefined): { login: 0 | 1 } | undefined {
  if (line === undefined) return undefined;
  const cells = stripEnd(line).split('\t').map((c) => c.trim());
  if (cells.length !== 2) return undefined;
  if (LOGIN.test(cells[0]!) && PASSWORD.test(cells[1]!)) return { login: 0 };
  if (PASSWORD.test(cells[0]!) && LOGIN.test(cells[1]!)) return { login: 1 };
  return undefined;
}

/**
 * How the client wrote the file's values, from the whole file, or undefined when nothing in it is
 * the client's doing (a plain TSV reads the same): `raw` when a line between rows has no tab (a
 * value's line feed, which escaped output never writes); else `escaped` when a `\\` or `\0` is
 * there and no backslash before anything but `\`, `t`, `n`, `0` (which escaping never writes);
 * `unsure` when every backslash stands before `t` or `n`, and every row has two cells (a third
 * cell is a plain TSV's note, the plain reader's to read).
 */
export function loginsEscaping(text: string, from: number): 'raw' | 'escaped' | 'unsure' | undefined {
  // Over the text, not split into lines: a plain TSV of a million lines under such a header pays
  // two scans of its bytes, nothing more.
  for (let start = from; start < text.length; ) {
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
  return unsure && twoCellsEach(text, from) ? 'unsure' : undefined;
}

/** Whether every line from `from` on that is not blank has exactly one tab. */
function twoCellsEach(text: string, from: number): boolean {
  for (let start = from; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const tab = text.indexOf('\t', start);
    if (tab >= 0 && tab < end && text.indexOf('\t', tab + 1) >= 0 && text.indexOf('\t', tab + 1) < end) return false;
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
const COUNT_FOOTER = /^(?:(?:total|count|accounts?|rows?|sum|gesamt|итого|всего)[ \t]*[:=]?[ \t]*\d{1,9}(?:[ \t]+accounts?)?|\d{1,9}[ \t]+rows?[ \t]+in[ \t]+set(?:[ \t]+\([\d.]+[ \t]+sec\))?)[.!]?$/i;

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
export function readLogins(lines: readonly string[], login: 0 | 1, how: 'raw' | 'escaped' | 'unsure'): DumpResult {
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
    if (cells.length === 1) {
      // A value's line feed: the row before goes on here. Whether the rest is the password's or
      // the next login's, the row before is no whole account.
      // The password last: the row before may be cut. The password first: the row after may be.
      if (last?.account && login === 0) {
        accounts.splice(accounts.indexOf(last.account), 1);
        rejected.push({ line: last.line, reason: `its password may go on on line ${i + 1}: ${CUT}` });
      }
      rejected.push({ line: i + 1, reason: `no tab: part of a value of the row ${login === 0 ? 'before' : 'after'} it, ${CUT}` });
      cutNext = login === 1;
      last = undefined;
      continue;
    }
    if (cutNext) {
      cutNext = false;
      rejected.push({ line: i + 1, reason: `its password may begin on the line before: ${CUT}` });
      last = { line: i + 1 };
      continue;
    }
    if (cells.length > 2) {
      rejected.push({ line: i + 1, reason: `${cells.length} cells, the header has 2: a tab inside a value${how === 'raw' ? ' (mysql -B -r writes it as it is)' : ''}; where the password ends is unsure` });
      last = { line: i + 1 };
      continue;
    }
    const [username, password] = (login === 0 ? cells : [cells[1]!, cells[0]!]).map((c) => (how === 'escaped' ? unescape(c) : c)) as [string, string];
    const user = username.trim();
    const reason = lineProblem(user, password) ?? controlReason(password);
    if (reason) {
      rejected.push({ line: i + 1, reason });
      last = { line: i + 1 };
      continue;
    }
    const account: DumpAccount = GOOGLE.test(user) ? { username: user, password, line: i + 1, provider: 'google' } : { username: user, password, line: i + 1 };
    accounts.push(account);
    last = { account, line: i + 1 };
  }
  rejected.sort((a, b) => a.line - b.line);
  const skipped = footer > first ? { skipped: [{ line: footer + 1, kind: 'stats' as const }] } : {};
  if (how === 'unsure') return { format: 'pgpool-tsv', accounts, rejected, notes: [ambiguityNote(lines, unsureLetters(lines))], ...skipped };
  return { format: 'pgpool-tsv', accounts, rejected, ...skipped };
}

/** Whether a file is such a file, and how its values are written. */
export function mysqlLogins(text: string): { login: 0 | 1; how: 'raw' | 'escaped' | 'unsure' } | undefined {
  let start = 0;
  while (start < text.length && /\s/.test(text[start]!)) start++;
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  const header = loginsHeader(text.slice(start, end));
  if (!header) return undefined;
  const how = loginsEscaping(text, end + 1);
  return how ? { login: header.login, how } : undefined;
}
