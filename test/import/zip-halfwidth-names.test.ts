// A zip name of half-width katakana alone (`ﾄｳﾛｸ.txt`), as an older Japanese Windows or a Japanese
// IME wrote it, without zip's UTF-8 flag (APPNOTE 4.4.4 bit 11 clear: Shift_JIS, the OEM and ANSI
// page of a Japanese Windows). Its bytes, 0xA1-0xDF each, are GB2312 hanzi pairs and at times valid
// UTF-8 too: UTF-8 reads them only where it makes one script's letters (archive-zip-names.ts,
// utf8Letters), else the kana or GBK reading stands. A Chinese name in the same byte range (`账号`),
// a Mac's UTF-8 `niveau-é` and `база` stay as they were. Each zip made by Python's zipfile with the
// name's bytes raw (test/helpers/make_archive.py), one name a zip: a zip's names are judged together.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { accountLines, makeArchive, poolAccounts } from '../helpers/archives.js';

describe('zip names in half-width katakana alone', () => {
  it('read as Shift_JIS, not as the UTF-8 letters of no one script their bytes also are; Chinese and UTF-8 names in the same bytes kept', async () => {
    const pool = await makePool(2);
    const names: [string, string][] = [
      // Were UTF-8's `ĳ۸` (a Latin ligature and an Arabic digit), `˶޼` (a modifier and a Thaana
      // letter) and `ڱ` (one Arabic letter alone): by chance valid UTF-8, no one script's words.
      ['ﾄｳﾛｸ_L21.txt', 'shift_jis'],
      ['ﾋｶﾞｼ/stock_L22.txt', 'shift_jis'],
      ['ﾚｱ_L23.txt', 'shift_jis'],
      // Voiced, as before.
      ['ﾌｧｲﾙ/ﾃﾞｰﾀ_L24.txt', 'shift_jis'],
      // Chinese whose GBK bytes are all 0xA1-0xDF (`账号` is `ﾕﾋｺﾅ`); `同思` was UTF-8's `ͬ˼`.
      ['账号_L25.txt', 'gbk'],
      ['等级26/库存.txt', 'gbk'],
      ['同思_L27.txt', 'gbk'],
      // A Mac's or Info-ZIP's UTF-8 without the flag: `é` is `ﾃｩ`, `база` `ﾐｱﾐｰﾐｷﾐｰ` in Shift_JIS.
      ['niveau-é/stock_L28.txt', 'utf-8'],
      ['база_L29.txt', 'utf-8'],
    ];
    for (const [i, [name, codepage]] of names.entries()) {
      const zip = makeArchive('zip', join(pool.base, `n${i}.zip`), [{ name, codepage, text: accountLines(`hwn${i}x`, 1) }]);
      const dry = await cli(['import', zip, '--dry-run', ...pool.args]);
      expect(dry.stderr).toBe('');
      expect(dry.stdout).toContain(`would import ${zip}!${name}: 1 added`);
      expect((await cli(['import', zip, ...pool.args])).code).toBe(0);
    }
    // The level each name states (`_L21`, `等级26/`) read from the name as the seller wrote it.
    expect(await poolAccounts(pool, { state: true })).toEqual(names.map((_, i) => `hwn${i}x1 Pw#hwn${i}x-1 ${21 + i} ptc ok`).sort());
  }, 60_000);

  it('unvoiced kana whose bytes are GB2312 hanzi pairs read as kana where the hanzi would be rare ones; Chinese of frequent hanzi, Big5 that misspells kana, Russian capitals that read as voiced kana, kept', async () => {
    // The GBK reading of `ｱｲﾃﾑ` is `辈醚`, of `ﾊﾝﾀｰ` `瘦腊`: hanzi few Chinese names hold (not among
    // chardet's 1,024 most frequent, gb2312freq.py). `资料` and `帐户` are frequent ones; Big5's
    // `等級` reads `ｵ･ｯﾅ` and `檔案` `ﾀﾉｮﾗ`, kana no katakana word spells (a small `ｯ` after `･`, `ｮ` after `ﾉ`).
    const pool = await makePool(2);
    const names: [string, string][] = [
      ['ｱｲﾃﾑ_L31.txt', 'shift_jis'],
      ['ﾊﾝﾀｰ/stock_L32.txt', 'shift_jis'],
      ['ﾌｧｲﾙ_L33.txt', 'shift_jis'],
      ['资料_L34.txt', 'gbk'],
      ['帐户/stock_L35.txt', 'gbk'],
      ['等級36.txt', 'big5'],
      ['檔案_L37.txt', 'big5'],
      // CP1251 capitals are kana's bytes: `СЕГОДНЯ` is `ﾑﾅﾃﾎﾄﾍﾟ` (voiced), `ﾌﾚﾝﾄﾞ` `МЪЭДЮ` (no Russian spelling).
      ['СЕГОДНЯ_L38.txt', 'cp1251'],
      ['ﾌﾚﾝﾄﾞ_L39.txt', 'shift_jis'],
    ];
    for (const [i, [name, codepage]] of names.entries()) {
      const zip = makeArchive('zip', join(pool.base, `u${i}.zip`), [{ name, codepage, text: accountLines(`hwu${i}x`, 1) }]);
      const dry = await cli(['import', zip, '--dry-run', ...pool.args]);
      expect(dry.stderr).toBe('');
      expect(dry.stdout).toContain(`would import ${zip}!${name}: 1 added`);
      expect((await cli(['import', zip, ...pool.args])).code).toBe(0);
    }
    expect(await poolAccounts(pool, { state: true })).toEqual(names.map((_, i) => `hwu${i}x1 Pw#hwu${i}x-1 ${31 + i} ptc ok`).sort());
  }, 60_000);
});
