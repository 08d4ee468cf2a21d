// PGPool's account table as the mysql client prints a query in batch mode (`mysql -B -e
// "SELECT * FROM account" pgpool > accounts.tsv`, or any query piped to a file): a header of
// column names, then one row per line, tab-separated, NULL as `NULL`, and backslash, tab, line
// feed and NUL escaped as `\\`, `\t`, `\n`, `\0` (MySQL reference manual, mysql client
// "--batch" and "--raw"). Any subset of columns in any order; the header decides. Only a header
// with PGPool's own columns is claimed: a generic username/password TSV is not PGPool's.
// Without the header (`mysql -B -N`, `--skip-column-names`; or `SELECT * INTO OUTFILE`, whose
// NULL is `\N`, MySQL reference manual "SELECT ... INTO"), a row of all the table's columns in
// PGPool's order is known by its shape: 30 to 32 cells, the provider first, then the login, the
// password, the e-mail and the DATETIME of last_modified.
import { headLines, splitLines, stripEnd } from './decode.js';
import { PGPOOL_COLUMNS, pgpoolAccount, pgpoolColumnsFor, type PgpoolRow } from './pgpool-row.js';
import type { DumpAccount, DumpFormat, DumpInput, DumpResult, Rejection } from './types.js';

const PGPOOL_ONLY = ['auth_service', 'system_id', 'shadowbanned', 'rareless_scans', 'ban_flag', 'tutorial_state', 'last_modified'];
const BATCH_ESCAPES: Record<string, string> = { '\\': '\\', t: '\t', n: '\n', '0': '\0' };

/** The column names of a header line (tab-separated), when they are PGPool's account table's. */
export function pgpoolHeader(line: string | undefined): string[] | undefined {
  if (line === undefined || !line.includes('\t')) return undefined;
  const cells = stripEnd(line).split('\t').map((c) => c.trim().toLowerCase());
  return cells.includes('username') && cells.includes('password') && cells.some((c) => PGPOOL_ONLY.includes(c)) ? cells : undefined;
}

/** A whole row of PGPool's table, in its order, without a header. */
export function isPgpoolRow(line: string | undefined): boolean {
  if (line === undefined || !line.includes('\t')) return false;
  const cells = stripEnd(line).split('\t');
  if (cells.length < PGPOOL_COLUMNS.length || cells.length > PGPOOL_COLUMNS.length + 2) return false;
  return /^(?:ptc|google)$/i.test(cells[0]!) && /^(?:\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}|NULL|\\N)$/.test(cells[4]!);
}

export function detectPgpoolTsv(input: DumpInput): number {
  const first = headLines(input.text, 20).find((l) => l.trim() !== '');
  return pgpoolHeader(first) || isPgpoolRow(first) ? 0.96 : 0;
}

function unescape(cell: string): string | null {
  if (cell === 'NULL' || cell === '\\N') return null;
  return cell.includes('\\') ? cell.replace(/\\(.)/g, (all, c: string) => BATCH_ESCAPES[c] ?? all) : cell;
}

export function parsePgpoolTsv(input: DumpInput): DumpResult {
  const lines = splitLines(input.text);
  const accounts: DumpAccount[] = [];
  const rejected: Rejection[] = [];
  const first = lines.findIndex((l) => l.trim() !== '');
  const named = pgpoolHeader(lines[first]);
  const bare = !named && isPgpoolRow(lines[first]);
  if (!named && !bare) return { format: 'pgpool-tsv', accounts, rejected };
  let header = named ?? pgpoolColumnsFor(lines[first]!.split('\t').length);
  for (let i = named ? first + 1 : first; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    // Without a header the row's own length says which schema it is: blanks an editor left at its end are no cells.
    const cells = (bare ? stripEnd(lines[i]!) : lines[i]!).split('\t');
    if (bare) header = pgpoolColumnsFor(cells.length);
    // Blanks an editor left at the line end are padding, as in every line format (decode.ts stripEnd).
    while (cells.length > header.length && cells.at(-1)!.trim() === '') cells.pop();
    cells[cells.length - 1] = stripEnd(cells.at(-1)!);
    if (cells.length !== header.length) {
      rejected.push({ line: i + 1, reason: `${cells.length} columns, the header has ${header.length}` });
      continue;
    }
    const row: PgpoolRow = new Map(header.map((name, k) => [name, unescape(cells[k]!)]));
    const read = pgpoolAccount(row, i + 1);
    if (typeof read === 'string') rejected.push({ line: i + 1, reason: read });
    else accounts.push(read);
  }
  return { format: 'pgpool-tsv', accounts, rejected };
}

export const pgpoolTsv: DumpFormat = { name: 'pgpool-tsv', detect: detectPgpoolTsv, parse: parsePgpoolTsv };
