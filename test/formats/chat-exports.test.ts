// Chat exports as buyers kept them (issue 14): Telegram Desktop's `result.json` holding the escapes
// only tdesktop writes (tdesktop-escapes.ts), ... Each fixture is written as the exporter's source
// writes it (test/fixtures/README.md names the files).
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

describe("Telegram Desktop's result.json with its own `\\x0B` escapes", () => {
  it('reads a chat JSON parsers refuse: a Word line break between accounts splits them, a bell in a password refuses its line', async () => {
    // JSON.parse refuses the file, as every JSON tool does: the escape is tdesktop's own.
    expect(() => JSON.parse(fixture('telegram-control-escapes.json').text)).toThrow();
    const r = await readDump(fixture('telegram-control-escapes.json'));
    expect(r.format).toMatch(/^telegram-json\b/);
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level])).toEqual([
      [28, 'tgword01', 'Ho-Oh!Gold4', 30],
      [28, 'tgword02', 'Lug1a!Silv5', 30],
    ]);
    // `\x07` is a character no one types into a password: refused at its line, never imported or dropped.
    expect(r.rejected.map((j) => [j.line, j.reason])).toEqual([[43, expect.stringMatching(/^message 4103: a control character inside the password/)]]);
  });

  it('leaves an escaped backslash before `x0B` as the text it is, and names JSON that is broken otherwise', async () => {
    // `C:\\x0B` is the text `C:\x0B`: with a real control escape beside it the chat still reads.
    const chat = (text: string) => `{\n "name": "S",\n "type": "personal_chat",\n "id": 7,\n "messages": [\n  {\n   "id": 1,\n   "type": "message",\n   "date": "2017-12-02T18:12:41",\n   "from": "S",\n   "from_id": "user7",\n   "text": "${text}"\n  }\n ]\n}\n`;
    const r = await readDump(input('result.json', chat('tgbs01:Back\\\\x0Bslash\\x0Bok')));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['tgbs01', 'Back\\x0Bslash']]);
    // Broken for another reason (a `\q`): named by the JSON readers with its line, nothing read.
    await expect(readDump(input('result.json', chat('tgbs01:Pw1\\x0B\\q')))).rejects.toThrow(/line 12/);
  });
});

describe("DiscordChatExporter's JSON export of a direct chat", () => {
  const delivered = [
    ['dcacc01', 'Pika!chu1', 30],
    ['dcacc02', 'Star!mie22', 30],
    ['dcacc03', 'Onix#Rock3', 30],
  ];

  it("reads the seller's messages in order (a reply's new password applied), the buyer's code block never accounts", async () => {
    const r = await readDump(fixture('discordchatexporter-dm.json'));
    expect(r.format).toMatch(/^discord-json\b/);
    expect(r.accounts.map((a) => [a.username, a.password, a.level])).toEqual(delivered);
    // The buyer's own lines: dcacc09 nobody delivered, dcacc01 with another password: refused at the buyer's message.
    expect(r.rejected.map((j) => [j.line, j.reason.replace(/:.*/, '')])).toEqual([
      [218, 'message 612345678901234049'],
      [218, 'message 612345678901234049'],
    ]);
    expect(JSON.stringify(r)).not.toMatch(/Mew!two9|Pika!chu11/);
  });

  it("reads a server channel's every message, as a Telegram group's (no side is named): a correction it cannot place is refused by its lines", async () => {
    const text = fixture('discordchatexporter-dm.json').text;
    const guild = await readDump(input('general.json', text.replace('"type": "DirectTextChat"', '"type": "GuildTextChat"').replace('"name": "Direct Messages"', '"name": "PoGo Market"')));
    // The buyer's lines are anyone's here; the seller's `the new password is X` answers a message quoting
    // an account in a `code` span and naming no login of three delivered: unsure, so no password of those three is imported.
    expect(guild.accounts.map((a) => [a.line, a.username, a.password])).toEqual([
      [218, 'dcacc09', 'Mew!two9'],
      [218, 'dcacc01', 'Pika!chu11'],
    ]);
    expect(guild.rejected.map((j) => j.line)).toEqual([103, 103, 103, 188]);
    expect(guild.rejected[3]!.reason).toMatch(/a correction giving a password for no named login .* which one it corrects is unsure/);
  });

  it('names an export without accounts as the Discord chat it is', async () => {
    const chat = JSON.parse(fixture('discordchatexporter-dm.json').text) as { messages: unknown[] };
    chat.messages = chat.messages.slice(0, 3);
    await expect(readDump(input('dm.json', JSON.stringify(chat, null, 2)))).rejects.toThrow(/no accounts found; read as discord-json.*it looks like a Discord chat export without accounts/);
  });
});

