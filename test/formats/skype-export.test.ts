// Skype's "Export chat history" (messages.json, issue 14): written by
// test/fixtures/generators/make-skype-export.py as the export's readers read it (suurjaak/Skyperious
// live.py, siwen-r/skype-export-parser, Terrance/SkPy msg.py; test/fixtures/README.md).
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { skypeText } from '../../src/formats/mail/skype-content.js';
import { fixture, input } from './helpers.js';

const FILE = 'skype-export/messages.json';
const text = () => fixture(FILE).text;
const exported = () => JSON.parse(text()) as { conversations: { id: string; MessageList: Record<string, unknown>[] }[] };
const withMessages = (add: Record<string, unknown>[]) => {
  const e = exported();
  const chat = e.conversations.find((c) => c.id === '8:live:pokestockz')!;
  chat.MessageList = [...add, ...chat.MessageList];
  return JSON.stringify(e);
};
const sent = (second: number, from: string, content: string) => ({
  id: String(1510686000000 + second * 1000),
  displayName: null,
  originalarrivaltime: new Date(1510686000000 + second * 1000).toISOString(),
  messagetype: 'RichText',
  version: 1510686000000 + second * 1000,
  content,
  conversationid: '8:live:pokestockz',
  from: `8:${from}`,
  properties: null,
  amsreferences: null,
});

describe("Skype's messages.json", () => {
  it("reads the seller's messages oldest first, an edit as last edited, the buyer's lines and quotes never accounts", async () => {
    const r = await readDump(fixture(FILE));
    expect(r.format).toMatch(/^skype-json\b/);
    expect(r.accounts.map((a) => [a.username, a.password, a.level])).toEqual([
      ['skacc01', 'Pika!chu1', 30],
      ['skacc02', 'Star&mie22', 30],
      ['skacc03', "O'nix_Rock3", undefined],
      // A group: every member's message but the exporter's is read.
      ['skgrp01', 'Psy!duck25', undefined],
    ]);
    // The buyer's two lines (one nobody delivered, one with another password) and the seller's file.
    expect(r.rejected.map((j) => j.reason.replace(/^chat "([^"]*)": message (\d+):.*/, '$1 $2'))).toEqual(['PokeStockz 1510686540000', 'PokeStockz 1510686540000', 'PokeStockz 1510686605000']);
    expect(r.rejected[2]!.reason).toMatch(/carries bonus_4410\.txt, which Skype's export does not hold/);
    // The first text of the edited correction, and the buyer's own passwords, nowhere.
    expect(JSON.stringify(r)).not.toMatch(/mie20|Mew!two9|Pika!chu11|Gold!een5/);
  });

  it("names each message's own line when the file is pretty-printed", async () => {
    const pretty = JSON.stringify(JSON.parse(text()), null, 2);
    const r = await readDump(input('messages.json', pretty));
    const lines = pretty.split('\n');
    for (const a of r.accounts) expect(lines[a.line - 1]).toContain(`${a.username}:`);
    expect(r.accounts.map((a) => a.username)).toEqual(['skacc01', 'skacc02', 'skacc03', 'skgrp01']);
  });

  it("reads a correction quoting the buyer's complaint as about the login it names", async () => {
    const complaint = sent(700, 'live:ash_ketchum_k', 'skacc01 stopped working');
    const answer = sent(720, 'live:pokestockz', `<quote author="live:ash_ketchum_k" authorname="Ash" timestamp="1510686700" conversation="live:ash_ketchum_k" messageid="${complaint.id}"><legacyquote>[19:11:40] Ash: </legacyquote>skacc01 stopped working<legacyquote>\n\n&lt;&lt;&lt; </legacyquote></quote>new password: Pika!chu7`);
    const r = await readDump(input('messages.json', withMessages([answer, complaint])));
    expect(r.accounts.find((a) => a.username === 'skacc01')?.password).toBe('Pika!chu7');
  });

  it('refuses a message holding markup Skype does not write, and reads a deleted one as nothing', async () => {
    const odd = sent(700, 'live:pokestockz', 'skacc07:Pw<x7>ab</x7>');
    const gone = { ...sent(710, 'live:pokestockz', 'skacc08:Gone!8'), properties: { deletetime: '1510686720000' } };
    const r = await readDump(input('messages.json', withMessages([gone, odd])));
    expect(r.rejected.find((j) => j.reason.includes('<x7>'))?.reason).toMatch(/markup <x7>, which Skype's text messages do not/);
    expect(JSON.stringify(r)).not.toMatch(/skacc07|Gone!8/);
  });

  it('is not a Telegram export or a JSON list of accounts', async () => {
    const e = JSON.parse(text()) as Record<string, unknown>;
    delete e.exportDate;
    const r = await readDump(input('messages.json', JSON.stringify(e))).catch((err: Error) => err);
    expect(r instanceof Error ? r.message : r.format).not.toMatch(/skype-json/);
  });
});

describe("Skype's rich text given back as typed", () => {
  it.each([
    ['skacc04:Eevee<i raw_pre="_" raw_post="_">evo</i>4', 'skacc04:Eevee_evo_4'],
    ['<b raw_pre="*" raw_post="*">skacc05:Pw*5</b>', '*skacc05:Pw*5*'],
    ['skacc06:Pw&amp;&lt;6&gt;&apos;&quot;', 'skacc06:Pw&<6>\'"'],
    ['<s raw_pre="~" raw_post="~">skacc06:Sold!6</s>', '~~skacc06:Sold!6~~'],
    ['<pre raw_pre="!! ">skacc07:Pw7</pre>', '```skacc07:Pw7```'],
    ['<at id="8:live:misty">Misty</at> <ss type="smile">:)</ss> <a href="mailto:a@b.example">a@b.example</a>:Pw', '@Misty :) a@b.example:Pw'],
  ])('%s', (content, typed) => {
    expect(skypeText(content).text).toBe(typed);
  });
});
