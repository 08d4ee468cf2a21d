// An OpenDocument spreadsheet's sheets (.ods: OASIS ODF 1.2 Part 1, §9.1 tables; Part 3, the
// package). All of them are in `content.xml`: `<table:table table:name>` (§9.1.2), its rows
// `<table:table-row>` (§9.1.3, also inside header rows and row groups), each repeated
// `table:number-rows-repeated` times (§19.680), and cells `<table:table-cell>` or covered
// (merged) ones, repeated `table:number-columns-repeated` times (§19.675). A cell's value
// (§19.385-19.389): for a number, a currency or a percentage its `office:value` (`30`, as an
// .xlsx stores it, not as a format shows it: `30.00`), a boolean's `office:boolean-value`,
// a date's or a time's own attribute; any other cell its paragraphs' text (`<text:p>`, §5.1.3,
// with `<text:s text:c>` spaces, tabs and line breaks, §6.1), never a comment's
// (`<office:annotation>`, §14.1). A formula (`table:formula`) is never evaluated: the value
// LibreOffice saved is the cell's.
// LibreOffice pads every sheet with blank rows and columns repeated to the sheet's edge
// (`number-rows-repeated="1048553"`): a blank row only moves the row count on; a row with cells
// repeated is written as many times, within max_dump_size (sheet-rows.ts).
import { DumpError } from '../types.js';
import { parseXml } from './xml-events.js';
import { MAX_COLUMNS, SheetRows, type SheetBudget } from './sheet-rows.js';
import type { SheetZip } from './sheet-zip.js';
import type { Sheet } from './spreadsheets.js';

const count = (value: string | undefined) => (value && /^\d+$/.test(value) ? Number(value) : 1);

export async function odsSheets(name: string, zip: SheetZip, budget: SheetBudget): Promise<Sheet[]> {
  const bytes = await zip.part('content.xml');
  if (!bytes) throw new DumpError('is an OpenDocument spreadsheet without its content.xml (corrupt, or not a spreadsheet): open it in a spreadsheet program and save it again', name);
  const sheets: Sheet[] = [];
  let table: { name: string; rows: SheetRows } | undefined;
  let depth = 0; // tables inside a table's cell (§9.1.2's sub-tables) are read as text of no cell
  let rowNumber = 0;
  let rowTimes = 1;
  let cells: (string | undefined)[] = [];
  let column = 0;
  let cell: { times: number; value: string | undefined; text: string; paragraphs: number } | undefined;
  let paragraph = false;
  let skip = 0; // inside an annotation
  await parseXml(bytes, {
    open(tag, a) {
      if (skip > 0) {
        if (tag === 'annotation') skip++;
        return;
      }
      if (tag === 'table') {
        if (table) depth++;
        else {
          table = { name: a.name ?? `sheet ${sheets.length + 1}`, rows: new SheetRows(`${name}!${a.name ?? `sheet ${sheets.length + 1}`}`, budget) };
          rowNumber = 0;
        }
        return;
      }
      if (!table || depth > 0) return;
      if (tag === 'table-row') {
        rowTimes = count(a['number-rows-repeated']);
        cells = [];
        column = 0;
      } else if (tag === 'table-cell' || tag === 'covered-table-cell') {
        const type = a['value-type'];
        const value =
          type === 'float' || type === 'currency' || type === 'percentage' ? a.value
          : type === 'boolean' ? (a['boolean-value'] === 'true' ? 'TRUE' : a['boolean-value'] === 'false' ? 'FALSE' : undefined)
          : type === 'date' ? a['date-value']
          : type === 'time' ? a['time-value']
          : undefined;
        cell = { times: count(a['number-columns-repeated']), value, text: '', paragraphs: 0 };
      } else if (tag === 'annotation') skip = 1;
      else if (cell && tag === 'p') {
        if (cell.paragraphs++ > 0) cell.text += '\n';
        paragraph = true;
      } else if (cell && paragraph && tag === 's') cell.text += ' '.repeat(Math.min(count(a.c), 1000));
      else if (cell && paragraph && tag === 'tab') cell.text += '\t';
      else if (cell && paragraph && tag === 'line-break') cell.text += '\n';
    },
    text(text) {
      if (skip === 0 && cell && paragraph && depth === 0) cell.text += text;
    },
    close(tag) {
      if (skip > 0) {
        if (tag === 'annotation') skip--;
        return;
      }
      if (tag === 'table') {
        if (depth > 0) depth--;
        else if (table) {
          sheets.push({ name: table.name, text: table.rows.text() });
          table = undefined;
        }
        return;
      }
      if (!table || depth > 0) return;
      if (tag === 'p') paragraph = false;
      else if ((tag === 'table-cell' || tag === 'covered-table-cell') && cell) {
        const v = cell.value ?? cell.text;
        if (v !== '') {
          if (column + cell.times > MAX_COLUMNS) throw new DumpError(`row ${rowNumber + 1} holds cells past column ${MAX_COLUMNS}, the last a spreadsheet has: corrupt`, `${name}!${table.name}`, rowNumber + 1);
          for (let i = 0; i < cell.times; i++) cells[column + i] = v;
        }
        column += cell.times;
        cell = undefined;
      } else if (tag === 'table-row') {
        table.rows.add(rowNumber + 1, cells, rowTimes);
        rowNumber += rowTimes;
      }
    },
  });
  return sheets;
}
