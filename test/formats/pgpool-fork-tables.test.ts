// PGPool forks' account tables as the real tools leave them (test/fixtures/generators/
// make-pgpool-forks.sh: peewee making and migrating each fork's table in MariaDB 10.11, dumped by
// its mysqldump and mysql). richardfoltin/PGPool and richardsang2008/PGPool pgpool/models.py
// declare `assigned_at` after system_id (schema 3), richardsang2008's `reach_lvl30_datetime` after
// last_modified (schema 4); their migrate_database appends each to an older table
// (MySQLMigrator.add_column). A table migrated and not yet used has assigned_at NULL in every row;
// without column names its 31st column is lures or the first release's awarded_to_level, which no
// cell tells: kept under the name that says so. 33 columns without names are read in the one
// order of them the whole table's rows fit (src/formats/databases/pgpool-fork33.ts: richardsang2008's
// fresh table with reach_lvl30_datetime after last_modified, or appended by its migrate_database);
// where rows of NULLs leave more than one, refused, asking for the names.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { FIXTURES, fixture, input } from './helpers.js';

const DIR = 'pgpool-forks/';
const FILES = readdirSync(FIXTURES + DIR).sort();
const HEADERLESS_33 = FILES.filter((f) => /^(rs4|rf3rs4)-(batch-noheader|no-create-info)/.test(f));
// v0rs4: a first-release table migrated to richardsang2008's schema 4, 34 columns (its own rows, below).
const V0RS4 = FILES.filter((f) => f.startsWith('v0rs4-'));
const READ = FILES.filter((f) => !V0RS4.includes(f));

// make-pgpool-versions.py's rows, which make-pgpool-forks.py puts in each fork's table.
const ACCOUNTS = [
  ['pgv.misty03@gmail.com', 'Stärmïe ßé', 'google', 29, 'warned'],
  ['pgv_ash01', 'Pik4chu!Volt', 'ptc', 30, undefined],
  ['pgv_brock02', "On'ix\\n\\Ro\tck", 'ptc', 31, 'blind'],
  ['pgv_fresh05', 'Fr3sh!new', 'ptc', undefined, undefined],
  ['pgv_lt07', 'Lt\u{1F525}Surge雷', 'ptc', 18, undefined],
  ['pgv_surge04', 'Zap#Zap--1', 'ptc', 12, 'temp_banned'],
];
const sorted = (rows: unknown[][]) => [...rows].sort((a, b) => String(a[0]).localeCompare(String(b[0])));
const headerless = (file: string) => /noheader|no-create-info/.test(file);

