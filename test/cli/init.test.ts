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

// Stop 67 (X): `init` run in a pool's subfolder (a `cd pool/shards` then `accountpool init --pool .`,
// a typo) made a second pool inside the first: in its shards/ folder, or beside them with the
// outer pool's own ../inbox as its inbox, so both pools' watchers would take one inbox's dumps.
describe('init inside another pool', () => {
  it('refuses, naming the pool it lies in, and makes nothing; init on the pool itself still works', async () => {
    const base = await testdir();
    const outer = join(base, 'pool');
    expect((await cli(['init', '--pool', outer, '--shards', '2'])).code).toBe(0);
    const before = await readdir(outer);
    for (const inside of [join(outer, 'shards', 'x'), join(outer, 'sub'), join(outer, 'history', 'a', 'b')]) {
      const result = await cli(['init', '--pool', inside]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`cannot make a pool at ${inside}: it lies inside the pool ${outer} (as `);
      expect(await readdir(outer)).toEqual(before);
      expect((await readdir(join(outer, 'shards'))).sort()).toEqual(['.manifest', '0.yaml', '1.yaml']);
    }
    expect((await cli(['init', '--pool', outer])).stdout).toContain('already exists');
  });
});
