// A sheet's cells as the text the list readers read: one line per row, the line's number the row's
// own (row 7 of the sheet is line 7, so a refusal names the row a spreadsheet program shows), a
// blank row an empty line (which the readers skip, as in a CSV), the empty cells at a row's end
// dropped. The cells are joined by the first of `,`, tab, `;` and `|` that no cell of the sheet
// holds, unquoted: each reader then splits exactly the cells the sheet has (a password `Pw,1"q`
// in a `,`-joined line needs CSV quotes, which the list reader does not take off). Only a sheet
// whose cells hold all four is written as quoted CSV. A line break inside a cell (Alt+Enter in a
// note) becomes a blank: a row stays one line, and a note's text none of control characters.
// Bounded: the text made may be no longer than max_dump_size (an .ods row repeated a million
// times is a few bytes packed), and the rows of a workbook's sheets no more than max_dump_lines,
// counted with their repeats before a row is made (a 493-byte .ods repeating one row 12,000,000
// times held 2 GB for 6 minutes before its lines were refused: line-limit.ts).
import { writeCsv } from '../csv.js';
import { tooManyLines } from '../line-limit.js';
import { DumpError } from '../types.js';
import { limitText } from '../../byte-size.js';

/** What a workbook's sheets may make, shared by its sheets: bytes of text (`max`, `used`) and rows (`maxRows`, `rows`). */
export interface SheetBudget {
  max: number;
  used: number;
  maxRows: number;
  rows: number;
}

/** The most columns a sheet has: Excel's and LibreOffice's limit (XFD, column 16,384). */
export const MAX_COLUMNS = 16_384;

const DELIMITERS = [',', '\t', ';', '|'] as const;

export class SheetRows {
  /** Line n - 1 is row n: undefined a blank row. */
  private readonly rows: (string[] | undefined)[] = [];
  /** The delimiters some cell holds (`,` also for a cell a CSV would quote: a `"`, blanks at its ends). */
  private readonly held = new Set<string>();

  constructor(
    private readonly name: string,
    private readonly budget: SheetBudget,
  ) {}

  /** Row `number`'s cells (index = column, from 0), `times` rows alike; rows come in order, a number skipped is a blank row. */
  add(number: number, cells: readonly (string | undefined)[], times = 1): void {
    if (number <= this.rows.length) throw new DumpError(`row ${number} comes after row ${this.rows.length} (a sheet written out of order: save it again in a spreadsheet program)`, this.name);
    let last = cells.length - 1;
    while (last >= 0 && (cells[last] ?? '').trim() === '') last--;
    // A blank row: an empty line, written when a row with cells comes after it (none at the end).
    if (last < 0) return;
    const row = Array.from({ length: last + 1 }, (_, i) => (cells[i] ?? '').replace(/[\r\n]+/g, ' '));
    let size = row.length;
    for (const c of row) {
      size += c.length;
      for (const d of DELIMITERS) if (c.includes(d)) this.held.add(d);
      if (c.includes('"') || /^\s|\s$/.test(c)) this.held.add(',');
    }
    this.budget.used += (number - 1 - this.rows.length) + size * times;
    if (this.budget.used > this.budget.max) throw new DumpError(`unpacks to over ${limitText(this.budget.max)} of rows, over max_dump_size (repeated rows, or a sheet to split); nothing was imported from it`, this.name);
    // Each row a line, the blank ones before it too: counted before any is made.
    const lines = number - 1 - this.rows.length + times;
    if (this.budget.rows + lines > this.budget.maxRows) throw tooManyLines(this.name, number, this.budget.maxRows, this.rows.length + lines <= this.budget.maxRows ? "rows with the workbook's sheets before it" : 'rows');
    this.budget.rows += lines;
    while (this.rows.length < number - 1) this.rows.push(undefined);
    for (let i = 0; i < times; i++) this.rows.push(row);
  }

  /** The sheet as text, or undefined when it holds no cell. */
  text(): string | undefined {
    if (!this.rows.some((r) => r !== undefined)) return undefined;
    const by = DELIMITERS.find((d) => !this.held.has(d));
    const line = by ? (row: string[]) => row.join(by) : (row: string[]) => writeCsv([row]).replace(/\r?\n$/, '');
    return `${this.rows.map((r) => (r ? line(r) : '')).join('\n')}\n`;
  }
}

/** `B7` → column 1 (from 0), or undefined when the reference is not a cell's. */
export function columnOf(ref: string): number | undefined {
  const letters = /^\$?([A-Z]{1,3})\$?\d+$/i.exec(ref)?.[1]?.toUpperCase();
  if (!letters) return undefined;
  let n = 0;
  for (const c of letters) n = n * 26 + (c.charCodeAt(0) - 64);
  return n - 1 < MAX_COLUMNS ? n - 1 : undefined;
}
