// Label blocks in a language no reader knows (Albanian, Icelandic, Swahili here: their words for a
// login and a password, as their sites label a login form). Each label's line splits like
// `user:pass`, so the list reader made every label a login with the value for its password; now
// the lines are rejected naming the labels, and the file is refused: nothing invented, nothing
// guessed from the labels' order (src/formats/mail/unknown-labels.ts).
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { input } from './helpers.js';

const blocks = (labels: string[], greeting = '', close = '') =>
  greeting + [['sq0acc01', 'Xq!pass01', 'a1@mail.example'], ['sq0acc02', 'Xq!pass02', 'a2@mail.example']].map((values) => labels.map((l, n) => `${l}: ${values[n]}`).join('\n')).join('\n\n') + '\n' + close;

describe('labels of a language no reader knows', () => {
  const cases: [string, string][] = [
    ['Albanian', blocks(['Përdoruesi', 'Fjalëkalimi'])],
    ['Icelandic, in a letter', blocks(['Notandanafn', 'Lykilorð'], 'Halló,\n\n', '\nTakk fyrir\n')],
    ['Swahili, with an e-mail label', blocks(['Jina la mtumiaji', 'Nenosiri', 'Barua pepe'])],
  ];
  for (const [language, text] of cases) {
    it(`${language}: refused by its lines, never a label as a login, never a password in the message`, async () => {
      const error = await readDump(input('delivery.txt', text)).then(
        (r) => { throw new Error(`read ${JSON.stringify(r.accounts.map((a) => a.username))}`); },
        (e: Error) => e,
      );
      expect(error.message).toMatch(/no accounts found/);
      expect(error.message).toMatch(/labels of a language accountpool does not know \(`[^`]+:`, `[^`]+:`/);
      expect(error.message).not.toMatch(/Xq!pass0/);
    });
  }

  it('a list whose logins are words, each once, is still a list', async () => {
    const r = await readDump(input('stock.txt', 'ash:Pika1\nbrock:Onix2\nmisty:Star3\n'));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['ash', 'Pika1'], ['brock', 'Onix2'], ['misty', 'Star3']]);
  });

  it('a known label block beside an unknown label repeated is read as before', async () => {
    const text = 'Username: ash01\nPassword: Pika!1\nTrainer: Ash\n\nUsername: ash02\nPassword: Pika!2\nTrainer: Gary\n';
    const r = await readDump(input('delivery.txt', text));
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([[1, 'ash01', 'Pika!1'], [5, 'ash02', 'Pika!2']]);
  });
});
