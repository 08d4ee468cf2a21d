// A seller's list saved as ISO-2022-JP, -KR or -CN (7-bit text whose escapes say the charset:
// RFC 1468, RFC 1557, RFC 1922; chardet tells them apart by those escapes alone, chardet/chardet
// chardet/escsm.py ISO2022JP_SM_MODEL, ISO2022KR_SM_MODEL, ISO2022CN_SM_MODEL). ISO-2022-JP is
// decoded, as a mail's body is (jis-escapes.ts); KR and CN have no decoder in Node or iconv-lite,
// so each line holding their text is refused naming the charset, the ASCII accounts imported.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { input } from './helpers.js';

const ESC = '\x1b';
// パスワード in JIS X 0208 (ESC $ B ... ESC ( B), as an ISO-2022-JP mail client writes it.
const JIS_PASSWORD = `${ESC}$B%Q%9%o!<%I${ESC}(B`;

describe('a plain list in an ISO-2022 charset', () => {
  it('ISO-2022-JP: decoded by its escapes, the label read and the password exact', async () => {
    const text = `ID: koiking_jp3\n${JIS_PASSWORD}: Hane!Teru33\n`;
    const r = await readDump(input('stock.txt', Buffer.from(text, 'latin1')));
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([[1, 'koiking_jp3', 'Hane!Teru33']]);
  });

  it('ISO-2022-JP: a kana password decoded exact, never holding ESC', async () => {
    const text = `ash_jp01:Pass1111\nmagi_jp4:${ESC}$B%Q%9${ESC}(BTeru44\n`;
    const r = await readDump(input('stock.txt', Buffer.from(text, 'latin1')));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['ash_jp01', 'Pass1111'], ['magi_jp4', 'パスTeru44']]);
  });

  // RFC 1557: `ESC $ ) C` once at the start, then SO (0x0E) ... SI (0x0F) around KS C 5601 bytes.
  // RFC 1922: `ESC $ ) A` announces GB 2312 the same way.
  for (const [charset, designation] of [['ISO-2022-KR', `${ESC}$)C`], ['ISO-2022-CN', `${ESC}$)A`]] as const) {
    it(`${charset}: each line of its text refused naming the charset, the ASCII accounts imported`, async () => {
      const text = `${designation}\nash_01:Pass1111\nkoduck_01:\x0e0m\x0fPw99a\nbrock_02:Pass2222\n`;
      const r = await readDump(input('stock.txt', Buffer.from(text, 'latin1')));
      expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([[2, 'ash_01', 'Pass1111'], [4, 'brock_02', 'Pass2222']]);
      expect(r.rejected).toEqual([{ line: 3, reason: `holds ${charset} text (escape sequences and SO/SI shifts), which accountpool cannot decode: the account on it cannot be read; save the file as UTF-8` }]);
    });
  }

  it('ISO-2022-KR alone: refused naming the charset and the line, never a password holding SO', async () => {
    const message = await readDump(input('stock.txt', Buffer.from(`${ESC}$)C\nkoduck_01:\x0e0m\x0fPw99a\n`, 'latin1'))).then(() => 'imported', (e: Error) => e.message);
    expect(message).toMatch(/line 2: holds ISO-2022-KR text/);
    expect(message).not.toContain('Pw99a');
  });
});
