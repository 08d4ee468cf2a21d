// A note after an account (`user:pass # sold to bob`, `user:pass // reserved`, `user:pass ; 2
// left`) is the operator's, not the password's: read past, as RocketMap's config reader
// (ConfigArgParse) reads past a `#` or `;` after a blank. A password holding `#`, `//` or `;`
// without a blank before it stays whole, and a list whose passwords hold blanks keeps them.
// Fixtures and their sources: test/fixtures/README.md.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixtureBytes, input, readExact } from './helpers.js';

describe('comments after accounts', () => {
  it('`# note`, `// note`, `; note` after a blank are no part of the password; `#`, `//`, `;` inside one are; a level noted before or in the note is read', async () => {
    const r = await readExact('seller-commented.txt');
    expect(r.format).toBe('plain');
    expect(r.accounts).toEqual([
      [1, 'pidgey_l3a', 'Gust!Wing7', undefined, undefined],
      [2, 'rattata_9k', 'Hyper#Fang2', undefined, undefined],
      [3, 'spearow_x1', 'Peck//Drill3', undefined, undefined],
      [4, 'ekans_w00t', 'Wrap;Acid5', undefined, undefined],
      [5, 'sandshrew7', 'Dig#Sand88', undefined, undefined],
      [6, 'nidoran_q4', 'Horn!Poke1', undefined, undefined],
      [7, 'clefairy_m2', 'Moon#Light5', undefined, undefined],
      [8, 'vulpix_gl7', 'Fl4me#Tail', 30, undefined],
      [9, 'meowth_c4', 'Pay!Day44', 30, undefined],
      [10, 'psyduck_c0', 'Conf#usion5', 27, undefined],
    ]);
    expect(r.rejected).toEqual([]);
  });

  it('in other separators too (`user;pass # note`, `user,pass // note`)', async () => {
    const semi = await readDump(input('stock.txt', 'ash_k1;Pika!chu1 # sold\nmisty_2;Star#mie2\n'));
    expect(semi.accounts.map((a) => [a.username, a.password])).toEqual([['ash_k1', 'Pika!chu1'], ['misty_2', 'Star#mie2']]);
    const comma = await readDump(input('stock.txt', 'ash_k1,Pika!chu1 // reserved\nmisty_2,Star//mie2\n'));
    expect(comma.accounts.map((a) => [a.username, a.password])).toEqual([['ash_k1', 'Pika!chu1'], ['misty_2', 'Star//mie2']]);
  });

  it('a list whose passwords hold blanks keeps ` #` as part of them: nothing is cut', async () => {
    const text = 'ash.k1@gmail.com:my pika chu 1\nmisty.2@gmail.com:star mie #2\n';
    const r = await readDump(input('stock.txt', text));
    expect(r.accounts.map((a) => a.password)).toEqual(['my pika chu 1', 'star mie #2']);
  });

  it('a list where some passwords hold blanks: a marker standing alone between blanks (`# sold`, `// reserved`) still starts a note; `#1` inside a password stays', async () => {
    const r = await readExact('seller-commented-blanks.txt');
    expect(r.accounts).toEqual([
      [1, 'charmander_r5', 'Blaze Tail 4', undefined, undefined],
      [2, 'squirtle_t8', 'Torrent!9', undefined, undefined],
      [3, 'bulbasaur_o2', 'leaf storm 77', undefined, undefined],
      [4, 'pikachu_vv3', 'Volt#Tackle1', undefined, undefined],
      [5, 'jigglypuff_2', 'sing a song 5', undefined, undefined],
      [6, 'zubat_cave9', 'Wing Att4ck', undefined, undefined],
      [7, 'geodude_r6', 'rock #1 smash', undefined, undefined],
    ]);
    expect(r.rejected).toEqual([]);
  });

  it('a blank-separated list (`user pass  # note`, a tab before the note, `# lvl 27`)', async () => {
    const r = await readExact('seller-commented-spaced.txt');
    expect(r.format).toBe('plain');
    expect(r.accounts).toEqual([
      [1, 'oddish_g7', 'Absorb!12', undefined, undefined],
      [2, 'bellsprout4', 'Vine#Whip3', undefined, undefined],
      [3, 'tentacool_s', 'Bubble99', undefined, undefined],
      [4, 'diglett_u1', 'Dig2Dug', 27, undefined],
      [5, 'poliwag_s5', 'Hypno!s1', undefined, undefined],
    ]);
    expect(r.rejected).toEqual([]);
  });

  it('in a seller\'s mail, as an .eml, an mbox and pasted text: a note is neither prose that hides the account nor part of its password', async () => {
    const expected = [
      ['kabuto_f3', 'Aqua!Jet22', undefined],
      ['omanyte_s7', 'Spike#Cannon4', undefined],
      ['horsea_w1', 'Smoke!Scr33n', undefined],
      ['krabby_c9', 'Crab!H4mmer', 27],
    ];
    const eml = fixtureBytes('seller-commented.eml');
    const mbox = Buffer.concat([Buffer.from('From orders@pogostock.example Sat Dec  9 14:02:11 2017\n'), eml]);
    const pasted = eml.toString('utf8').split('\n').slice(9).join('\n');
    for (const dump of [input('seller-commented.eml', eml), input('orders.mbox', mbox), input('order.txt', pasted)]) {
      const r = await readDump(dump);
      expect(r.accounts.map((a) => [a.username, a.password, a.level]), dump.name).toEqual(expected);
    }
  });
});
