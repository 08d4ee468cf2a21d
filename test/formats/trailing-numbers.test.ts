// `user:pass:8080` among `user:pass` lines: on main the number was glued to the password
// (`Rock#Tomb04:8080`), a password no one set. A seller's level after the password (`:30`, as
// RocketMap lists carry a level column after it: test/fixtures/dumps/seller-rocketmap-level.csv,
// RocketMap/RocketMap pogom/utils.py) is the account's level; `:0` no level; any other number (a
// port, a year, a count) refuses its line naming `--columns user,pass,-`.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture } from './helpers.js';

describe('a number after the password that no other line has', () => {
  it('a level is read as the level, 0 as none, and a port or a year refuses the line, never glued to the password', async () => {
    const r = await readDump(fixture('seller-trailing-numbers.txt'));
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level])).toEqual([
      [1, 'geodude_n1', 'Rock!Throw01', undefined],
      [2, 'graveler_n2', 'Magni#tude02', 30],
      [3, 'golem_n3', 'Self!Destruct3', undefined],
      [6, 'rhydon_n6', 'Stomp#Ing06', undefined],
      [7, 'sudowoodo_n7', 'Mimic!Tree07', undefined],
    ]);
    expect(r.rejected.map((j) => j.line)).toEqual([4, 5]);
    expect(r.rejected[0]!.reason).toMatch(/^a number after the password and `:` \(`user:pass:####`\).*unsure, not imported.*--columns user,pass,-$/);
    // The number may be the password's own end: its shape is named, never its digits.
    expect(JSON.stringify(r)).not.toMatch(/Rock#Tomb04|Horn!Drill05|8080|1994/);
  });

  it('with --columns user,pass,- the last field of those lines is read past, every line imported', async () => {
    const r = await readDump(fixture('seller-trailing-numbers.txt'), { columns: ['user', 'pass', 'extra'] });
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([
      ['geodude_n1', 'Rock!Throw01'],
      ['graveler_n2', 'Magni#tude02'],
      ['golem_n3', 'Self!Destruct3'],
      ['onix_n4', 'Rock#Tomb04'],
      ['rhyhorn_n5', 'Horn!Drill05'],
      ['rhydon_n6', 'Stomp#Ing06'],
      ['sudowoodo_n7', 'Mimic!Tree07'],
    ]);
    expect(r.rejected).toEqual([]);
  });
});
