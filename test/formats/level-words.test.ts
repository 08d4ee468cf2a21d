// The level in the words of every language sellers wrote it in (`niveau 30`, `nivel 30`,
// `Stufe 30`, `LV 30`, level-words.ts): in a product or subject line, after an account, in a
// table's column and in a file's name, read as `Level 30` is. Fixtures: test/fixtures/README.md.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { input, readExact } from './helpers.js';
import { LEVEL_WORD_LAST, LEVEL_WORDS } from '../../src/formats/lists/level-words.js';

describe('level words in other languages', () => {
  it('a French delivery\'s product line ("Produit : 3x Compte PTC niveau 30") gives every account its level, and is no account itself', async () => {
    const r = await readExact('seller-niveau.txt');
    expect(r.accounts).toEqual([
      [4, 'sandshrew_7q', 'Sand!Attack4', 30, undefined],
      [5, 'nidoran_f22', 'Poison#Sting8', 30, undefined],
      [6, 'clefairy_m1', 'Moon$Light27', 30, undefined],
    ]);
    expect(r.rejected).toEqual([]);
  });

  it('the same product line read as a plain list is read past, never taken for an account named `Produit`', async () => {
    const r = await readDump(input('commande.txt', 'Produit : 3x Compte PTC niveau 30\nsandshrew_7q:Sand!Attack4\nnidoran_f22:Poison#Sting8\n'), { format: 'plain' });
    expect(r.accounts.map((a) => [a.username, a.level])).toEqual([['sandshrew_7q', 30], ['nidoran_f22', 30]]);
  });

  it('a Spanish subject line ("Asunto: Pedido #5531 - 2 cuentas PTC nivel 30") states the level of a `;` list', async () => {
    const r = await readExact('seller-nivel-asunto.txt');
    expect(r.accounts).toEqual([
      [3, 'golduck_p2', 'Hydro!Pump6', 30, undefined],
      [4, 'mankey_f7', 'Karate#Chop1', 30, undefined],
    ]);
  });

  it('a level noted after each account in any language (`| niveau 27`, `- nivel 31`, `(Stufe 29)`, `[LV 28]`, `nível`, `livello`, `niv. 30`) is its level, not the end of its password', async () => {
    const r = await readExact('seller-level-words.txt');
    expect(r.format).toBe('plain');
    expect(r.accounts).toEqual([
      [1, 'sandslash_4k', 'Slash!Claw27', 27, undefined],
      [2, 'nidorino_h8', 'Horn#Drill31', 31, undefined],
      [3, 'vileplume_2', 'Petal$Dance5', 29, undefined],
      [4, 'parasect_x3', 'Spore*Cut66', 28, undefined],
      [5, 'venomoth_b5', 'Silver!Wind2', 24, undefined],
      [6, 'dugtrio_t9', 'Earth#Quake3', 26, undefined],
      [7, 'persian_c4', 'Fury$Swipe9', 30, undefined],
    ]);
  });

  it('an order page\'s table under French column names (`Utilisateur`, `Mot de passe`, `Niveau`) reads each row\'s level', async () => {
    const r = await readExact('seller-niveau-table.html');
    expect(r.accounts.map(([, u, p, l]) => [u, p, l])).toEqual([
      ['sandshrew_7q', 'Sand!Attack4', 27],
      ['nidoran_f22', 'Poison#Sting8', 31],
    ]);
  });

  it('a mail\'s `Niveau:` / `Nivel:` / `Stufe:` label is the account\'s level', async () => {
    const text = 'Username: sandshrew_7q\nPassword: Sand!Attack4\nNiveau: 27\n\nUsername: nidoran_f22\nPassword: Poison#Sting8\nStufe: 31\n';
    const r = await readDump(input('mail.txt', text));
    expect(r.accounts.map((a) => [a.username, a.password, a.level])).toEqual([['sandshrew_7q', 'Sand!Attack4', 27], ['nidoran_f22', 'Poison#Sting8', 31]]);
  });

  it('a file name in another language (`comptes_niveau30.txt`, `cuentas-nivel-25.txt`) states the level', async () => {
    for (const [name, level] of [['comptes_niveau30.txt', 30], ['cuentas-nivel-25.txt', 25], ['konten_stufe31.txt', 31]] as const) {
      const r = await readDump(input(name, 'sandshrew_7q:Sand!Attack4\nnidoran_f22:Poison#Sting8\n'));
      expect(r.accounts.map((a) => a.level), name).toEqual([level, level]);
    }
  });

  it('a level word inside a password or a login is no level (`niveau30` as a password, `stufe_7` as a login)', async () => {
    const r = await readDump(input('stock.txt', 'sandshrew_7q:niveau30\nstufe_7:Poison#Sting8\n'));
    expect(r.accounts.map((a) => [a.username, a.password, a.level])).toEqual([['sandshrew_7q', 'niveau30', undefined], ['stufe_7', 'Poison#Sting8', undefined]]);
  });

  // The languages the game and its shops were localised into, each as its own word for "level":
  // Czech and Slovak, Polish, Turkish, Vietnamese, Indonesian, Malay, Hungarian, Swedish, Russian,
  // Ukrainian, Bulgarian, Greek, Thai, Korean, Japanese, Chinese, Arabic, Hebrew, Hindi.
  const WORDS = ['Úroveň', 'Uroven', 'Poziom', 'Seviye', 'Cấp', 'Cấp độ', 'Tingkat', 'Tahap', 'Szint', 'Nivå', 'Уровень', 'Рівень', 'Ниво', 'Επίπεδο', 'เลเวล', 'ระดับ', '레벨', 'レベル', '等级', 'المستوى', 'רמה', 'स्तर'];

  it('a heading, a note after an account and a mail\'s label in every language give the level, never part of a password', async () => {
    for (const w of WORDS) {
      const heading = await readDump(input('stock.txt', `${w} 30\nsandshrew_7q:Sand!Attack4\nnidoran_f22:Poison#Sting8\n`));
      expect(heading.accounts.map((a) => [a.username, a.password, a.level]), w).toEqual([['sandshrew_7q', 'Sand!Attack4', 30], ['nidoran_f22', 'Poison#Sting8', 30]]);
      const notes = await readDump(input('stock.txt', `sandshrew_7q:Sand!Attack4 | ${w} 27\nnidoran_f22:Poison#Sting8 (${w} 31)\nclefairy_m1:Moon$Light27 - ${w}: 29\n`));
      expect(notes.accounts.map((a) => [a.username, a.password, a.level]), w).toEqual([['sandshrew_7q', 'Sand!Attack4', 27], ['nidoran_f22', 'Poison#Sting8', 31], ['clefairy_m1', 'Moon$Light27', 29]]);
      const mail = await readDump(input('mail.txt', `Username: sandshrew_7q\nPassword: Sand!Attack4\n${w}: 27\n\nUsername: nidoran_f22\nPassword: Poison#Sting8\n${w}: 31\n`));
      expect(mail.accounts.map((a) => [a.username, a.password, a.level]), w).toEqual([['sandshrew_7q', 'Sand!Attack4', 27], ['nidoran_f22', 'Poison#Sting8', 31]]);
    }
  });

  it('the number before the word (`30 seviye`, `(30 tingkat)`) is the level too; the word alone or inside a password is none', async () => {
    for (const w of ['seviye', 'tingkat', 'szint', 'nivå', 'cấp', 'уровень', '레벨']) {
      const r = await readDump(input('stock.txt', `sandshrew_7q:Sand!Attack4 - 30 ${w}\nnidoran_f22:Poison#Sting8 (31 ${w})\nclefairy_m1:${w}30\n`));
      expect(r.accounts.map((a) => [a.username, a.password, a.level]), w).toEqual([['sandshrew_7q', 'Sand!Attack4', 30], ['nidoran_f22', 'Poison#Sting8', 31], ['clefairy_m1', `${w}30`, undefined]]);
    }
    // The cheap look before the regex lets through every ASCII letter a word of the list ends with.
    for (const w of LEVEL_WORDS.replace(/\[ \\t\]\+/g, ' ').replace(/\[(.)[^\]]*\]/g, '$1').split('|')) {
      if (w.charCodeAt(w.length - 1) < 128) expect(LEVEL_WORD_LAST, w).toContain(w.at(-1));
    }
  });
});
