// XDG_STATE_HOME (or HOME) pointing into the pool put this host's cache-seal key (seal-key.ts)
// at shards/accountpool/cache-seal.key, and the next commit took it with the shards (`git add
// --all -- shards`): pushed, every peer had the key that makes this host believe a cache. Only
// what the pool writes under shards/ and history/ is committed now. A real process.
import { access, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { GIT_ENV, gitIn, makeGitPool, useGitEnv } from './helpers.js';

beforeAll(useGitEnv);

describe('a file the pool does not write, under shards/ or history/', () => {
  it('is never committed: the seal key made there by XDG_STATE_HOME stays out of git', async () => {
    const pool = await makeGitPool(2);
    const dump = join(pool.base, 'd.txt');
    await writeFile(dump, 'keyuser1:Key-Secret-1\nkeyuser2:Key-Secret-2\n');
    for (const folder of ['shards', 'history']) {
      const run = await runCli(['import', dump, '--level', '30', ...pool.args], { env: { ...GIT_ENV, XDG_STATE_HOME: join(pool.dir, folder) } });
      expect(run.code, run.stderr).toBe(0);
    }
    await access(join(pool.dir, 'shards', 'accountpool', 'cache-seal.key')); // made where it was told
    const tracked = (await gitIn(pool.dir, 'ls-tree', '-r', '--name-only', 'HEAD')).split('\n');
    expect(tracked.filter((f) => f.includes('cache-seal'))).toEqual([]);
    expect(tracked).toContain('shards/.manifest');
    expect(tracked.some((f) => /^history\/\d{4}-\d\d\.txt$/.test(f))).toBe(true);
    expect(await gitIn(pool.dir, 'show', '--stat', 'HEAD')).toMatch(/import d\.txt/);
  });
});
