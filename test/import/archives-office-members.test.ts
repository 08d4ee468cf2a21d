// An office file inside an archive (issue 14): a seller's `stock.zip` holding `accounts.xlsx`, an
// `.ods` or an Outlook `.msg` beside text lists. Dropped alone each is refused naming what it is and
// the way through (office-files.ts); inside an archive it was named "itself an archive (zip)" (an
// .xlsx is a zip of XML), and a zip holding one stored uncompressed was taken whole for a workbook.
// Now the member is refused by name, as when dropped alone, nothing imported. Archives made by
// Python's zipfile (test/helpers/make_archive.py); the .xlsx and .msg are the fixtures
// accounts-sheet.xlsx and outlook-order.msg (test/fixtures/README.md: ECMA-376 Part 2, MS-CFB, MS-OXMSG).
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeArchive, makeArchives, refusedWhole, accountLines, type ArchiveSpec } from '../helpers/archives.js';
import { makePool } from '../helpers/pool.js';
import { fixtureBytes } from '../formats/helpers.js';
import { openArchive } from '../../src/formats/archives/archive-members.js';
import { mkdtemp, readFile, rm } from 'node:fs/promises';

const limits = { maxTotal: 64 * 1024 * 1024 };
const b64 = (file: string) => fixtureBytes(file).toString('base64');

const CASES: [string, string, boolean, RegExp][] = [
  ['stock/accounts.xlsx', 'accounts-sheet.xlsx', true, /its member stock\/accounts\.xlsx: is an Excel workbook \(\.xlsx\), which accountpool does not read: .*save the sheet as CSV/],
  ['stock/accounts.xlsx', 'accounts-sheet.xlsx', false, /its member stock\/accounts\.xlsx: is an Excel workbook \(\.xlsx\)/],
  ['order.msg', 'outlook-order.msg', false, /its member order\.msg: is an Outlook message \(\.msg\), which accountpool does not read/],
];

/**
 * Every archive the tests read, made before them by one Python (a start is ~0.1 s of CPU, seconds
 * of wall at load 20; six before), and a second for the zip holding the .ods the first made.
 */
let dir = '';
const at = (name: string) => join(dir, name);
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'accountpool-test-office-'));
  makeArchives([
    ...CASES.map(([name, fixture, stored], i): ArchiveSpec => ({ kind: 'zip', out: at(`case${i}.zip`), members: [{ name: 'stock/a.txt', text: accountLines('offa', 2) }, { name, b64: b64(fixture), stored }] })),
    // OASIS ODF 1.2 Part 3 3.3: the `mimetype` member first, stored.
    { kind: 'zip', out: at('sheet.ods'), members: [{ name: 'mimetype', text: 'application/vnd.oasis.opendocument.spreadsheet', stored: true }, { name: 'content.xml', text: '<office:document-content/>' }] },
    { kind: 'zip', out: at('export.zip'), members: [{ name: 'export.xls', text: accountLines('offb', 2) }] },
    { kind: 'zip', out: at('stock.zip'), members: [{ name: 'a.txt', text: accountLines('offc', 2) }, { name: 'accounts.xlsx', b64: b64('accounts-sheet.xlsx') }] },
  ]);
  makeArchive('zip', at('ods-inside.zip'), [{ name: 'sheet.ods', b64: (await readFile(at('sheet.ods'))).toString('base64') }]);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('an office file inside an archive', () => {
  it.each(CASES.map((c, i) => [...c, i] as const))('%s (the fixture %s, stored: %s) is refused by its name, the archive not taken for it', async (_name, _fixture, _stored, message, i) => {
    const error = await openArchive('stock.zip', await readFile(at(`case${i}.zip`)), 'zip', limits).then(() => '', (e: Error) => e.message);
    expect(error).toMatch(message);
    expect(error).toMatch(/nothing was imported from it$/);
    // Never the whole zip named a workbook (its bytes hold the stored member's `[Content_Types].xml`).
    expect(error).not.toMatch(/^stock\.zip: is an Excel/);
  });

  it('an .ods named by its mimetype member; a text list named .xls read as the text it is', async () => {
    await expect(openArchive('stock.zip', await readFile(at('ods-inside.zip')), 'zip', limits)).rejects.toThrow(/its member sheet\.ods: is an OpenDocument spreadsheet \(\.ods\)/);
    expect((await openArchive('export.zip', await readFile(at('export.zip')), 'zip', limits)).members.map((m) => m.path)).toEqual(['export.xls']);
  });

  it('import: the archive refused naming the member, nothing imported, the pool as it was', async () => {
    const pool = await makePool();
    await refusedWhole(pool, at('stock.zip'), /stock\.zip: its member accounts\.xlsx: is an Excel workbook \(\.xlsx\)/);
  });
});
