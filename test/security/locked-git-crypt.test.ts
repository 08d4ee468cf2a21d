// A clone of a pool whose shards git-crypt encrypts, never unlocked (or `git-crypt lock`ed): its
// shards are git-crypt's ciphertext (`\0GITCRYPT\0` and binary). Each command said "not valid
// YAML: a name runs over two lines" or "a shard must be a mapping", and `verify --fix` advised to
// edit them by hand: an edit destroys the ciphertext. Now every command names the shard as
// encrypted in a locked clone and says to unlock it; nothing is written; unlocked, all works.
// git-crypt's header: AGWA/git-crypt commands.cpp (`\0GITCRYPT\0`), as src/git/crypt.ts reads it.
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { appendFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { testdir } from '../helpers/testdir.js';
import { gitIn, useGitEnv } from '../git/helpers.js';

beforeAll(useGitEnv);

const hasGitCrypt = (() => {
  try {
    execFileSync('git-crypt', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const gitCrypt = (cwd: string, ...args: string[]) => execFileSync('git-crypt', args, { cwd, stdio: 'ignore' });

describe.skipIf(!hasGitCrypt)('a locked git-crypt clone', () => {
  it('names each encrypted shard and the unlock, never advises an edit; nothing written; unlocked, the pool works', async () => {
    const base = await testdir();
    const remote = join(base, 'remote.git');
    await gitIn(base, 'init', '--quiet', '--bare', remote);
    const seed = join(base, 'seed');
    expect((await cli(['init', '--pool', seed, '--shards', '2', '--git'])).code).toBe(0);
    gitCrypt(seed, 'init');
    gitCrypt(seed, 'export-key', join(base, 'pool.key'));
    await appendFile(join(seed, '.gitattributes'), 'shards/*.yaml filter=git-crypt diff=git-crypt\n');
    await gitIn(seed, 'add', '.gitattributes');
    await gitIn(seed, 'commit', '--quiet', '-m', 'encrypt the shards');
    await gitIn(seed, 'rm', '--quiet', '--cached', '-r', 'shards');
    await gitIn(seed, 'add', 'shards');
    await gitIn(seed, 'commit', '--quiet', '-m', 'store the shards encrypted');
    const dump = join(base, 'dump.txt');
    await writeFile(dump, Array.from({ length: 20 }, (_, i) => `acc${i}:Secret-${i}`).join('\n'));
    expect((await cli(['import', dump, '--level', '30', '--pool', seed])).code).toBe(0);
    await gitIn(seed, 'remote', 'add', 'origin', remote);
    expect((await cli(['sync', '--pool', seed])).code).toBe(0);

    const locked = join(base, 'locked');
    await gitIn(base, 'clone', '--quiet', remote, locked);
    expect((await cli(['init', '--git', '--pool', locked])).code).toBe(0);
    const shards = join(locked, 'shards');
    const before = await Promise.all((await readdir(shards)).map((n) => readFile(join(shards, n))));
    const args = ['--pool', locked];
    for (const command of [['status'], ['verify'], ['verify', '--fix'], ['import', dump, '--level', '30'], ['allocate', '--count', '2', '--no-check', '--accountcsv', join(base, 'a.csv')]]) {
      const run = await cli([...command, ...args]);
      const said = run.stdout + run.stderr;
      expect(run.code, command.join(' ')).toBe(1);
      // The first shard a command reads is named (allocate reads in its circle's order, not by number).
      expect(said, command.join(' ')).toMatch(/\/shards\/\d+\.yaml: the shard is encrypted by git-crypt and this clone is locked/);
      expect(said, command.join(' ')).toContain('git-crypt unlock');
      expect(said, command.join(' ')).not.toMatch(/not valid YAML|a shard must be a mapping|edit by hand, then/);
    }
    expect(await Promise.all((await readdir(shards)).map((n) => readFile(join(shards, n))))).toEqual(before);

    gitCrypt(locked, 'unlock', join(base, 'pool.key'));
    const allocate = await cli(['allocate', '--count', '2', '--no-check', '--accountcsv', join(base, 'a.csv'), ...args]);
    expect(allocate.code, allocate.stderr).toBe(0);
  }, 120_000);
});
