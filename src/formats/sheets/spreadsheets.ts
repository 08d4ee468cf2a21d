// Spreadsheets a seller sends accounts in, read as the rows a careful human sees when opening them:
// an Excel workbook (.xlsx, .xlsm: xlsx-sheets.ts) or an OpenDocument spreadsheet (.ods, what
// LibreOffice and Google Sheets' "Download as .ods" write: ods-sheets.ts). Each sheet becomes the
// CSV text of its rows (sheet-rows.ts), named `stock.xlsx!Sheet1`, and is read by the same readers
// as a CSV dropped alone: header words decide the columns, a Level column is read, blank rows are
// skipped, a line refused names its row. The workbook is one file, as an archive is
// (archive-members.ts): its sheets are its members, imported all or none.
// The zip through yauzl, under the archives' limits (sheet-zip.ts); the XML through htmlparser2
// (xml-events.ts). Excel 97-2003's .xls (a BIFF compound file) and Apple's .numbers stay refused by
// name (office-files.ts): their formats need readers of their own; saved as .xlsx or CSV they import.
import { openSheetZip } from './sheet-zip.js';
import { odsSheets } from './ods-sheets.js';
import { xlsxSheets } from './xlsx-sheets.js';
import { DEFAULT_MAX_LINES } from '../line-limit.js';

export interface Sheet {
  /** Its name in the workbook (`Sheet1`, `Level 30`). */
  name: string;
  /** Its rows as CSV text, line n row n; undefined for a sheet without a cell. */
  text: string | undefined;
}

export type SheetKind = 'xlsx' | 'ods';

const ODS_TYPE = 'mimetypeapplication/vnd.oasis.opendocument.spreadsheet';

/**
 * Which spreadsheet these bytes are, by their zip's own members: an .ods's `mimetype` stored first
 * (ODF 1.2 Part 3 §3.3), an .xlsx's `[Content_Types].xml` and `xl/workbook` (office-files.ts).
 */
export function sheetKindOf(bytes: Buffer, isWorkbookZip: (bytes: Buffer) => boolean): SheetKind | undefined {
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) return undefined;
  if (bytes.subarray(30, 30 + ODS_TYPE.length + 20).includes(ODS_TYPE)) return 'ods';
  return isWorkbookZip(bytes) ? 'xlsx' : undefined;
}

/** The sheets of the spreadsheet `bytes`, in its order; throws DumpError naming the file (and sheet and row) when it cannot be read or is over `maxTotal` bytes unpacked. */
export async function readSpreadsheet(name: string, bytes: Buffer, kind: SheetKind, maxTotal: number, maxLines = DEFAULT_MAX_LINES): Promise<Sheet[]> {
  // The parts unpacked, and the rows' text made of them, each at most max_dump_size; the rows of
  // all its sheets at most max_dump_lines, counted before they are made (sheet-rows.ts).
  const zip = await openSheetZip(name, bytes, { max: maxTotal, used: 0 });
  const text = { max: maxTotal, used: 0, maxRows: maxLines, rows: 0 };
  try {
    return kind === 'ods' ? await odsSheets(name, zip, text) : await xlsxSheets(name, zip, text);
  } finally {
    zip.close();
  }
}
