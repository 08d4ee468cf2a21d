// `accountpool init` where a file stands in the place of a folder the pool needs: it names that
// path and exits 1, rather than a bare "EEXIST: file already exists, mkdir" (or a pool that works
// until its first history line), and leaves the file as it was.
import { describe, expect, it } from 'vitest';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { testdir } from '../helpers/testdir.js';

describe('init with a file in the way', () => {
  for (const name of ['shards', 'history', '.cache']) {
    it(`a file named ${name} in the pool folder: named, exit 1, nothing made`, async () => {
      const base = await testdir();
      const dir = join(base, 'pool');
      await mkdir(dir);
      await writeFile(join(dir, name), 'notes\n');
      const result = await cli(['init', '--pool', dir]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`${join(dir, name)} is a file, not a folder`);
      expect(result.stderr).not.toMatch(/EEXIST|ENOTDIR/);
      expect(await readdir(dir)).toEqual([name]);
      expect(await readFile(join(dir, name), 'utf8')).toBe('notes\n');
    });
  }

  it('a file where the pool folder goes (or on its way), or where the inbox goes: named, exit 1', async () => {
    const base = await testdir();
    await writeFile(join(base, 'pool'), 'x');
    const asPool = await cli(['init', '--pool', join(base, 'pool')]);
    expect(asPool.code).toBe(1);
    expect(asPool.stderr).toContain(`${join(base, 'pool')} is a file, not a folder`);
    const below = await cli(['init', '--pool', join(base, 'pool', 'inner')]);
    expect(below.code).toBe(1);
    expect(below.stderr).toContain(`${join(base, 'pool')} is a file, not a folder (on the way to ${join(base, 'pool', 'inner')})`);

    const other = await testdir();
    await writeFile(join(other, 'inbox'), 'x');
    const asInbox = await cli(['init', '--pool', join(other, 'pool')]);
    expect(asInbox.code).toBe(1);
    expect(asInbox.stderr).toContain(`${join(other, 'inbox')} is a file, not a folder`);
    expect(asInbox.stderr).not.toMatch(/EEXIST/);
  });
});
