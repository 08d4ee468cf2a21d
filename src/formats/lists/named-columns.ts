// A first line that names a table's columns, not all of them in words we know: `Username,Team,Note`,
// `Username;Email;Comment`, `Username,Password,Kommentar`. columns.ts reads a header only when
// every cell is a column it knows; this one was read as an account line, and each row below it
// split at its first separator into a login and "password" made of the other cells (`ash01` /
// `Mystic,fresh account`): a wrong password in the pool. What the header says decides instead:
// its known columns are read as such, the others are left out of every field, and a header that
// names no password column makes its rows a table, never accounts (the file is refused, naming
// the columns).
import { roleOf, type Role } from './columns.js';
import type { Sep } from './account-line.js';

/**
 * A column's name: a word or a few (three at most), starting with a letter, no digit (every login has one or may).
 * A spreadsheet's price column names its currency (`Precio (€)`, `Цена, руб.` in a `;` sheet): a
 * currency's sign and a `,` (the header is split at its own separator first) are a name's too.
 */
const NAME = /^\p{L}[\p{L}\p{Sc} _.,'’()/%#&-]{0,29}$/u;
/** How many of the rows below must have as many cells as the header: a few passwords holding the separator do not undo it. */
const SHARE = 0.8;
/** The rows looked at. */
const ROWS = 50;

/**
 * The roles of a header line's cells (an unknown name is `extra`), when every cell is a name, two
 * at least are columns we know, one of them a login (a username or an e-mail), or the first of
 * three or more is a login's; none twice. The rows must still fit (`namedHeader`).
 */
export function namedRoles(cells: string[]): Role[] | undefined {
  if (cells.length < 2 || cells.length > 30) return undefined;
  const roles: Role[] = [];
  let known = 0;
  for (const cell of cells) {
    // An empty cell is a column without a name (`;Username;Team`, a sheet's number column): an extra.
    if (cell === '') {
      roles.push('extra');
      continue;
    }
    if (!NAME.test(cell) || cell.split(/\s+/).length > 3) return undefined;
    const role = roleOf(cell);
    if (role) known++;
    if (role && role !== 'extra' && roles.includes(role)) return undefined;
    roles.push(role ?? 'extra');
  }
  // One known name is enough when it is the first, a login's, over two others at least
  // (`Username,Comment,Remark`); `Username | kanto_ash` is a label beside its value.
  return (known >= 2 && (roles.includes('user') || roles.includes('email'))) || (cells.length >= 3 && (roles[0] === 'user' || roles[0] === 'email')) ? roles : undefined;
}

/** The separator a header line is split at: a tab, `;`, `,` or `|`, the first of these it holds. */
function headerSep(s: string): Exclude<Sep, ':' | ' '> | undefined {
  return (['\t', ';', ',', '|'] as const).find((c) => s.includes(c));
}

/** A line's cells at `sep`; a separator inside double quotes (`"Onix,Rock33"`, as CSV quotes it) ends no cell. */
function cellsOf(s: string, sep: string): string[] {
  const cells: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '"') quoted = !quoted;
    else if (s[i] === sep && !quoted) {
      cells.push(s.slice(start, i));
      start = i + 1;
    }
  }
  cells.push(s.slice(start));
  return cells.map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
}

/**
 * `header` (a content line, trimmed) as a header over `rows()` (the content lines after it, trimmed;
 * asked for only when the line's cells are names: nearly every list opens with an account):
 * its separator and the roles of its columns, when its cells are names (`namedRoles`) and most of
 * the rows have as many cells. A `|` table's outer bars (`| Username | Team |`) are no cells.
 */
export function namedHeader(header: string, rows: () => string[]): { sep: Sep; roles: Role[]; cells: string[] } | undefined {
  const split = splitHeader(header);
  if (!split) return undefined;
  const { sep, cells } = split;
  const roles = namedRoles(cells);
  return roles && fittingRows(rows, split.cellsOf, roles.length) ? { sep, roles, cells } : undefined;
}

/** A header line's separator and cells, and how a row under it is split: a `|` table's outer bars (`| Username | Team |`) are no cells. */
function splitHeader(header: string): { sep: Exclude<Sep, ':' | ' '>; cells: string[]; cellsOf: (row: string) => string[] } | undefined {
  if (header.length > 400) return undefined;
  const sep = headerSep(header);
  if (!sep) return undefined;
  const outer = sep === '|' && header.startsWith('|');
  const split = (s: string) => cellsOf(outer ? s.replace(/^\|\s*/, '').replace(/\s*\|$/, '') : s, sep);
  return { sep, cells: split(header), cellsOf: split };
}

/**
 * The first rows split as the header's, those with its `width` of cells, when they are most of the
 * rows; else undefined. (A short file may have one row that does not fit, a password holding the
 * separator unquoted.)
 */
function fittingRows(rows: () => string[], split: (row: string) => string[], width: number): string[][] | undefined {
  const sample = rows().slice(0, ROWS);
  if (sample.length === 0) return undefined;
  const fitting = sample.map(split).filter((r) => r.length === width);
  return fitting.length >= sample.length * SHARE || (fitting.length >= 2 && fitting.length === sample.length - 1) ? fitting : undefined;
}

/**
 * `Gym,Boss,Time,Team,Host` over `Library,Articuno,19:45,Instinct,brock_r`: a first line of three or
 * more names, none a login's, an e-mail's or a password's (in any of the languages roleOf knows),
 * over rows with as many cells. A table of something else (a raid schedule, a price sheet): read
 * as a list, each row whose first cell had no blank was imported, the rest of the row its
 * "password" (blind round fourteen). Its rows are no accounts; the file is refused.
 * That the first line is a header and no account written without a digit (`ash,pikachu,Mystic`)
 * is told by its rows: in some column every row holds a number, a time or a date and no letter
 * (`19:45` under `Time`), or a row's first cell holds a blank (`Church Park`), which no login does.
 * Returns the header's names. `--columns` still reads such a file as the operator names it.
 */
export function otherTableHeader(header: string, rows: () => string[]): string[] | undefined {
  if (header.length > 400 || /\d/.test(header)) return undefined;
  const split = splitHeader(header);
  if (!split) return undefined;
  const { cells } = split;
  if (cells.length < 3 || cells.length > 30) return undefined;
  for (const cell of cells) {
    if (!NAME.test(cell) || cell.split(/\s+/).length > 3) return undefined;
    const role = roleOf(cell);
    if (role === 'user' || role === 'email' || role === 'pass') return undefined;
  }
  const fitting = fittingRows(rows, split.cellsOf, cells.length);
  if (!fitting) return undefined;
  const typed = cells.some((_, i) => fitting.every((r) => /\d/.test(r[i]!) && !/\p{L}/u.test(r[i]!)));
  const spaced = fitting.some((r) => /\S\s+\S/.test(r[0]!));
  return typed || spaced ? cells : undefined;
}
