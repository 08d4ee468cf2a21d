// Any table as the mysql client prints it in batch mode (`mysql -B`), beyond PGPool's and a login
// and password alone: a shop's own stock table (test/fixtures/generators/make-mysql-batch-wide.sh,
// written by MariaDB 10.11's real client). The client escapes a backslash, tab, line feed and NUL
// in every value as `\\`, `\t`, `\n`, `\0`, and NULL as `NULL` (mysql/mysql-server
// `client/mysql.cc` safe_put_field, which print_tab_data calls for every cell);
// read back in every table, never a password with its backslashes doubled.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

const DIR = 'mysql-batch-wide/';
const rows = (r: Awaited<ReturnType<typeof readDump>>) => r.accounts.map((a) => [a.line, a.username, a.password, a.level]);

describe('mysql -B output of a table no reader knows by name', () => {
  it.each(['stock.tsv', 'stock-three.tsv'])('%s: `\\\\` one backslash, the level column read, a decoded tab or NUL refused by its line', async (file) => {
    const r = await readDump(fixture(DIR + file));
    expect(r.format).toBe('pgpool-tsv');
    expect(rows(r)).toEqual([
      [2, 'ash_k01', 'Pa\\ss\\1', 30],
      [5, 'surge04', 'Plain1!x', 31],
      // `End\\` is `End\`: a backslash last, and a level of 0, no level.
      [6, 'erika05', 'End\\', undefined],
    ]);
    expect(r.rejected.map((x) => [x.line, x.reason.split(':')[0]])).toEqual([
      [3, 'a tab inside the password'],
      [4, 'a control character inside the password'],
    ]);
    expect(JSON.stringify(r.rejected)).not.toMatch(/Tab|Nul/);
  });

  it('its only backslash the \\t of a tab: read raw, the bytes kept, with the note naming the line', async () => {
    const r = await readDump(fixture(DIR + 'stock-unsure.tsv'));
    expect(rows(r)).toEqual([[2, 'brock02', 'Tab\\tin2', 25], [3, 'surge04', 'Plain1!x', 31]]);
    expect(r.notes).toEqual([expect.stringMatching(/^line 2: a backslash before t, .* read as raw, the backslash kept/)]);
  });

  it('the same table without its header (mysql -B -N): refused asking for the header, never its id read as a column and `\\\\` kept', async () => {
    await expect(readDump(fixture(DIR + 'stock-noheader.tsv'))).rejects.toThrow(/stock-noheader\.tsv: is the mysql client's batch output without its header \(mysql -B -N: rows of 7 tab-separated cells, NULL among them\) .*export it again with the header/);
  });

  it("a site's user table under its header (PMSF's `users` by `mysql -B`): refused for its rows, never called headerless", async () => {
    // Stop 56's survey: its bcrypt hashes and a Discord login's `NULL` password are no accounts
    // (account-rules.ts); the refusal once asked for the header the file's first line is.
    const text = 'id\tuser\tpassword\ttemp_password\texpire_timestamp\tsession_id\tlogin_system\taccess_level\n1\tmapadmin\t$2y$12$gARb8LbQ1LxvXEgL/Ns9nu9eaZqzSdBQYWMGZjPEQRtWcc2tfIcc6\tNULL\t1893456000\tNULL\tnative\t1\n2\t123456789012345678\tNULL\tNULL\t1577836800\tNULL\tdiscord\t0\n';
    for (const format of [undefined, 'plain'] as const) {
      const refusal = readDump(input('users.tsv', text), format ? { format } : {});
      await expect(refusal).rejects.toThrow(/no accounts found.*line 3: missing password \(the database's NULL/);
      await expect(refusal).rejects.not.toThrow(/without its header/);
    }
  });

  it('a level or provider column holding what no account has refuses its row alone', async () => {
    const text = 'id\tlogin\tpass\tlvl\tauth\n1\tash01\tP\\\\w1\t70\tptc\n2\tmisty02\tW4ter!\t20\tfacebook\n3\tbrock03\tR0ck!\t12\tGOOGLE\n';
    const r = await readDump(input('stock.tsv', text));
    expect(r.accounts.map((a) => [a.username, a.password, a.level, a.provider])).toEqual([['brock03', 'R0ck!', 12, 'google']]);
    expect(r.rejected.map((x) => x.line)).toEqual([2, 3]);
    expect(r.rejected[0]!.reason).toContain('70');
  });

  it('a seller\'s tab list under such a header and no backslash stays the list reader\'s', async () => {
    const r = await readDump(input('stock.tsv', 'login\tpass\tlvl\nash01\tPika1!\t30\nmisty02\tW4ter!\t20\n'));
    expect(r.format).not.toBe('pgpool-tsv');
    expect(r.accounts.map((a) => [a.username, a.password, a.level])).toEqual([['ash01', 'Pika1!', 30], ['misty02', 'W4ter!', 20]]);
  });
});
