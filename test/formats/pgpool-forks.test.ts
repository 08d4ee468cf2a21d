// PGPool forks that add `assigned_at` after `system_id` (richardfoltin/PGPool and
// richardsang2008/PGPool pgpool/models.py): a table peewee makes from that model has 32 columns,
// as many as a first-release PGPool table migrated to schema 2. Under its header every column is
// read by name; without one (`mysql -B -N`) the row's cells tell the layout, and a row that reads
// as both with a different level or flag is refused by its line, never read with a warn taken
// for a ban. Fixtures written as `mysql -B` prints that table (tab, NULL), by hand.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, fixtureBytes, input } from './helpers.js';

const verdicts = (accounts: { username: string; level?: number; state?: string }[]) => accounts.map((a) => [a.username, a.level, a.state]);

describe("PGPool forks' account table with assigned_at", () => {
  it('mysql -B with its header: every verdict and level by name, assigned_at kept', async () => {
    const r = await readDump(fixture('pgpool-fork-assigned-at.tsv'));
    expect(r.rejected).toEqual([]);
    expect(verdicts(r.accounts)).toEqual([
      ['rf_ash01', 30, 'warned'],
      ['rf_brock02', 12, 'temp_banned'],
      ['rf_misty03', undefined, 'blind'],
      ['rf_fresh04', undefined, undefined],
    ]);
    expect(r.accounts[0]!.history).toMatchObject({ assigned_at: '2018-03-01 09:00:00', stardust: 52000, lures: 3, served_to: 'scanner-1' });
  });

  it("mysql -B -N: the fork's layout told by its cells, and every row of the file read in it (one SELECT *, one table)", async () => {
    const r = await readDump(fixture('pgpool-fork-assigned-at-noheader.tsv'));
    expect(r.rejected).toEqual([]);
    expect(verdicts(r.accounts)).toEqual([
      ['rf_ash01', 30, 'warned'],
      ['rf_brock02', 12, 'temp_banned'],
      ['rf_misty03', undefined, 'blind'],
      ['rf_fresh04', undefined, undefined],
    ]);
    expect(r.accounts[0]!.history).toMatchObject({ assigned_at: '2018-03-01 09:00:00', lures: 3 });
  });

  it('a row alone that reads as both tables with a different flag is never read as either', async () => {
    // rf_misty03's row: as PGPool's first-release table its warn would be NULL and its banned 0;
    // as the fork's, shadowbanned is 1. Nothing else in the file says which.
    const line = fixtureBytes('pgpool-fork-assigned-at-noheader.tsv').toString('utf8').split('\n')[2]!;
    await expect(readDump(input('accounts.tsv', `${line}\n`))).rejects.toThrow('of a table whose columns accountpool cannot name by their order (it knows PGPool\'s 30 to 32, its forks\' 33 and 34 where the rows show their order, and ShuckleTools\' 19, each in its own table\'s order); export it again with the header (mysql -B, without -N) and import that');
  });

  it("mysqldump --no-create-info of the same rows: the same accounts, the both-ways row in the file's layout", async () => {
    // As mysqldump writes the rows: numbers bare, text and DATETIME quoted, NULL bare.
    const lines = fixtureBytes('pgpool-fork-assigned-at-noheader.tsv').toString('utf8').trim().split('\n');
    const value = (c: string) => (c === 'NULL' || /^-?\d+(?:\.\d+)?$/.test(c) ? c : `'${c}'`);
    const sql = `INSERT INTO \`account\` VALUES ${lines.map((l) => `(${l.split('\t').map(value).join(',')})`).join(',')};\n`;
    const r = await readDump(input('pgpool.sql', sql));
    expect(r.format).toBe('pgpool-dump');
    expect(r.rejected).toEqual([]);
    expect(verdicts(r.accounts)).toEqual([
      ['rf_ash01', 30, 'warned'],
      ['rf_brock02', 12, 'temp_banned'],
      ['rf_misty03', undefined, 'blind'],
      ['rf_fresh04', undefined, undefined],
    ]);
  });

  // A row of a fresh fork table (make-pgpool-forks.sh's rf3, assigned_at after system_id) whose
  // level and flags are NULL but whose latitude is set: both orders read its level and flags alike,
  // yet PGPool's would take the latitude for the longitude. The table's other rows decide.
  const GEO = ['pgv_geo08', 'ptc', 'G30!pass', null, '2017-12-08 08:00:00', null, null, '40.5', ...Array(24).fill(null)];
  it('a row that reads alike but for its position: read in the order the table\'s other rows show, alone refused', async () => {
    const tsvRow = GEO.map((c) => c ?? 'NULL').join('\t');
    const surgeTsv = fixture('pgpool-forks/rf3-batch-noheader.tsv').text.split('\n').find((l) => l.startsWith('pgv_surge04'))!;
    const sqlRow = `INSERT INTO \`account\` VALUES (${GEO.map((c) => (c === null ? 'NULL' : `'${c}'`)).join(',')});`;
    const surgeSql = fixture('pgpool-forks/rf3-no-create-info.sql').text.split('\n').find((l) => l.includes("'pgv_surge04'"))!;
    for (const [name, text] of [['fork.tsv', `${surgeTsv}\n${tsvRow}\n`], ['fork.sql', `${surgeSql}\n${sqlRow}\n`]]) {
      const geo = (await readDump(input(name!, text!))).accounts.find((a) => a.username === 'pgv_geo08')!;
      expect(geo.history).toMatchObject({ latitude: 40.5 });
      expect(geo.history).not.toHaveProperty('longitude');
    }
    for (const [name, text] of [['alone.tsv', `${tsvRow}\n`], ['alone.sql', `${sqlRow}\n`]]) {
      const outcome = await readDump(input(name!, text!)).then((r) => `read: ${JSON.stringify(r.accounts)}`, (e: Error) => `refused: ${e.message}`);
      expect(outcome).toMatch(/^refused/);
      expect(outcome).not.toContain('G30!pass');
    }
  });
});
