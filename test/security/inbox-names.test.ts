// The inbox with hostile file names: newlines, `..`, leading dashes, very long and unicode names.
// Every file ends in imported/ or failed/ inside the inbox, nothing is written outside it, and
// no file is lost.
import { describe, expect, it } from 'vitest';
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
});
