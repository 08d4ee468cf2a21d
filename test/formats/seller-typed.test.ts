// Lists as sellers typed them by hand: a level, a provider or a status word after the password
// with only a blank before it (`user:pass 30`, `user:pass banned`), counters after each account
// (`user;pass (1)`). The blank ends the password in a list whose separator is no blank; each reads
// exact. Each fixture's source is named in test/fixtures/README.md.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input, readExact } from './helpers.js';

describe('lists typed by hand', () => {
  it('a level, provider or status word after a blank (`user:pass 30`, `lvl31`, `L29`, `(lv 30)`, `banned`, `OK`, `30 temp banned`) is the account\'s, never the password\'s', async () => {
    const r = await readDump(fixture('seller-level-blank.txt'));
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level, a.provider, a.state])).toEqual([
      [3, 'snubbull_t01', 'Gr4nbull!01', 30, undefined, undefined],
      [4, 'teddiursa_t02', 'Urs4ring#02', 31, undefined, undefined],
      [5, 'slugma_t03', 'Magc4rgo$03', 29, undefined, undefined],
      [6, 'swinub_t04', 'Pilo5wine&04', 30, undefined, undefined],
      [7, 'corsola_t05', 'C0ral!Reef05', 32, 'ptc', undefined],
      [8, 'remoraid_t06', 'Octill3ry#06', undefined, undefined, 'perm_banned'],
      [9, 'delibird_t07', 'Pr3sent$07', undefined, undefined, 'ok'],
      [10, 'mantine_t08', 'Sk4rmory&08', 30, undefined, 'temp_banned'],
      [11, 'skarmory_t09', 'Steel!Wing09', 27, undefined, undefined],
      [12, 'houndour_t10', 'Hound00m#10', 31, 'google', undefined],
    ]);
    expect(r.rejected).toEqual([]);
    // The same in a plain list of each separator, and a lone line.
    for (const sep of [':', ';', ',', '|']) {
      const list = await readDump(input('l.txt', `ash_k01${sep}Pika!2017 30\nmisty_w02${sep}Star#mie9 31\n`));
      expect(list.accounts.map((a) => [a.username, a.password, a.level]), sep).toEqual([
        ['ash_k01', 'Pika!2017', 30],
        ['misty_w02', 'Star#mie9', 31],
      ]);
    }
    expect((await readDump(input('one.txt', 'ash_k01:Pika!2017 30\n'))).accounts.map((a) => [a.password, a.level])).toEqual([['Pika!2017', 30]]);
  });

  it('a password holding blanks keeps its last word (`user:Blaze Tail 4`); a number that is no level stays where it was written', async () => {
    const r = await readDump(input('l.txt', 'charmander_r5:Blaze Tail 4\nsquirtle_t8:Torrent!9 30\n'));
    expect(r.accounts.map((a) => [a.username, a.password, a.level])).toEqual([
      ['charmander_r5', 'Blaze Tail 4', undefined],
      ['squirtle_t8', 'Torrent!9', 30],
    ]);
    const big = await readDump(input('l.txt', 'ash_k01:Pika 2017\nmisty_w02:Star 9999\n'));
    expect(big.accounts.map((a) => [a.password, a.level])).toEqual([
      ['Pika 2017', undefined],
      ['Star 9999', undefined],
    ]);
  });

  it('counters after the accounts (`(1)`, `(2)`, ... or `1`, `2`, ...) are neither levels nor part of the password', async () => {
    const r = await readExact('seller-counters.txt');
    expect(r.accounts).toEqual([
      [1, 'ledian_c1', 'Bug!Bite61', undefined, undefined],
      [2, 'ariados_c2', 'Sp1der#Web62', undefined, undefined],
      [3, 'crobat_c3', 'Cr0ss$Poison3', undefined, undefined],
      [4, 'chinchou_c4', 'Lant3rn&64', undefined, undefined],
    ]);
    const bare = await readDump(input('l.txt', 'Hi,\nhere they are:\nash_k01:Pika!2017 1\nmisty_w02:Star#mie9 2\nbrock_r3:Onix$77 3\nThanks!\n'));
    expect(bare.accounts.map((a) => [a.username, a.password, a.level])).toEqual([
      ['ash_k01', 'Pika!2017', undefined],
      ['misty_w02', 'Star#mie9', undefined],
      ['brock_r3', 'Onix$77', undefined],
    ]);
    // Levels that do not count up from 1 are levels.
    const levels = await readDump(input('l.txt', 'ash_k01:Pika!2017 (30)\nmisty_w02:Star#mie9 (30)\nbrock_r3:Onix$77 (2)\n'));
    expect(levels.accounts.map((a) => a.level)).toEqual([30, 30, 2]);
  });
});
