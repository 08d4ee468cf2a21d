// A renamed two-person chat in the languages 2017-2018 sellers wrote in (issue 14): the sides are
// taken from what is said (side-phrases.ts) as in English (chat-sides.test.ts). Lines as WhatsApp's
// Android export writes them (whatsapp-chat.ts cites the parsers learnt from); read as `chat.txt`.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { input } from './helpers.js';

const line = (time: string, who: string, text: string) => `14/11/2017, ${time} - ${who}: ${text}\n`;

// The buyer pays, the seller delivers, the buyer complains with an account the seller never gave:
// both give accounts, so without the phrases nothing would tell the sides apart (every account refused).
const CHATS: [string, string, string, string][] = [
  ['German', 'hab gerade überwiesen, Bestellung 4410', 'Hier sind deine Accounts:', 'der hier funktioniert nicht:'],
  ['Spanish', 'ya pagué, pedido 4410', 'Aquí tienes tus cuentas:', 'esta no funciona:'],
  ['Portuguese', 'já paguei o pedido 4410', 'Seguem as contas:', 'essa não funciona:'],
  ['Russian', 'я оплатил заказ 4410', 'Вот ваши аккаунты:', 'этот не работает:'],
  ['French', "j'ai payé, commande 4410", 'Voici vos comptes :', 'celui-ci ne marche pas :'],
];

describe('a renamed chat in another language: the sides from what it says', () => {
  it.each(CHATS)('%s: the seller delivers, the buyer who paid and complains is the buyer', async (language, paid, here, broken) => {
    const chat = line('19:00', 'Ash K', paid) + line('19:03', 'PokeStockz', `${here}\nwacc01:Pika!chu1\nwacc02:Star!mie2`) + line('19:06', 'Ash K', `${broken}\nwacc05:Mew!two5`);
    const r = await readDump(input('chat.txt', chat));
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([
      [3, 'wacc01', 'Pika!chu1'],
      [4, 'wacc02', 'Star!mie2'],
    ]);
    expect(r.rejected.map((j) => j.line)).toEqual([6]);
    expect(r.rejected[0]!.reason).toContain(`PokeStockz is taken for the seller and Ash K for the buyer, as PokeStockz says "here are the accounts (${language})" and Ash K says "paid (${language})", "does not work (${language})"`);
    expect(JSON.stringify(r.rejected)).not.toContain('Mew!two5');
  });

  it("a seller's \"if it does not work\" is no complaint: with nothing else said, the one giving accounts sells", async () => {
    for (const ifBroken of ['si ça ne marche pas, dis-moi', 'wenn es nicht funktioniert, schreib mir', 'если не работает, пиши', "if it doesn't work tell me"]) {
      const chat = line('19:00', 'Ash K', 'hi') + line('19:01', 'PokeStockz', `wacc01:Pika!chu1\n${ifBroken}`) + line('19:02', 'Ash K', 'ok');
      const r = await readDump(input('chat.txt', chat));
      expect(r.accounts.map((a) => a.username), ifBroken).toEqual(['wacc01']);
    }
  });

  it('a question is no payment: "¿ya has pagado?" and "оплатил?" said by the seller tell nothing', async () => {
    const chat = line('19:00', 'PokeStockz', 'оплатил?') + line('19:01', 'Ash K', 'wacc01:Pika!chu1') + line('19:02', 'PokeStockz', 'wacc02:Star!mie2');
    // Nothing said by either side: both give accounts, so every account is refused, naming both.
    await expect(readDump(input('chat.txt', chat))).rejects.toThrow(/nothing in the chat tells which of PokeStockz and Ash K sold the accounts/);
  });
});
