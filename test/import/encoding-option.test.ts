// `import --encoding NAME`: the operator names the charset of a file that is not UTF-8 and whose
// bytes do not show which it is (a Cyrillic word reads as letters in windows-1251, KOI8-R and
// ISO-8859-5 alike), so its accounts are read instead of refused by line; an `encoding-NAME/`
// folder says the same for the files below it. Fixtures: test/fixtures/README.md.
import { describe, expect, it } from 'vitest';
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { statedEncoding } from '../../src/formats/stated-encoding.js';
import { folderEncoding } from '../../src/watch/encoding-folder.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/dumps');

describe('import --encoding', () => {
  it('refuses the Cyrillic passwords of a windows-1251 list by line, naming the option; with it they import exact', async () => {
    const pool = await makePool(4);
    const file = join(FIXTURES, 'list-cp1251.txt');
    const refused = await cli(['import', file, '--level', '30', ...pool.args]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('import --encoding NAME');
    expect(refused.stderr).toContain('encoding-NAME/');
    expect(refused.stderr).not.toContain('2017');
    const done = await cli(['import', file, '--encoding', 'cp1251', '--level', '30', '--json', ...pool.args]);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout.trim().split('\n')[0]!)).toMatchObject({ added: 2, updated: 0 });
    const exported = await cli(['export', '--format', 'rocketmap', ...pool.args]);
    expect(exported.stdout).toContain('ivan_92,пароль2017');
    expect(exported.stdout).toContain('sergei_lv30,Пикачу!42');
    expect(exported.stdout).toContain('ash_ketchum7,Pw12345!');
  });

  it('reads UTF-16 saved without its byte-order mark as --encoding utf-16le says; the wrong charset is refused naming the line', async () => {
    const pool = await makePool(4);
    const file = join(FIXTURES, 'list-utf16le-nobom.txt');
    const refused = await cli(['import', file, '--level', '30', ...pool.args]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('UTF-16 without a byte-order mark');
    const done = await cli(['import', file, '--encoding', 'utf-16le', '--level', '30', '--json', ...pool.args]);
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout.trim().split('\n')[0]!)).toMatchObject({ added: 2 });
    // The cp1251 list read as Shift_JIS: 0xFC is no lead byte there, on line 1; nothing imported.
    const wrong = await cli(['import', join(FIXTURES, 'list-cp1251.txt'), '--encoding', 'shift_jis', '--level', '30', ...pool.args]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/list-cp1251\.txt:1: holds bytes that are no shift_jis text: is --encoding shift_jis the file's charset\?/);
    expect(wrong.stderr).not.toContain('Pw12345');
  });

  it('a name that is no charset is a usage error listing the choices; import --help names the option', async () => {
    const pool = await makePool(4);
    const bad = await cli(['import', join(FIXTURES, 'list-cp1251.txt'), '--encoding', 'cyrillic-ish', ...pool.args]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"cyrillic-ish" names no charset');
    expect(bad.stderr).toContain('windows-1250');
    expect(bad.stderr).toContain('koi8-r');
    expect((await cli(['import', '--help'])).stdout).toContain('--encoding NAME');
    // Labels as iconv and browsers spell them, each to the Encoding Standard's name.
    expect(['cp1250', 'CP1251', 'koi8-r', 'latin2', 'mac', 'sjis', 'gbk', 'UTF-16LE'].map((n) => statedEncoding(n))).toEqual(
      ['windows-1250', 'windows-1251', 'koi8-r', 'iso-8859-2', 'macintosh', 'shift_jis', 'gbk', 'utf-16le'].map((encoding) => ({ encoding })),
    );
  });

  it('an encoding-NAME/ folder names the charset of the files below it, in `import DIR` as in the inbox; a bad one refuses them', async () => {
    const pool = await makePool(4);
    const dir = join(pool.base, 'dumps');
    await mkdir(join(dir, 'level-30', 'encoding-windows-1251'), { recursive: true });
    await copyFile(join(FIXTURES, 'list-cp1251.txt'), join(dir, 'level-30', 'encoding-windows-1251', 'stock.txt'));
    const done = await cli(['import', dir, '--json', ...pool.args]);
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout.trim().split('\n')[0]!)).toMatchObject({ added: 3 });
    expect(folderEncoding('encoding-koi8/a.txt')).toEqual({ encoding: 'koi8-r' });
    expect(folderEncoding('encoding-cp1251/level-30/a.txt')).toEqual({ encoding: 'windows-1251' });
    expect(folderEncoding('seller/a.txt')).toEqual({ encoding: undefined });
    expect(folderEncoding('encoding-klingon/a.txt')).toEqual({ error: expect.stringContaining('folder encoding-klingon/ names a charset, but "klingon" names no charset') });
  });
});
