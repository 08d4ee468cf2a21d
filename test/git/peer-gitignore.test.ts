// A peer's .gitignore that ignores the pool's own files (`shards/.gitignore` of `*.yaml`, or
// `shards/` added to the root's): git takes it as any file. Every commit here then left out the
// new shard files a reshard writes (and a new month of history): `git status` does not list an
// ignored file, and `git add shards` refused the folder. The commit published named, in its
// record, shards its tree lacked, and every other host refused to sync it. Now the pool's commits
// list ignored pool files too and add each by name, forced (src/git/commit.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { Pool } from '../../src/store/pool.js';
import { gitIn, openCommitting, sharedPool, useGitEnv } from './helpers.js';

beforeAll(useGitEnv);

describe("a peer's .gitignore over the pool's files", () => {
  it.each([
    ['shards/.gitignore', '*.yaml\n'],
    ['.gitignore', 'shards/\nhistory/\n'],
  ])("%s: this host's reshard commits every new shard; the other host takes it", async (file, text) => {
    const { clones } = await sharedPool(2, 30);
    const [peer, host] = clones as [string, string];
    await writeFile(join(peer, file), text, { flag: 'a' });
    await gitIn(peer, 'add', '-f', file);
    await gitIn(peer, 'commit', '-qm', 'ignore the shards');
    await gitIn(peer, 'push', '-q', 'origin', 'HEAD');
    expect((await cli(['sync', '--pool', host])).code).toBe(0);

    await (await openCommitting(host)).reshard(8);
    expect((await gitIn(host, 'ls-tree', '--name-only', 'HEAD', 'shards/')).split('\n').filter((f) => f.endsWith('.yaml'))).toHaveLength(8);
    expect((await gitIn(host, 'status', '--porcelain', '--', 'shards', 'accountpool.yaml')).trim()).toBe('');
    const pushed = await cli(['sync', '--pool', host]);
    expect(pushed.code, pushed.stderr).toBe(0);

    const taken = await cli(['sync', '--pool', peer]);
    expect(taken.code, taken.stderr).toBe(0);
    expect((await readdir(join(peer, 'shards'))).filter((f) => f.endsWith('.yaml'))).toHaveLength(8);
    const verify = await cli(['verify', '--pool', peer]);
    expect(verify.stdout, verify.stderr).toContain('is sound: 30 accounts');
  }, 120_000);
});
