// PGPool's account table as the mysql client prints a query on a terminal (its table format,
// what an operator copies out of a console): a `+----+` border, a `| name |` header, a border,
// one `| value |` row per account, a border, then `N rows in set`. Values are padded to the
// column's width and printed raw (NULL as `NULL`); the borders' `+` marks are where columns
// begin and end, so a `|` inside a password does not split it. Padding is layout: a password
// that begins or ends with a blank cannot be told apart from it here (mysql -B keeps it).
import { headLines, splitLines, stripEnd } from '../decode.js';
import { pgpoolHeader } from './pgpool-tsv.js';
import { pgpoolAccount, type PgpoolRow } from './pgpool-row.js';
import { TableAccounts } from './table-accounts.js';
import type { DumpFormat, DumpInput, DumpResult, ParseOptions, Rejection } from '../types.js';
import { counted } from '../../counted-noun.js';

const BORDER = /^\+(?:-+\+)+$/;

/** [start, end) of each cell's text, from a border line. */
function columnsOf(border: string): [number, number][] {
  const out: [number, number][] = [];
  for (let at = 0, next = border.indexOf('+', 1); next > 0; at = next, next = border.indexOf('+', next + 1)) out.push([at + 1, next]);
  return out;
}

function cells(line: string, columns: [number, number][], border: string): string[] {
  // Rows as wide as the border are cut where the border's `+` stand; others (wide characters) at ` | `.
  const raw = line.length === border.length ? columns.map(([a, b]) => line.slice(a, b)) : line.slice(1, -1).split(' | ');
  return raw.map((c) => c.trim());
}

function header(input: DumpInput): { border: string; names: string[] } | undefined {
  const [border, names] = headLines(input.text, 20).map(stripEnd).filter((l) => l.trim() !== '');
  if (!border || !names || !BORDER.test(border) || !names.startsWith('|')) return undefined;
  const found = pgpoolHeader(cells(names, columnsOf(border), border).join('\t'));
  return found ? { border, names: found } : undefined;
}

export function detectPgpoolTable(input: DumpInput): number {
  return header(input) ? 0.96 : 0;
}

/** With `columnsFrom` (an import's read) the rows' accounts go into columns as they are read (table-accounts.ts). */
export function parsePgpoolTable(input: DumpInput, options?: ParseOptions): DumpResult {
  const rejected: Rejection[] = [];
  const top = header(input);
  if (!top) return { format: 'pgpool-table', accounts: [], rejected };
  const accounts = new TableAccounts(options?.columnsFrom);
  const columns = columnsOf(top.border);
  const lines = splitLines(input.text);
  let headerSeen = false;
  for (let i = 0; i < lines.length; i++) {
    const s = stripEnd(lines[i]!).trimStart();
    if (!s.startsWith('|')) continue; // borders, `6 rows in set (0.00 sec)`, the prompt
    if (!headerSeen) {
      headerSeen = true;
      continue;
    }
    const values = cells(s, columns, top.border);
    if (values.length !== top.names.length) {
      rejected.push({ line: i + 1, reason: `${counted(values.length, 'column')}, the header has ${top.names.length}` });
      continue;
    }
    const row: PgpoolRow = new Map(top.names.map((name, k) => [name, values[k] === 'NULL' ? null : values[k]!]));
    const read = pgpoolAccount(row, i + 1);
    if (typeof read === 'string') rejected.push({ line: i + 1, reason: read });
    else accounts.add(read);
  }
  return accounts.result('pgpool-table', rejected);
}

export const pgpoolTable: DumpFormat = { name: 'pgpool-table', detect: detectPgpoolTable, parse: parsePgpoolTable, textOnly: true };
