// Stop 65 (J), junk blind round fourteen imported (docs/scale-log.md "Stop 65 (G2)", "Stop 65 (J)"):
// a seller's price list, a table of something else under its header, a buyer's "paid, order 4410".
// Each is a class of line or file no reader may take for accounts, whatever its words.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

const logins = async (name: string, text: string) => (await readDump(input(name, text))).accounts.map((a) => [a.username, a.password]);
const ACCOUNTS = 'trainer_kx81:Mv7!qLp2z\nrockdude4417:Hh83kdLq\nmistyfan_2017:qP0w&rE9\n';

describe("a seller's price list: a level or a count and a price is never an account", () => {
  it('a MyBB sale thread saved as HTML (`L30 - &#36;10`, quoted again below): refused as a price list, no account', async () => {
    // Before: `L30` / `$10` twice and `Lv.35` / `25€` imported. The Skype handle's line is refused for its own reason.
    await expect(readDump(fixture('saved-mybb-price-thread.html'))).rejects.toThrow(/no accounts found/);
    // Read as a list, its price lines are named.
    const text = 'Prices:\nL25 - $5\nL30 - $10\nLevel 35 - 25$\nlvl 25-29 accounts - 5 USD each\n10x L30 = 90€\n';
    await expect(readDump(input('prices.txt', text))).rejects.toThrow(/a price list \(levels or counts and prices\)/);
  });

  const LINES = ['L30 - $10', 'L25-L35 - $5', 'Level 30 - 10$', 'Lv.35 = 25€', 'lvl 25-29 accounts - 5 USD each', '10x L30 = 90€', '5 accounts: $20', 'L30:$10', 'Nivel 30 - 10 EUR', 'уровень 30 - 300 руб.', 'L30 | 10 £'];
  it.each(LINES)('`%s` among accounts is refused by its line, the accounts kept', async (price) => {
    for (const name of ['list.txt', 'mail.eml.txt']) {
      const r = await readDump(input(name, `${ACCOUNTS}${price}\n`));
      expect(r.accounts.map((a) => a.username), name).toEqual(['trainer_kx81', 'rockdude4417', 'mistyfan_2017']);
    }
  });

  it("an account whose password holds a currency's sign, or whose login opens with a level, is still one", async () => {
    expect(await logins('a.txt', 'ash01:Pika$10\nL30acc:$10abc99\nlevel30x:Pikachu1\nmisty22 - Pika10$\n')).toEqual([
      ['ash01', 'Pika$10'],
      ['L30acc', '$10abc99'],
      ['level30x', 'Pikachu1'],
      ['misty22', 'Pika10$'],
    ]);
  });
});

describe('a table of something else: a header of names, none a login or a password', () => {
  it('a raid schedule sheet (`Gym,Boss,Time,Team,Host`): refused whole naming its columns, no row imported', async () => {
    await expect(readDump(fixture('sheet-raid-schedule.csv'))).rejects.toThrow(/no accounts found.*names its columns \(Gym, Boss, Time, Team, Host\) and none a login or a password/);
    // At `;` and tabs too, and with a row whose first cell has a blank telling it (no number column).
    await expect(readDump(input('t.csv', 'Stop;Pokemon;Team;Note\nChurch Park;Lugia;Valor;bring_friends\nLibrary;Articuno;Instinct;brock_r\nMall;Mewtwo;Mystic;ex_raid\n'))).rejects.toThrow(/none a login or a password/);
  });

  it('a first account written without a digit is no such header: the list is read, that line refused', async () => {
    expect(await logins('a.csv', 'ashketchum,pikachu,Mystic\nmisty22,Starmie99,Valor\nbrock33,Onix4321,Instinct\n')).toEqual([
      ['misty22', 'Starmie99'],
      ['brock33', 'Onix4321'],
    ]);
  });
});

describe('a sentence: words, a comma, an order and its number', () => {
  const line = (time: string, who: string, text: string) => `14/11/2017, ${time} - ${who}: ${text}\n`;

  it.each(['paguei, pedido 4410', 'bezahlt, Bestellung 4410', 'paid, order #4410', 'ya pagué, pedido 4410', 'оплатил, заказ 4410'])('`%s` is no account, in a list or a chat', async (paid) => {
    expect(await logins('list.txt', `${ACCOUNTS}${paid}\n`)).toEqual([
      ['trainer_kx81', 'Mv7!qLp2z'],
      ['rockdude4417', 'Hh83kdLq'],
      ['mistyfan_2017', 'qP0w&rE9'],
    ]);
    // The buyer's line was an account the buyer gave: with both sides giving accounts, the chat was refused whole.
    const chat = line('19:00', 'Ash K', paid) + line('19:03', 'PokeStockz', 'wacc01:Pika!chu1\nwacc02:Star!mie2');
    expect(await logins('chat.txt', chat)).toEqual([
      ['wacc01', 'Pika!chu1'],
      ['wacc02', 'Star!mie2'],
    ]);
  });

  it('alone, the lines are a letter without accounts', async () => {
    await expect(readDump(input('chat.txt', 'paguei, pedido 4410\nbezahlt, Bestellung 4410\n'))).rejects.toThrow(/no accounts found.*a letter without accounts/);
  });
});
