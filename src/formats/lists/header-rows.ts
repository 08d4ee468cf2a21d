// Under a header that names the columns, a row's cells are the header's by position, as written:
// `;bergsee40;Lk2?Tanne;32` under `Nr.;Benutzername;Passwort;Level` (a sheet's running-number
// column left blank, saved as `;` CSV) has an empty first cell. The list reader's habit of
// dropping a line's leading separator (a plain list's `;user;pass`) shifted every cell after it
// one column left: the login read as the number, the password as the login, the row refused as
// "a statistic". Only where a header names the columns is the empty cell kept.
import { prepareLine, prepareRow, type Sep } from './account-line.js';
import { loginRole, type Role } from './columns.js';
import { levelCell } from './level-cell.js';

/**
 * A row of a bar table (`| | bergsee40 | Pw | 32 |`, ` | bergsee40 | Pw | 32`) whose first cell is
 * empty, or (`numbered`: the header's first column numbers the rows) a number: `1 | ash01 | Pw | 30`
 * under `Nr. | Login | Passwort | Level`, or a number before as many cells as the header names
 * (`1 | ash | Pw | 30` under `Login | Password | Level`), its cells joined by tabs; else undefined. Left to the
 * list's own reading, such a row lost its last cell to a level note (`| 30`), and its cells, one
 * fewer than the header's, read as a sentence opening with a number: a whole table refused.
 */
function barCells(line: string, outer: boolean, columns: number, numbered: boolean, at: { login: number; pass: number }): string | undefined {
  let s = line.trim();
  if (outer) {
    if (!s.startsWith('|') || !s.endsWith('|') || s.length < 2) return undefined;
    s = s.slice(1, -1);
  }
  const cells = s.split('|').map((c) => c.trim());
  // One cell more, a number first: a row counter the header does not name (R's write.table), which row-counter-column.ts judges.
  if (cells.length === columns + 1 && /^\d{1,7}$/.test(cells[0]!) && cells[1] !== '') return cells.join('\t');
  if (cells.length !== columns || !cells.slice(1).some((c) => c !== '')) return undefined;
  if (cells[0] === '' || (numbered && /^\d{1,7}$/.test(cells[0]!))) return cells.join('\t');
  // `ashk01 | Pw | ok | batch 4`, `| ashk02 | Pw | banned | |`: a note's blanks or an empty cell after
  // the password, which the list's own reading takes for no column (stop 64 G: the row imported
  // without its status; framed, the table refused). Its cells are the header's by position where
  // every bar stands between blanks and the login and the password are one word each.
  // (A `| --- | ---: |` rule stays the header's.)
  return !/^[-=:+|\s]*$/.test(s) && barsSpaced(s) && isWord(cells[at.login]) && isWord(cells[at.pass]) ? cells.join('\t') : undefined;
}

function isWord(cell: string | undefined): boolean {
  return cell !== undefined && cell !== '' && !/\s/.test(cell);
}

/** Every bar in `t` stands between blanks, beside another bar or at the line's end (an empty cell). */
function barsSpaced(t: string): boolean {
  for (let i = t.indexOf('|'); i >= 0; i = t.indexOf('|', i + 1)) {
    const before = i === 0 ? ' ' : t[i - 1]!;
    const after = i === t.length - 1 ? ' ' : t[i + 1]!;
    if (!/[\s|]/.test(before) || !/[\s|]/.test(after)) return false;
  }
  return true;
}

/**
 * `s`'s cells when every bar in it stands between blanks (or beside another bar or the line's end:
 * an empty cell) and they are `columns`; else undefined. A bar touching a character on either side
 * may be a password's own (`Pa|ss1`), and such a row is left to the list's own reading.
 */
export function spacedBarCells(s: string, columns: number): string[] | undefined {
  const t = s.trim();
  if (!barsSpaced(t)) return undefined;
  // Outer bars frame a row only in pairs: `ash | Pw | ok |` (unframed) ends with an empty cell.
  const framed = t.length > 1 && t.startsWith('|') && t.endsWith('|');
  const cells = (framed ? t.slice(1, -1) : t).split('|').map((c) => c.trim());
  return cells.length === columns ? cells : undefined;
}

/**
 * A header in bare bars (no blank beside any bar, no `+-` rule), between outer bars or not:
 * `Nr.|Login|Passwort|Level`, a sheet saved with `|` as its separator, and `|Nr.|Login|Passwort|Level|`, as
 * mdutils' Table.create_table writes a Markdown table (`'|' + cell + '|'` for each cell, no
 * blanks) and people type one in a chat.
 */
