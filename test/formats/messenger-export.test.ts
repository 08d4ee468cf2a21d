// Facebook Messenger's conversation from "Download Your Information" as JSON (issue 14): written by
// test/fixtures/generators/make-messenger-export.py as Facebook writes it (newest first, each string's
// UTF-8 bytes as `\u00XX` escapes; test/fixtures/README.md names the readers it follows).
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

const FILE = 'messenger-inbox/pokestockz_kx3r9vq2wz/message_1.json';
const text = () => fixture(FILE).text;

describe("Facebook Messenger's message_1.json", () => {
  it("reads the seller's messages oldest first (a later new password applied), a password's `é` given back, the buyer's lines never accounts", async () => {
    const r = await readDump(fixture(FILE));
    expect(r.format).toMatch(/^messenger-json\b/);
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level])).toEqual([
      [90, 'fbacc01', 'Pika!chu1', 30],
      [60, 'fbacc02', 'Star!mie22', 30],
      [84, 'fbacc03', 'Évoli!Eve3', 30],
    ]);
    // The buyer's two lines (one nobody delivered, one with another password) and the seller's carried file.
    expect(r.rejected.map((j) => [j.line, j.reason.replace(/:.*/, '')])).toEqual([
      [54, 'message 10'],
      [54, 'message 10'],
      [34, 'message 12'],
    ]);
    expect(r.rejected[2]!.reason).toMatch(/carries bonus_4410\.txt.*import that file too/);
    expect(JSON.stringify(r)).not.toMatch(/Mew!two9|Pika!chu11/);
  });

  it("reads a group's every message: no side is named", async () => {
    const r = await readDump(input('message_1.json', text().replace('"thread_type": "Regular"', '"thread_type": "RegularGroup"')));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([
      ['fbacc01', 'Pika!chu11'],
      ['fbacc02', 'Star!mie22'],
      ['fbacc03', 'Évoli!Eve3'],
      ['fbacc09', 'Mew!two9'],
    ]);
  });

  it('takes the sides from what is said when the title names no sender', async () => {
    const r = await readDump(input('message_1.json', text().replace(/"title": "[^"]*"/, '"title": "PoGo deals"')));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([
      ['fbacc01', 'Pika!chu1'],
      ['fbacc02', 'Star!mie22'],
      ['fbacc03', 'Évoli!Eve3'],
    ]);
    expect(r.rejected[0]!.reason).toMatch(/Poké Stockz is taken for the seller and Åsh Ketchum for the buyer/);
  });

  it('refuses a message whose escapes are no UTF-8 bytes, and reads a file a tool rewrote as text as it stands', async () => {
    // `\u00e9` alone is no UTF-8 byte sequence: Facebook did not write it, so `é` or `Ã©` is unsure.
    const broken = await readDump(input('message_1.json', text().replace('fbacc03:\\u00c3\\u0089voli', 'fbacc03:\\u00c9voli')));
    expect(broken.accounts.map((a) => a.username)).toEqual(['fbacc01', 'fbacc02']);
    expect(broken.rejected.find((j) => j.line === 84)!.reason).toMatch(/not Facebook's \(each UTF-8 byte written as a `\\u00XX` escape\)/);
    expect(JSON.stringify(broken)).not.toMatch(/voli!Eve3/);
    // Every escape replaced by its character (the emoji past U+00FF shows the file is text now): read as written.
    const decoded = text().replace(/(?:\\u00[0-9a-f]{2})+/g, (run) => Buffer.from(JSON.parse(`"${run}"`) as string, 'latin1').toString('utf8'));
    expect(decoded).toContain('👍');
    const r = await readDump(input('message_1.json', decoded));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([
      ['fbacc01', 'Pika!chu1'],
      ['fbacc02', 'Star!mie22'],
      ['fbacc03', 'Évoli!Eve3'],
    ]);
  });
});

describe("Facebook Messenger's message_1.html", () => {
  it("is read as a chat (reader messenger-html): the seller's delivery, the buyer's own line refused; forced on the page reader it is refused whole", async () => {
    const file = fixture('messenger-inbox/pokestockz_kx3r9vq2wz/message_1.html');
    const r = await readDump(file);
    expect(r.format).toMatch(/^messenger-html\b/);
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['fbacc01', 'Pika!chu1']]);
    expect(r.rejected.map((j) => j.reason)).toEqual([expect.stringMatching(/^message 2: an account in the exporter's own message/)]);
    // Before stop 65 the page reader imported the buyer's `fbacc09:Mew!two9`.
    const err = await readDump(file, { format: 'html' }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(/message_1\.html:1: is Facebook Messenger's conversation page .*nothing of it is imported; import it without --format/);
    expect(err?.message).not.toMatch(/Mew!two9|Pika!chu1/);
  });
});
