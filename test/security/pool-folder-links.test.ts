// The pool's shards/ folder, or its .cache/, found as a link: git checks out a folder another host
// replaced by a link (`shards -> ../../elsewhere`) as that link, and a `.cache` committed with
// `git add -f` too. Followed, every write put the shards, passwords and all, where the link leads
// (outside the pool) and every read took accounts from there. Now every command refuses the pool,
// naming the link: nothing is written there, nothing read from it; the folder put back, all works.
import { describe, expect, it } from 'vitest';
import { cp, mkdir, readdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { poolWithAccounts } from '../helpers/pool.js';

const listing = async (dir: string) => (await readdir(dir, { recursive: true })).sort();

describe('a folder of the pool that is a link', () => {
  it('shards/ a link to a copy elsewhere: every command refuses, nothing is written there; put back, the pool works', async () => {
    const pool = await poolWithAccounts(6);
    const elsewhere = join(pool.base, 'elsewhere');
    const own = join(pool.base, 'own-shards');
    await cp(join(pool.dir, 'shards'), elsewhere, { recursive: true });
    await rename(join(pool.dir, 'shards'), own);
    await symlink('../elsewhere', join(pool.dir, 'shards'));
    const before = await listing(elsewhere);
    const dump = join(pool.base, 'more.txt');
    await writeFile(dump, 'brock03:Secret333\n');
    for (const args of [['import', dump, '--level', '30'], ['allocate', '--count', '1', '--accountcsv', join(pool.base, 'a.csv'), '--no-check'], ['status'], ['verify', '--fix'], ['export', '--out', join(pool.base, 'out.json')]]) {
      const run = await cli([...args, ...pool.args]);
      expect(run.code, args[0]).toBe(1);
      expect(run.stderr).toContain(`${join(pool.dir, 'shards')} is a link (to ../elsewhere), not the pool's own folder`);
    }
    expect(await listing(elsewhere)).toEqual(before);
    await rm(join(pool.dir, 'shards'));
    await rename(own, join(pool.dir, 'shards'));
    expect((await cli(['import', dump, '--level', '30', ...pool.args])).code).toBe(0);
    expect((await cli(['status', '--json', ...pool.args])).stdout).toContain('"total":7');
  });

  it('.cache/ a link to another folder: refused the same way, no cache written there', async () => {
    const pool = await poolWithAccounts(6);
    const elsewhere = join(pool.base, 'elsewhere');
    await mkdir(elsewhere);
    await rm(join(pool.dir, '.cache'), { recursive: true, force: true });
    await symlink(elsewhere, join(pool.dir, '.cache'));
    const run = await cli(['status', ...pool.args]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${join(pool.dir, '.cache')} is a link`);
    expect(await readdir(elsewhere)).toEqual([]);
  });

  for (const sub of ['circle', 'standings', 'log']) {
    it(`.cache/${sub} a link out of the pool (in a .cache committed with git add -f): refused, no username written there`, async () => {
      const pool = await poolWithAccounts(6);
      const elsewhere = join(pool.base, 'elsewhere');
      await mkdir(elsewhere);
      await mkdir(join(pool.dir, '.cache'), { recursive: true });
      await rm(join(pool.dir, '.cache', sub), { recursive: true, force: true });
      await symlink(elsewhere, join(pool.dir, '.cache', sub));
      for (const args of [['allocate', '--count', '1', '--accountcsv', join(pool.base, 'a.csv'), '--no-check'], ['status']]) {
        const run = await cli([...args, ...pool.args]);
        expect(run.code, args[0]).toBe(1);
        expect(run.stderr).toContain(`${join(pool.dir, '.cache', sub)} is a link (to ${elsewhere}), not the pool's own folder`);
      }
      expect(await readdir(elsewhere)).toEqual([]);
      await rm(join(pool.dir, '.cache', sub));
      expect((await cli(['status', ...pool.args])).code).toBe(0);
    });
  }
});
