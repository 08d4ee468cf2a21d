// What the sync learns of the pool's repository from one `git config --list -z` and .git/HEAD
// (src/git/repo.ts), against what git itself answers, in real repositories.
import { beforeAll, describe, expect, it } from 'vitest';
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { testdir } from '../helpers/testdir.js';
import { readConfig, upstreamOf, driverRegistered } from '../../src/git/repo.js';
import { gitIn, useGitEnv } from './helpers.js';

beforeAll(useGitEnv);

async function repo(): Promise<string> {
  const dir = await testdir({ 'f.txt': 'x' });
  await gitIn(dir, 'init', '--quiet');
  await gitIn(dir, 'add', 'f.txt');
  await gitIn(dir, 'commit', '--quiet', '-m', 'one');
  return dir;
}

describe('the repository as the sync reads it', () => {
  it('reads each key as git config --get does: the last value, a value with a newline, a key without a value, the environment\'s', async () => {
    const dir = await repo();
    await gitIn(dir, 'config', 'merge.accountpool.driver', 'node driver %O %A %B');
    await gitIn(dir, 'config', '--add', 'remote.origin.url', '/first');
    await gitIn(dir, 'config', '--add', 'remote.origin.url', '/second');
    await gitIn(dir, 'config', 'branch.Main-X.remote', 'line one\nline two');
    await appendFile(join(dir, '.git', 'config'), '[accountpool]\n\tflag\n'); // a key without `=`
    const config = await readConfig(dir);
    for (const key of ['merge.accountpool.driver', 'remote.origin.url', 'branch.Main-X.remote', 'init.defaultbranch', 'accountpool.flag']) {
      expect(config.get(key), key).toBe((await gitIn(dir, 'config', '--get', key)).trim() || undefined);
    }
    expect(config.get('branch.main-x.remote')).toBeUndefined(); // a subsection keeps its case
    expect(config.get('merge.other.driver')).toBeUndefined();
    expect(await driverRegistered(dir, config)).toBe(true);
  });

  it('names the branch HEAD is on, also beside a tag of the same name, and in a linked worktree', async () => {
    const dir = await repo();
    await gitIn(dir, 'tag', 'main');
    await gitIn(dir, 'remote', 'add', 'origin', '/nowhere');
    expect(await upstreamOf(dir)).toEqual({ branch: 'main', remote: 'origin', remoteBranch: 'main', tracking: 'refs/remotes/origin/main', tracked: false });
    // .git is a file there (`gitdir: ...`): git itself is asked
    const tree = join(await testdir(), 'linked');
    await gitIn(dir, 'worktree', 'add', '--quiet', '-b', 'other', tree);
    await gitIn(dir, 'tag', 'other');
    await gitIn(dir, 'config', 'branch.other.remote', 'origin');
    await gitIn(dir, 'config', 'branch.other.merge', 'refs/heads/shared');
    expect(await upstreamOf(tree)).toEqual({ branch: 'other', remote: 'origin', remoteBranch: 'shared', tracking: 'refs/remotes/origin/shared', tracked: true });
  });

  it('refuses a detached HEAD, read from .git/HEAD or from git', async () => {
    const dir = await repo();
    await gitIn(dir, 'remote', 'add', 'origin', '/nowhere');
    await gitIn(dir, 'checkout', '--quiet', '--detach');
    await expect(upstreamOf(dir)).rejects.toThrow('is not on a branch (detached HEAD)');
    const tree = join(await testdir(), 'linked');
    await gitIn(dir, 'worktree', 'add', '--quiet', '--detach', tree);
    await expect(upstreamOf(tree)).rejects.toThrow('is not on a branch (detached HEAD)');
  });
});
