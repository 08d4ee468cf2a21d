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
