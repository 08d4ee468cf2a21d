// PGPool's account table with its password column made binary (VARBINARY) and a flag made BIT(1),
// dumped by the real MariaDB 10.11 mysqldump (test/fixtures/generators/make-pgpool-binary.sh):
// without options a binary string, escaped (\', \\, \"), a BIT as its raw byte in quotes; with
// --hex-blob every binary value as a hex literal, 0x and two digits a byte (MariaDB
// client/mysqldump.c, opt_hex_blob), with --complete-insert --replace one REPLACE a row. Each
// form gives the same accounts, each password exact.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { FIXTURES, fixture, input } from './helpers.js';

const DIR = 'pgpool-binary/';
const FILES = readdirSync(FIXTURES + DIR).sort();
const byName = <T extends { username: string }>(accounts: T[]): T[] => [...accounts].sort((a, b) => a.username.localeCompare(b.username));

describe('a PGPool table whose password column is binary, as mysqldump writes it', () => {
  it('has the three forms', () => expect(FILES).toEqual(['hex-blob.sql', 'hex-complete.sql', 'mysqldump.sql']));

  it.each(FILES)('%s: every password exact (never the hex digits), the BIT flag read, a ^Z and an empty password refused by their lines', async (file) => {
    const f = fixture(DIR + file);
    const r = await readDump(f);
    expect(r.format).toBe('pgpool-dump');
    expect(byName(r.accounts).map((a) => [a.username, a.password, a.provider, a.level, a.state])).toEqual([
      ['bin_clean01', 'Cl3an!one', 'ptc', 30, undefined],
      ['bin_like03', '100%_sure', 'ptc', 20, undefined],
      ['bin_quote02', 'O\'Re\\il"ly', 'ptc', 25, 'warned'],
      ['bin.utf04@gmail.com', 'Stärmïe ßé', 'google', 24, undefined],
    ]);
    const lineOf = (login: string) => f.text.split('\n').findIndex((l) => l.includes(`'${login}'`)) + 1;
    expect(r.rejected).toEqual([
      { line: lineOf('bin_ctrl05'), reason: expect.stringContaining('control characters') },
      { line: lineOf('bin_empty06'), reason: 'missing password' },
    ]);
  });

  it("X'...' hex literals are their bytes too", async () => {
    const r = await readDump(input('dump.sql', "INSERT INTO `account` (`username`,`password`,`auth_service`,`warn`) VALUES ('hex_x01',X'4F2752652D78',x'707463',X'01');\n"));
    expect(r.accounts.map((a) => [a.username, a.password, a.provider, a.state])).toEqual([['hex_x01', "O'Re-x", 'ptc', 'warned']]);
  });
});
