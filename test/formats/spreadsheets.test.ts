// Spreadsheets a seller sends accounts in (issue 14): an Excel workbook (.xlsx) and an
// OpenDocument spreadsheet (.ods) read sheet by sheet through the list readers, loose, inside an
// archive and attached to a mail; a zip bomb, a shared-strings table too large and an .ods row
// repeated past max_dump_size refused by their size before anything is read; a formula never
// evaluated. Workbooks zipped by Python's zipfile from parts written after ECMA-376 and ODF 1.2
// (spreadsheet-parts.ts), all by one Python start.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../src/formats/archives/archive-members.js';
import { readDump, toDumpInput } from '../../src/formats/index.js';
import { accountLines, makeArchives, poolAccounts } from '../helpers/archives.js';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { odsMembers, SELLER_ODS, SELLER_XLSX, spec, xlsxMembers } from './spreadsheet-parts.js';

let dir = '';
const at = (name: string) => join(dir, name);
const opened = async (file: string, maxTotal = 50 * 1024 * 1024, maxLines?: number) => openArchive(file, await readFile(at(file)), 'zip', { maxTotal, ...(maxLines ? { maxLines } : {}) }).then(() => '', (e: Error) => e.message);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'accountpool-test-sheets-'));
  makeArchives([
    spec(at('seller.xlsx'), SELLER_XLSX),
    spec(at('seller.ods'), SELLER_ODS),
    // A shared-strings table of 80,000 copies of one string: 1.4 MB from a few kilobytes.
    spec(at('strings-bomb.xlsx'), xlsxMembers([{ name: 'S', data: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' }], Array.from({ length: 80_000 }, () => 'a'))),
    // A row of an account repeated 100,000,000 times: a few hundred bytes packed.
    spec(at('rows-bomb.ods'), odsMembers('<table:table table:name="T"><table:table-row table:number-rows-repeated="100000000"><table:table-cell office:value-type="string"><text:p>bomb_1</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Bomb#Pw1</text:p></table:table-cell></table:table-row></table:table>')),
    // Rows within max_dump_size, not within max_dump_lines: a row of an account repeated 3,000 times after two sheets' rows.
    spec(at('rows-many.ods'), odsMembers(['A', 'B'].map((t) => `<table:table table:name="${t}"><table:table-row><table:table-cell office:value-type="string"><text:p>many_${t}</text:p></table:table-cell></table:table-row></table:table>`).join('') + '<table:table table:name="C"><table:table-row table:number-rows-repeated="3000"><table:table-cell office:value-type="string"><text:p>many_1</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Many#Pw1</text:p></table:table-cell></table:table-row></table:table>')),
    // An Excel binary workbook (.xlsb): OPC, its workbook part BIFF12 records (MS-XLSB), no XML.
    spec(at('book.xlsb'), [...xlsxMembers([]).filter((m) => !m.name.startsWith('xl/')).map((m) => (m.name === '_rels/.rels' ? { ...m, text: m.text!.replace('xl/workbook.xml', 'xl/workbook.bin') } : m)), { name: 'xl/workbook.bin', b64: Buffer.from([0x83, 1, 0, 0x84, 1, 0]).toString('base64') }]),
    // A formula a program wrote without its value (no spreadsheet program opened the file).
    // A sheet of prose only: refused, naming the sheet.
    spec(at('notes.xlsx'), xlsxMembers([{ name: 'Notes', data: '<row r="1"><c r="A1" t="inlineStr"><is><t>Thank you for your order, the accounts follow next week.</t></is></c></row>' }])),
    spec(at('unsaved.xlsx'), xlsxMembers([{ name: 'S', data: '<row r="1"><c r="A1" t="inlineStr"><is><t>misty_q1</t></is></c><c r="B1" t="str"><f>CONCAT("Pw","#1")</f></c></row>' }])),
  ]);
  // The workbook inside a seller's zip, beside a list.
  makeArchives([spec(at('stock.zip'), [{ name: 'stock/a.txt', text: accountLines('zipx', 1) }, { name: 'stock/level-33/seller.ods', b64: (await readFile(at('seller.ods'))).toString('base64') }])]);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('spreadsheets', () => {
  it('an .xlsx and an .ods import every sheet exactly: header words decide the columns, a Level column read, blank and title rows skipped, a formula row refused by its row', async () => {
    const pool = await makePool();
    const r = await cli(['import', at('seller.xlsx'), at('seller.ods'), ...pool.args]);
    // Row 6's username is a HYPERLINK formula's text: refused by its sheet and row, the rest imported.
    expect(r.stderr).toMatch(/seller\.xlsx!Stock:6: rejected: /);
    expect(r.stderr).not.toMatch(/seller\.xlsx!Stock:[^6]/);
    expect(r.code).toBe(1);
    expect(await poolAccounts(pool)).toEqual([
      'ash_x01 Pw,1"q 30 ptc', // a comma and a quote in a password: the cells as they are
      'ash_x02 Two<pw>2 31 ptc', // the level a formula's saved value (C4+1)
      'ash_x03 Rich#9 30 ptc', // rich-text runs joined, the phonetic guide left out
      'ash_x04 123456789 32 ptc', // a number cell as stored
      'brock_z1 Rock#Z1 30 ptc', // a span inside the cell's text; never the comment's old password; 30 shown as 30.00
      'brock_z2 a  b#Z2 31 ptc', // <text:s text:c="2"/>: two spaces; a formula's saved value
      'misty_y1 Y#pass&1 35 ptc', // the second sheet, written by the Open XML SDK (x: prefixes), its own column order
    ]);
    expect(r.stdout).toMatch(/seller\.xlsx: 5 added/);
    expect(r.stdout).toMatch(/seller\.ods: 2 added/);
  });

  it('a preview names the sheets read and the empty one passed over', async () => {
    const pool = await makePool();
    const r = await cli(['import', at('seller.ods'), '--dry-run', ...pool.args]);
    expect(r.stdout).toMatch(/a spreadsheet \(\.ods\): 1 sheet read, 1 passed over, imported together or not at all/);
    expect(r.stdout).toMatch(/passed over .*seller\.ods!Sheet2: an empty sheet/);
  });

  it('inside an archive: its sheets are members; the sheet\'s own Level column wins over its folder\'s level-33', async () => {
    const pool = await makePool();
    const r = await cli(['import', at('stock.zip'), '--level', '9', ...pool.args]);
    expect(r.stderr).toBe('');
    expect(await poolAccounts(pool)).toEqual(['brock_z1 Rock#Z1 30 ptc', 'brock_z2 a  b#Z2 31 ptc', 'zipx1 Pw#zipx-1 9 ptc']);
  });

  it('refused by size before it is read: a shared-strings bomb by its ratio or max_dump_size, an .ods row repeated past max_dump_size', async () => {
    expect(await opened('strings-bomb.xlsx')).toMatch(/^strings-bomb\.xlsx: its part xl\/sharedStrings\.xml unpacks \d+ bytes from \d+ \(over 200 times: a zip bomb's ratio\); nothing was imported from it$/);
    expect(await opened('strings-bomb.xlsx', 1024 * 1024)).toMatch(/^strings-bomb\.xlsx: unpacks to over 1 MB at its part xl\/sharedStrings\.xml, over max_dump_size/);
    expect(await opened('rows-bomb.ods')).toMatch(/^rows-bomb\.ods!T: unpacks to over 50 MB of rows, over max_dump_size \(repeated rows, or a sheet to split\)/);
    // Rows are lines: counted with their repeats before one is made, all the workbook's sheets together (line-limit.ts).
    expect(await opened('rows-many.ods')).toBe('');
    expect(await opened('rows-many.ods', 50 * 1024 * 1024, 3001)).toMatch(/^rows-many\.ods!C:1: holds more than 3001 rows with the workbook's sheets before it, over max_dump_lines .*raise max_dump_lines in accountpool\.yaml$/);
    expect(await opened('rows-many.ods', 50 * 1024 * 1024, 2999)).toMatch(/^rows-many\.ods!C:1: holds more than 2999 rows, over max_dump_lines/);
  });

  it('a workbook refused by a sheet names the sheet, never a member to extract', async () => {
    const pool = await makePool();
    const r = await cli(['import', at('notes.xlsx'), ...pool.args]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/notes\.xlsx: its sheet Notes: .*; nothing was imported from the workbook \(its sheets are imported together or not at all\)/);
    expect(r.stderr).not.toMatch(/extract/);
  });

  it('a formula is never evaluated: one saved without its value refuses the workbook by its cell and row, its password never in the words', async () => {
    const error = await opened('unsaved.xlsx');
    expect(error).toMatch(/^unsaved\.xlsx!S:1: its cell B1 holds a formula whose value was never saved/);
    expect(error).not.toMatch(/Pw/);
  });

  it('refused by name: an .xlsb (binary records), a password-protected workbook (MS-OFFCRYPTO: an EncryptedPackage in a compound file)', async () => {
    expect(await opened('book.xlsb')).toMatch(/^book\.xlsb: is an Excel binary workbook \(\.xlsb\), which accountpool does not read: .*save it as an Excel workbook \(\.xlsx\) or the sheet as CSV/);
    const cfb = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), Buffer.from('EncryptionInfo\0EncryptedPackage', 'utf16le')]);
    expect(() => toDumpInput('secret.xlsx', cfb)).toThrow(/^secret\.xlsx: is a password-protected Office file, which accountpool does not open: open it with its password/);
  });

  it('attached to a mail: the sheet read as the mail\'s attachment', async () => {
    const sheet = (await readFile(at('seller.ods'))).toString('base64').replace(/.{76}/g, '$&\n');
    const mail = `From: shop@sheets.example\nTo: me@x.example\nSubject: Your order #88: PTC accounts\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b1"\n\n--b1\nContent-Type: text/plain\n\nHi, your accounts are in the attached sheet.\n\n--b1\nContent-Type: application/vnd.oasis.opendocument.spreadsheet; name=stock.ods\nContent-Transfer-Encoding: base64\nContent-Disposition: attachment; filename=stock.ods\n\n${sheet}\n--b1--\n`;
    const r = await readDump(toDumpInput('order.eml', Buffer.from(mail)));
    expect(r.accounts.map((a) => `${a.username} ${a.password} ${a.level}`)).toEqual(['brock_z1 Rock#Z1 30', 'brock_z2 a  b#Z2 31']);
  });
});
