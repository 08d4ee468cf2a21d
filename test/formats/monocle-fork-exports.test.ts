// A Monocle fork's scripts/export_accounts_csv.py (Noctem/Monocle's script with two more lists;
// the code corpus's file 243797268, repository not named): besides accounts.csv and banned.csv it
// appends the store's accounts with no level to invalid.csv (only username, password, provider
// under the six-column header, and leaves them out of accounts.csv) and those under level 2 to
// underlevel.csv (whole rows). The file name says what the rows do not. Fixtures:
// test/fixtures/generators/make-monocle-fork-exports.py.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixtureBytes, input } from './helpers.js';

describe("a Monocle fork's invalid.csv and underlevel.csv", () => {
  it('invalid.csv: every account exact, with the verdict invalid (Monocle took them out of its accounts.csv)', async () => {
    const r = await readDump(input('invalid.csv', fixtureBytes('monocle-fork-invalid.csv')));
    expect(r.format).toBe('verdict+monocle');
    expect(r.rejected).toEqual([]);
    expect(r.accounts).toEqual([
      { username: 'mon_fresh11', password: 'Never:used,11', line: 2, provider: 'ptc', state: 'invalid' },
      { username: 'mon.fresh14@gmail.com', password: 'G00gle;fresh', line: 3, provider: 'google', state: 'invalid' },
    ]);
  });

  it('underlevel.csv: every account exact with its device, at level 1 (under 2 and known), no verdict', async () => {
    const r = await readDump(input('underlevel.csv', fixtureBytes('monocle-fork-underlevel.csv')));
    expect(r.format).toBe('verdict+monocle');
    expect(r.rejected).toEqual([]);
    expect(r.accounts).toEqual([
      { username: 'mon_low12', password: 'Lv1 "Rattata"', line: 2, provider: 'ptc', level: 1, device: { model: 'iPhone9,3', ios: '10.3.2', id: '2fcfb8c40e244be284aa42313c1d8de1' } },
      { username: 'mon_low15', password: 'Pidgey 1', line: 3, provider: 'ptc', level: 1, device: { model: 'iPhone8,4', ios: '10.2.1', id: '7d1c3e0a9b8f4c2d6e5f4a3b2c1d0e91' } },
    ]);
  });
});
