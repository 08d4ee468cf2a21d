// Under a header that names the columns, a row's cells are the header's by position, as written:
// `;bergsee40;Lk2?Tanne;32` under `Nr.;Benutzername;Passwort;Level` (a sheet's running-number
// column left blank, saved as `;` CSV) has an empty first cell. The list reader's habit of
// dropping a line's leading separator (a plain list's `;user;pass`) shifted every cell after it
// one column left: the login read as the number, the password as the login, the row refused as
// "a statistic". Only where a header names the columns is the empty cell kept.
import { prepareLine, prepareRow, type Sep } from './account-line.js';
import type { Role } from './columns.js';

/** A row of a bar table (`| | bergsee40 | Pw | 32 |`, ` | bergsee40 | Pw | 32`) whose first cell is empty, its cells joined by tabs; else undefined. */
function emptyFirstBarCell(line: string, outer: boolean, columns: number): string | undefined {
  let s = line.trim();
  if (outer) {
    if (!s.startsWith('|') || !s.endsWith('|') || s.length < 2) return undefined;
    s = s.slice(1, -1);
  }
  const cells = s.split('|').map((c) => c.trim());
  return cells.length === columns && cells[0] === '' && cells.slice(1).some((c) => c !== '') ? cells.join('\t') : undefined;
}

/**
 * A header written in bare bars (`Nr.|Login|Passwort|Level`, `|Login|Password`: no blanks around
 * them, not between outer bars), as a sheet saved with `|` as its separator writes it; not a
 * drawn table's (`| Nr. | Login |`, `+----+`), whose rows are read as before.
 */
export function isBareBarHeader(headerLine: string | undefined): boolean {
  const s = headerLine?.trim() ?? '';
  return s.includes('|') && !(s.startsWith('|') && s.endsWith('|')) && !/\s\|\s|\+-/.test(s);
}

/**
 * A row under a bare-bar header as its kind is judged: its empty leading cells aside. `|bergsee40|Pw|32`
 * (the number column left blank) opens with a bar as a drawn table's row does, and was refused as one;
 * its cells are still read by position from the row as written. A `---|---` rule stays a rule.
 */
export function bareBarRowJudged(row: string): string {
  return row[0] === '|' && !/^[-=:+|\s]*$/.test(row) ? row.replace(/^\|+/, '') : row;
}

/**
 * How the list reader prepares each line, given the header it found (list-layout.ts findHeader):
 * prepareLine, but keeping a row's empty first cell at the header's separator. `headerLine`: the
 * header as written; a CSV-quoted one (`"Nr.";"Login";...`) was split at the tab its unquoting
 * joins with, its rows open with the file's `;` or `,`; a bar table's (`Nr. | Login | ...`, with or
 * without outer bars) was split at a tab too, its rows written with bars.
 */
export function headerRowPreparer(header: { sep: Sep; roles: Role[] } | undefined, headerLine: string | undefined): (line: string) => string {
  if (!header || headerLine === undefined || header.sep === ':' || header.sep === ' ') return (line) => prepareLine(line);
  const written = headerLine.trim();
  if (header.sep === '\t' && !written.includes('\t') && written.includes('|')) {
    const outer = written.startsWith('|') && written.endsWith('|');
    return (line) => emptyFirstBarCell(line, outer, header.roles.length) ?? prepareLine(line);
  }
  const quotedSep = header.sep === '\t' && !written.includes('\t') ? (/[;,]/.exec(written)?.[0] as Sep | undefined) : undefined;
  const cells = quotedSep ?? header.sep;
  return (line) => prepareRow(line, cells);
}