export function isWrittenInBareBars(headerLine: string | undefined): boolean {
  const s = headerLine?.trim() ?? '';
  return s.includes('|') && !/\s\||\|\s|\+-|\\\|/.test(s);
}

function isFramed(s: string): boolean {
  return s.length > 2 && s.startsWith('|') && s.endsWith('|');
}

/**
 * A row under a header written in bare bars, its cells the header's by position. A bar that ends
 * the row closes it (`1|ash|Pw|30|`: no password `Pw|30`, no empty column past the last). A bar
 * that opens it is the table's outer bar or an empty first cell. Under a header without outer bars,
 * a row opening alone with one has an empty first cell (`|ash|Pw|30` under `Nr.|Login|...`, stop
 * 57 B). Otherwise (a row between outer bars, or any row under a header between them) it is the
 * outer bar where that gives the header's columns (`|1|ash|Pw|30|`, mdutils' `||ash|Pw|30|`); a row
 * one cell short so (`|ash|Pw|30|` under `Nr.|Login|Passwort|Level`) has its first cell empty where
 * that lines its cells up with the header's, a login in its column and a level in the level's
 * (the running number left blank); else its last cell is missing (`|1|ash|Pw|`, as a drawn row
 * without its level), read as before. `at`: the header's login and level columns (-1: none).
 */
export function bareBarRow(row: string, framedHeader: boolean, columns: number, at: { login: number; level: number; pass: number }): string {
  // `|---|---|`, `|:---:|`: a Markdown rule; `P\\|w`: a bar escaped inside a cell, refused by the reader (plain.ts).
  if (/^[-=:+|\s]*$/.test(row) || row.includes('\\|')) return row;
  const s = row.endsWith('|') ? row.slice(0, -1) : row;
  if (!row.startsWith('|') || (!framedHeader && !isFramed(row))) return s;
  const cells = s.split('|');
  const blankFirst = cells.length === columns && at.login > 0 && cells[at.login]!.trim() !== '' && at.level > 0 && levelCell(cells[at.level]!) !== undefined;
  return blankFirst || blankCounterFirst(cells, columns, at) ? s : s.slice(1);
}

/**
 * A row whose bar opens an empty first cell where the header's columns before the login are
 * counters (`Nr.`) and the row lacks its last cell or had no level to give: `|ash|Pw|` under
 * `Nr.|Login|Password` or `|Nr.|Login|Password|`, `|ash|Pw|` under `Nr.|Login|Passwort|Level` (a paste
 * that dropped the empty level cell). Read with the first cell empty, its login and password sit
 * in their columns and the counter is blank; read with the bar as an outer one, the login would be
 * the counter and the password missing. Chosen only where the cell that reading would make the
 * counter is no number: `|1|ash|` (a counter, the password missing) stays refused.
 */
function blankCounterFirst(cells: string[], columns: number, at: { login: number; level: number; pass: number }): boolean {
  if (at.login <= 0 || at.pass <= at.login || cells[0]!.trim() !== '') return false;
  // All of the header's columns, or all but its last where that is neither the login nor the password.
  if (cells.length !== columns && !(cells.length === columns - 1 && at.pass < columns - 1)) return false;
  const filled = (k: number) => (cells[k] ?? '').trim() !== '';
  if (!filled(at.login) || !filled(at.pass) || /^\d+$/.test(cells[1]!.trim())) return false;
  for (let k = 1; k < at.login; k++) if (!/^\d*$/.test(cells[k]!.trim())) return false;
  return at.level < 0 || !filled(at.level) || levelCell(cells[at.level]!) !== undefined;
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
    const numbered = header.roles[0] === 'extra';
    const at = { login: header.roles.indexOf(loginRole(header.roles)), pass: header.roles.indexOf('pass') };
    return (line) => barCells(line, outer, header.roles.length, numbered, at) ?? prepareLine(line);
  }
  if (header.sep === '|' && isWrittenInBareBars(written)) {
    const framed = isFramed(written);
    // `Nr.|Login|Passwort|Level|`: its closing bar was read as a column without a name (columns.ts headerRoles); it closes the header.
    const columns = header.roles.length - (!framed && written.endsWith('|') && header.roles.at(-1) === 'extra' ? 1 : 0);
    const at = { login: header.roles.indexOf(loginRole(header.roles)), level: header.roles.indexOf('level'), pass: header.roles.indexOf('pass') };
    return (line) => bareBarRow(prepareRow(line, '|'), framed, columns, at);
  }
  const quotedSep = header.sep === '\t' && !written.includes('\t') ? (/[;,]/.exec(written)?.[0] as Sep | undefined) : undefined;
  const cells = quotedSep ?? header.sep;
  return (line) => prepareRow(line, cells);
}