describe("DiscordChatExporter's plain-text and CSV exports of the same direct chat", () => {
  const TXT = 'Direct Messages - PokeStockz [512345678901234567].txt';
  const CSV = 'Direct Messages - PokeStockz [512345678901234567].csv';

  it("TXT: the seller's code block, its correction naming the login; the buyer's lines refused; a linked .txt attachment said unread", async () => {
    const r = await readDump(fixture(TXT));
    expect(r.format).toMatch(/^discord-txt\b/);
    // The preamble's `Guild: Direct Messages`, `Channel: PokeStockz`: PokeStockz#0420 is the seller, ashk#1337 the buyer.
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level])).toEqual([
      [21, 'dcacc01', 'Pika!chu1', 30],
      [39, 'dcacc02', 'Star!mie22', 30],
      [23, 'dcacc03', 'Onix#Rock3', 30],
    ]);
    expect(r.rejected.map((j) => [j.line, j.reason.replace(/:.*/, '')])).toEqual([
      [45, 'message 8'],
      [46, 'message 8'],
      [50, 'message 9'],
    ]);
    expect(r.rejected[2]!.reason).toMatch(/it carries bonus-accounts\.txt, which the export links but does not hold/);
    expect(JSON.stringify(r)).not.toMatch(/Mew!two9|Pika!chu11/);
  });

  it("CSV: the same chat, its sides from the default file name; renamed, from what the chat says; a server channel's name, none", async () => {
    const r = await readDump(fixture(CSV));
    expect(r.format).toMatch(/^discord-csv\b/);
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level])).toEqual([
      [7, 'dcacc01', 'Pika!chu1', 30],
      [14, 'dcacc02', 'Star!mie22', 30],
      [9, 'dcacc03', 'Onix#Rock3', 30],
    ]);
    expect(r.rejected.map((j) => j.line)).toEqual([17, 18, 20]);
    // Renamed (`buy.csv`): the sides taken from what the chat says (chat-sides.ts).
    const renamed = await readDump(input('buy.csv', fixture(CSV).text));
    expect(renamed.accounts.map((a) => [a.line, a.username, a.password])).toEqual([
      [7, 'dcacc01', 'Pika!chu1'],
      [14, 'dcacc02', 'Star!mie22'],
      [9, 'dcacc03', 'Onix#Rock3'],
    ]);
    expect(renamed.rejected.map((j) => j.line)).toEqual([17, 18, 20]);
    // A server channel's default name says it is none: every author's messages read, the buyer's dcacc09 too.
    const channel = await readDump(input('PoGo Market - trading [512345678901234999].csv', fixture(CSV).text));
    expect(channel.accounts.map((a) => a.username)).toContain('dcacc09');
  });

  it("names DiscordChatExporter's CSV without accounts as the Discord chat it is", async () => {
    await expect(readDump(fixture('discordchatexporter.csv'))).rejects.toThrow(/read as discord-csv.*it looks like a Discord chat export without accounts/);
  });
});

describe("WhatsApp's exported chat (Android and iOS lines)", () => {
  const ANDROID = 'WhatsApp Chat with PokeStockz.txt';

  it("Android, saved as `WhatsApp Chat with NAME.txt`: a multi-line message and the seller's next ones read as one delivery, the correction applied, the buyer's lines refused, `<Media omitted>` said", async () => {
    const r = await readDump(fixture(ANDROID));
    expect(r.format).toMatch(/^whatsapp-txt\b/);
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level])).toEqual([
      [6, 'wacc01', 'Pika!chu1', 30],
      [11, 'wacc02', 'Star!mie22', 30],
      [8, 'wacc03', 'Onix#Rock3', 30],
    ]);
    expect(r.rejected.map((j) => [j.line, j.reason.replace(/:.*/, '')])).toEqual([
      [13, 'message 7'],
      [14, 'message 7'],
      [16, 'message 9'],
    ]);
    expect(r.rejected[2]!.reason).toMatch(/PokeStockz sent a file the export left out \("<Media omitted>"\)/);
    expect(JSON.stringify(r)).not.toMatch(/Mew!two9|Pika!chu11/);
  });

  it("iOS: bracketed stamps with seconds, U+202F before PM, U+200E before the app's lines, CR LF; `document omitted` said", async () => {
    const r = await readDump(input('WhatsApp Chat - PokeStockz.zip!_chat.txt', fixture('whatsapp-ios-chat.txt').bytes));
    expect(r.format).toMatch(/^whatsapp-txt\b/);
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level])).toEqual([
      [4, 'wacc01', 'Pika!chu1', 30],
      [8, 'wacc02', 'Star!mie22', 30],
      [6, 'wacc03', 'Onix#Rock3', 30],
    ]);
    expect(r.rejected.map((j) => [j.line, j.reason.replace(/:.*/, '')])).toEqual([[10, 'message 7']]);
  });

  it("renamed (`chat.txt`): the sides taken from what the chat says (who delivers, who paid), the buyer's lines refused saying so", async () => {
    const r = await readDump(input('chat.txt', fixture(ANDROID).text));
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([
      [6, 'wacc01', 'Pika!chu1'],
      [11, 'wacc02', 'Star!mie22'],
      [8, 'wacc03', 'Onix#Rock3'],
    ]);
    expect(r.rejected.map((j) => j.line)).toEqual([13, 14, 16]);
    expect(r.rejected[0]!.reason).toMatch(/the buyer's side of the chat.*PokeStockz is taken for the seller and Ash K for the buyer, as PokeStockz says "here are the accounts", "new password for" and Ash K says "paid", "does not work"/);
  });

  it('renamed, a chat of three senders is a group: every message is read, no side taken', async () => {
    const text = `${fixture(ANDROID).text}14/11/2017, 19:11 - Misty: mine too please\nmisty01:Star!mie7\n`;
    const r = await readDump(input('chat.txt', text));
    expect(r.accounts.map((a) => a.username).sort()).toEqual(['misty01', 'wacc01', 'wacc02', 'wacc03', 'wacc09']);
  });
});
