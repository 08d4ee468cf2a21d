// A code block typed inline in a chat (WhatsApp's ```monospace```, Discord's and Slack's ```code```):
// its fences share lines with the accounts (inline-fences.ts). Read as it stood, the first account
// was dropped as prose and the last one's password ended in ``` (imported so). Lines as WhatsApp's
// Android export writes them (whatsapp-chat.ts cites the parsers learnt from).
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fencesOnTheirLines } from '../../src/formats/mail/inline-fences.js';
import { fixture, input } from './helpers.js';

describe('a code block typed inline in a chat', () => {
  it("WhatsApp: every account of the block exact, none with the fence in its password", async () => {
    const chat = '14/11/2017, 19:00 - Ash K: hi\n14/11/2017, 19:03 - PokeStockz: stock:\n```wacc01:Pika!chu1\nwacc02:Star!mie2```\n14/11/2017, 19:04 - PokeStockz: ```wacc03:Onix#Rock3```\n';
    const r = await readDump(input('WhatsApp Chat with PokeStockz.txt', chat));
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([
      [3, 'wacc01', 'Pika!chu1'],
      [4, 'wacc02', 'Star!mie2'],
      [5, 'wacc03', 'Onix#Rock3'],
    ]);
  });

  it("DiscordChatExporter's JSON: a message's ```block``` on one line read as the block", async () => {
    const text = fixture('discordchatexporter-dm.json').text.replace('"content": "Here are your accounts', '"content": "```dcin01:Volt!Pika1``` and here are your accounts');
    const r = await readDump(input('dm.json', text));
    expect(r.accounts.map((a) => [a.username, a.password])).toContainEqual(['dcin01', 'Volt!Pika1']);
    expect(r.accounts.some((a) => a.password.includes('`'))).toBe(false);
  });

  it('puts each fence on its own line, a fence already alone (with its language) left as it is', () => {
    expect(fencesOnTheirLines('a:\n```x1:P1\nx2:P2```')).toBe('a:\n```\nx1:P1\nx2:P2\n```');
    expect(fencesOnTheirLines('```txt\nx1:P1\n```')).toBe('```txt\nx1:P1\n```');
    expect(fencesOnTheirLines('see ```x1:P1``` and ```x2:P2```')).toBe('see \n```\nx1:P1\n```\n and \n```\nx2:P2\n```');
    expect(fencesOnTheirLines('no fences: x1:P`1')).toBe('no fences: x1:P`1');
  });
});
