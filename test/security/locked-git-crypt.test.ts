// A clone of a pool whose shards git-crypt encrypts, never unlocked (or `git-crypt lock`ed): its
// shards are git-crypt's ciphertext (`\0GITCRYPT\0` and binary). Each command said "not valid
// YAML: a name runs over two lines" or "a shard must be a mapping", and `verify --fix` advised to
// edit them by hand: an edit destroys the ciphertext. Now every command names the shard as
// encrypted in a locked clone and says to unlock it; nothing is written; unlocked, all works.
// git-crypt's header: AGWA/git-crypt commands.cpp (`\0GITCRYPT\0`), as src/git/crypt.ts reads it.
import { beforeAll, describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { gitIn, useGitEnv } from '../git/helpers.js';
import { encryptedRemote, gitCrypt, hasGitCrypt } from '../git/git-crypt.js';

beforeAll(useGitEnv);

describe.skipIf(!hasGitCrypt)('a locked git-crypt clone', () => {
  it('names each encrypted shard and the unlock, never advises an edit; nothing written; unlocked, the pool works', async () => {
    const { base, remote, dump } = await encryptedRemote(20);

    const locked = join(base, 'locked');
    await gitIn(base, 'clone', '--quiet', remote, locked);
    // Taken before init --git, which every clone runs first: it once "mended" a CR LF inside the
    // ciphertext (src/git/line-ends.ts), destroying the shard and making the unlock below refuse.
    const shards = join(locked, 'shards');
    const before = await Promise.all((await readdir(shards)).map((n) => readFile(join(shards, n))));
    expect((await cli(['init', '--git', '--pool', locked])).code).toBe(0);
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

    // git-crypt unlock refuses a work tree with a tracked file changed ("Working directory not
    // clean"): none of the refused commands above may leave one.
    expect(await gitIn(locked, 'status', '-uno', '--porcelain')).toBe('');
    gitCrypt(locked, 'unlock', join(base, 'pool.key'));
    const allocate = await cli(['allocate', '--count', '2', '--no-check', '--accountcsv', join(base, 'a.csv'), ...args]);
    expect(allocate.code, allocate.stderr).toBe(0);
  }, 120_000);
});
