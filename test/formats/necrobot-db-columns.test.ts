// A NecroBot2 accounts.db read for an import (ParseOptions.columnsFrom): each row's account goes
// into columns as it is read (account-columns.ts DumpColumnsBuilder), its other columns kept as
// names once and one JSON text, never a list of records with a history object each (1,700,000
// rows so were 894 MB at `import --dry-run`; docs/scale-log.md, stop 37). The columns give back
// every record exactly as the records' read does (fixtures: Necrobot-Private/NecroBot
// PoGo.NecroBot.Logic/Model/Account.cs, made by the real sqlite3, test/fixtures/README.md).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { toDumpInput } from '../../src/formats/decode.js';
import { fixture } from './helpers.js';
import { testdir } from '../helpers/testdir.js';

async function sqliteFile(sql: string): Promise<Buffer> {
  const dir = await testdir();
  const path = join(dir, 'made.db');
  execFileSync('sqlite3', [path], { input: sql });
  return readFileSync(path);
}

describe("NecroBot2's accounts.db read as columns", () => {
  for (const name of ['necrobot2-accounts.db', 'necrobot2-accounts-2017-05.db']) {
    it(`${name}: columns, no records, and every record exact from them`, async () => {
      const records = await readDump(fixture(name));
      const read = await readDump(fixture(name), { columnsFrom: 0 });
      expect(read.accounts).toEqual([]);
      expect(read.columns).toBeDefined();
      expect(read.rejected).toEqual(records.rejected);
      expect(read.columns!.records()).toEqual(records.accounts);
      // The rows' other columns are held in the columns, not as whole records.
      expect(records.accounts.some((a) => a.history !== undefined)).toBe(true);
      // A verdict too (a byte a record); one with its own time (stateAt) or a failed check is kept whole.
      expect(read.columns!.kept().size).toBe(records.accounts.filter((a) => a.stateAt !== undefined || a.checkError !== undefined).length);
    });
  }

  it("a row the store refuses is rejected on its line as the records' read rejects it", async () => {
    const bytes = await sqliteFile(
      'CREATE TABLE "Account" ("Id" INTEGER PRIMARY KEY, "Username" TEXT, "Password" TEXT, "AuthType" INTEGER, "Level" INTEGER, "Nickname" TEXT, "Stardust" REAL);' +
        "INSERT INTO \"Account\" VALUES (1, 'cols_ash01', 'Cols Pass 1', 1, 5, 'Ash', 12.5), (2, 'cols_misty02', '********', 1, 7, 'Mist\u00e9 \u6c34', NULL), (3, 'cols_brock03', 'Cols Pass 3', 0, NULL, 'Brock \u6c34', 3);",
    );
    const records = await readDump(toDumpInput('accounts.db', bytes));
    const read = await readDump(toDumpInput('accounts.db', bytes), { columnsFrom: 0 });
    expect(records.rejected.map((r) => r.line)).toEqual([2]);
    expect(read.rejected).toEqual(records.rejected);
    expect(read.columns ? read.columns.records() : read.accounts).toEqual(records.accounts);
  });

  it('rows of other columns past Latin-1 and of changing shapes come back exact', async () => {
    const bytes = await sqliteFile(
      'CREATE TABLE "Account" ("Id" INTEGER PRIMARY KEY, "Username" TEXT, "Password" TEXT, "AuthType" INTEGER, "Level" INTEGER, "Nickname" TEXT, "Stardust" REAL, "AccountActive" INTEGER);' +
        "INSERT INTO \"Account\" VALUES (1, 'cols_ash01', 'Cols Pass 1', 1, 5, 'Ash', 12.5, 1), (2, 'cols_misty02', 'Cols Pass 2', 1, 7, 'Mist\u00e9 \u6c34', NULL, 0), (3, 'cols_brock03', 'Cols \u00e9 Pass 3', 0, NULL, 'Brock \u6c34', 3, NULL), (4, 'cols_gary04', 'Cols Pass 4', 1, 9, NULL, NULL, NULL);",
    );
    const records = await readDump(toDumpInput('accounts.db', bytes));
    const read = await readDump(toDumpInput('accounts.db', bytes), { columnsFrom: 0 });
    expect(records.accounts).toHaveLength(4);
    expect(read.columns!.records()).toEqual(records.accounts);
    expect(read.columns!.kept().size).toBe(0);
  });
});
