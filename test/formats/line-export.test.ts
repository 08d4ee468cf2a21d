// LINE's chat history text (issue 14): written by hand after the export's readers
// (hellodigua/ChatLab's LINE parser, meyfa/line-chat-parser; test/fixtures/README.md).
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

const FILE = 'line-chat/[LINE] Chat with PokeStockz.txt';
const text = () => fixture(FILE).text;

describe("LINE's chat history text", () => {
  it("reads the seller's messages, a quoted message of several lines, a later new password; the buyer's lines never accounts", async () => {
    const r = await readDump(fixture(FILE));
    expect(r.format).toMatch(/^line-txt\b/);
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level])).toEqual([
      [9, 'lnacc01', 'Pika!chu1', 30],
      [14, 'lnacc02', 'Star!mie22', 30],
      [11, 'lnacc03', 'Onix#Rock3', 30],
    ]);
    expect(r.rejected.map((j) => j.line)).toEqual([16, 17, 19]);
    expect(r.rejected[2]!.reason).toMatch(/PokeStockz sent a file \(\[File\]\) the chat's text does not hold/);
    expect(JSON.stringify(r)).not.toMatch(/Mew!two9|Pika!chu11/);
  });

  it("reads a group's every message: no side is named", async () => {
    const r = await readDump(input('group.txt', text().replace('Chat history with PokeStockz', 'Chat history in PoGo market')));
    expect(r.accounts.map((a) => a.username)).toEqual(['lnacc01', 'lnacc02', 'lnacc03', 'lnacc09']);
  });

  it('reads the Japanese header and times, the other side named there', async () => {
    const ja = text()
      .replace('[LINE] Chat history with PokeStockz', '[LINE] PokeStockzとのトーク履歴')
      .replace('Saved on: 2017/11/20 10:12', '保存日時：2017/11/20 10:12')
      .replace('2017/11/14(Tue)', '2017/11/14(火)')
      .replace(/^19:/gm, '午後7:');
    const r = await readDump(input('[LINE] PokeStockzとのトーク.txt', ja));
    expect(r.format).toMatch(/^line-txt\b/);
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([
      ['lnacc01', 'Pika!chu1'],
      ['lnacc02', 'Star!mie22'],
      ['lnacc03', 'Onix#Rock3'],
    ]);
    expect(JSON.stringify(r)).not.toMatch(/Mew!two9/);
  });

  it('refuses a quoted message holding a `"` (how LINE writes it is unknown) and one whose quote never closes', async () => {
    const inner = await readDump(input('chat.txt', text().replace('lnacc01:Pika!chu1\n', 'lnacc01:Pika"chu1\n')));
    expect(inner.accounts.map((a) => a.username)).toEqual(['lnacc03']);
    expect(inner.rejected.filter((j) => /how it writes a quote inside is not known/.test(j.reason)).map((j) => j.line)).toEqual([9, 10]);
    // Never closed, the quote holds the rest of the file: every account in it refused, none imported.
    const open = await readDump(input('chat.txt', text().replace('lnacc02:Star!mie2"\n', 'lnacc02:Star!mie2\n'))).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(open?.message).toMatch(/no accounts found; read as line-txt.*how it writes a quote inside is not known/);
    expect(open?.message).not.toMatch(/Mew!two9|Pika!chu1/);
  });
});
