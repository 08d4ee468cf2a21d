// A seller's reply that corrects one password of an earlier delivery, pasted as plain text
// instead of saved as an .eml: the reply's own password wins over the one it quotes, as it does
// in seller-correction.eml, whether the client quoted with `> ` (Gmail) or under
// `-----Original Message-----` (Outlook). Fixtures and their sources: test/fixtures/README.md.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { input, readExact } from './helpers.js';

describe('a reply with a correction, pasted as text', () => {
  it('Gmail\'s `On ... wrote:` and `> ` quoting: the reply\'s `user:pass` wins, the other quoted accounts stay', async () => {
    const r = await readExact('seller-correction-pasted.txt');
    expect(r.format).toBe('email-text');
    expect(r.accounts).toEqual([
      [2, 'raikou_thunder3', 'Volt!Tackle88', undefined, undefined],
      [5, 'entei_blaze12', 'Sacred#Fire7', undefined, undefined],
      [7, 'suicune_aurora5', 'Aurora$Beam2', undefined, undefined],
      [8, 'zapdos_storm1', 'Drill#Peck40', undefined, undefined],
    ]);
    expect(r.rejected).toEqual([]);
  });

  it('Outlook\'s `-----Original Message-----` block without `>` marks (CRLF): the reply\'s password wins', async () => {
    const r = await readExact('seller-correction-outlook.txt');
    expect(r.accounts).toEqual([
      [3, 'lugia_silver4', 'Aero!Blast61', 30, undefined],
      [14, 'ho_oh_rainbow2', 'Sacred!Fire9', 30, undefined],
      [16, 'celebi_time8', 'Leaf#Storm33', 30, undefined],
    ]);
  });

  it('a quoted delivery with no correction gives the quoted accounts, once each', async () => {
    const text = 'Thanks, got them!\n\nOn Sun, 15 Oct 2017 at 21:40, GoAccounts <delivery@goaccounts.example> wrote:\n> entei_blaze12:Sacred#Fire7\n> raikou_thunder3:Volt!Tackle7\n';
    const r = await readDump(input('reply.txt', text));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['entei_blaze12', 'Sacred#Fire7'], ['raikou_thunder3', 'Volt!Tackle7']]);
  });

  it('a list with no reply marks is still a list: `>` only counts before an account', async () => {
    const r = await readDump(input('stock.txt', 'entei_blaze12:Sacred#Fire7\nraikou_thunder3:Volt>Tackle7\n'));
    expect(r.format).toBe('plain');
  });
});
