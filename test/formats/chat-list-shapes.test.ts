// More shapes sellers paste their stock in, from chats and spreadsheets: an emoji standing
// between login and password (`user 🔑 pass`), columns aligned with a tab and then spaces, Excel's
// copy with empty cells trailing as tabs, a Telegram template `Логин: x | Пароль: y` (on main the
// list reader cut it at ` | ` as a note and imported the account `Логин` with the password
// `x`), numbered `1) u - p` and `u / p` lines, and a header naming the columns in any case and in
// the sellers' languages (Spanish, Portuguese, Russian).
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { parsePlain } from '../../src/formats/lists/plain.js';
import { input, readExact } from './helpers.js';

const pairs = async (text: string) => (await readDump(input('stock.txt', text))).accounts.map((a) => [a.line, a.username, a.password, a.level]);

describe('chat and spreadsheet shapes', () => {
  it('an emoji alone between blanks is the separator; one after the password is still no part of it', async () => {
    const r = await readExact('seller-emoji-separator.txt');
    expect(r.accounts).toEqual([
      [1, 'pidgey_e1', 'Gust!Wing01', undefined, undefined],
      [2, 'pidgeotto_e2', 'Whirl#Wind02', undefined, undefined],
      [3, 'pidgeot_e3', 'Hurri!Cane03', undefined, undefined],
      [4, 'spearow_e4', 'Peck#Fury04', undefined, undefined],
    ]);
    expect(r.rejected).toEqual([]);
    const marked = await readDump(input('stock.txt', 'pidgey_e1:Gust!Wing01\npidgeotto_e2:Whirl#Wind02 ❌\n'));
    expect(marked.accounts.map((a) => a.password)).toEqual(['Gust!Wing01']);
    expect(marked.rejected.map((j) => j.line)).toEqual([2]);
  });

  it('blanks after a tab are the alignment, never a password\'s start; Excel\'s trailing tabs are empty cells; an empty password cell refuses its row', async () => {
    const r = await readExact('seller-tab-aligned.txt');
    expect(r.accounts).toEqual([
      [2, 'mankey_t1', 'Karate!Chop1', 30, undefined],
      [3, 'primeape_t2', 'Low#Kick02', 31, undefined],
    ]);
    expect(r.rejected).toEqual([{ line: 4, reason: 'missing password' }]);
    expect(await pairs('ash01x\t\tPika1234\nmisty02   \tStarm1e9\nbrock03\t  Onix3rock\n')).toEqual([
      [1, 'ash01x', 'Pika1234', undefined],
      [2, 'misty02', 'Starm1e9', undefined],
      [3, 'brock03', 'Onix3rock', undefined],
    ]);
  });

  it("a Telegram template's labels in Russian around a ` | `: the login and password, never the label as the login", async () => {
    const r = await readExact('seller-labels-ru.txt');
    expect(r.accounts).toEqual([
      [1, 'snorunt_r1', 'Ice!Shard01', undefined, undefined],
      [2, 'glalie_r2', 'Crunch#Ice02', undefined, undefined],
      [3, 'froslass_r3', 'Shadow!Ball3', undefined, undefined],
    ]);
    // The list reader alone (what `--format plain` reads) agrees.
    const list = parsePlain(input('ru.txt', 'Логин: snorunt_r1 | Пароль: Ice!Shard01\nUsuario: glalie_r2 | Contraseña: Crunch#Ice02\n'));
    expect(list.accounts.map((a) => [a.username, a.password])).toEqual([
      ['snorunt_r1', 'Ice!Shard01'],
      ['glalie_r2', 'Crunch#Ice02'],
    ]);
  });

  it('numbered lines with a spaced dash or slash', async () => {
    expect(await pairs('1) ash01x - Pika1234\n2) misty02 - Starm1e9\n')).toEqual([
      [1, 'ash01x', 'Pika1234', undefined],
      [2, 'misty02', 'Starm1e9', undefined],
    ]);
    expect(await pairs('1. ash01x / Pika1234\n2. misty02 / Starm1e9\n')).toEqual([
      [1, 'ash01x', 'Pika1234', undefined],
      [2, 'misty02', 'Starm1e9', undefined],
    ]);
  });

  it('a header naming login and password in any case and in Spanish, Portuguese or Russian is the header, no account', async () => {
    for (const header of ['Username Password', 'USERNAME PASSWORD', 'Usuario Contraseña', 'Usuário Senha', 'Логин Пароль', 'логин пароль', 'Usuario:Contraseña', 'Nombre de usuario\tContraseña']) {
      const sep = header.includes(':') ? ':' : header.includes('\t') ? '\t' : ' ';
      expect(await pairs(`${header}\nash01x${sep}Pika1234\nmisty02${sep}Starm1e9\n`)).toEqual([
        [2, 'ash01x', 'Pika1234', undefined],
        [3, 'misty02', 'Starm1e9', undefined],
      ]);
    }
  });
});
