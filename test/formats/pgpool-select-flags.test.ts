// A query of some of PGPool's own columns (`SELECT username, password, level, banned FROM account`)
// as the mysql client prints it: `--xml`, `-t` (the table a terminal shows) and `-B` (tabs, `\\` for
// a backslash). Every column is PGPool's `account` table's (codename-art/PGPool pgpool/models.py),
// so its `banned` is PGPool's flag and an account flagged 1 is imported as PGPool's verdict,
// temp_banned, never as a healthy account; before, the XML and the table were refused and the
// batch output imported the banned account as `ok`.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

const rows = async (file: string) => (await readDump(fixture(file))).accounts.map((a) => [a.username, a.password, a.level, a.state ?? 'ok']);

describe("a SELECT of PGPool's own columns, its flag among them", () => {
  it('mysql --xml: each account with its level, the banned one temp_banned', async () => {
    expect((await readDump(fixture('pgpool-select-flags.xml'))).format).toBe('mysql-xml');
    expect(await rows('pgpool-select-flags.xml')).toEqual([
      ['sfscan101', "Ab1'cdEf", 31, 'ok'],
      ['sfscan102', 'Gh2\\ijKl', 30, 'ok'],
      ['sfscan103', 'Mn3!opQr', 27, 'temp_banned'],
      ['sfscan104', 'St4@uvWx', 30, 'ok'],
    ]);
  });

  it('mysql -t and mysql -B: the same reading, `\\\\` one backslash', async () => {
    expect(await rows('pgpool-select-flags-table.txt')).toEqual([
      ['mdrscan801', 'Md8!rrTt', 30, 'ok'],
      ['mdrscan802', 'Md9@ssYy', 31, 'ok'],
      ['mdrscan803', 'Md0#ttUu', 22, 'temp_banned'],
    ]);
    expect(await rows('pgpool-select-flags.tsv')).toEqual([
      ['vlcscan11', 'Vl1!aaZz', 30, 'ok'],
      ['vlcscan12', 'Vl2\\bbXx', 32, 'ok'],
      ['vlcscan13', 'Vl3#ccCc', 29, 'temp_banned'],
    ]);
  });

  it('a column that is not PGPool\'s beside `banned` leaves the table to the list readers, as before', async () => {
    const r = await readDump(input('stock.tsv', 'username\tpassword\tbanned\tnote\nash01\tPw1!x\t0\tfresh\n'));
    expect(r.format).not.toMatch(/pgpool|mysql/);
  });
});
