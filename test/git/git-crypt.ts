// A pool whose shards git-crypt encrypts, pushed to a bare remote: the set-up the git-crypt tests
// (test/git/crypt.test.ts, test/security/locked-git-crypt.test.ts) start from.
import { execFileSync } from 'node:child_process';
import { expect } from 'vitest';
import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { testdir } from '../helpers/testdir.js';
import { gitIn } from './helpers.js';

export const hasGitCrypt = (() => {
  try {
    execFileSync('git-crypt', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Runs git-crypt; a failure's error carries git-crypt's own words (stderr), so CI shows why. */
export function gitCrypt(cwd: string, ...args: string[]): void {
  try {
    execFileSync('git-crypt', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    throw new Error(`git-crypt ${args[0]} in ${cwd} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

/** A remote seeded by a pool whose shards git-crypt encrypts, holding `accounts` accounts (`acc0:Secret-0`, ...). */
export async function encryptedRemote(accounts: number) {
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
  await writeFile(dump, Array.from({ length: accounts }, (_, i) => `acc${i}:Secret-${i}`).join('\n'));
  expect((await cli(['import', dump, '--level', '30', '--pool', seed])).code).toBe(0);
  await gitIn(seed, 'remote', 'add', 'origin', remote);
  expect((await cli(['sync', '--pool', seed])).code).toBe(0);
  return { base, remote, seed, dump };
}
