// An Excel workbook's sheets (.xlsx, .xlsm: ECMA-376 Part 1 §18, SpreadsheetML, in an Open
// Packaging Conventions zip, Part 2). The package's relationships lead to the workbook
// (`_rels/.rels`, §9.3, Type ending `/officeDocument`), the workbook's to its worksheets and
// shared-strings table (`xl/_rels/workbook.xml.rels`); `<sheets><sheet name r:id>` gives their
// order and names (§18.2.19). A worksheet's `<sheetData>` (§18.3.1.80) holds `<row r>` and
// `<c r t>` cells (§18.3.1.4): `t="s"` an index into the shared strings (§18.4.8 `<si>`, its
// `<t>` and rich runs `<r><t>`, never the phonetic `<rPh>`), `inlineStr` its own `<is>`, `str`
// a formula's text, `b` a boolean, `e` an error, `n` or none a number as written (`30`).
// A formula (`<f>`) is never evaluated: the value Excel saved beside it (`<v>`) is the cell's; an
// error shown (`#N/A`) is no value, an empty cell; a formula saved without its value (a file a
// program wrote and no spreadsheet opened) refuses the workbook by its cell.
import { DumpError } from '../types.js';
import { parseXml } from './xml-events.js';
import { columnOf, SheetRows, type SheetBudget } from './sheet-rows.js';
import type { SheetZip } from './sheet-zip.js';
import type { Sheet } from './spreadsheets.js';

interface Relationship {
  type: string;
  target: string;
}

/** A part's relationships (OPC §9.3): Id → its type and the part it targets, resolved against the part's folder. */
async function relationships(zip: SheetZip, part: string): Promise<Map<string, Relationship>> {
  const at = part.lastIndexOf('/');
  const folder = part.slice(0, at + 1);
  const bytes = await zip.part(`${folder}_rels/${part.slice(at + 1)}.rels`);
  const out = new Map<string, Relationship>();
  if (!bytes) return out;
  await parseXml(bytes, {
    open(name, a) {
      if (name === 'Relationship' && a.Id && a.Target && a.TargetMode !== 'External') out.set(a.Id, { type: a.Type ?? '', target: resolve(folder, a.Target) });
    },
  });
  return out;
}

/** `../x.xml` from `xl/`, `/xl/x.xml` from anywhere: a zip member's name. */
function resolve(folder: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : folder + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return decodeURIComponent(out.join('/'));
}

export async function xlsxSheets(name: string, zip: SheetZip, budget: SheetBudget): Promise<Sheet[]> {
  const root = await relationships(zip, '');
  const workbook = [...root.values()].find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  // An .xlsb keeps its sheets in BIFF12 records (`xl/workbook.bin`), no XML: refused by name.
  if (!workbook.endsWith('.xml')) throw new DumpError('is an Excel binary workbook (.xlsb), which accountpool does not read: open it in a spreadsheet program, save it as an Excel workbook (.xlsx) or the sheet as CSV, and import that', name);
  const bytes = await zip.part(workbook);
  if (!bytes) throw new DumpError('is an Excel workbook without its workbook part (corrupt, or not a workbook): open it in a spreadsheet program and save it again', name);
  const rels = await relationships(zip, workbook);
  const listed: { name: string; id: string }[] = [];
  await parseXml(bytes, {
    open(tag, a) {
      if (tag === 'sheet' && a.id) listed.push({ name: a.name ?? `sheet ${listed.length + 1}`, id: a.id });
    },
  });
  const stringsPart = [...rels.values()].find((r) => r.type.endsWith('/sharedStrings'))?.target;
  const strings = stringsPart ? await sharedStrings(zip, stringsPart) : [];
  const sheets: Sheet[] = [];
  for (const { name: sheetName, id } of listed) {
    const rel = rels.get(id);
    // A chart sheet or a dialog sheet holds no cells.
    if (!rel || !rel.type.endsWith('/worksheet')) continue;
    const part = await zip.part(rel.target);
    if (!part) throw new DumpError(`is an Excel workbook whose sheet "${sheetName}" is missing (${rel.target}): corrupt, or cut short`, name);
    sheets.push({ name: sheetName, text: await worksheet(`${name}!${sheetName}`, part, strings, budget) });
  }
  return sheets;
}

