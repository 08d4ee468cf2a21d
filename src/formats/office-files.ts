// Office files a seller may send accounts in. An Excel workbook (.xlsx, .xlsm) or an OpenDocument
// spreadsheet (.ods) whose bytes are one is read, sheet by sheet (sheets/spreadsheets.ts: readableSheet
// says which); the others no reader here reads: Excel 97-2003's .xls, Apple's .numbers, an Outlook
// message saved from Outlook (.msg), and a file named or typed as a workbook whose bytes are none.
// The file, or a mail's attachment, is refused naming what it is and the way through (save the
// sheet as .xlsx or CSV, the mail as text or .eml), never read as the zip or the bytes it is made
// of (an .xlsx's `[Content_Types].xml` read as a dump) nor passed over as an attachment of no
// interest (a mail then taken for "a newsletter?").
// Shapes: ECMA-376 Part 2 (OPC: `[Content_Types].xml`, `xl/`), OASIS ODF 1.2 Part 3 §3.3 (a
// stored `mimetype` member first), MS-CFB (the compound file signature) and MS-OXMSG (a .msg's
// `__substg1.0_` streams), MS-XLS (an .xls's `Workbook` stream).
import { DumpError } from './types.js';
import { sheetKindOf, type SheetKind } from './sheets/spreadsheets.js';

const CFB = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const utf16 = (s: string) => Buffer.from(s, 'utf16le');

const SHEET_WAY = 'which accountpool does not read: open it in a spreadsheet program, save it as an Excel workbook (.xlsx) or the sheet as CSV (File > Save As), and import that';
/** A file named or typed as a workbook whose bytes are none (a readable one never reaches officeKind's callers: readableSheet). */
const NO_WORKBOOK_WAY = 'but its bytes are no workbook (corrupt, cut short, or another kind of file): open it in a spreadsheet program, save it again as .xlsx or CSV, and import that';
const MSG_WAY = "which accountpool does not read (no reader of Outlook's .msg format is among its dependencies): open it in Outlook and save it as Text Only (.txt), or save the mail from a client that writes .eml (Thunderbird, Apple Mail, Outlook on the web's Download), and import that";

/** What the office file is (`an Excel workbook (.xlsx)`), by its name, its MIME type or its bytes; undefined for any other file. */
export function officeKind(name: string, bytes: Buffer, contentType = ''): { what: string; way: string } | undefined {
  const ext = /\.([a-z]+)$/i.exec(name)?.[1]?.toLowerCase();
  const type = contentType.toLowerCase();
  const head = bytes.subarray(0, 4096);
  const zip = head[0] === 0x50 && head[1] === 0x4b;
  const cfb = head.subarray(0, 8).equals(CFB);
  if (ext === 'msg' || type.startsWith('application/vnd.ms-outlook') || (cfb && bytes.includes(utf16('__substg1.0_')))) return { what: 'an Outlook message (.msg)', way: MSG_WAY };
  // Excel's "Encrypt with Password" (MS-OFFCRYPTO 2.3.4): the workbook's zip encrypted inside a compound file.
  if (cfb && bytes.includes(utf16('EncryptedPackage'))) return { what: 'a password-protected Office file', way: 'which accountpool does not open: open it with its password, save it without one as .xlsx or CSV, and import that' };
  if (ext === 'xlsx' || ext === 'xlsm' || type.startsWith('application/vnd.openxmlformats-officedocument.spreadsheetml') || type.startsWith('application/vnd.ms-excel.sheet.macroenabled') || (zip && isWorkbookZip(bytes))) return { what: 'an Excel workbook (.xlsx)', way: NO_WORKBOOK_WAY };
  if (ext === 'ods' || type.startsWith('application/vnd.oasis.opendocument.spreadsheet') || (zip && head.subarray(30, 100).includes('mimetypeapplication/vnd.oasis.opendocument.spreadsheet'))) return { what: 'an OpenDocument spreadsheet (.ods)', way: NO_WORKBOOK_WAY };
  if (ext === 'xls' || type.startsWith('application/vnd.ms-excel') || (cfb && bytes.includes(utf16('Workbook')))) return { what: 'an Excel 97-2003 workbook (.xls)', way: SHEET_WAY };
  if (ext === 'numbers' || type.startsWith('application/vnd.apple.numbers')) return { what: 'an Apple Numbers spreadsheet (.numbers)', way: SHEET_WAY.replace('a spreadsheet program', 'Numbers').replace('File > Save As', 'File > Export To > Excel or CSV') };
  return undefined;
}

/** The spreadsheet a reader here reads (.xlsx or .ods) these bytes are, by their zip's members, or undefined. */
export function readableSheet(bytes: Buffer): SheetKind | undefined {
  return sheetKindOf(bytes, isWorkbookZip);
}

/**
 * Whether a zip is itself a workbook: `[Content_Types].xml` and `xl/workbook.xml` among its own
 * members, read from its central directory (APPNOTE 4.3.12, 4.3.16), not anywhere in its bytes: a
 * zip of dumps with an .xlsx stored (uncompressed) inside holds those names too, in the member's bytes.
 * A zip whose directory cannot be found (cut short, zip64) is judged by its bytes as before.
 */
function isWorkbookZip(bytes: Buffer): boolean {
  const names = zipNames(bytes);
  if (!names) return bytes.subarray(0, 4096).includes('[Content_Types].xml') && bytes.includes('xl/workbook');
  return names.includes('[Content_Types].xml') && names.some((n) => n.startsWith('xl/workbook'));
}

/** The member names of a zip's central directory (the first 1,000), or undefined when it cannot be read. */
function zipNames(bytes: Buffer): string[] | undefined {
  // The end record: PK\5\6, within the last 64 KiB + 22 bytes (its comment at most 65,535 bytes).
  const from = Math.max(0, bytes.length - 65557);
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 5, 6]), bytes.length - 22);
  if (end < from || end + 22 > bytes.length) return undefined;
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  if (at === 0xffffffff || count === 0xffff) return undefined;
  const names: string[] = [];
  for (let i = 0; i < Math.min(count, 1000); i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) return undefined;
    const nameLength = bytes.readUInt16LE(at + 28);
    names.push(bytes.subarray(at + 46, at + 46 + nameLength).toString('latin1'));
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return names;
}

/** Whether the bytes are a zip or a compound file, the two containers office files are. */
export function isOfficeContainer(bytes: Buffer): boolean {
  return (bytes[0] === 0x50 && bytes[1] === 0x4b) || bytes.subarray(0, 8).equals(CFB);
}

/** A loose file that is an office file, refused naming it (before its bytes are read as a zip or refused as binary). */
export function officeFileError(name: string, bytes: Buffer): DumpError | undefined {
  // Only a zip or a compound file: a list named `accounts.xls` that is really text (a web shop's
  // "Excel export") is read as the text it is. A zip by its bytes alone (`stock.xlsx.zip` of
  // dumps is an archive); a compound file, binary anyway, by its name too.
  if (!isOfficeContainer(bytes) || readableSheet(bytes)) return undefined;
  const cfb = bytes.subarray(0, 8).equals(CFB);
  const kind = officeKind(cfb ? name : '', bytes);
  return kind ? new DumpError(`is ${kind.what}, ${kind.way}`, name) : undefined;
}
