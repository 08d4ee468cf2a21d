// A seller's social handle (`twitter:@pokemongo`, `Instagram: @shop`, `Discord: Shop#1234`) in a
// file of accounts is never an account, however it splits; a real account whose password opens
// with `@` keeps it. Fixtures and their sources: test/fixtures/README.md.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fieldKind, nonAccountKind } from '../../src/formats/lists/line-kinds.js';
import { fixture, fixtureBytes, input } from './helpers.js';

describe('social handles', () => {
  it('a stock list with the shop\'s handles under it: only the accounts are read, each handle is explained', async () => {
    const r = await readDump(fixture('seller-socials.txt'));
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level])).toEqual([
      [2, 'growlithe_f1', 'Fire!Fang30', 30],
      [3, 'poliwag_sw2', 'Bubble#Beam8', 30],
      [4, 'abra_tele3', 'Tele$Port91', 30],
    ]);
    const explained = new Map([...r.rejected, ...(r.skipped ?? [])].map((j) => [j.line, j.kind]));
    // `Discord: PogoShop#1234` is a mail's contact label to the mail reader (prose), a handle to the list reader.
    expect([6, 7, 8, 9, 10, 11].map((line) => explained.get(line))).toEqual(['handle', 'handle', expect.stringMatching(/^(?:handle|prose)$/), 'handle', 'handle', 'handle']);
  });

  it('read as a plain list (`--format plain`), the handles are rejected as handles', async () => {
    const text = 'growlithe_f1:Fire!Fang30\ntwitter:@pokemongo\npoliwag_sw2:Bubble#Beam8\nInstagram: @pogo_shop1\ndiscord:PogoShop#1234\nabra_tele3:Tele$Port91\n';
    const r = await readDump(input('stock.txt', text), { format: 'plain' });
    expect(r.accounts.map((a) => a.username)).toEqual(['growlithe_f1', 'poliwag_sw2', 'abra_tele3']);
    expect(r.rejected.map((j) => [j.line, j.kind])).toEqual([[2, 'handle'], [4, 'handle'], [5, 'handle']]);
  });

  it.each([
    ['twitter', '@pokemongo'],
    ['Instagram', ' @pogo_shop1'],
    ['discord', 'PogoShop#1234'],
    ['tg', 'accs4u'],
    ['Contact', '@seller99'],
    ['DM me', '@seller99'],
  ])('%s / %s is a handle', (name, value) => {
    expect(fieldKind(name, value)).toBe('handle');
  });

  it.each(['twitter:@pokemongo', 'Instagram: @pogo_shop1', 'Telegram @accs4u', 'IG - @pogoaccs2', 'Follow us on Instagram @pogo_shop', 'Discord: PogoShop#1234'])('%s is a handle', (line) => {
    expect(nonAccountKind(line)).toBe('handle');
  });

  // Found by whitespace.property.test.ts (seed 130847625): `x__ @A_&-` was a handle after a space
  // and "words" after a U+00A0 a web page or a mail put there: a kind of blank changed the reason.
  it.each(['\u00a0', '\u3000', '\u2009'])('a handle copied with another blank than a space (case %#) is still a handle', (blank) => {
    for (const line of [`Telegram${blank}@accs4u`, `Instagram:${blank}@pogo_shop1`, `IG${blank}-${blank}@pogoaccs2`, `x__${blank}@A_&-`]) expect(nonAccountKind(line), line).toBe('handle');
  });

  it('an account whose password opens with `@` is still an account', async () => {
    const r = await readDump(input('stock.txt', 'pikachu:@Pika123\nash_k1:@Ash!456\n'));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['pikachu', '@Pika123'], ['ash_k1', '@Ash!456']]);
  });

  it('a login that is a network\'s name (`discord:Hyper8Beam`) among the accounts of a list is an account; the handles of the footer under it are not', async () => {
    const expected = [
      ['snorlax_z9', 'Rest!Snore4'],
      ['discord', 'Hyper8Beam'],
      ['lapras_ice2', 'Surf#Wave19'],
      ['twitter', 'Secret9x'],
      ['dratini_d5', 'Dragon!Rage7'],
    ];
    const text = fixtureBytes('seller-network-logins.txt').toString('utf8');
    const mail = `From: shop@pogostock.example\nTo: me@example.net\nSubject: Your order\nContent-Type: text/plain; charset=utf-8\n\n${text}`;
    for (const [dump, format] of [[fixture('seller-network-logins.txt'), undefined], [fixture('seller-network-logins.txt'), 'plain'], [input('order.eml', mail), undefined]] as const) {
      const r = await readDump(dump, format ? { format } : {});
      expect(r.accounts.map((a) => [a.username, a.password]), `${dump.name} ${format}`).toEqual(expected);
    }
    // As a plain list the footer's lines are rejected as handles, each with its line.
    const plain = await readDump(fixture('seller-network-logins.txt'), { format: 'plain' });
    expect(plain.rejected.filter((j) => j.line > 7).map((j) => [j.line, j.kind])).toEqual([[8, 'handle'], [9, 'handle'], [10, 'handle']]);
  });

  it('a network\'s name as a login is no account where the lines around it are no accounts, or it is padded unlike them', async () => {
    const footer = 'ash_k1:Pika!chu1\nmisty_2:Star#mie2\nbrock_3:Onix!rock3\n\ntwitter:pogoshop1\ntelegram:accs4u\n';
    expect((await readDump(input('stock.txt', footer))).accounts.map((a) => a.username)).toEqual(['ash_k1', 'misty_2', 'brock_3']);
    const padded = 'ash_k1:Pika!chu1\nmisty_2:Star#mie2\nDiscord: shop99\nbrock_3:Onix!rock3\n';
    expect((await readDump(input('stock.txt', padded))).accounts.map((a) => a.username)).toEqual(['ash_k1', 'misty_2', 'brock_3']);
  });

  it('a Discord chat message copied with the stock (`PogoShop#4821: thanks!`, `@trainer42 thanks`) is no account, alone or among accounts', async () => {
    await expect(readDump(input('chat.txt', 'PogoShop#4821: thanks!\n'))).rejects.toThrow(/no accounts found/);
    await expect(readDump(input('chat.txt', '@trainer42 thanks\n'))).rejects.toThrow(/no accounts found/);
    const r = await readDump(input('chat.txt', 'ash_k1:Pika!chu1\nPogoShop#4821: ty\n@trainer42 sent\nmisty_2:Star#mie2\n'), { format: 'plain' });
    expect(r.accounts.map((a) => a.username)).toEqual(['ash_k1', 'misty_2']);
  });

  it('a shop\'s handle right under the stock (no blank line between) is no account: a network\'s name is a login only between accounts', async () => {
    const stock = 'ash_k1:Pika!chu1\nmisty_2:Star#mie2\nbrock_3:Onix!rock3\n';
    for (const text of [`${stock}discord:pogoshop1\n`, `${stock}discord:pogoshop1\ntwitter:pogoshop2\n`, `discord:pogoshop1\n${stock}`, `${stock}discord:pogoshop1\n\nThanks for your order!\n`]) {
      for (const format of [undefined, 'plain', 'email-text']) {
        const r = await readDump(input('stock.txt', text), format ? { format } : {});
        expect(r.accounts.map((a) => a.username), `${JSON.stringify(text)} ${format}`).toEqual(['ash_k1', 'misty_2', 'brock_3']);
      }
    }
    // Rejected as a plain list's line, it says how an account of that name gets in.
    const edge = await readDump(input('stock.txt', `${stock}discord:Hyper8Beam\n`), { format: 'plain' });
    expect(edge.rejected).toEqual([{ line: 4, kind: 'handle', reason: expect.stringMatching(/social media handle.*read only between other accounts/) }]);
    // Between two accounts of the stock it is one of them.
    const inside = await readDump(input('stock.txt', 'ash_k1:Pika!chu1\ndiscord:Hyper8Beam\nmisty_2:Star#mie2\n'));
    expect(inside.accounts.map((a) => a.username)).toEqual(['ash_k1', 'discord', 'misty_2']);
  });
});
