// A sheet or list saved by Notepad or Excel on a Polish or Czech Windows ("ANSI"): windows-1250,
// no charset named. Its `ł`, `ą`, `ż`, `Ź`, `ť` are letters there and no letters in windows-1252
// (`³`, `¹`, `¿`, undefined) or in Mac Roman, so the bytes say which (legacy-charset.ts). A Western
// file whose accented letters are letters in windows-1250 too (`ñ` is `ń` there) is read as
// windows-1252, as before. Fixture: test/fixtures/README.md (`list-cp1250.txt`).
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { legacyCharset } from '../../src/formats/legacy-charset.js';
import { fixture, input } from './helpers.js';

// windows-1252's bytes of a Latin-1 text: each character's code (all below 0x100 here).
const latin1 = (text: string) => Buffer.from(text, 'latin1');

describe('windows-1250 told apart', () => {
  it("a Polish seller's sheet in windows-1250 reads exact, the preview naming the charset", async () => {
    const r = await readDump(fixture('list-cp1250.txt'));
    expect(r.accounts.map((a) => [a.username, a.password, a.level])).toEqual([
      ['krakow_ash', 'Hasło2017!', 30],
      ['wawa_misty', 'Źródło#12', 31],
      ['gdansk_brock', 'Pięta9xq', 29],
      ['praha_jana', 'Ťava2017', 30],
    ]);
    expect(r.rejected).toEqual([]);
    expect(r.notes).toEqual([expect.stringContaining('read as windows-1250')]);
  });

  it('a Spanish or French windows-1252 list stays windows-1252; a Polish word of three such bytes together stays undecided, refused by line naming --encoding', async () => {
    expect(legacyCharset(latin1('pepe:Contraseña1\njean:Très-éléve9\n'))?.encoding).toBe('windows-1252');
    // `Żółw` in windows-1250 (0xAF 0xF3 0xB3): three bytes together, as a Cyrillic word's.
    const undecided = await readDump(input('list.txt', Buffer.from([...Buffer.from('ash01:Pw12345!\nmisty:'), 0xaf, 0xf3, 0xb3, ...Buffer.from('w!12\n')])));
    expect(undecided.accounts.map((a) => a.username)).toEqual(['ash01']);
    expect(undecided.rejected).toEqual([{ line: 2, reason: expect.stringContaining('--encoding NAME') }]);
  });
});
