// The 31st column of a PGPool table dumped without column names means one thing for the whole
// table (src/formats/databases/pgpool-column31.ts), decided by the rows that can say it, never
// row by row. Fixtures made by the real tools (test/fixtures/generators/make-pgpool-column31.sh:
// MariaDB 10.11's mysql -B -N and mysqldump --no-create-info; peewee making and migrating the
// tables as PGPool's 71c11db migrate_database and richardfoltin/PGPool's schema-3 migration do):
//   v0v2award  a first-release table (awarded_to_level last) migrated to schema 2 (lures appended):
//              ash awarded 30 with lures 3, brock awarded 31 with lures NULL
//   v2rf3held  a schema-2 table with richardfoltin's assigned_at appended: ash's lures 3 with
//              assigned_at NULL, above surge's row whose assigned_at is a date
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { FIXTURES, fixture, input } from './helpers.js';

const DIR = 'pgpool-column31/';
const FILES = readdirSync(FIXTURES + DIR).sort();
const history = async (file: string, user: string) => (await readDump(fixture(DIR + file))).accounts.find((a) => a.username === user)!.history!;

describe("a headerless PGPool table's 31st column, named once for the whole table", () => {
  it('has both tables in both forms', () => {
    expect(FILES).toHaveLength(4);
  });

  it.each(FILES.filter((f) => f.startsWith('v0v2award')))('%s: an award whose lures is NULL is awarded_to_level, as the row whose lures is set says', async (file) => {
    expect(await history(file, 'pgv_ash01')).toMatchObject({ awarded_to_level: 30, lures: 3 });
    const brock = await history(file, 'pgv_brock02');
    expect(brock).toMatchObject({ awarded_to_level: 31 });
    expect(brock).not.toHaveProperty('awarded_to_level_or_lures');
    expect(brock).not.toHaveProperty('lures');
  });

  it.each(FILES.filter((f) => f.startsWith('v2rf3held')))('%s: lures above the row whose assigned_at is a date is lures', async (file) => {
    const r = await readDump(fixture(DIR + file));
    expect(r.rejected.map((x) => x.reason)).toEqual(['missing password']);
    const ash = r.accounts.find((a) => a.username === 'pgv_ash01')!.history!;
    expect(ash).toMatchObject({ lures: 3 });
    expect(ash).not.toHaveProperty('awarded_to_level_or_lures');
    expect(ash).not.toHaveProperty('awarded_to_level');
    expect(r.accounts.find((a) => a.username === 'pgv_surge04')!.history).toMatchObject({ assigned_at: '2017-12-04 06:00:00', served_to: 'rm-worker-3' });
  });

  it('rows of two tables in one headerless file (a number and a date after the 31st value) are refused by line, naming the row that decided', async () => {
    const award = fixture(DIR + 'v0v2award-batch-noheader.tsv').text.trimEnd().split('\n');
    const held = fixture(DIR + 'v2rf3held-batch-noheader.tsv').text.trimEnd().split('\n');
    const surge = held.find((l) => l.startsWith('pgv_surge04'))!;
    const r = await readDump(input('accounts.tsv', [...award, surge].join('\n') + '\n'));
    const refused = r.rejected.find((x) => x.line === award.length + 1)!;
    expect(refused.reason).toMatch(/line 1 has a number after the 31st value/);
    expect(refused.reason).not.toContain('Zap#Zap');
    expect(r.accounts.map((a) => a.line)).not.toContain(award.length + 1);
    expect(r.accounts.find((a) => a.username === 'pgv_brock02')!.history).toMatchObject({ awarded_to_level: 31 });
  });

  it('every row NULL after the 31st value still names it as either', async () => {
    const award = fixture(DIR + 'v0v2award-batch-noheader.tsv').text.trimEnd().split('\n');
    const r = await readDump(input('accounts.tsv', award.filter((l) => !l.startsWith('pgv_ash01')).join('\n') + '\n'));
    expect(r.accounts.find((a) => a.username === 'pgv_brock02')!.history).toMatchObject({ awarded_to_level_or_lures: 31 });
  });
});
