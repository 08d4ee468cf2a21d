// The inbox with hostile file names: newlines, `..`, leading dashes, very long and unicode names.
// Every file ends in imported/ or failed/ inside the inbox, nothing is written outside it, and
// no file is lost.
import { describe, expect, it } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';

async function tree(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String).sort();
}

describe('inbox file names', () => {
  it('files with hostile names are imported or set aside inside the inbox, never elsewhere', async () => {
    const pool = await makePool(4);
    const inbox = join(pool.base, 'inbox');
    await pool.configure({ default_level: '30' });
    const names = ['dots..txt', '\u2215slash-lookalike.txt', '-rf.txt', 'new\nline.txt', 'tab\there.txt', 'space name .txt', 'ünï©ødé 🐉.txt', `${'x'.repeat(240)}.txt`, '..', 'back\\slash.txt', "quote'\"s.txt"];
    const kept = names.filter((n) => n !== '..'); // `..` is the parent folder, not a file name
    let i = 0;
    for (const name of kept) await writeFile(join(inbox, name), `hostile${i}:pw${i++}\n`);
    await mkdir(join(inbox, 'level-31', 'deep'), { recursive: true });
    await writeFile(join(inbox, 'level-31', 'deep', 'deep..user.txt'), 'deepuser:pw\n');
    // Names starting with a dot are hidden files: left alone where they are, never deleted.
    await writeFile(join(inbox, '..hidden.txt'), 'hiddenuser:pw\n');
    const outsideBefore = (await readdir(pool.base)).sort();
    const result = await cli(['watch', '--once', ...pool.args]);
    expect(result.code, result.stderr).toBe(0);
    expect((await readdir(pool.base)).sort()).toEqual(outsideBefore);
    const after = await tree(inbox);
    const importedFiles = after.filter((p) => p.startsWith('imported/') && /\.txt$/.test(p));
    expect(importedFiles).toHaveLength(kept.length + 1);
    expect(after.filter((p) => !p.startsWith('imported') && !p.startsWith('failed') && !/^level-31(\/deep)?$/.test(p))).toEqual(['..hidden.txt']);
    const snapshot = await (await pool.open()).read();
    expect(snapshot.size).toBe(kept.length + 1);
    expect(snapshot.get('deepuser')?.level).toBe(31);
  });

  it('names up to the 255-byte limit are set aside and imported too: their failed/ names, notes and suffixes are shortened to fit', async () => {
    const pool = await makePool(4);
    const inbox = join(pool.base, 'inbox');
    const longest = (c: string) => `${c.repeat(251)}.txt`; // 255 bytes: NAME.error.txt cannot exist
    await writeFile(join(inbox, longest('x')), 'not a dump at all\n'); // fails: no level known, no accounts
    await mkdir(join(inbox, 'level-30'));
    await writeFile(join(inbox, 'level-30', longest('y')), 'longname1:pw1\n');
    await writeFile(join(inbox, `${'é'.repeat(125)}.txt`), 'x\n'); // 254 bytes of 2-byte characters: cut on a character
    const result = await cli(['watch', '--once', ...pool.args]);
    expect(result.stderr).not.toMatch(/ENAMETOOLONG|stays in the inbox/);
    expect(result.code).toBe(1); // two files failed
    const after = await tree(inbox);
    expect(after.filter((p) => !p.startsWith('imported') && !p.startsWith('failed') && p !== 'level-30')).toEqual([]);
    const failed = after.filter((p) => p.startsWith('failed/'));
    expect(failed).toHaveLength(4); // two dumps, each with its note
    for (const p of failed) expect(Buffer.byteLength(p.slice('failed/'.length))).toBeLessThanOrEqual(255);
    expect(after.filter((p) => /^imported\/[^/]+\/y+/.test(p))).toHaveLength(1);
    expect((await (await pool.open()).read()).get('longname1')?.level).toBe(30);
  });

  it('a name that is not UTF-8 (a Windows code page) is named on stderr and --once exits 1; the file stays, and the rest is imported', async () => {
    const pool = await makePool(4);
    const inbox = join(pool.base, 'inbox');
    await pool.configure({ default_level: '30' });
    // `заказ.txt` in windows-1251, as an archive unpacked from Windows names it: no UTF-8.
    const cp1251 = Buffer.concat([Buffer.from(`${inbox}/`), Buffer.from([0xe7, 0xe0, 0xea, 0xe0, 0xe7]), Buffer.from('.txt')]);
    writeFileSync(cp1251, 'cyrillicuser:pw1\n');
    await writeFile(join(inbox, 'plain.txt'), 'plainuser:pw2\n');
    const result = await cli(['watch', '--once', ...pool.args]);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toMatch(/not taking \uFFFD{5}\.txt: its name is not valid UTF-8/);
    expect(existsSync(cp1251)).toBe(true);
    expect((await (await pool.open()).read()).get('plainuser')?.level).toBe(30);
  });
});
