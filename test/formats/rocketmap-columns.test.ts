// Columns after RocketMap's `provider,username,password` (rocketmap-columns.ts): a level, an
// e-mail, a status, read when the whole file shows them; refused, not guessed, when one row alone does.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input, readExact } from './helpers.js';

describe('rocketmap rows with columns after the password', () => {
  it('a level column on every row is the level, never the end of the password', async () => {
    const r = await readExact('seller-rocketmap-level.csv');
    expect(r.format).toBe('rocketmap');
    expect(r.accounts).toEqual([
      [1, 'vulpix_r21', 'Flame!Tail21', 30, 'ptc'],
      [2, 'growlithe_k7', 'Ember#dog77', 31, 'ptc'],
      // One field more than the others: the password holds the comma, the level is still the last column.
      [3, 'poliwag.trainer@gmail.com', 'Bubble,Beam5', 27, 'google'],
      [4, 'ponyta_h3', 'Gallop9x', undefined, 'ptc'],
      [5, 'rapidash_q8', 'Stomp$9999', 28, 'ptc'],
    ]);
  });

  it('an e-mail, a level and a status column: the password ends at the e-mail, the status is the verdict', async () => {
    const r = await readDump(fixture('seller-rocketmap-email-status.csv'));
    expect(r.accounts.map((a) => [a.username, a.password, a.level, a.state])).toEqual([
      ['magikarp_s1', 'Splash!101', 24, 'perm_banned'],
      ['gyarados_s2', 'Hydro#Pump2', 30, 'ok'],
      ['eevee_s3', 'Quick,Atk3', 27, 'temp_banned'],
    ]);
  });

  it('one row with a number after the password among rows without: refused as unsure, the others read', async () => {
    const r = await readDump(input('r.csv', 'ptc,ash_k01,Pika2017x\nptc,misty_w02,Star#mie9,28\nptc,brock_r03,comma,in,pass8\nptc,gary_o04,Eevee42,gary@mail.example\n'));
    expect(r.accounts.map((a) => [a.line, a.password, a.level])).toEqual([
      [1, 'Pika2017x', undefined],
      [3, 'comma,in,pass8', undefined],
      [4, 'Eevee42', undefined],
    ]);
    expect(r.rejected).toEqual([{ line: 2, reason: expect.stringMatching(/^unsure where the password ends: after it a field that reads as a level, which other rows do not have/) }]);
    expect(r.rejected[0]!.reason).not.toContain('Star');
  });

  it('the list reader, a RocketMap row among `user:pass` lines: `ptc,user,pass,28` is refused as unsure, never `pass,28`', async () => {
    const r = await readDump(input('mixed.txt', 'ash_k01:Pika2017x\nptc,misty_w02,Star9mie,28\nptc,gary_o4,Eevee42,gary@mail.example,31\nbrock_r03:Onix!rock1\n'), { format: 'plain' });
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([
      [1, 'ash_k01', 'Pika2017x'],
      [3, 'gary_o4', 'Eevee42'],
      [4, 'brock_r03', 'Onix!rock1'],
    ]);
    expect(r.rejected).toEqual([{ line: 2, reason: expect.stringMatching(/^unsure where the password ends/) }]);
  });
});
