// pogoAccountServer's `accounts` table (domizei385/pogoAccountServer, 2021-2023, a PTC account pool
// for Map-A-Droid devices) as mysqldump and `mysql -B` write it. The fixtures are those tools' own
// output of the table its `sql/accounts.sql` and migrations make, filled by the statements of its
// `server.py` (test/fixtures/generators/make-pogoaccountserver-fixtures.sh, pogoaccountserver-accounts.sql).
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

// Its `level smallint DEFAULT 30` (sql/002_level.sql) is never set by load_accounts_from_file
// (server.py inserts `username, password`); set_level writes a device's report where it differs,
// set_logout/set_burned only a higher one. So 30 is the default or a report of 30, which nothing
// in the row tells apart: no level read. Any other value is a device's: the level.
const EXPECTED = [
  ['pasfresh01', 'Pas!word1', undefined], // loaded from accounts.txt: the table's DEFAULT 30, never reported
  ['pasused02', "p w'2\\t;#", 34], // a backslash and t, never a tab; the level a device reported at logout
  ['pasburn03', 'Burn:pw3', undefined], // burned at the default 30 (`level = level`)
  ['paslow04', 'Low!pw4', 14], // set_level 12, then 14 at logout
  ['pasheld05', 'Held!pw5', undefined],
];

describe("pogoAccountServer's accounts table", () => {
  it.each(['pogoaccountserver-accounts.sql', 'pogoaccountserver-accounts.tsv', 'pogoaccountserver-accounts-table.txt', 'pogoaccountserver-accounts.xml'])('%s: each row\'s login, password and level, never a column beside them', async (file) => {
    const r = await readDump(fixture(file));
    expect(r.rejected).toEqual([]);
    expect(r.accounts.map((a) => [a.username, a.password, a.level])).toEqual(EXPECTED);
  });

  it.each(['pogoaccountserver-accounts.sql', 'pogoaccountserver-accounts.tsv', 'pogoaccountserver-accounts-table.txt', 'pogoaccountserver-accounts.xml'])('%s: the default level 30 kept as a field, and a note says how many and the way through', async (file) => {
    const r = await readDump(fixture(file));
    expect(r.accounts.find((a) => a.username === 'pasfresh01')!.history).toMatchObject({ pas_level: 30 });
    expect(r.accounts.find((a) => a.username === 'paslow04')!.history?.pas_level).toBeUndefined();
    expect(r.notes).toEqual([expect.stringMatching(/^3 accounts of pogoAccountServer's table hold level 30, its default .*: not read as a level .* import with --level 30 if they are$/)]);
  });

  it('a `mysql -B -r` export whose backslashes cannot tell raw from escaped keeps both notes: the level 30 one is never replaced', async () => {
    // The same rows as `mysql -B -r` writes them (raw: the password's backslash and t as they are):
    // a file whose only backslash stands before `t` reads raw with a note saying it cannot tell.
    // Until stop 61 that note replaced the reader's notes, the level-30 one with them.
    const text = (await import('node:fs')).readFileSync(new URL('../fixtures/dumps/pogoaccountserver-accounts.tsv', import.meta.url), 'utf8').replace('\\\\t', '\\t');
    const r = await readDump(input('accounts-raw.tsv', text));
    expect(r.accounts.map((a) => [a.username, a.password, a.level])).toEqual(EXPECTED);
    expect(r.notes).toEqual([expect.stringMatching(/^3 accounts of pogoAccountServer's table hold level 30/), expect.stringMatching(/^line 3: a backslash before t, .*read as raw/)]);
  });

  it('states no verdict: why a device gave an account back (maintenance, rotation) and who holds it are fields', async () => {
    const r = await readDump(fixture('pogoaccountserver-accounts.sql'));
    expect(r.accounts.every((a) => a.state === undefined)).toBe(true);
    expect(r.accounts.find((a) => a.username === 'pasburn03')!.history).toMatchObject({ last_reason: 'maintenance', last_burned: '2023-06-06 03:06:40' });
    expect(r.accounts.find((a) => a.username === 'pasheld05')!.history).toMatchObject({ in_use_by: 'atv04', purpose: 'quest' });
  });

  it('a header whose first column numbers the rows (`id`): the numbers are that column, never a counter dropped (the password was read as the login)', async () => {
    const r = await readDump(input('export.tsv', 'id\tusername\tpassword\n1\tash01\tPika!1\n2\tash02\tPika!2\n'));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([
      ['ash01', 'Pika!1'],
      ['ash02', 'Pika!2'],
    ]);
  });

  it("another tool's `accounts` table in a dump is never read as this one's", async () => {
    const dump = "-- MariaDB dump\nCREATE TABLE `accounts` (\n  `id` int NOT NULL,\n  `username` varchar(32),\n  `password` varchar(32),\n  `provider` varchar(12)\n);\nINSERT INTO `accounts` VALUES (1,'mon1','pw1','ptc');\n";
    const r = await readDump(input('other.sql', dump)).catch((e: Error) => e);
    expect(r instanceof Error ? r.message : r.format).not.toBe('pgpool-dump');
  });
});
