// A renamed two-person chat (issue 14): WhatsApp's export saved as `chat.txt` names neither side,
// so the sides are taken from what the chat says (chat-sides.ts), as a careful reader takes them.
// Lines as WhatsApp's Android export writes them (whatsapp-chat.ts cites the parsers learnt from).
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { input } from './helpers.js';

const line = (time: string, who: string, text: string) => `14/11/2017, ${time} - ${who}: ${text}\n`;

describe('a renamed two-person chat: the sides from what it says', () => {
  it("the buyer holds an account up first (\"is this one yours?\"): the seller's delivery is read, the buyer's account refused, saying why", async () => {
    const chat =
      line('19:00', 'Ash K', 'hi, is this one yours?\nash01:Pika!chu9') +
      line('19:01', 'PokeStockz', 'no. 3x lvl 30 is 12 USD') +
      line('19:02', 'Ash K', 'ok, sent you $12') +
      line('19:04', 'PokeStockz', 'Here are your accounts:\nwacc01:Pika!chu1\nwacc02:Star!mie2\nwacc03:Onix#Rock3');
    const r = await readDump(input('chat.txt', chat));
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([
      [6, 'wacc01', 'Pika!chu1'],
      [7, 'wacc02', 'Star!mie2'],
      [8, 'wacc03', 'Onix#Rock3'],
    ]);
    expect(r.rejected.map((j) => j.line)).toEqual([2]);
    expect(r.rejected[0]!.reason).toMatch(/no message of the other side delivers.*PokeStockz is taken for the seller and Ash K for the buyer, as PokeStockz says "here are the accounts" and Ash K says "is this one yours", "paid"/);
    expect(JSON.stringify(r.rejected)).not.toContain('Pika!chu9');
  });

  it('the seller delivers without a word, the buyer pays and complains with a list: the buyer is who paid', async () => {
    const chat =
      line('19:00', 'Ash K', 'paid, order 4410') +
      line('19:03', 'PokeStockz', 'wacc01:Pika!chu1\nwacc02:Star!mie2') +
      line('19:06', 'Ash K', 'these two do not work:\nwacc05:Mew!two5\nwacc06:Mew!two6');
    const r = await readDump(input('chat.txt', chat));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([
      ['wacc01', 'Pika!chu1'],
      ['wacc02', 'Star!mie2'],
    ]);
    expect(r.rejected.map((j) => j.line)).toEqual([5, 6]);
    expect(r.rejected[0]!.reason).toMatch(/PokeStockz is taken for the seller and Ash K for the buyer, as Ash K says "paid", "does not work"/);
  });

  it('nothing said either way: the one sender who gives accounts is the seller', async () => {
    const chat = line('19:00', 'Ash K', 'hi') + line('19:01', 'PokeStockz', 'wacc01:Pika!chu1') + line('19:02', 'Ash K', 'ty');
    const r = await readDump(input('chat.txt', chat));
    expect(r.accounts.map((a) => a.username)).toEqual(['wacc01']);
  });

  it("nothing said, the buyer repeating the seller's account: a copy gives nothing, the seller is who gave it first", async () => {
    const chat = line('19:00', 'PokeStockz', 'wacc01:Pika!chu1') + line('19:01', 'Ash K', 'wacc01:Pika!chu1') + line('19:02', 'PokeStockz', 'wacc02:Star!mie2');
    const r = await readDump(input('chat.txt', chat));
    expect(r.accounts.map((a) => a.username)).toEqual(['wacc01', 'wacc02']);
    expect(r.rejected).toEqual([]);
  });

  it('the buyer asks for a check of a list of their own: the one who answers is not taken for the buyer', async () => {
    const chat = line('19:00', 'Ash K', 'can you check these\nash01:Pika!chu1\nash02:Star!mie2') + line('19:01', 'PokeStockz', 'sure. and your new one:\nwacc01:Onix#Rock3');
    const r = await readDump(input('chat.txt', chat));
    expect(r.accounts.map((a) => a.username)).toEqual(['wacc01']);
    expect(r.rejected.map((j) => j.line)).toEqual([2, 3]);
  });

  it('both give accounts and nothing tells who sold: every account refused, naming both senders and how to name the seller', async () => {
    const chat = line('19:00', 'Ash K', 'mine\nash01:Pika!chu1') + line('19:01', 'Misty', 'and mine\nmisty01:Star!mie2');
    const err = await readDump(input('chat.txt', chat)).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(/line 2: message 1: .*nothing in the chat tells which of Ash K and Misty sold the accounts \(both give accounts;.*`WhatsApp Chat with NAME\.txt`/);
    expect(err?.message).toMatch(/line 4: message 2: /);
    expect(err?.message).not.toMatch(/Pika!chu1|Star!mie2/);
    // Saved under the app's own name, the same chat reads: the name says the seller.
    const named = await readDump(input('WhatsApp Chat with Misty.txt', chat));
    expect(named.accounts.map((a) => a.username)).toEqual(['misty01']);
  });
});
