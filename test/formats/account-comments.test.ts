// A note after an account (`user:pass # sold to bob`, `user:pass // reserved`, `user:pass ; 2
// left`) is the operator's, not the password's: read past, as RocketMap's config reader
// (ConfigArgParse) reads past a `#` or `;` after a blank. A password holding `#`, `//` or `;`
// without a blank before it stays whole, and a list whose passwords hold blanks keeps them.
// Fixtures and their sources: test/fixtures/README.md.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { input, readExact } from './helpers.js';

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

});
