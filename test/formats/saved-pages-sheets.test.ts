// Stop 65 (G2), blind files round fourteen (b): what a buyer or operator saved from the web and
// from editors. Each case is a class the round found read wrong or refused (docs/scale-log.md).
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { toDumpInput } from '../../src/formats/decode.js';
import { fixture, input } from './helpers.js';

const rows = (r: Awaited<ReturnType<typeof readDump>>) => r.accounts.map((a) => [a.username, a.password, a.level]);

describe('a title counting the accounts before their level', () => {
  it('`Giving away 3 lvl 28 accounts` (a Reddit thread saved as HTML): level 28, never the count 3', async () => {
    const r = await readDump(fixture('saved-reddit-giveaway.html'));
    expect(rows(r)).toEqual([['snorlaxnap88', 'Gh4&kL2p', 28], ['lapras_wave7', 'Ui9*oP0q', 28], ['dratini_d21', 'Ws3$eD4r', 28]]);
    // The same as text, and `30 lvl` with no number after it still states 30.
    const copied = await readDump(input('copied.txt', 'Giving away 3 lvl 28 accounts\n\nash01x:Pw1!abc\n'));
    expect(rows(copied)).toEqual([['ash01x', 'Pw1!abc', 28]]);
    const after = await readDump(input('after.txt', 'Selling 30 lvl accounts\n\nash01x:Pw1!abc\n'));
    expect(rows(after)).toEqual([['ash01x', 'Pw1!abc', 30]]);
  });
});

describe('a code view saved from the web', () => {
  it('a gist page\'s table of lines (an empty line-number cell, the line in the next): each row its own line, every password exact', async () => {
    const r = await readDump(fixture('saved-gist-page.html'));
    // `# rocketmap accounts, all lvl 30` on the first line states their level.
    expect(rows(r)).toEqual([['trainer_kx81', 'Mv7!qLp2z', 30], ['rockdude4417', 'Hh83kdLq', 30], ['mistyfan_2017', 'qP0w&rE9', 30], ['Zubat0Slayer', 'cT6yUu1x', 30], ['evee.lover09', 'Lr4#nmQa', 30]]);
    // Numbered in the cell itself, the same; a grid with two filled cells a row is no code view.
    const numbered = '<html><body><table>' + ['ash01x:Pw1!abc', 'brock02:Onix2xyz'].map((l, i) => `<tr><td>${i + 1}</td><td>${l}</td></tr>`).join('\n') + '</table></body></html>';
    expect(rows(await readDump(input('n.html', numbered))).map((a) => a[1])).toEqual(['Pw1!abc', 'Onix2xyz']);
  });
});

describe('spreadsheets as editors export them', () => {
  it('LibreOffice\'s "quote all text cells" with a column it does not know (`"Checked"`) and levels unquoted: read by the header', async () => {
    const r = await readDump(fixture('sheet-libreoffice-quote-text.csv'));
    expect(rows(r)).toEqual([['geodude_rk1', 'Rt5^yU6i', 25], ['onix_rock22', 'Fg7&hJ8k', 26], ['graveler_g3', 'Vb9*nM0l', 27]]);
    // At `,` too; the checked column's words are in no field.
    const comma = await readDump(input('c.csv', '"Account","Pass","Lvl","Checked"\n"geodude_rk1","Rt5^yU6i",25,"x 2017-11-10"\n"onix_rock22","Fg7&hJ8k",26,"y"\n'));
    expect(rows(comma)).toEqual([['geodude_rk1', 'Rt5^yU6i', 25], ['onix_rock22', 'Fg7&hJ8k', 26]]);
  });

  it('a European `;` sheet (Excel, LibreOffice): a quoted password holding `;` beside a price with a decimal comma (`12,5`), read by the header', async () => {
    const text = "Identifiant;Mot de passe;Niveau;Date d'achat;Prix\r\npidgey_flap1;\"Ce3!vBn7;x\";27;03/12/2017;12,5\r\nrattata_rat2;\"Xq8#wEr1;x\";30;04/12/2017;12,5\r\n";
    expect(rows(await readDump(input('fr.csv', text)))).toEqual([['pidgey_flap1', 'Ce3!vBn7;x', 27], ['rattata_rat2', 'Xq8#wEr1;x', 30]]);
  });

  it('Numbers\' CSV with "Include table names": the name on the line above the header is read past', async () => {
    const r = await readDump(fixture('sheet-numbers-table-name.csv'));
    expect(rows(r)).toEqual([['geodude_rk1', 'Rt5^yU6i', 30], ['onix_rock22', 'Fg7&hJ8k', 30], ['graveler_g3', 'Vb9*nM0l', 28]]);
    const named = await readDump(input('n.csv', 'PoGo stock\nUsername,Password,Level,Team\nash01x,Pw1!abc,31,Mystic\n'));
    expect(rows(named)).toEqual([['ash01x', 'Pw1!abc', 31]]);
  });

  it('a header split by blanks (a table copied out of a terminal, tabs turned to spaces) is no table name: its Level column read', async () => {
    const text = 'Username          Password    Level\nmachop_punch1     Sd2!fG3h    22\nmachoke_flex2     Jk4@lZ5x    23\nmachamp_four3     Cv6#bN7m    24\n';
    expect(rows(await readDump(input('t.txt', text)))).toEqual([['machop_punch1', 'Sd2!fG3h', 22], ['machoke_flex2', 'Jk4@lZ5x', 23], ['machamp_four3', 'Cv6#bN7m', 24]]);
  });

  it('a login and a password split by a blank above a header is no table name: never read past', async () => {
    // `ash01 Pw1` mixes letters and digits in a word: an account's shape, so no header is looked for under it.
    const r = await readDump(input('p.txt', 'ash01x Pw1abc\nbrock02 Onix2xyz\n'));
    expect(rows(r).map((a) => a[0])).toEqual(['ash01x', 'brock02']);
  });
});

describe('files as old editors and DOS tools save them', () => {
  it('a Ctrl+Z end-of-file mark glued to the last account or on a line of its own is dropped, never part of a password or level', async () => {
    const r = await readDump(fixture('dos-eof-mark.txt'));
    expect(rows(r)).toEqual([['slowpoke_zz1', 'Wx7#pQ2e', 29], ['magnemite_m2', 'Tr5!kL8s', 29], ['farfetchd_f3', 'Bn2&hJ4d', 29]]);
    expect(r.rejected).toEqual([]);
    const own = await readDump(toDumpInput('z.txt', Buffer.from('ash01x:Pw1!abc\r\n\x1a')));
    expect(rows(own)).toEqual([['ash01x', 'Pw1!abc', undefined]]);
    expect(own.rejected).toEqual([]);
    // Inside the text it is a control character as before: the password holding it is refused.
    const inside = await readDump(toDumpInput('y.txt', Buffer.from('ash01x:Pw1\x1aabc\nbrock02:Onix2xyz\n')));
    expect(rows(inside).map((a) => a[0])).toEqual(['brock02']);
  });
});
