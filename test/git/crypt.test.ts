// A pool whose shards are encrypted with git-crypt: the remote only ever holds ciphertext, and
// the merge driver still merges account by account (it decrypts, merges, encrypts again).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, runCli } from '../helpers/cli.js';
import { testdir, waitFor } from '../helpers/testdir.js';
import { Pool } from '../../src/store/pool.js';
import { gitIn, openCommitting, stateForFile, useGitEnv } from './helpers.js';
import { encryptedRemote, gitCrypt, hasGitCrypt } from './git-crypt.js';

beforeAll(useGitEnv);

/**
 * A 40-account encrypted remote, its seed, and two clones of it, unlocked and set up with init
 * --git: made once for the file (git-crypt's init, its filters over every checkout, three pools'
 * set-up) and copied for each test. Every origin is relative, so a copy reaches its own remote.
 */
const twoUnlockedHosts = stateForFile(async () => {
  if (!hasGitCrypt) return testdir();
  const { base, seed } = await encryptedRemote(40);
  await gitIn(seed, 'remote', 'set-url', 'origin', '../remote.git');
  for (const dir of ['a', 'b']) {
    await gitIn(base, 'clone', '--quiet', 'remote.git', dir);
    await gitIn(join(base, dir), 'remote', 'set-url', 'origin', '../remote.git');
    gitCrypt(join(base, dir), 'unlock', join(base, 'pool.key'));
    expect((await cli(['init', '--git', '--pool', join(base, dir)])).code).toBe(0);
  }
  return base;
});

/** A copy of the file's state: its folder, remote, seed, the seed's dump file, and the hosts a and b. */
async function encryptedHosts() {
  const base = await twoUnlockedHosts();
  return { base, remote: join(base, 'remote.git'), seed: join(base, 'seed'), dump: join(base, 'dump.txt'), a: join(base, 'a'), b: join(base, 'b') };
}

