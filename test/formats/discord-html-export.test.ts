// DiscordChatExporter's HTML export (Tyrrrz/DiscordChatExporter Exporting/HtmlMessageWriter.cs and
// its templates; the fixtures by test/fixtures/generators/make-discord-html-export.py): a direct chat
// read with its sides whatever the file is named, a server channel's Markdown given back from the
// page, and what the page cannot give back refused by its line.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

const DM = 'Direct Messages - PokeStockz [512345678901234567].html';
const SERVER = 'PoGo Market - Shop - trading [512345678901234999].html';

describe("DiscordChatExporter's HTML export", () => {
  it("a direct chat: the seller's code block and correction; the reply's preview, the buyer's lines and a linked file not delivered", async () => {
    const r = await readDump(fixture(DM));
    expect(r.format).toMatch(/^discord-html\b/);
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level])).toEqual([
      [7, 'dcacc01', 'Pika!chu1', 30],
      [18, 'dcacc02', 'Star!mie22', 30],
      [9, 'dcacc03', 'Onix#Rock3', 30],
    ]);
    expect(r.rejected.map((j) => [j.line, j.reason.replace(/:.*/, '')])).toEqual([
      [25, 'message 612345678901234059'],
      [26, 'message 612345678901234059'],
      [27, 'message 612345678901234060'],
    ]);
    expect(r.rejected[0]!.reason).toMatch(/the buyer's side of the chat/);
    expect(r.rejected[2]!.reason).toMatch(/it carries bonus-accounts\.txt, which the export links but does not hold/);
    expect(JSON.stringify(r)).not.toMatch(/Mew!two9|Pika!chu11/);
  });

  it('renamed (`export.html`), the sides come from the page, not the name', async () => {
    const r = await readDump(input('export.html', fixture(DM).bytes));
    expect(r.format).toMatch(/^discord-html\b/);
    expect(r.accounts.map((a) => a.username).sort()).toEqual(['dcacc01', 'dcacc02', 'dcacc03']);
    expect(r.accounts.find((a) => a.username === 'dcacc01')!.password).toBe('Pika!chu1');
  });

  it('reads the same page with every attribute quoted (a minifier that keeps quotes)', async () => {
    const quoted = fixture(DM).text.replace(/<[a-z][^<>]*>/g, (tag) => tag.replace(/=([^\s"'>]+)/g, '="$1"'));
    expect(quoted).not.toBe(fixture(DM).text);
    const r = await readDump(input(DM, quoted));
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([
      [7, 'dcacc01', 'Pika!chu1'],
      [18, 'dcacc02', 'Star!mie22'],
      [9, 'dcacc03', 'Onix#Rock3'],
    ]);
  });

  it("a server channel: every author's message read, its Markdown given back; italics and an emoji inside a word refused by their lines", async () => {
    const r = await readDump(fixture(SERVER));
    expect(r.format).toMatch(/^discord-html\b/);
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level])).toEqual([
      [9, 'mkacc01', 'Volt!Pika1', 30],
      [17, 'mkacc04', 'Onix*Rock4', 30],
      [18, 'mkacc05', 'Misty!Star5', 30],
      [18, 'mkacc06', 'Ted!Ursa6', 30],
    ]);
    const why = new Map(r.rejected.map((j) => [j.line, j.reason]));
    expect(why.get(10)).toMatch(/in italics, for a `\*` or a `_` the page no longer holds .* import the chat's JSON or TXT export/);
    expect(why.get(16)).toMatch(/an emoji inside this line's words/);
    expect(why.get(19)).toMatch(/struck through/);
    // A forward and a link's embed are not the author's words; the refused lines' passwords are never said.
    expect(JSON.stringify(r)).not.toMatch(/fwacc01|user01|Pass\*?w0rd|Starmie|Star⭐mie3|Sold!Out7/);
  });

  it('named references a browser shows (`&laquo;`, `&raquo;`) read as it shows them, as on a Telegram page; an escaped `&amp;laquo;` stays as typed', async () => {
    const page = fixture(DM).text.replace('dcacc01:Pika!chu1', 'dcacc01:Pika&laquo;chu1&raquo;').replace('dcacc03:Onix#Rock3', 'dcacc03:Onix&amp;laquo;3');
    const r = await readDump(input(DM, page));
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([
      [7, 'dcacc01', 'Pika\u00abchu1\u00bb'],
      [18, 'dcacc02', 'Star!mie22'],
      [9, 'dcacc03', 'Onix&laquo;3'],
    ]);
  });

  it('an HTML page without the export\'s messages is not read as one', async () => {
    const page = '<!doctype html><html><body><div class=preamble__entry>notes</div><p>ash01:Pika!chu1</p></body></html>\n';
    const r = await readDump(input('notes.html', page));
    expect(r.format).not.toMatch(/^discord-html\b/);
  });
});
