// A reply that quotes earlier deliveries without `>` marks, under the attribution line its mail
// client writes in the seller's language: Russian (`12.09.2017, 10:05, "Shop" <shop@x>:`),
// Chinese (`在 ... 写道：`), Spanish, Italian, Polish, Dutch, Japanese. The newest password of
// each account wins. Before, only the English, German and French lines were known: the quoted,
// older password of the same login came last and won. Fixture: test/fixtures/README.md.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

const passwords = async (r: ReturnType<typeof readDump>) => Object.fromEntries((await r).accounts.map((a) => [a.username, a.password]));

describe('a reply quoting earlier deliveries in other languages', () => {
  it('two depths, a Russian and a Chinese attribution, base64: each login once, with its newest password', async () => {
    const r = await readDump(fixture('mail-reply-languages.eml'));
    expect(r.accounts.map((a) => [a.username, a.password, a.level])).toEqual([
      ['rpacc01', 'Tretii#33', 30],
      ['rpacc02', 'Xin#22', 30],
      ['rpacc03', 'First#13', 30],
    ]);
  });

  it.each([
    ['Spanish (Gmail)', 'El mar, 12 sept 2017 a las 10:00, Shop (<shop@shop.example>) escribió:'],
    ['Italian (Gmail)', 'Il giorno mar 12 set 2017 alle ore 10:00 Shop <shop@shop.example> ha scritto:'],
    ['Portuguese (Gmail)', 'Em ter, 12 de set de 2017 às 10:00, Shop <shop@shop.example> escreveu:'],
    ['Polish (talon)', 'W dniu 12.09.2017 o 10:00, Shop użytkownik shop@shop.example napisał:'],
    ['Dutch (talon)', 'Op 12 sep. 2017 om 10:00 schreef Shop <shop@shop.example>:'],
    ['Russian (Apple Mail)', '12 сент. 2017 г., в 10:00, Shop <shop@shop.example> написал(а):'],
    ['Chinese (Gmail)', 'Shop <shop@shop.example> 于2017年9月12日周二 上午10:00写道：'],
    ['Japanese (Gmail)', '2017年9月12日(火) 10:00 Shop <shop@shop.example>:'],
  ])('%s', async (_, attribution) => {
    const text = `Sorry, new password for the second one:\nlgacc02:Newer#22\n\n${attribution}\nYour accounts:\nlgacc01:Older#11\nlgacc02:Older#12\n`;
    expect(await passwords(readDump(input('reply.txt', text)))).toEqual({ lgacc01: 'Older#11', lgacc02: 'Newer#22' });
  });
});