describe.skipIf(!hasGitCrypt)('git-crypt', () => {
  it('keeps the shards encrypted on the remote and still merges two hosts\' changes to the same shard', async () => {
    const { base, remote, a, b } = await encryptedHosts();
    expect((await cli(['mark', 'acc1', 'acc2', 'acc3', '--verdict', 'blind', '--pool', a])).code).toBe(0);
    expect((await cli(['allocate', '--count', '10', '--no-check', '--accountcsv', join(base, 'b.csv'), '--instance', 'b', '--pool', b])).code).toBe(0);
    expect((await cli(['sync', '--pool', a])).code).toBe(0);
    const merged = await cli(['sync', '--pool', b]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toContain('1 commit pulled, 1 pushed');

    const state = await (await Pool.open(b)).read();
    expect(state.get('acc1')).toMatchObject({ state: 'blind', holder: 'b' });
    expect((await cli(['verify', '--pool', b])).code).toBe(0);
    for (const shard of ['shards/0.yaml', 'shards/1.yaml']) {
      const stored = execFileSync('git', ['cat-file', 'blob', `main:${shard}`], { cwd: remote });
      expect(stored.subarray(0, 10).toString('latin1')).toBe('\0GITCRYPT\0');
      expect(stored.toString('latin1')).not.toContain('Secret-');
    }
    const log = execFileSync('git', ['log', '-p', '--all'], { cwd: remote }).toString('latin1');
    expect(log).not.toContain('Secret-');
  });

  it('a pulled .gitattributes without the git-crypt line never gets a shard committed or pushed in plain text', async () => {
    const { remote, seed, dump, a: host } = await encryptedHosts();

    // Whoever can push, key or not, drops the line: a plain git commit, pushed.
    const attributes = join(seed, '.gitattributes');
    await writeFile(attributes, (await readFile(attributes, 'utf8')).replace(/^shards\/\*\.yaml filter=git-crypt.*\n/m, ''));
    // Only that file: `commit -a` would also stage the seed's own shards again through no filter
    // whenever their stat looks racy to git, and push its plain text itself (a flake seen on CI).
    await gitIn(seed, 'add', '.gitattributes');
    await gitIn(seed, 'commit', '--quiet', '-m', 'tidy .gitattributes');
    await gitIn(seed, 'push', '--quiet', 'origin', 'main');
    // The pull lands. Whether git then sees the shards as changed (their clean filter gone)
    // depends on how racy their timestamps look to it: if it does, sync already refuses to commit
    // them, as every later step must; if it saw them so before pulling, its rebase stops ("the pool
    // is as it was before the sync") and the operator runs it again, as the test does.
    await waitFor(async () => {
      const pulled = await cli(['sync', '--pool', host]);
      if (pulled.code === 0 || pulled.stderr.includes('filter=git-crypt')) return true;
      expect(pulled.stderr).toContain('the pool is as it was before the sync');
      return false;
    }, { timeoutMs: 15_000, intervalMs: 200, what: 'sync to pull the new .gitattributes' });
    expect(await readFile(join(host, '.gitattributes'), 'utf8')).not.toMatch(/^shards\/\*\.yaml filter=git-crypt/m);

    // A real process: git's warnings go to its stderr. An import writes the shards themselves.
    await writeFile(dump, 'misty:Secret-new\n');
    const imported = await runCli(['import', dump, '--level', '30', '--pool', host]);
    expect(imported.code).toBe(0); // the change is in the pool; only its git commit is refused
    expect(imported.stderr).toContain('would be stored unencrypted, though this clone holds a git-crypt key');
    const again = await cli(['init', '--git', '--pool', host]); // setting the clone up again commits nothing plain either
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('would be stored unencrypted');
    const synced = await cli(['sync', '--pool', host]);
    expect(synced.code).toBe(1);
    expect(synced.stderr).toContain('filter=git-crypt');
    // No shard version either repository stores holds a password in plain text (`git log -p`
    // would only say "Binary files differ" after an encrypted one): the empty shards of the first
    // commit were plain, every later one is ciphertext.
    for (const repo of [remote, host]) {
      const blobs = execFileSync('git', ['rev-list', '--all', '--objects', '--', 'shards'], { cwd: repo }).toString().split('\n').filter((l) => / shards\/\d+\.yaml$/.test(l));
      expect(blobs.length).toBeGreaterThan(0);
      for (const line of blobs) {
        const stored = execFileSync('git', ['cat-file', '-p', line.split(' ')[0]!], { cwd: repo });
        expect(stored.toString('latin1'), `${repo} ${line}`).not.toContain('Secret-');
      }
    }
  });

  // The replay across a reshard is built in a worktree inside .git (reshard-scratch.ts), where
  // git-crypt 0.7 looks for its keys in that worktree's own git folder: until stop 48 its checkout
  // failed ("smudge filter git-crypt failed") and an encrypted pool's host could not sync at all.
  // 2 -> 4 shards (16 until stop 54): any reshard builds the replay in that worktree, and git-crypt's
  // filters run once per shard file in each git add, status and checkout (~4 s of CPU at load 20 for 16).
  it('a host with unpublished commits syncs with a remote another host resharded: replayed, still encrypted', async () => {
    const { base, remote, a, b } = await encryptedHosts();
    expect((await cli(['allocate', '--count', '5', '--no-check', '--accountcsv', join(base, 'a.csv'), '--instance', 'a', '--pool', a])).code).toBe(0);
    await (await openCommitting(b)).reshard(4);
    expect((await cli(['sync', '--pool', b])).code).toBe(0);

    const synced = await cli(['sync', '--pool', a]);
    expect(synced.code, synced.stderr).toBe(0);
    const pool = await Pool.open(a);
    expect(pool.config.shards).toBe(4);
    const state = await pool.read();
    expect(state.size).toBe(40);
    expect([...state.accounts()].filter((x) => x.holder === 'a')).toHaveLength(5);
    expect((await cli(['verify', '--pool', a])).code).toBe(0);
    // The pool's keys are still there (the scratch worktree's link to them went with it), the remote holds ciphertext only.
    expect(existsSync(join(a, '.git', 'git-crypt', 'keys', 'default'))).toBe(true);
    const log = execFileSync('git', ['log', '-p', '--all'], { cwd: remote }).toString('latin1');
    expect(log).not.toContain('Secret-');
  });
});
