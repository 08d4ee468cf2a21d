// pogoAccountServer's `accounts` table (domizei385/pogoAccountServer, 2021-2023, a PTC account pool
// for Map-A-Droid devices) as mysqldump and `mysql -B` write it. The fixtures are those tools' own
// output of the table its `sql/accounts.sql` and migrations make, filled by the statements of its
// `server.py` (test/fixtures/generators/make-pogoaccountserver-fixtures.sh, pogoaccountserver-accounts.sql).
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

const EXPECTED = [
  ['pasfresh01', 'Pas!word1', 30], // loaded from accounts.txt: the table's DEFAULT 30
  ['pasused02', "p w'2\\t;#", 34], // a backslash and t, never a tab; the level a device reported
  ['pasburn03', 'Burn:pw3', 30],
  ['paslow04', 'Low!pw4', 14],
  ['pasheld05', 'Held!pw5', 30],
];

describe("pogoAccountServer's accounts table", () => {
  it.each(['pogoaccountserver-accounts.sql', 'pogoaccountserver-accounts.tsv', 'pogoaccountserver-accounts-table.txt', 'pogoaccountserver-accounts.xml'])('%s: each row\'s login, password and level, never a column beside them', async (file) => {
    const r = await readDump(fixture(file));
    expect(r.rejected).toEqual([]);
    expect(r.accounts.map((a) => [a.username, a.password, a.level])).toEqual(EXPECTED);
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
