// Chat lines copied with a delivery (`Bob: hi` / `Alice: sure`, `seller: here` / `buyer: thx`):
// people's names before a colon repeat over words, as unknown labels repeat over an account's
// values (unknown-labels.ts). They are refused as chat lines, not blamed on labels of an unknown
// language, and the accounts pasted between them are read exact.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { input } from './helpers.js';

describe('chat lines around pasted accounts', () => {
  const chats = [
    'Bob: hi\nAlice: hey\n\nBob: ok\nAlice: sure\n',
    'seller: here\nbuyer: thx\n',
    'Verkäufer: hallo\nKäufer: danke!\n',
  ];
  it('name them chat lines, and read every account between them exact', async () => {
    for (const chat of chats) {
      const [a, ...b] = chat.trimEnd().split('\n');
      const text = `${a}\nash_01:Pika!12\nmisty_2:Star#34\n${b.join('\n')}\nBob: cheers\nAlice: bye\n`;
      const r = await readDump(input('chat.txt', text));
      expect(r.accounts.map((x) => [x.line, x.username, x.password]), text).toEqual([
        [2, 'ash_01', 'Pika!12'],
        [3, 'misty_2', 'Star#34'],
      ]);
      for (const x of r.rejected) expect(x.reason, text).toMatch(/chat lines/);
      expect(r.rejected.map((x) => x.reason).join(' '), text).not.toMatch(/language accountpool does not know/);
    }
  });

  it('unknown labels over account values are still refused as labels of an unknown language', async () => {
    const text = 'Fiók: ash_01\nKód: Pika!12\n\nFiók: misty_2\nKód: Star#34\n';
    await expect(readDump(input('mail.txt', text))).rejects.toThrow(/language accountpool does not know/);
  });

  it('a file of chat lines alone, even one (`Bob: hi`), is refused as chat lines, not as a newsletter', async () => {
    for (const chat of ['Bob: hi\n', 'Bob: hi there\nAlice: hello!\n', 'Jean-Luc: bonjour\n', 'Мария: привет\n']) {
      await expect(readDump(input('chat.txt', chat)), chat).rejects.toThrow(/a message without accounts: chat lines/);
    }
    // A note's label and a reply's subject are no sender.
    for (const text of ['Note: good luck\n', 'Re: order\n']) {
      await expect(readDump(input('chat.txt', text)), text).rejects.not.toThrow(/chat lines/);
    }
  });
});
