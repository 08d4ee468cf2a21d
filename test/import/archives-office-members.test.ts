// An office file inside an archive (issue 14): a seller's `stock.zip` holding `accounts.xlsx`, an
// `.ods` or an Outlook `.msg` beside text lists. A workbook is read as its sheets, as when dropped
// alone (sheets/spreadsheets.ts); an Outlook .msg is refused naming what it is and the way through
// (office-files.ts), never "itself an archive", and a zip holding a workbook stored uncompressed is
// never taken whole for a workbook. Archives made by
// Python's zipfile (test/helpers/make_archive.py); the .xlsx and .msg are the fixtures
// accounts-sheet.xlsx and outlook-order.msg (test/fixtures/README.md: ECMA-376 Part 2, MS-CFB, MS-OXMSG).
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeArchive, makeArchives, accountLines, poolAccounts, type ArchiveSpec } from '../helpers/archives.js';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { fixtureBytes } from '../formats/helpers.js';
import { openArchive } from '../../src/formats/archives/archive-members.js';
import { mkdtemp, readFile, rm } from 'node:fs/promises';

const limits = { maxTotal: 64 * 1024 * 1024 };
const b64 = (file: string) => fixtureBytes(file).toString('base64');

const CASES: [string, string, boolean, RegExp][] = [['order.msg', 'outlook-order.msg', false, /its member order\.msg: is an Outlook message \(\.msg\), which accountpool does not read/]];

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
    { kind: 'zip', out: at('stored.zip'), members: [{ name: 'a.txt', text: accountLines('offc', 2) }, { name: 'accounts.xlsx', b64: b64('accounts-sheet.xlsx'), stored: true }] },
  ]);
  makeArchive('zip', at('ods-inside.zip'), [{ name: 'sheet.ods', b64: (await readFile(at('sheet.ods'))).toString('base64') }]);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('an office file inside an archive', () => {
  it.each(CASES.map((c, i) => [...c, i] as const))('%s (the fixture %s, stored: %s) is refused by its name, the archive not taken for it', async (_name, _fixture, _stored, message, i) => {
    const error = await openArchive('stock.zip', await readFile(at(`case${i}.zip`)), 'zip', limits).then(() => '', (e: Error) => e.message);
    expect(error).toMatch(message);
    expect(error).toMatch(/nothing was imported from it$/);
  });

  it('a workbook member, stored or deflated, is read as its sheets beside the lists; the zip never taken for a workbook', async () => {
    for (const file of ['stored.zip', 'stock.zip']) {
      const opened = await openArchive('stock.zip', await readFile(at(file)), 'zip', limits);
      expect(opened.kind).toBe('zip');
      expect(opened.members.map((m) => [m.name, m.bytes.toString()])).toEqual([
        ['stock.zip!a.txt', accountLines('offc', 2)],
        ['stock.zip!accounts.xlsx!Accounts', 'Username,Password\nsheet_01,Sheet!Pass21\n'],
      ]);
    }
  });

  it('an .ods without a table is passed over, said; a text list named .xls read as the text it is', async () => {
    await expect(openArchive('stock.zip', await readFile(at('ods-inside.zip')), 'zip', limits)).rejects.toThrow(/holds no file to read \(passed over: sheet\.ods, a spreadsheet without a cell\)/);
    expect((await openArchive('export.zip', await readFile(at('export.zip')), 'zip', limits)).members.map((m) => m.path)).toEqual(['export.xls']);
  });

  it('import: the workbook\'s account and the lists\' imported together', async () => {
    const pool = await makePool();
    const r = await cli(['import', at('stock.zip'), '--level', '9', ...pool.args]);
    expect(r.stderr).toBe('');
    expect(await poolAccounts(pool)).toEqual(['offc1 Pw#offc-1 9 ptc', 'offc2 Pw#offc-2 9 ptc', 'sheet_01 Sheet!Pass21 9 ptc']);
  });
});
