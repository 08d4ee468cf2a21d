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

describe('a correction written as a Chinese or Japanese sentence', () => {
  it('Big5, base64: `帳號 eevee_tw2 的正確密碼是：X` above the quoted delivery gives eevee_tw2 that password, not `的正確密碼是：X`', async () => {
    const r = await readDump(fixture('mail-big5-reply.eml'));
    // Lines of the file: the base64 lines holding each login's first encoded byte (Big5's second bytes may be ASCII, so the body's lines are found by their words).
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([[9, 'eevee_tw2', 'Vapor!Wave22'], [12, 'eevee_tw1', 'Jolt!Spark11']]);
    expect(r.rejected).toEqual([]);
  });

  it('the login first, no blank before the colon, either script: the sentence corrects the quoted account', async () => {
    const quoted = '\n\n在 2017年9月12日 上午10:05，Shop <shop@example.com> 寫道：\n> 帳號：eevee_tw1\n> 密碼：Jolt!Spark11\n>\n> 帳號：eevee_tw2\n> 密碼：Flare#Fire22\n';
    for (const sentence of ['eevee_tw2 的正確密碼是：Vapor!Wave22', 'eevee_tw2的新密码：Vapor!Wave22', 'eevee_tw2 の新しいパスワード：Vapor!Wave22', 'The new password for eevee_tw2 is now: Vapor!Wave22']) {
      expect(await passwords(readDump(input('reply.txt', sentence + quoted))), sentence).toEqual({ eevee_tw2: 'Vapor!Wave22', eevee_tw1: 'Jolt!Spark11' });
    }
  });

  it('such a sentence about no account the reply quotes is rejected by its line, never a password holding its words', async () => {
    const text = 'eevee_tw9 的正確密碼是：Vapor!Wave22\n\n在 2017年9月12日 上午10:05，Shop <shop@example.com> 寫道：\n> 帳號：eevee_tw1\n> 密碼：Jolt!Spark11\n';
    const r = await readDump(input('reply.txt', text));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['eevee_tw1', 'Jolt!Spark11']]);
    // Refused as every wording's correction for no delivered login is (lone-corrections.ts), and offered to the pool.
    expect(r.rejected.map((x) => [x.line, x.reason])).toEqual([[1, expect.stringMatching(/^a correction of a password for no account this mail delivers/)]]);
    expect(r.poolCorrections?.map((c) => c.username)).toEqual(['eevee_tw9']);
  });
});
