// A row counter the header does not name: R's write.table writes a data frame's row names by default
// (`row.names = TRUE, col.names = TRUE`) as a first column with no header cell, so its header is one
// cell shorter than each row (`Login|Password|Level` over `1|ash|Pw|30`), the rows numbered 1, 2, 3;
// a seller numbering the rows of a table does the same. Read by the header (columns after the
// password counted from the end, as a password may hold the separator), such a row gave the login
// `1` and the password `ash|Pw`: a wrong account. Where every row one cell wider than the header
// opens with a number and those numbers count the rows (each one more than the one above), the
// number is dropped and the rest read by the header's positions; a number that counts nothing
// (`1`, then `5`; a lone `7`) leaves the row unsure, refused by its line.
import { field, tokens, type Layout, type Sep } from './account-line.js';

export const UNCOUNTED_CELL = (cells: number, named: number) =>
  `the row has one cell more than the header names (${cells} for ${named}), its first a number that is no counter of the rows (1, 2, 3 down the file): a row number, or a login of digits and a password holding the separator? Unsure, not imported`;

/**
 * The separator a row's cells are split at: a CSV-quoted row comes with its fields joined by a tab
 * (quoted-fields.ts), as column-roles.ts reads it; else the header's.
 */
function rowSep(s: string, layout: Layout): Sep {
  return layout.sep !== '\t' && s.includes('\t') ? '\t' : layout.sep;
}

/** A row's first cell when it is a number of 1-7 digits, CSV-quoted or not, followed by a separator or a blank (`1;`, ` 12 | `, `"1",`), else -1. */
function leadingNumber(s: string): number {
  let k = 0;
  while (s.charCodeAt(k) === 32 || s.charCodeAt(k) === 9) k++;
  const quoted = s.charCodeAt(k) === 34;
  if (quoted) k++;
  const d = k;
  let n = 0;
  for (let c = s.charCodeAt(k); c >= 48 && c <= 57 && k - d < 7; c = s.charCodeAt(++k)) n = n * 10 + (c - 48);
  if (k === d || (quoted && s.charCodeAt(k++) !== 34)) return -1;
  const c = s.charCodeAt(k);
  return c === 59 || c === 44 || c === 124 || c === 9 || c === 32 ? n : -1;
}

/** The cells' bounds in a row under the header, empty cells past the header's last dropped (as splitByRoles does). */
function cells(s: string, sep: Sep, padded: boolean, named: number): [number, number][] {
  let toks = tokens(s, sep, padded) ?? [];
  let end = s.length;
  while (toks.length >= named && s.slice(toks.at(-1)![1], end).trim() === '') {
    end = toks.at(-1)![0];
    toks = toks.slice(0, -1);
  }
  return toks;
}

/**
 * The rows (by index into `lines`) one cell wider than the header whose first cell is a number:
 * `counted` when those numbers count the rows (then each row is given without its number), else
 * `refused` with the reason. `isRow`: whether a line is one of the table's rows (no blank or comment).
 */
export function rowCounterColumn(lines: string[], layout: Layout & { headerAt?: number }, isRow: (s: string) => boolean): { rows: Map<number, string>; refused?: string } | undefined {
  const roles = layout.roles;
  if (!roles || layout.headerAt === undefined || layout.sep === ':' || layout.sep === ' ') return undefined;
  const named = roles.length;
  const numbered = layout.counters?.[0]?.at === 0;
  // A list without a row opening with a number (nearly every list) is passed by one character test a row.
  let i0 = layout.headerAt + 1;
  while (i0 < lines.length && leadingNumber(lines[i0]!) < 0) i0++;
  if (i0 === lines.length) return undefined;
  const at: number[] = [];
  const cut: number[] = [];
  const numbers: number[] = [];
  const places: number[] = [];
  let dataRows = 0;
  for (let i = layout.headerAt + 1; i < lines.length; i++) {
    const s = lines[i]!;
    if (!isRow(s)) continue;
    dataRows++;
    // Most rows open with a login: the cells are counted only after a number and a separator (1,000,000 rows read on).
    const n = leadingNumber(s);
    if (n < 0) continue;
    const sep = rowSep(s, layout);
    const toks = cells(s, sep, sep === layout.sep && layout.padded, named);
    if (toks.length !== named || !/^(?:\d{1,7}|"\d{1,7}")$/.test(field(s, toks, 0).trim())) continue;
    // Under a header whose first column numbers the rows (`Nr.;Login;...`), its number is the row's first
    // cell: an unnamed counter stands before it (`1;1;ash;Pw;30`), else the cell more is elsewhere (`2;ash;Pw;30;fresh`).
    if (numbered && !/^(?:\d{1,7}|"\d{1,7}")$/.test(field(s, toks, 1).trim())) continue;
    numbers.push(n);
    places.push(dataRows);
    at.push(i);
    cut.push(toks[0]![1]);
  }
  if (at.length === 0) return undefined;
  // Each one more than the one above, or each its row's place plus the same offset (a row left
  // unnumbered between); a run of one counts from 0 or 1 (pandas' index, R's row names) or is its row's place.
  const offset = numbers[0]! - places[0]!;
  let counts = numbers.every((n, k) => k === 0 || n === numbers[k - 1]! + 1) || numbers.every((n, k) => n - places[k]! === offset);
  if (numbers.length === 1) counts = numbers[0] === 0 || numbers[0] === 1 || offset === 0;
  const rows = new Map<number, string>();
  for (let k = 0; k < at.length; k++) rows.set(at[k]!, counts ? lines[at[k]!]!.slice(cut[k]!) : '');
  return counts ? { rows } : { rows, refused: UNCOUNTED_CELL(named + 1, named) };
}
