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
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level])).toEqual([
      [1, 'ash_k01', 'Pika2017x', undefined],
      // The e-mail ends the password; the level after it is the row's own.
      [3, 'gary_o4', 'Eevee42', 31],
      [4, 'brock_r03', 'Onix!rock1', undefined],
    ]);
    expect(r.rejected).toEqual([{ line: 2, reason: expect.stringMatching(/^unsure where the password ends/) }]);
  });

  it("after the e-mail, each row's own level and status are read, the e-mail's password read past, a level beside it refused", async () => {
    const rows = [
      'ptc,brock_r03,Onix!rock1,brock@mail.example,28',
      'ptc,gary_o04,Eevee42,gary@mail.example,31,banned',
      'ptc,tracey_s5,Scyther9,tracey@mail.example,Mailpw9',
      'ptc,todd_p06,Snap!Shot6,todd@mail.example,Mailpw6,30',
    ];
    const expected = [
      [1, 'brock_r03', 'Onix!rock1', 28, undefined],
      [2, 'gary_o04', 'Eevee42', 31, 'perm_banned'],
      [3, 'tracey_s5', 'Scyther9', undefined, undefined],
    ];
    // The RocketMap reader (rows of different lengths: no columns for the whole file), and the list
    // reader with the same rows among `user:pass` lines.
    const csv = await readDump(input('stock.csv', rows.join('\n') + '\n'));
    expect(csv.format).toBe('rocketmap');
    expect(csv.accounts.map((a) => [a.line, a.username, a.password, a.level, a.state])).toEqual(expected);
    const list = await readDump(input('stock.txt', ['ash_k01:Pika2017x', ...rows].join('\n') + '\n'), { format: 'plain' });
    expect(list.accounts.map((a) => [a.line - 1, a.username, a.password, a.level, a.state]).slice(1)).toEqual(expected);
    for (const r of [csv, list]) {
      expect(r.rejected.map((j) => j.reason)).toEqual([expect.stringMatching(/^unsure what follows the e-mail: a level beside another field/)]);
      expect(r.rejected[0]!.reason).not.toMatch(/Mailpw|Snap/);
    }
  });
});

describe("PokeLevel's accountsfile.csv (ultrafunkamsterdam/PokeLevel `accountsfile.csv`, `functions.sh`)", () => {
  it('`ptc,user,pass,Y` and `,N` (free, or taken by a running session): every account exact, the flag never the password nor a verdict', async () => {
    // `GetAccount` rewrites a row `...,N` while the bot levels it and `ReturnAccount` back to `...,Y`:
    // a file copied mid-run holds both, and neither says anything about the account.
    const r = await readDump(fixture('pokelevel-accountsfile.csv'));
    expect(r.format).toBe('rocketmap');
    expect(r.rejected).toEqual([]);
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.provider, a.level, a.state])).toEqual([
      [1, 'amsterdam01', 'Tulip#Pass1', 'ptc', undefined, undefined],
      [2, 'amsterdam02', 'Gr4cht!', 'ptc', undefined, undefined],
      [3, 'amsterdam03', 'Canal!3', 'ptc', undefined, undefined],
      [4, 'amsterdam.four@gmail.com', 'Bike$Lane4', 'google', undefined, undefined],
      [5, 'amsterdam05', 'Stroopw4fel', 'ptc', undefined, undefined],
    ]);
  });

  // Stop 37's and 38's open case: one `,Y` row among rows without the flag kept `Canal!3,Y` as its password.
  it('the flag decided by the whole file: on most rows it is the column (a row without it, or with a comma in its password, reads exact); on a row or two alone it is unsure, the row refused', async () => {
    const most = await readDump(input('accountsfile.csv', 'ptc,amsterdam01,Tulip#Pass1,N\nptc,amsterdam02,Gr4cht!\nptc,amsterdam03,Can,al!3,Y\n'));
    expect(most.rejected).toEqual([]);
    expect(most.accounts.map((a) => [a.line, a.username, a.password])).toEqual([[1, 'amsterdam01', 'Tulip#Pass1'], [2, 'amsterdam02', 'Gr4cht!'], [3, 'amsterdam03', 'Can,al!3']]);
    const unsure = /^unsure where the password ends: .*a Y\/N flag \(PokeLevel's free or taken\), which other rows do not have/;
    for (const [text, at] of [
      ['ptc,amsterdam01,Tulip#Pass1\nptc,amsterdam02,Canal!3,Y\nptc,amsterdam03,Gr4cht!\n', 2],
      ['ptc,amsterdam01,Tulip#Pass1\nptc,amsterdam02,Can,al!3,N\nptc,amsterdam03,Gr4cht!\n', 2],
    ] as const) {
      const r = await readDump(input('accountsfile.csv', text));
      expect(r.accounts.map((a) => [a.username, a.password]), text).toEqual([['amsterdam01', 'Tulip#Pass1'], ['amsterdam03', 'Gr4cht!']]);
      expect(r.rejected, text).toEqual([{ line: at, reason: expect.stringMatching(unsure) }]);
    }
    // The same row among a list of another shape (the list reader's RocketMap rows).
    const list = await readDump(input('stock.txt', 'ash01:Pika2017\nmisty02:Star99x\nptc,amsterdam02,Canal!3,Y\n'));
    expect(list.accounts.map((a) => a.username)).toEqual(['ash01', 'misty02']);
    expect(list.rejected).toEqual([{ line: 3, reason: expect.stringMatching(unsure) }]);
  });
});
