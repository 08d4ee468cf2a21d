// Hostile lines for two readers of stop 67, found by its review: Messenger's HTML download
// (messenger-html.ts) matched a class list in one pattern that was quadratic on a class attribute
// never closed (75 ms at 4,000 tokens, ~2 min for 1 MB; the test runs on every file's detection),
// dropped tags with `<[^>]*>` (1 s at 40,000 `<`) and reactions' lists with a lazy `<ul>...</ul>`
// (1.2 s at 40,000 starts never ended); the YAML login block's key pattern split a run of blanks
// three ways (9.4 s at 3,000 blanks). Each now reads in one pass; the test's timeout is the clock.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { isMessengerPage } from '../../src/formats/mail/messenger-html.js';
import { fixtureBytes, input } from './helpers.js';

describe('hostile lines in a chat page and a YAML login block', () => {
  it('a class attribute never closed, 200,000 `<` and 100,000 lists never ended cost no more than their length', async () => {
    expect(isMessengerPage(`<div class="${' _2lel'.repeat(100_000)}`)).toBe(false);
    const page = (body: string) =>
      `<html><head><title>pokestockz</title></head><body><div class="pam _3-95 _2pi0 _2lej uiBoxWhite noborder"><div class="_3-96 _2pio _2lek _2lel">Poke Stockz</div><div class="_3-96 _2let"><div><div></div><div>${body}</div><div></div><div></div></div></div><div class="_3-94 _2lem">14 Nov 2017, 12:01</div></div></body></html>`;
    for (const body of ['<'.repeat(200_000), '<ul>'.repeat(100_000), `${'<ul class="_tqp">'.repeat(20_000)}x`]) {
      await expect(readDump(input('message_1.html', page(body)))).rejects.toThrow(/message_1\.html/);
    }
  }, 10_000);

  it('a YAML block whose line is 20,000 blanks is read in linear time', async () => {
    await expect(readDump(input('config.yaml', `# PTC\nptc:\n${' '.repeat(20_000)}\n  username: \n`))).rejects.toThrow(/config\.yaml/);
  }, 10_000);

  it('the page still reads its accounts, each message with a reaction list', async () => {
    const file = 'messenger-html-2018/pokestockz_kx3r9vq2wz/message_1.html';
    const page = fixtureBytes(file).toString('utf8');
    const reacted = page.replace(/<div class="_3-94 _2lem">/g, '<ul class="_tqp"><li>👍 Me</li></ul><div class="_3-94 _2lem">');
    expect(reacted).not.toBe(page);
    const accounts = (text: string) => readDump(input('message_1.html', text)).then((r) => r.accounts.map((a) => [a.username, a.password, a.line]));
    const plain = await accounts(page);
    expect(plain.length).toBeGreaterThan(0);
    expect(await accounts(reacted)).toEqual(plain);
  });
});