/** The shared-strings table (§18.4.9): each `<si>`'s text, its runs joined, phonetic guides left out. */
async function sharedStrings(zip: SheetZip, part: string): Promise<string[]> {
  const bytes = await zip.part(part);
  if (!bytes) return [];
  const out: string[] = [];
  let current: string | undefined;
  let inText = false;
  let phonetic = 0;
  await parseXml(bytes, {
    open(tag) {
      if (tag === 'si') current = '';
      else if (tag === 'rPh') phonetic++;
      else if (tag === 't' && current !== undefined && phonetic === 0) inText = true;
    },
    text(text) {
      if (inText) current += text;
    },
    close(tag) {
      if (tag === 't') inText = false;
      else if (tag === 'rPh') phonetic--;
      else if (tag === 'si') {
        out.push(current ?? '');
        current = undefined;
      }
    },
  });
  return out;
}

async function worksheet(sheetName: string, bytes: Buffer, strings: string[], budget: SheetBudget): Promise<string | undefined> {
  const rows = new SheetRows(sheetName, budget);
  let rowNumber = 0;
  let cells: (string | undefined)[] = [];
  let cell: { col: number; ref: string; type: string; value?: string; formula: boolean; inline: string } | undefined;
  let reading: 'v' | 't' | undefined;
  let phonetic = 0;
  let column = 0;
  const value = (): string | undefined => {
    const c = cell!;
    if (c.type === 'inlineStr') return c.inline;
    if (c.value === undefined) {
      if (c.formula) throw new DumpError(`its cell ${c.ref} holds a formula whose value was never saved (a file no spreadsheet program opened): open it in one, save it, and import it again`, sheetName, rowNumber);
      return undefined;
    }
    if (c.type === 's') {
      const s = strings[Number(c.value)];
      if (!/^\d+$/.test(c.value.trim()) || s === undefined) throw new DumpError(`its cell ${c.ref} names shared string ${c.value.trim()}, which the workbook does not hold: corrupt`, sheetName, rowNumber);
      return s;
    }
    if (c.type === 'b') return c.value.trim() === '1' ? 'TRUE' : 'FALSE';
    if (c.type === 'e') return undefined;
    return c.type === 'str' || c.type === 'd' ? c.value : c.value.trim();
  };
  await parseXml(bytes, {
    open(tag, a) {
      if (tag === 'row') {
        rowNumber = a.r && /^\d+$/.test(a.r) ? Number(a.r) : rowNumber + 1;
        cells = [];
        column = 0;
      } else if (tag === 'c') {
        const col = a.r ? columnOf(a.r) : column;
        if (col === undefined) throw new DumpError(`its cell reference "${a.r}" is none a spreadsheet has: corrupt`, sheetName, rowNumber);
        cell = { col, ref: a.r ?? `column ${col + 1}`, type: a.t ?? 'n', formula: false, inline: '' };
      } else if (cell && tag === 'f') cell.formula = true;
      else if (cell && tag === 'v') {
        reading = 'v';
        cell.value ??= '';
      } else if (cell && tag === 'rPh') phonetic++;
      else if (cell && tag === 't' && phonetic === 0) reading = 't';
    },
    text(text) {
      if (reading === 'v') cell!.value += text;
      else if (reading === 't') cell!.inline += text;
    },
    close(tag) {
      if (tag === 'v' || tag === 't') reading = undefined;
      else if (tag === 'rPh') phonetic--;
      else if (tag === 'c' && cell) {
        const v = value();
        if (v !== undefined && v !== '') cells[cell.col] = v;
        column = cell.col + 1;
        cell = undefined;
      } else if (tag === 'row') rows.add(rowNumber, cells);
    },
  });
  return rows.text();
}
