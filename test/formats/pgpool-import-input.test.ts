// The CSV PGPool's own importer loads (codename-art/PGPool `pgpool-import.py`, `read_csv`): each
// line `<ptc/google>,<username>,<password>` (or `username,password`), fields split at `,` and
// stripped of blanks, `ptc`/`google` in any case, blank lines and lines opening with `#` skipped.
// Such a file handed to us is the same accounts, exact. Fixture written by hand as that code reads it.
import { describe, expect, it } from 'vitest';
import { readExact } from './helpers.js';

describe("PGPool's pgpool-import.py input", () => {
  it('every account with its provider, the blanks around fields read past as the importer strips them, comments skipped', async () => {
    const r = await readExact('pgpool-import-input.csv');
    expect(r.rejected).toEqual([]);
    expect(r.accounts).toEqual([
      [2, 'pgi_ash01', 'Pw1!abcd', undefined, 'ptc'],
      [4, 'pgi_misty02', 'W4ter#Flow', undefined, 'ptc'],
      [5, 'pgi.brock03@gmail.com', 'R0ck!Solid', undefined, 'google'],
      [7, 'pgi_gary04', 'Ee!vee44', undefined, 'ptc'],
    ]);
  });
});