describe("PGPool forks' account tables, made and dumped by the real tools", () => {
  it('has every form of every fork schema', () => {
    expect(FILES.length).toBe(5 * 4);
  });

  it.each(READ)('%s: every account exactly, the row without a password rejected by its line', async (file) => {
    const r = await readDump(fixture(DIR + file));
    expect(sorted(r.accounts.map((a) => [a.username, a.password, a.provider, a.level, a.state]))).toEqual(sorted(ACCOUNTS));
    expect(r.rejected.map((x) => x.reason)).toEqual(['missing password']);
  });

  it.each(READ)('%s: the held account keeps its scanner and, where the fork set it, when it was assigned', async (file) => {
    const accounts = (await readDump(fixture(DIR + file))).accounts;
    const surge = accounts.find((a) => a.username === 'pgv_surge04')!;
    expect(surge.history).toMatchObject({ served_to: 'rm-worker-3', holder: 'rm-worker-3' });
    if (file.startsWith('v2rf3')) expect(surge.history).not.toHaveProperty('assigned_at');
    else expect(surge.history).toMatchObject({ assigned_at: '2017-12-04 06:00:00' });
  });

  it.each(READ)("%s: lures under its own name, or, a migrated table's 31st column without names, under the name that says it may be either", async (file) => {
    const ash = (await readDump(fixture(DIR + file))).accounts.find((a) => a.username === 'pgv_ash01')!;
    expect(ash.history).toMatchObject({ email: 'pgv_ash01@mail.example', xp: 2400000, team: 'mystic', balls: 120 });
    expect(ash.history).not.toHaveProperty('awarded_to_level');
    if (file.startsWith('v2rf3') && headerless(file)) {
      // lures, then assigned_at NULL in every row: as a first-release table migrated to schema 2 would be with lures NULL.
      expect(ash.history).toMatchObject({ awarded_to_level_or_lures: 3 });
      expect(ash.history).not.toHaveProperty('lures');
    } else expect(ash.history).toMatchObject({ lures: 3 });
  });

  it("rs4: richardsang2008's reach_lvl30_datetime kept under its header", async () => {
    for (const file of ['rs4-batch.tsv', 'rs4-mysqldump.sql', 'rf3rs4-batch.tsv', 'rf3rs4-mysqldump.sql', ...HEADERLESS_33]) {
      const accounts = (await readDump(fixture(DIR + file))).accounts;
      const ash = accounts.find((a) => a.username === 'pgv_ash01')!;
      if (file.startsWith('rs4')) expect(ash.history).toMatchObject({ reach_lvl30_datetime: '2017-11-20 12:00:00' });
      else expect(ash.history).not.toHaveProperty('reach_lvl30_datetime');
    }
  });

  it.each(HEADERLESS_33)('%s: 33 columns without names read in the one order every row fits', async (file) => {
    const r = await readDump(fixture(DIR + file));
    const surge = r.accounts.find((a) => a.username === 'pgv_surge04')!;
    expect([surge.level, surge.state, surge.history?.assigned_at]).toEqual([12, 'temp_banned', '2017-12-04 06:00:00']);
    const ash = r.accounts.find((a) => a.username === 'pgv_ash01')!;
    expect(ash.history).toMatchObject({ latitude: 40.7128, longitude: -74.006, xp: 2400000, lures: 3 });
  });

  it.each(HEADERLESS_33)('%s: rows of NULLs alone, which several orders fit, refused asking for the names', async (file) => {
    const text = fixture(DIR + file).text;
    const ask = file.endsWith('.sql') ? 'dump it again with its column names' : 'export it again with the header (mysql -B, without -N)';
    // Only the never-used account's row (every column but the login, password and last_modified NULL).
    const nulls = file.endsWith('.sql') ? text.replace(/INSERT INTO `account` VALUES \('pgv_(?!fresh05)[^\n]*\n/g, '') : text.split('\n').filter((l) => l.startsWith('pgv_fresh05')).join('\n') + '\n';
    const outcome = await readDump(input(file, nulls)).then((r) => JSON.stringify(r), (e: Error) => e.message);
    expect(outcome).toContain(ask);
    expect(outcome).not.toContain('Fr3sh');
  });

  // make-pgpool-forks.py's v0rs4: the first release's awarded_to_level (ash), lures, assigned_at
  // (surge held after the migration), reach_lvl30_datetime (misty30, added at level 30 after it).
  it.each(V0RS4)('%s: a first-release table migrated to schema 4 (34 columns) read exactly, with or without names', async (file) => {
    const r = await readDump(fixture(DIR + file));
    const rows = r.accounts.map((a) => [a.username, a.password, a.level, a.state]);
    expect(sorted(rows)).toEqual(sorted([
      ['pgv.misty03@gmail.com', 'Stärmïe ßé', 29, 'warned'],
      ['pgv_ash01', 'Pik4chu!Volt', 30, undefined],
      ['pgv_brock02', "On'ix\\n\\Ro\tck", 31, 'blind'],
      ['pgv_fresh05', 'Fr3sh!new', undefined, undefined],
      ['pgv_misty30', 'W4ter!Lv30', 30, undefined],
      ['pgv_surge04', 'Zap#Zap--1', 12, 'temp_banned'],
    ]));
    expect(r.rejected.map((x) => x.reason)).toEqual(['missing password']);
    const of = (name: string) => r.accounts.find((a) => a.username === name)!.history;
    expect(of('pgv_ash01')).toMatchObject({ awarded_to_level: 30, lures: 3, latitude: 40.7128, xp: 2400000 });
    expect(of('pgv_surge04')).toMatchObject({ assigned_at: '2017-12-04 06:00:00', holder: 'rm-worker-3' });
    expect(of('pgv_misty30')).toMatchObject({ reach_lvl30_datetime: '2017-12-08 08:00:00' });
  });

  // One table's rows all have one width: rows of 33 and 34 in one file are two tables (two exports
  // put in one file, `mysqldump --all-databases`). 34 is only ever v0rs4 (make-pgpool-forks.py:
  // richardsang2008's migrate_database on a first-release table), so those rows are read so; the
  // rows of 33 in the one order they fit, or refused by their own lines naming both widths.
  const rowsOf = (file: string, ...names: string[]) => fixture(DIR + file).text.split('\n').filter((l) => names.some((n) => l.startsWith(`${n}\t`)));

  it('34 cells beside rows of 33 in one headerless file: each width read in the one order its own rows fit', async () => {
    const narrow = rowsOf('rs4-batch-noheader.tsv', 'pgv_brock02', 'pgv_surge04');
    const wide = rowsOf('v0rs4-batch-noheader.tsv', 'pgv_ash01', 'pgv_misty30');
    const r = await readDump(input('mixed.tsv', [...narrow, ...wide].join('\n') + '\n'));
    expect(r.rejected).toEqual([]);
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level, a.state])).toEqual([
      [1, 'pgv_brock02', "On'ix\\n\\Ro\tck", 31, 'blind'],
      [2, 'pgv_surge04', 'Zap#Zap--1', 12, 'temp_banned'],
      [3, 'pgv_ash01', 'Pik4chu!Volt', 30, undefined],
      [4, 'pgv_misty30', 'W4ter!Lv30', 30, undefined],
    ]);
    expect(r.accounts[2]!.history).toMatchObject({ awarded_to_level: 30, lures: 3 });
    expect(r.accounts[1]!.history).toMatchObject({ assigned_at: '2017-12-04 06:00:00' });
  });

  it('rows of 33 that fit several orders beside rows of 34: refused by their lines naming both widths and the export with names', async () => {
    const wide = rowsOf('v0rs4-batch-noheader.tsv', 'pgv_ash01');
    const nulls = rowsOf('rs4-batch-noheader.tsv', 'pgv_fresh05');
    const r = await readDump(input('mixed.tsv', [...wide, ...nulls].join('\n') + '\n'));
    expect(r.accounts.map((a) => a.username)).toEqual(['pgv_ash01']);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]!.line).toBe(2);
    expect(r.rejected[0]!.reason).toMatch(/^33 cells, .* whose rows of 33 fit several orders .*; the file's rows of 34, read as a first-release PGPool table migrated to richardsang2008's schema 4, are another table's .*: export it again with the header \(mysql -B, without -N\)$/);
    expect(JSON.stringify(r)).not.toContain('Fr3sh');
  });

  it('mysqldump: INSERTs of a 34-column and a 33-column account table in one dump, each read in its order', async () => {
    const r = await readDump(input('all.sql', fixture(DIR + 'v0rs4-no-create-info.sql').text + fixture(DIR + 'rs4-no-create-info.sql').text));
    expect(r.format).toBe('pgpool-dump');
    const of = (name: string) => r.accounts.filter((a) => a.username === name).map((a) => [a.level, a.state, a.history?.awarded_to_level]);
    expect(of('pgv_ash01')).toEqual([[30, undefined, 30], [30, undefined, undefined]]);
    expect(of('pgv_surge04')).toEqual([[12, 'temp_banned', undefined], [12, 'temp_banned', undefined]]);
    expect(r.rejected.map((x) => x.reason)).toEqual(['missing password', 'missing password']);
  });

});
